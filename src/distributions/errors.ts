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
export class DistributionError extends CallqaError {
  constructor(fn: string, issues: readonly Issue[]) {
    super(`${fn}: argument out of range`, issues);
    this.name = 'DistributionError';
  }
}
