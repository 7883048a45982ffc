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
export class EarlyWarningError extends CallqaError {
  constructor(what: string, issues: readonly Issue[]) {
    super(what, issues);
    this.name = 'EarlyWarningError';
  }
}
