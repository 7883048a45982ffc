import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown when a distribution function is asked for a value outside its domain
 * (a probability of 0 or 1, negative degrees of freedom…), so that no NaN or
 * Infinity reaches a report.
 *
 * @example
 * ```ts
 * try { inverseNormalCdf(1); } catch (e) { e instanceof DistributionError; } // true
 * ```
 */
export class DistributionError extends CallqaError<DistributionIssueCode> {
  constructor(fn: string, issues: readonly Issue<DistributionIssueCode>[]) {
    super(`${fn}: argument out of range`, issues);
    this.name = 'DistributionError';
  }
}

/** The codes of the issues reported by `DistributionError`. Listed with their meanings in docs/issue-codes.md. */
export type DistributionIssueCode =
  /** a number outside its allowed range */
  | 'out_of_range';
