/*
 * The class of each UTF-16 code unit for one matcher, filled lazily: what the
 * scanner needs to know about a transcript character in one table read.
 * 0 = a plain character outside the phrase alphabet (resets the automaton),
 * 1…A = alphabet index of its normalised form, REMOVED_CLASS = whitespace to
 * skip, or flag bits sending it down the slow path (several units, surrogates,
 * combining marks). Both the forward scan and the region resolver segment text
 * with {@link UnitClasses.segmentAt}, so they always agree on where a
 * character starts and ends.
 */
import { MULTI, REMOVED, type Normalizer } from './normalize.js';

/** Not classified yet. */
export const UNKNOWN_CLASS = -1;
/** This unit cannot be handled alone: it expands to several units or is a surrogate. */
export const SLOW = 1 << 29;
/** This unit may attach to the one before it (combining mark, high surrogate). */
export const ATTACH = 1 << 28;
/** Whitespace that normalisation removes. */
export const REMOVED_CLASS = (1 << 28) - 1;

/**
 * Lazily filled class table of one matcher (internal).
 *
 * @example
 * ```ts
 * const k = new UnitClasses(getNormalizer(), new Map([[0x5582, 1]])); // 喂 is alphabet index 1
 * k.classOf(0x5582); // 1
 * k.classOf(0x3000); // REMOVED_CLASS (ideographic space)
 * ```
 */
export class UnitClasses {
  readonly table: Int32Array;
  readonly norm: Normalizer;
  readonly alphabet: ReadonlyMap<number, number>;

  constructor(norm: Normalizer, alphabet: ReadonlyMap<number, number>) {
    this.norm = norm;
    this.alphabet = alphabet;
    this.table = new Int32Array(0x10000).fill(UNKNOWN_CLASS);
  }

  /** The class of code unit `c` (computed on first use, then cached). */
  classOf(c: number): number {
    const v = this.table[c] as number;
    return v === UNKNOWN_CLASS ? this.classify(c) : v;
  }

  /** Computes and caches the class of `c`. */
  classify(c: number): number {
    let v: number;
    if (c >= 0xd800 && c < 0xe000) v = SLOW | (c < 0xdc00 ? ATTACH : 0);
    else if (this.norm.attach[c] === 1) v = SLOW | ATTACH;
    else {
      const m = this.norm.unit(c);
      v = m === REMOVED ? REMOVED_CLASS : m === MULTI ? SLOW : (this.alphabet.get(m) ?? 0);
    }
    this.table[c] = v;
    return v;
  }

  /**
   * End (exclusive) of the character starting at `i` whose class is `v`, and
   * whether it is a lone unit: a lone BMP unit mapping to at most one unit and
   * not followed by an attaching mark is one character of one unit; anything
   * else is segmented by the normaliser.
   */
  segmentAt(text: string, i: number, v: number): number {
    const i1 = i + 1;
    if ((v & SLOW) === 0 && (i1 >= text.length || (this.classOf(text.charCodeAt(i1)) & ATTACH) === 0)) return i1;
    return this.norm.segmentEnd(text, i);
  }
}
