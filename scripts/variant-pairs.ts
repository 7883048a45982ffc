/**
 * The Traditional → Simplified one-character pairs, read from opencc-js (the
 * source of truth): every CJK code point sent alone through OpenCC's `hk → cn`
 * converter whose result is again exactly one, different code point. Used by
 * `npm run tables` to write src/phrases/variant-table.ts and by the test that
 * checks the committed table equals opencc-js.
 */
import { Converter } from 'opencc-js/t2cn';

/** The code point ranges OpenCC's character tables touch (CJK radicals to Extension G). */
export const CJK_FIRST = 0x2e80;
export const CJK_LAST = 0x3134f;

/**
 * Pairs `[traditional, simplified]` in ascending order of the first.
 *
 * @example
 * ```ts
 * variantPairs().find(([t]) => t === 0x8b1d); // [0x8b1d, 0x8c22] (謝 → 谢)
 * ```
 */
export function variantPairs(): Array<[number, number]> {
  const convert = Converter({ from: 'hk', to: 'cn' });
  const pairs: Array<[number, number]> = [];
  for (let cp = CJK_FIRST; cp <= CJK_LAST; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const out = convert(String.fromCodePoint(cp));
    const first = out.codePointAt(0);
    if (first !== undefined && first !== cp && out.length === (first > 0xffff ? 2 : 1)) pairs.push([cp, first]);
  }
  return pairs;
}

/**
 * The compact form of the pairs: each source as the base-36 distance from the one
 * before, each target as the base-36 signed distance source − target, comma-joined.
 * ~11 KB gzip instead of opencc-js's 195 KB minified.
 *
 * @example
 * ```ts
 * encodePairs([[0x8b1d, 0x8c22]]); // { sources: 'rh9', offsets: '-79' }
 * ```
 */
export function encodePairs(pairs: ReadonlyArray<readonly [number, number]>): { sources: string; offsets: string } {
  let prev = 0;
  const sources: string[] = [];
  const offsets: string[] = [];
  for (const [t, s] of pairs) {
    sources.push((t - prev).toString(36));
    offsets.push((t - s).toString(36));
    prev = t;
  }
  return { sources: sources.join(','), offsets: offsets.join(',') };
}
