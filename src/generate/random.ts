/**
 * Seeded randomness for the synthetic centre. Every call gets its own
 * generator derived from (seed, stream, index), so record i is the same
 * whatever the total count — a 1,000-call file is a prefix of a 1,000,000-call
 * file, and any record can be regenerated alone.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A small seeded random source (mutable; wraps pure-rand's xoroshiro128+).
 *
 * @example
 * ```ts
 * const r: Random = randomFor(1, 0, 0); r.pick(['a', 'b']);
 * ```
 */
export interface Random {
  /** An integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** A float in [0, 1). */
  float(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
}

/** 32-bit mix (murmur3 finaliser) so that nearby indices give unrelated seeds. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * A generator for one (seed, stream, index) triple.
 *
 * @example
 * ```ts
 * const r = randomFor(42, 1, 0);
 * r.int(1, 6); // the same number on every run
 * ```
 */
export function randomFor(seed: number, stream: number, index: number): Random {
  const rng = xoroshiro128plus(mix(mix(mix(seed | 0) ^ stream) + index));
  const float = (): number => uniformInt(rng, 0, 0x3fffffff) / 0x40000000;
  return {
    int: (from, to) => uniformInt(rng, from, to),
    float,
    chance: (p) => float() < p,
    pick: <T>(list: readonly T[]): T => list[uniformInt(rng, 0, list.length - 1)] as T,
  };
}
