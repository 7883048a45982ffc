import type { Issue } from '../issues/issues.js';
import { type CorrelationResult, pearson, spearman } from './correlation.js';
import { CorrelationError } from './errors.js';
import type { CorrelationIssueCode } from './errors.js';

/**
 * One scored call: its item scores and the outcome it led to.
 *
 * @example
 * ```ts
 * const row: PredictivenessRow = { itemScores: { accurate: 8, apology: true }, outcome: 4 };
 * ```
 */
export interface PredictivenessRow {
  /** Points per item, or yes/no (true = 1); null when not scored. */
  readonly itemScores: Readonly<Record<string, number | boolean | null>>;
  /** Satisfaction rating, or complaint 0/1 (true = 1); null to skip the row. */
  readonly outcome: number | boolean | null;
}

/**
 * Input of {@link itemPredictiveness}.
 *
 * @example
 * ```ts
 * const input: PredictivenessInput = { rows, expect: 'negative', failedBelow: { accurate: 8 } };
 * ```
 */
export interface PredictivenessInput {
  readonly rows: readonly PredictivenessRow[];
  /**
   * Expected sign of the correlation between an item's *score* and the
   * outcome: `'positive'` for satisfaction (default), `'negative'` for complaints.
   */
  readonly expect?: 'positive' | 'negative';
  /** `'pearson'` (default; point-biserial for 0/1) or `'spearman'`. */
  readonly method?: 'pearson' | 'spearman';
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /**
   * Items to code as failed (1) / not failed (0): failed when the score is
   * below the given mark. The expected sign flips for these items, since
   * failing is the opposite of scoring.
   */
  readonly failedBelow?: Readonly<Record<string, number>>;
}

/**
 * How well one item predicts the outcome.
 *
 * @example
 * ```ts
 * const p: ItemPredictiveness = itemPredictiveness({ rows })[0]!;
 * p.label; // 'predictive' | 'no-evidence'
 * ```
 */
export interface ItemPredictiveness {
  readonly itemId: string;
  /** What was correlated: the item score, or failed (1) / not failed (0). */
  readonly coding: 'score' | 'failed';
  /** The sign that would mean the item measures what matters. */
  readonly expected: 'positive' | 'negative';
  readonly correlation: CorrelationResult;
  /** 'predictive' when the whole CI lies on the expected side of 0. */
  readonly label: 'predictive' | 'no-evidence';
}

/**
 * Does each scorecard item predict the outcome the centre cares about
 * (customer satisfaction, complaints)? Per item: the correlation of the item's
 * score (or failed/not failed) with the outcome, n, the confidence interval,
 * and `'predictive'` when the interval excludes 0 in the expected direction,
 * else `'no-evidence'` (also when r or the CI is undefined). Calls where the
 * item or the outcome is missing are dropped for that item and counted.
 *
 * Sorted: predictive items first, then by r in the expected direction
 * (strongest first; undefined r last), then by item id.
 *
 * @param input - rows, expected direction, method, level, failed coding
 * @returns one entry per item id seen in any row
 * @throws {CorrelationError} non-finite scores or outcomes, bad level or marks
 *
 * @example
 * ```ts
 * itemPredictiveness({
 *   rows: [
 *     { itemScores: { apology: 1, pace: 2 }, outcome: 5 },
 *     { itemScores: { apology: 0, pace: 1 }, outcome: 2 },
 *     // …
 *   ],
 * }).map((p) => [p.itemId, p.label]);
 * ```
 */
export function itemPredictiveness(input: PredictivenessInput): ItemPredictiveness[] {
  const issues: Issue<CorrelationIssueCode>[] = [];
  const finite = (v: unknown): boolean => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  input.rows.forEach((row, i) => {
    if (!finite(row.outcome)) issues.push({ code: 'invalid_value', path: ['rows', i, 'outcome'], message: `outcome must be a finite number, a boolean or null, got ${String(row.outcome)}` });
    for (const [itemId, v] of Object.entries(row.itemScores)) {
      if (!finite(v)) issues.push({ code: 'invalid_value', path: ['rows', i, 'itemScores', itemId], message: `item score must be a finite number, a boolean or null, got ${String(v)}` });
    }
  });
  for (const [itemId, mark] of Object.entries(input.failedBelow ?? {})) {
    if (!Number.isFinite(mark)) issues.push({ code: 'invalid_mark', path: ['failedBelow', itemId], message: `pass mark must be a finite number, got ${mark}` });
  }
  if (issues.length > 0) throw new CorrelationError('invalid item predictiveness input', issues);

  const expect = input.expect ?? 'positive';
  const correlate = input.method === 'spearman' ? spearman : pearson;
  const options = input.level === undefined ? {} : { level: input.level };
  const itemIds = [...new Set(input.rows.flatMap((r) => Object.keys(r.itemScores)))].sort();

  const results = itemIds.map((itemId): ItemPredictiveness => {
    const mark = input.failedBelow?.[itemId];
    const coding = mark === undefined ? 'score' : 'failed';
    const xs = input.rows.map((r) => {
      const v = r.itemScores[itemId];
      if (v === null || v === undefined) return null;
      const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      return mark === undefined ? n : n < mark ? 1 : 0;
    });
    const correlation = correlate(xs, input.rows.map((r) => r.outcome), options);
    const expected = coding === 'score' ? expect : expect === 'positive' ? 'negative' : 'positive';
    const ci = correlation.ci;
    const predictive = ci !== null && (expected === 'positive' ? ci[0] > 0 : ci[1] < 0);
    return { itemId, coding, expected, correlation, label: predictive ? 'predictive' : 'no-evidence' };
  });

  const strength = (p: ItemPredictiveness): number | null =>
    p.correlation.r === null ? null : p.expected === 'positive' ? p.correlation.r : -p.correlation.r;
  return results.sort((a, b) => {
    if (a.label !== b.label) return a.label === 'predictive' ? -1 : 1;
    const sa = strength(a);
    const sb = strength(b);
    if (sa !== null && sb !== null && sa !== sb) return sb - sa;
    if ((sa === null) !== (sb === null)) return sa === null ? 1 : -1;
    return a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0;
  });
}
