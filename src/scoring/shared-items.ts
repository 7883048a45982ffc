/**
 * Items answered plainly, decided once per rubric. Most answers are `true`,
 * `false`, N/A, a level id or a count of 0, and what such an answer gives an
 * applicable item depends on nothing else in the call when the item has no
 * transcript hits or measures, no note and no causes. The first call that
 * gives it scores the item the general way (score.ts); its ItemScore is then
 * kept, frozen, and every later call with the same answer reuses it: no Ratio
 * and no ItemScore built per item.
 *
 * Only an outcome in whole points is kept, so the ItemScore's `points` and
 * `possible` are the exact figures the item adds to its section (rounding a
 * whole number leaves it as it is), and score.ts sums them as integers. Each is
 * at most `limit` in size, so the sum over every item of the rubric is a safe
 * integer. A fatal hit, a deduction, a weight or a bonus is never kept (those
 * take the general path on every call). What is kept is bounded by the rubric:
 * three answers and the level ids per item, and the count 0.
 */
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import type { ItemScore } from './types.js';

/** The kept outcomes of a rubric, by the item's answer slot (src/scoring/parse.ts). */
export interface SharedItems {
  /** The largest figure kept: this many items of this size sum to a safe integer. */
  readonly limit: number;
  /** By slot, the outcome of yes, no and N/A (arrays: the common answers need no hashing, 3–9 % of a call). */
  readonly yes: (ItemScore | undefined)[];
  readonly no: (ItemScore | undefined)[];
  readonly na: (ItemScore | undefined)[];
  /** By slot, then by the answer: a level id or the count 0. */
  readonly kept: (Map<unknown, ItemScore> | undefined)[];
}

/**
 * An empty store for a rubric's plain outcomes.
 *
 * @example
 * ```ts
 * sharedItems(rubric).kept.length; // 0 until a call is scored
 * ```
 */
export function sharedItems(rubric: Rubric): SharedItems {
  return { limit: Number.MAX_SAFE_INTEGER / (rubric.items.size + 1), yes: [], no: [], na: [], kept: [] };
}

/**
 * The kept outcome of `raw` for the item in `slot`, if any.
 *
 * @example
 * ```ts
 * sharedItem(store, 0, true)?.reason; // 'yes', once a call has answered item 0 yes
 * ```
 */
export function sharedItem(s: SharedItems, slot: number, raw: unknown): ItemScore | undefined {
  return raw === true ? s.yes[slot] : raw === false ? s.no[slot] : raw === null ? s.na[slot] : s.kept[slot]?.get(raw);
}

/**
 * Keeps an item's outcome from a plain answer (the caller has checked that
 * nothing but the answer decided it, and whether what it added to its section
 * is in whole points).
 *
 * @example
 * ```ts
 * keepShared(store, item, slot, true, itemScore, true);
 * ```
 */
export function keepShared(s: SharedItems, item: CompiledItem, slot: number, raw: unknown, score: ItemScore, whole: boolean): void {
  // Numbers other than 0 and strings other than level ids (comments) could be anything: not kept.
  if (!whole || Math.abs(score.points) > s.limit || score.possible > s.limit) return;
  if (!(raw === true || raw === false || raw === null || raw === 0 || (typeof raw === 'string' && item.levels?.has(raw) === true))) return;
  Object.freeze(score);
  if (raw === true) s.yes[slot] = score;
  else if (raw === false) s.no[slot] = score;
  else if (raw === null) s.na[slot] = score;
  else (s.kept[slot] ??= new Map()).set(raw, score);
}
