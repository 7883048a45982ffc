/*
 * Which characters after a prefilter match need a second look: a combining
 * mark (or a Hangul vowel/final jamo, a half-width voicing mark) attaches to
 * the character before it, so a phrase followed by one is no hit there; a high
 * surrogate may start an astral mark. The prefilter (prefilter.ts) lets its
 * RegExp consume one such character after a match (`[F]?`), so a match ending
 * in a phrase character needs no look at the text after it.
 *
 * F is a coarse superset of the attaching units: their ranges merged across
 * gaps of at most 256 units, which gives 15 ranges instead of ~190 (a RegExp
 * class of 190 ranges made the whole search ~30 % slower; 15 cost ~3 %). The
 * merging never bridges Hiragana and Katakana (U+3031–U+3098 stay out), so a
 * Japanese text does not send every phrase followed by kana down the slow path.
 * A match that consumed a character of F that does not attach is cut back by
 * one unit and stands as if nothing followed it.
 */

/** Longest gap between attaching units that the class bridges. */
const BRIDGE = 256;
/** Units the class never covers unless they attach themselves (kana). */
const KEEP_OUT_FROM = 0x3031;
const KEEP_OUT_TO = 0x3098;

/**
 * The follower class of one attach table: its ranges and a membership table (internal).
 *
 * @example
 * ```ts
 * const f = followersOf(getNormalizer().attach);
 * f.member[0x0301]; // 1 — a combining acute accent
 * f.member[0xff0c]; // 0 — a full-width comma never attaches
 * ```
 */
export interface Followers {
  /** Inclusive [from, to] unit ranges, ascending. */
  readonly ranges: readonly (readonly [number, number])[];
  /** 1 for every unit in a range. */
  readonly member: Uint8Array;
}

const cache = new WeakMap<Uint8Array, Followers>();

/**
 * The follower class for `attach` (1 = the BMP unit attaches to the one before),
 * computed once per table. High surrogates are always in it.
 *
 * @example
 * ```ts
 * followersOf(getNormalizer().attach).ranges.length; // 15
 * ```
 */
export function followersOf(attach: Uint8Array): Followers {
  let f = cache.get(attach);
  if (f) return f;
  const ranges: [number, number][] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (attach[c] !== 1 && !(c >= 0xd800 && c < 0xdc00)) continue;
    const last = ranges[ranges.length - 1];
    const bridges = last !== undefined && c - last[1] <= BRIDGE && (last[1] >= KEEP_OUT_TO || c <= KEEP_OUT_FROM);
    if (bridges) last[1] = c;
    else ranges.push([c, c]);
  }
  const member = new Uint8Array(0x10000);
  for (const [a, b] of ranges) member.fill(1, a, b + 1);
  f = { ranges, member };
  cache.set(attach, f);
  return f;
}
