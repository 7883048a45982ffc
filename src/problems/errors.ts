import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown when problem-analysis input is malformed: duplicate call ids, calls
 * scored with another rubric, a failure rule for an item the rubric does not
 * have, a share outside (0, 1]. An empty period is not an error: it yields an
 * empty report.
 *
 * @example
 * ```ts
 * try { analyzeProblems(calls, rubric, { commonShare: 2 }); } catch (e) {
 *   if (e instanceof ProblemError) e.issues[0]?.code; // 'invalid_option'
 * }
 * ```
 */
export class ProblemError extends CallqaError<ProblemIssueCode> {
  constructor(what: string, issues: readonly Issue<ProblemIssueCode>[]) {
    super(what, issues);
    this.name = 'ProblemError';
  }
}

/** The codes of the issues reported by `ProblemError`. Listed with their meanings in docs/issue-codes.md. */
export type ProblemIssueCode =
  /** one call id listed twice */
  | 'duplicate_call'
  /** a call record that is malformed */
  | 'invalid_call'
  /** an option outside its allowed values */
  | 'invalid_option'
  /** a rule that is malformed */
  | 'invalid_rule'
  /** a PDCA tier that is malformed */
  | 'invalid_tier'
  /** a value that is not one of the allowed ones */
  | 'invalid_value'
  /** a list of values that is malformed */
  | 'invalid_values'
  /** a list was expected */
  | 'not_an_array'
  /** a call scored with another rubric */
  | 'rubric_mismatch'
  /** an item id that the rubric does not have */
  | 'unknown_item';
