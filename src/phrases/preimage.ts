/*
 * The inverse of the per-character normalisation: for a normalised unit, which
 * original characters produce it. The prefilter (prefilter.ts) needs it to write
 * a RegExp that finds every place a phrase can match in raw text.
 *
 * Computing the normalisation of all 65,536 BMP units costs ~150 ms, so only the
 * characters that normalisation can change are normalised; every other
 * character normalises to itself. A character can change only if it
 * - changes under NFKC or case folding: Unicode's Changes_When_NFKC_Casefolded
 *   covers every character NFKC changes (NFKC_Casefold output is NFKC-normal,
 *   so it differs from any character NFKC changes) and most that lower-casing
 *   changes; Changes_When_Lowercased adds the rest (Cherokee Ꭰ folds to itself
 *   but lower-cases to ꭰ);
 * - is whitespace or a zero-width space (removed), or
 * - is a source of the Traditional→Simplified table.
 * Astral characters with such changes lie in plane 1 and in the CJK
 * compatibility supplement (U+2F800–U+2FA1F); preimage.test.ts checks that over
 * every code point. Computed once per normaliser, on first use.
 */
import { MULTI, REMOVED, type Normalizer } from './normalize.js';
import { variantSources } from './variants.js';

/**
 * The characters whose normalisation is not themselves (internal).
 *
 * @example
 * ```ts
 * const p = preimagesOf(getNormalizer());
 * p.single.get(0x8c22); // [0x8b1d] — 謝 → 谢
 * ```
 */
export interface Preimages {
  /** Normalised unit → the BMP units (other than itself) that normalise to exactly it. */
  readonly single: ReadonlyMap<number, readonly number[]>;
  /** BMP units that normalise to several units, and astral code points, with what they normalise to. */
  readonly expanding: readonly (readonly [number, string])[];
  /** BMP units removed by normalisation (whitespace). */
  readonly removed: readonly number[];
}

const CHANGES = /[\p{Changes_When_NFKC_Casefolded}\p{Changes_When_Lowercased}\s\u200b-\u200d\u2060\ufeff]/u;
const cache = new WeakMap<Normalizer, Preimages>();

/** Code points whose normalisation may differ from themselves (a superset). */
function candidates(): number[] {
  const out: number[] = [];
  const probe = (cp: number): void => {
    if (CHANGES.test(String.fromCodePoint(cp))) out.push(cp);
  };
  for (let cp = 0; cp < 0x20000; cp++) if (cp < 0xd800 || cp >= 0xe000) probe(cp);
  for (let cp = 0x2f800; cp < 0x2fa20; cp++) probe(cp);
  for (const cp of variantSources()) if (!CHANGES.test(String.fromCodePoint(cp))) out.push(cp);
  return out;
}

let shared: number[] | undefined;

/**
 * The preimages of `norm`'s normalisation, computed once per normaliser (internal).
 *
 * @example
 * ```ts
 * preimagesOf(getNormalizer()).removed.includes(0x3000); // true — U+3000 is dropped
 * ```
 */
export function preimagesOf(norm: Normalizer): Preimages {
  let p = cache.get(norm);
  if (p) return p;
  shared ??= candidates();
  const single = new Map<number, number[]>();
  const expanding: [number, string][] = [];
  const removed: number[] = [];
  for (const cp of shared) {
    if (cp >= 0x10000) {
      const s = norm.segment(String.fromCodePoint(cp));
      if (s !== String.fromCodePoint(cp)) expanding.push([cp, s]);
      continue;
    }
    const u = norm.unit(cp);
    if (u === REMOVED) removed.push(cp);
    else if (u === MULTI) expanding.push([cp, norm.multi.get(cp) as string]);
    else if (u !== cp) {
      let list = single.get(u);
      if (!list) single.set(u, (list = []));
      list.push(cp);
    }
  }
  p = { single, expanding, removed };
  cache.set(norm, p);
  return p;
}
