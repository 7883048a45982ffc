import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown when validity input is malformed: a satisfaction rating that is not
 * a finite number, a complaint that is not yes/no, a non-finite exam result,
 * duplicate call ids. Too little data is not an error: the correlations say
 * `r: null` with a reason.
 *
 * @example
 * ```ts
 * try { rubricValidity(calls, { c1: { satisfaction: Number.NaN } }); } catch (e) {
 *   if (e instanceof ValidityError) e.issues[0]?.path; // ['outcomes', 'c1', 'satisfaction']
 * }
 * ```
 */
export class ValidityError extends CallqaError<ValidityIssueCode> {
  constructor(what: string, issues: readonly Issue<ValidityIssueCode>[]) {
    super(what, issues);
    this.name = 'ValidityError';
  }
}

/** The codes of the issues reported by `ValidityError`. Listed with their meanings in docs/issue-codes.md. */
export type ValidityIssueCode =
  /** an option outside its allowed values */
  | 'invalid_option'
  /** an outcome value that is malformed */
  | 'invalid_outcome'
  /** the outcomes are not a list */
  | 'invalid_outcomes'
  /** a value that is not one of the allowed ones */
  | 'invalid_value';
