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
export class CalibrationError extends CallqaError {
  constructor(what: string, issues: readonly Issue[]) {
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
