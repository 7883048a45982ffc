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
export class CorrelationError extends CallqaError {
  constructor(what: string, issues: readonly Issue[]) {
    super(what, issues);
    this.name = 'CorrelationError';
  }
}
