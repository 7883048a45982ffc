import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown when calibration input is malformed (a ragged matrix, a score that is
 * not a finite number, a duplicate rating). Merely degenerate input — one
 * evaluator, no variance — is not an error: it yields `{ value: null, reason }`.
 *
 * @example
 * ```ts
 * try { icc([[1, 2], [3]]); } catch (e) {
 *   if (e instanceof CalibrationError) e.issues[0]?.code; // 'ragged_matrix'
 * }
 * ```
 */
export class CalibrationError extends CallqaError<CalibrationIssueCode> {
  constructor(what: string, issues: readonly Issue<CalibrationIssueCode>[]) {
    super(what, issues);
    this.name = 'CalibrationError';
  }
}

/**
 * Why a statistic has no value. Statistics never return NaN or Infinity; they
 * return `{ value: null, reason }` instead.
 *
 * @example
 * ```ts
 * const r: DegenerateReason = 'no_variance';
 * ```
 */
export type DegenerateReason =
  | 'too_few_units'
  | 'too_few_raters'
  | 'no_variance'
  | 'no_pairable_values'
  | 'no_expert_ratings'
  | 'undated_sessions';

/**
 * A statistic that may be undefined for the data given: either a finite
 * `value`, or `value: null` with the reason.
 *
 * @example
 * ```ts
 * const e: Estimate = { value: null, reason: 'no_variance' };
 * if (e.value !== null) console.log(e.value.toFixed(3));
 * ```
 */
export type Estimate =
  | { readonly value: number }
  | { readonly value: null; readonly reason: DegenerateReason };

/** @internal Build an Estimate, refusing non-finite values. */
export function estimate(value: number, reasonIfNotFinite: DegenerateReason): Estimate {
  return Number.isFinite(value) ? { value } : { value: null, reason: reasonIfNotFinite };
}

/** The codes of the issues reported by `CalibrationError`. Listed with their meanings in docs/issue-codes.md. */
export type CalibrationIssueCode =
  /** one session given two dates */
  | 'conflicting_session_date'
  /** one rater rated one call twice */
  | 'duplicate_rating'
  /** no ratings to compare */
  | 'empty'
  /** a count that is not a whole number ≥ 0 */
  | 'invalid_count'
  /** not a valid calendar date or instant */
  | 'invalid_date'
  /** a gap that is not a positive number */
  | 'invalid_gap'
  /** an id that is not a non-empty string */
  | 'invalid_id'
  /** an item score that is not usable */
  | 'invalid_item_score'
  /** an option outside its allowed values */
  | 'invalid_option'
  /** a rating that is not a category */
  | 'invalid_rating'
  /** a score that is not a finite number */
  | 'invalid_score'
  /** a tolerance that is not a number ≥ 0 */
  | 'invalid_tolerance'
  /** one item rated with different kinds of answers */
  | 'mixed_item_types'
  /** a negative value on a ratio scale */
  | 'negative_ratio_value'
  /** not a matrix (a list of rows) */
  | 'not_a_matrix'
  /** a contingency table that is not square */
  | 'not_square'
  /** rows of different lengths */
  | 'ragged_matrix'
  /** units rated by different numbers of raters */
  | 'unequal_raters';
