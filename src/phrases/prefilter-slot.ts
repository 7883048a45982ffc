/*
 * Where the RegExp prefilter (prefilter.ts) plugs into the matcher. The core
 * does not import the prefilter itself: it and its preimage index add ~1.7 KB
 * gzip to a browser bundle, past the scoring bundle's budget, and pay off only
 * on a matcher that scans a lot of text (a batch). The Node entry provides it
 * (enable-prefilter.ts), as it provides mathjs; without it the matcher uses the
 * automaton alone, with the same hits.
 */
import type { Terminal } from './automaton.js';
import type { UnitClasses } from './classes.js';
import type { Normalizer } from './normalize.js';
import type { Prefilter } from './prefilter.js';

/**
 * Builds the prefilter of a matcher, or undefined when its phrases are not eligible.
 *
 * @example
 * ```ts
 * const build: PrefilterBuilder = buildPrefilter;
 * ```
 */
export type PrefilterBuilder = (
  patterns: readonly string[],
  terminals: readonly (readonly Terminal[])[],
  classes: UnitClasses,
  norm: Normalizer,
) => Prefilter | undefined;

let provided: PrefilterBuilder | undefined;

/**
 * Provides the prefilter builder to matchers compiled from now on (internal).
 *
 * @example
 * ```ts
 * providePrefilter(buildPrefilter); // what enablePhrasePrefilter() does
 * ```
 */
export function providePrefilter(builder: PrefilterBuilder): void {
  provided = builder;
}

/**
 * The provided prefilter builder, if any (internal).
 *
 * @example
 * ```ts
 * providedPrefilter()?.(patterns, terminals, classes, norm);
 * ```
 */
export function providedPrefilter(): PrefilterBuilder | undefined {
  return provided;
}
