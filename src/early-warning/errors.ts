import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown for bad or degenerate early-warning input: a series shorter than the
 * chart needs, a non-finite score, zero variance, λ outside (0, 1] …
 *
 * @example
 * ```ts
 * try { ewmaChart([80], { baseline: { points: 10 } }); }
 * catch (e) { if (e instanceof EarlyWarningError) console.log(e.issues[0]?.code); } // 'series_too_short'
 * ```
 */
export class EarlyWarningError extends CallqaError<EarlyWarningIssueCode> {
  constructor(what: string, issues: readonly Issue<EarlyWarningIssueCode>[]) {
    super(what, issues);
    this.name = 'EarlyWarningError';
  }
}

/** The codes of the issues reported by `EarlyWarningError`. Listed with their meanings in docs/issue-codes.md. */
export type EarlyWarningIssueCode =
  /** a saved monitor state that is not callqa's */
  | 'bad_state'
  /** not a valid calendar date or instant */
  | 'invalid_date'
  /** a number below zero where it must not be negative */
  | 'negative'
  /** too few evaluations for a baseline of their own */
  | 'no_baseline'
  /** NaN or ±Infinity where a finite number is needed */
  | 'not_finite'
  /** a number that must be above zero */
  | 'not_positive'
  /** a number outside its allowed range */
  | 'out_of_range'
  /** a series too short for the chart */
  | 'series_too_short'
  /** a detector name that is not known */
  | 'unknown_detector'
  /** a series without variation, so no limits */
  | 'zero_variance';
