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

/** Digits of a varint that more digits follow, and of its last digit (32 each). */
export const VARINT_MORE = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
export const VARINT_LAST = 'abcdefghijklmnopqrstuvwxyz!#$%&*';

/** A signed integer as a self-delimiting base-32 varint (zigzag: 0, −1, 1, −2 … → 0, 1, 2, 3 …). */
function varint(n: number): string {
  let z = n < 0 ? -2 * n - 1 : 2 * n;
  let out = VARINT_LAST[z % 32]!;
  for (z = Math.floor(z / 32); z > 0; z = Math.floor(z / 32)) out = VARINT_MORE[z % 32]! + out;
  return out;
}

/**
 * The compact form of the pairs: the sources as varint distances from the previous
 * source, the targets as varint distances from the previous target. ~9.4 KB gzip
 * instead of opencc-js's 195 KB minified (base-36 with commas was ~11 KB).
 *
 * @example
 * ```ts
 * encodePairs([[0x8b1d, 0x8c22], [0x8b1e, 0x8c23]]); // { sources: '25H!c', targets: '262ec' } ('c' is +1)
 * ```
 */
export function encodePairs(pairs: ReadonlyArray<readonly [number, number]>): { sources: string; targets: string } {
  let prevSource = 0;
  let prevTarget = 0;
  let sources = '';
  let targets = '';
  for (const [t, s] of pairs) {
    sources += varint(t - prevSource);
    targets += varint(s - prevTarget);
    prevSource = t;
    prevTarget = s;
  }
  return { sources, targets };
}
