/**
 * Items answered plainly, decided once per rubric. Most answers are `true`,
 * `false`, N/A, a level id or a count of 0, and what such an answer gives an
 * applicable item depends on nothing else in the call when the item has no
 * transcript hits or measures, no note and no causes. The first call that
 * gives it scores the item the general way (score.ts); its outcome is then
 * kept — the ItemScore, frozen, and the whole points it adds to earned and
 * possible — and every later call with the same answer reuses it: no Ratio
 * and no ItemScore built per item.
 *
 * The sums stay exact: each kept figure is an integer of at most `limit`, so
 * the sum over every item of the rubric is a safe integer; score.ts turns each
 * section's sum into one Ratio. An outcome in fractions of a point, a fatal
 * hit, a deduction, a weight or a bonus is never kept (those take the general
 * path on every call). What is kept is bounded by the rubric: three answers
 * and the level ids per item, and the count 0.
 */
import type { Ratio } from '../exact/rational.js';
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import type { ItemScore } from './types.js';

/** An item's outcome from one plain answer: its result, and the whole points it adds to earned and possible. */
export interface SharedItem {
  readonly score: ItemScore;
  readonly earned: number;
  readonly possible: number;
}

/** The kept outcomes of a rubric, by the item's answer slot (src/scoring/parse.ts). */
export interface SharedItems {
  /** The largest kept figure: this many items of this size sum to a safe integer. */
  readonly limit: number;
  readonly yes: (SharedItem | undefined)[];
  readonly no: (SharedItem | undefined)[];
  readonly na: (SharedItem | undefined)[];
  /** Level ids and the count 0 (three arrays and a Map measured 9 % faster than one Map for every answer). */
  readonly other: (Map<unknown, SharedItem> | undefined)[];
}

/**
 * An empty store for a rubric's plain outcomes.
 *
 * @example
 * ```ts
 * sharedItems(rubric).yes.length; // 0 until a call is scored
 * ```
 */
export function sharedItems(rubric: Rubric): SharedItems {
  return { limit: Number.MAX_SAFE_INTEGER / (rubric.items.size + 1), yes: [], no: [], na: [], other: [] };
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
  return raw === true ? s.yes[slot] : raw === false ? s.no[slot] : raw === null ? s.na[slot] : s.other[slot]?.get(raw);
}

/**
 * Keeps an item's outcome from a plain answer (the caller has checked that
 * nothing but the answer decided it). `earned` and `possible` are what it
 * added to its section; an outcome in fractions of a point is not kept.
 *
 * @example
 * ```ts
 * keepShared(store, item, slot, true, itemScore, item.yes, item.max);
 * ```
 */
export function keepShared(s: SharedItems, item: CompiledItem, slot: number, raw: unknown, score: ItemScore, earned: Ratio, possible: Ratio): void {
  if (!(raw === true || raw === false || raw === null || raw === 0 || (typeof raw === 'string' && item.levels?.has(raw) === true))) return;
  if (earned.d !== 1 || possible.d !== 1 || Math.abs(earned.n) > s.limit || possible.n > s.limit) return;
  const kept: SharedItem = { score: Object.freeze(score), earned: earned.n, possible: possible.n };
  if (raw === true) s.yes[slot] = kept;
  else if (raw === false) s.no[slot] = kept;
  else if (raw === null) s.na[slot] = kept;
  else (s.other[slot] ??= new Map()).set(raw, kept);
}
