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
export class ProblemError extends CallqaError {
  constructor(what: string, issues: readonly Issue[]) {
    super(what, issues);
    this.name = 'ProblemError';
  }
}
