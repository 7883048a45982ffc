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
export class SamplingError extends CallqaError {
  constructor(what: string, issues: readonly Issue[]) {
    super(what, issues);
    this.name = 'SamplingError';
  }
}

/** Collects issues and throws them together, so one round of fixes is enough. */
export function throwIfIssues(what: string, issues: readonly Issue[]): void {
  if (issues.length > 0) throw new SamplingError(what, issues);
}
