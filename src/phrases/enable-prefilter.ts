/*
 * Turns the RegExp prefilter on for phrase matchers (see prefilter-slot.ts for
 * why the core does not import it). Called by the Node entry (src/node.ts) and
 * the batch workers; results are identical with and without it.
 */
import { buildPrefilter } from './prefilter-build.js';
import { providePrefilter } from './prefilter-slot.js';

/**
 * Lets phrase matchers build their RegExp prefilter (docs/phrases.md). Idempotent.
 *
 * @example
 * ```ts
 * enablePhrasePrefilter();
 * compilePhraseMatcher(rules).matchText(text); // same hits, faster for ≤ 32 phrases once used
 * ```
 */
export function enablePhrasePrefilter(): void {
  providePrefilter(buildPrefilter);
}
