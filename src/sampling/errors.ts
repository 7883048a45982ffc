import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown for bad or degenerate sampling input (an empty population, a margin
 * E ≤ 0, a confidence outside (0, 1) …). Carries every issue found.
 *
 * @example
 * ```ts
 * try { sampleSizeForMean({ sigma: 10, margin: 0, confidence: 0.95 }); }
 * catch (e) { if (e instanceof SamplingError) console.log(e.issues[0]?.code); } // 'not_positive'
 * ```
 */
export class SamplingError extends CallqaError<SamplingIssueCode> {
  constructor(what: string, issues: readonly Issue<SamplingIssueCode>[]) {
    super(what, issues);
    this.name = 'SamplingError';
  }
}

/** Collects issues and throws them together, so one round of fixes is enough. */
export function throwIfIssues(what: string, issues: readonly Issue<SamplingIssueCode>[]): void {
  if (issues.length > 0) throw new SamplingError(what, issues);
}

/** The codes of the issues reported by `SamplingError` and the sampling notes. Listed with their meanings in docs/issue-codes.md. */
export type SamplingIssueCode =
  /** an allocation capped by the stratum size */
  | 'capped'
  /** two entries share one id */
  | 'duplicate_id'
  /** two strata share one key */
  | 'duplicate_key'
  /** the population is empty */
  | 'empty_population'
  /** the sample is empty */
  | 'empty_sample'
  /** not a valid calendar date or instant */
  | 'invalid_date'
  /** not an IANA time zone */
  | 'invalid_time_zone'
  /** a minimum above the maximum */
  | 'min_above_max'
  /** a stratum without a standard deviation where Neyman allocation needs one */
  | 'missing_sigma'
  /** a number below zero where it must not be negative */
  | 'negative'
  /** a count that is not a whole number ≥ 0 */
  | 'not_nonnegative_integer'
  /** a number that must be above zero */
  | 'not_positive'
  /** a count that is not a whole number ≥ 1 */
  | 'not_positive_integer'
  /** a number outside its allowed range */
  | 'out_of_range'
  /** a sample raised to meet a per-agent quota */
  | 'raised_by_quota'
  /** a sample raised to give every stratum its minimum */
  | 'raised_by_strata'
  /** a required field is missing */
  | 'required'
  /** give a sample size or a rate, not both (or neither) */
  | 'size_or_rate';
