/**
 * When is an item "failed" in a call? The seeds' default is "earned less than
 * its maximum"; centres override it per item (a levels item may only count as
 * failed at its lowest level).
 */
import type { Issue, PathSegment } from '../issues/issues.js';
import type { Rubric } from '../rubric/index.js';
import type { CallScore, ItemScore } from '../scoring/types.js';
import type { ProblemIssueCode } from './errors.js';

/**
 * A per-item failure rule.
 *
 * - `{ below: x }` — failed when scored and points < x;
 * - `{ atMost: x }` — failed when scored and points ≤ x;
 * - `'below-max'` — failed when scored and points < the item's maximum (the default for scoring items);
 * - `'never'` — the item is never a problem (e.g. a bonus item);
 * - a predicate, for anything else (not expressible in a JSON config).
 *
 * Penalties (occurrences > 0) and fatal items (fired) keep their own default
 * unless a rule is given.
 *
 * @example
 * ```ts
 * const rules: Record<string, FailureRule> = { accurate: { atMost: 0 }, empathy: { below: 2 } };
 * ```
 */
export type FailureRule =
  | { readonly below: number }
  | { readonly atMost: number }
  | 'below-max'
  | 'never'
  | ((item: ItemScore, call: CallScore) => boolean);

/**
 * Was the item evaluated in this call at all? N/A, not-applicable and comment
 * results are not, so they count in neither the numerator nor the denominator
 * of a failure rate.
 *
 * @example
 * ```ts
 * isEvaluated({ ...item, status: 'na' }); // false
 * ```
 */
export function isEvaluated(item: ItemScore): boolean {
  return item.status === 'scored';
}

/**
 * The default rule: penalties fail when they occurred, fatal items when they
 * fired, bonus items never (a missed bonus is no problem), every other
 * scoring item when it earned less than its maximum.
 *
 * @example
 * ```ts
 * defaultFailed({ ...item, kind: 'penalty', status: 'scored', occurrences: 2, points: -4 }); // true
 * ```
 */
export function defaultFailed(item: ItemScore): boolean {
  if (!isEvaluated(item)) return false;
  switch (item.kind) {
    case 'penalty':
      return (item.occurrences ?? 0) > 0 || item.points < 0;
    case 'fatal':
      return item.fatal;
    case 'comment':
      return false;
    default:
      // autoFail on a scoring item also marks it fatal; that is a failure even at full points.
      return item.bonus ? item.fatal : item.points < item.max || item.fatal;
  }
}

/**
 * Whether `item` failed in `call` under `rule` (or the default rule). Items
 * not evaluated never fail.
 *
 * @example
 * ```ts
 * itemFailed(item, call, { atMost: 4 }); // true when the item scored 4 or less
 * ```
 */
export function itemFailed(item: ItemScore, call: CallScore, rule?: FailureRule): boolean {
  if (!isEvaluated(item)) return false;
  if (rule === undefined) return defaultFailed(item);
  if (typeof rule === 'function') return rule(item, call);
  if (rule === 'never') return false;
  if (rule === 'below-max') return item.points < item.max;
  if ('below' in rule) return item.points < rule.below;
  return item.points <= rule.atMost;
}

/**
 * Points the item lost in the call, ≥ 0: max − points for scoring items, the
 * deduction for penalties, 0 for fatal items (their cost is the whole call,
 * reported separately) and for anything not evaluated.
 *
 * @example
 * ```ts
 * lostPoints({ ...item, kind: 'levels', status: 'scored', points: 4, max: 8 }); // 4
 * ```
 */
export function lostPoints(item: ItemScore): number {
  if (!isEvaluated(item) || item.kind === 'fatal' || item.kind === 'comment') return 0;
  if (item.kind === 'penalty') return Math.max(0, -item.points);
  if (item.bonus) return 0;
  return Math.max(0, item.max - item.points);
}

/**
 * Internal (not exported from the package): checks a failure-rule map against
 * the rubric and pushes issues.
 *
 * @example
 * ```ts
 * const issues: Issue<ProblemIssueCode>[] = [];
 * checkRules({ accurate: { atMost: 0 } }, rubric, ['failWhen'], issues);
 * ```
 */
export function checkRules<C extends string>(rules: Readonly<Record<string, FailureRule>> | undefined, rubric: Rubric | undefined, path: readonly PathSegment[], issues: Issue<C | ProblemIssueCode>[]): void {
  for (const [itemId, rule] of Object.entries(rules ?? {})) {
    const at = [...path, itemId];
    if (rubric && !rubric.items.has(itemId)) issues.push({ code: 'unknown_item', path: at, message: `the rubric ${rubric.id} has no item "${itemId}"` });
    if (typeof rule === 'function' || rule === 'never' || rule === 'below-max') continue;
    if (rule === null || typeof rule !== 'object') {
      issues.push({ code: 'invalid_rule', path: at, message: 'a failure rule is { below: x }, { atMost: x }, "below-max", "never" or a function' });
      continue;
    }
    const v = 'below' in rule ? rule.below : 'atMost' in rule ? rule.atMost : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      issues.push({ code: 'invalid_rule', path: at, message: `a failure rule needs a finite "below" or "atMost", got ${JSON.stringify(rule)}` });
    }
  }
}
