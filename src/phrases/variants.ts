import { VARIANT_OFFSETS, VARIANT_SOURCES } from './variant-table.js';

/*
 * Traditional → Simplified folding, one code point at a time.
 *
 * Why per character: OpenCC's phrase dictionaries may turn n characters into m,
 * which would break the offset map back to the original transcript. A single
 * character sent alone only meets the one-character tables, and we only accept a
 * result that is again exactly one code point.
 *
 * Why the 'hk' preset: of the three (t, tw, hk) it is the superset of the plain
 * 't' table (adds 敍→叙, 衞→卫, 衹→只, 枱→台 …) without the Taiwan-only choices
 * that damage Simplified text read as Traditional (tw maps 么→幺 — 什么 would
 * become 什幺 — and 著→着).
 *
 * Why a generated table: opencc-js is the source (scripts/variant-pairs.ts reads
 * it; `npm run tables` writes variant-table.ts; a test checks the two agree on
 * every code point), but shipping it costs 195 KB minified in a browser bundle;
 * the 4,231 one-character pairs are ~11 KB gzip. The map is built on first use.
 */

let table: Map<number, number> | undefined;

function build(): Map<number, number> {
  const map = new Map<number, number>();
  const sources = VARIANT_SOURCES.split(',');
  const offsets = VARIANT_OFFSETS.split(',');
  let cp = 0;
  for (let i = 0; i < sources.length; i++) {
    cp += parseInt(sources[i]!, 36);
    map.set(cp, cp - parseInt(offsets[i]!, 36));
  }
  return map;
}

/**
 * Folds one code point from a Traditional (or Hong Kong / Taiwan) variant to its
 * Simplified form; returns the code point unchanged when OpenCC has no
 * one-to-one mapping for it.
 *
 * @example
 * ```ts
 * String.fromCodePoint(foldVariant('謝'.codePointAt(0)!)); // '谢'
 * String.fromCodePoint(foldVariant('么'.codePointAt(0)!)); // '么' (kept)
 * ```
 */
export function foldVariant(cp: number): number {
  // ASCII and most Latin never change; skip the table (and building it).
  if (cp < 0x2e80) return cp;
  table ??= build();
  return table.get(cp) ?? cp;
}
