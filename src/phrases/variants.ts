import { Converter } from 'opencc-js/t2cn';

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
 */

let convert: ((text: string) => string) | undefined;
const cache = new Map<number, number>();

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
  // ASCII and most Latin never change; skip the converter (and its lazy load).
  if (cp < 0x2e80) return cp;
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  convert ??= Converter({ from: 'hk', to: 'cn' });
  const out = convert(String.fromCodePoint(cp));
  const first = out.codePointAt(0);
  const folded = first !== undefined && out.length === (first > 0xffff ? 2 : 1) ? first : cp;
  cache.set(cp, folded);
  return folded;
}
