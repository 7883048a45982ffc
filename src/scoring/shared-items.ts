/**
 * Items answered plainly, decided once per rubric. Most answers are `true`,
 * `false`, N/A, a level id or a count of 0, and what such an answer gives an
 * applicable item depends on nothing else in the call when the item has no
 * transcript hits or measures, no note and no causes. The first call that
 * gives it scores the item the general way (score.ts); its outcome is then
 * kept — the ItemScore, frozen, and the points it adds to earned and possible
 * as integers over the rubric's common denominator D — and every later call
 * with the same answer reuses it: no Ratio and no ItemScore built per item.
 *
 * The sums stay exact: each kept figure is an integer count of 1/D, at most
 * `limit` in size, so the sum over every item of the rubric is a safe integer;
 * score.ts turns each section's sum into one Ratio. An outcome that D cannot
 * hold, or a fatal hit, a deduction, a weight or a bonus, is never kept (those
 * take the general path on every call). What is kept is bounded by the rubric:
 * three answers and the level ids per item, and the count 0.
 */
import { gcd } from '../exact/pair.js';
import type { Ratio } from '../exact/rational.js';
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import type { ItemScore } from './types.js';

/** An item's outcome from one plain answer: its result, and the points it adds to earned and possible in 1/D units. */
export interface SharedItem {
  readonly score: ItemScore;
  readonly earned: number;
  readonly possible: number;
}

/** The kept outcomes of a rubric, by the item's answer slot (src/scoring/parse.ts). */
export interface SharedItems {
  /** D: the least common multiple of the scoring items' point denominators (1 when it would pass 10^6). */
  readonly denominator: number;
  /** The largest kept figure: n items of this size sum to a safe integer. */
  readonly limit: number;
  /** By slot, then by the answer: true, false, null, a level id or the count 0. */
  readonly kept: (Map<unknown, SharedItem> | undefined)[];
}

/**
 * An empty store for a rubric's plain outcomes, with its common denominator.
 *
 * @example
 * ```ts
 * sharedItems(rubric).denominator; // 1 when every point is whole
 * ```
 */
export function sharedItems(rubric: Rubric): SharedItems {
  let d = 1;
  for (const item of rubric.items.values()) {
    for (const x of [item.max, item.yes, item.no, ...(item.levels?.values() ?? [])]) d = d <= 1e6 ? (d / gcd(d, x.d)) * x.d : d;
  }
  return { denominator: d > 1e6 ? 1 : d, limit: Math.floor(Number.MAX_SAFE_INTEGER / (rubric.items.size + 1)), kept: [] };
}

/**
 * The kept outcome of `raw` for the item in `slot`, if any.
 *
 * @example
 * ```ts
 * sharedItem(store, 0, true)?.score.reason; // 'yes', once a call has answered item 0 yes
 * ```
 */
export function sharedItem(s: SharedItems, slot: number, raw: unknown): SharedItem | undefined {
  return s.kept[slot]?.get(raw);
}

/** x in 1/D units, or null when D cannot hold it or it passes the limit. */
function units(s: SharedItems, x: Ratio): number | null {
  const v = (s.denominator % x.d === 0 ? s.denominator / x.d : NaN) * x.n;
  return Math.abs(v) <= s.limit ? v : null;
}

/**
 * Keeps an item's outcome from a plain answer (the caller has checked that
 * nothing but the answer decided it). `earned` and `possible` are what it
 * added to its section; anything else is left to the general path.
 *
 * @example
 * ```ts
 * keepShared(store, item, slot, true, itemScore, item.yes, item.max);
 * ```
 */
export function keepShared(s: SharedItems, item: CompiledItem, slot: number, raw: unknown, score: ItemScore, earned: Ratio, possible: Ratio): void {
  if (!(raw === true || raw === false || raw === null || raw === 0 || (typeof raw === 'string' && item.levels?.has(raw) === true))) return;
  const e = units(s, earned);
  const p = units(s, possible);
  if (e === null || p === null) return;
  (s.kept[slot] ??= new Map()).set(raw, { score: Object.freeze(score), earned: e, possible: p });
}
