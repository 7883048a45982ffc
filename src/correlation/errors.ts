import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown when correlation input is malformed: arrays of different lengths, a
 * value that is neither a finite number nor missing, a confidence level
 * outside (0, 1). Too few pairs or no variance is not an error; it yields
 * `{ r: null, reason }`.
 *
 * @example
 * ```ts
 * try { pearson([1, 2], [1]); } catch (e) {
 *   if (e instanceof CorrelationError) e.issues[0]?.code; // 'length_mismatch'
 * }
 * ```
 */
export class CorrelationError extends CallqaError<CorrelationIssueCode> {
  constructor(what: string, issues: readonly Issue<CorrelationIssueCode>[]) {
    super(what, issues);
    this.name = 'CorrelationError';
  }
}

/** The codes of the issues reported by `CorrelationError`. Listed with their meanings in docs/issue-codes.md. */
export type CorrelationIssueCode =
  /** a confidence level outside (0, 1) */
  | 'invalid_level'
  /** an exam mark that is not a finite number */
  | 'invalid_mark'
  /** a value that is not one of the allowed ones */
  | 'invalid_value'
  /** two series of different lengths */
  | 'length_mismatch'
  /** a list was expected */
  | 'not_an_array'
  /** a value that is not 0 or 1 */
  | 'not_binary';
