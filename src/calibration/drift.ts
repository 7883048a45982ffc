import type { Issue } from '../issues/issues.js';
import { CalibrationError, type Estimate } from './errors.js';
import type { CalibrationIssueCode } from './errors.js';

/**
 * One calibration session's gap between the panel and the expert:
 * `gap` = consensus − expert, averaged over the session's calls (points).
 *
 * @example
 * ```ts
 * const p: DriftPoint = { sessionId: '2024-03', date: '2024-03-15', gap: 1.5 };
 * ```
 */
export interface DriftPoint {
  readonly sessionId: string;
  /** ISO 8601 date (or date-time); sessions are ordered by it, then by id. */
  readonly date: string;
  readonly gap: number;
}

/**
 * The result of {@link consensusDrift}.
 *
 * @example
 * ```ts
 * const d: DriftResult = consensusDrift([]);
 * d.drifting; // null
 * ```
 */
export interface DriftResult {
  /** The points, ordered by date then session id. */
  readonly points: readonly DriftPoint[];
  /** Least-squares slope of gap on session number (0, 1, 2 …): points per session. */
  readonly slope: Estimate;
  /** Fitted gap at the first and the last session, or null without a slope. */
  readonly fittedFirst: number | null;
  readonly fittedLast: number | null;
  /** 'lenient' when the panel is drifting above the expert, 'harsh' below, else null. */
  readonly drifting: 'lenient' | 'harsh' | null;
  readonly tolerance: number;
}

/**
 * Options for {@link consensusDrift}.
 *
 * @example
 * ```ts
 * const o: DriftOptions = { tolerance: 2 };
 * ```
 */
export interface DriftOptions {
  /** Points of fitted change over the span that count as drift. Default 1. */
  readonly tolerance?: number;
}

/**
 * Is calibration drifting the standard? Fits a least-squares line to the
 * per-session gap (consensus − expert) against session number. The seeds warn
 * that calibration must not lower the standard, i.e. the consensus must not
 * become more lenient than the expert over time.
 *
 * `drifting` is `'lenient'` when the fitted gap rises by more than `tolerance`
 * from the first to the last session *and* ends above 0 (the panel now scores
 * above the expert); `'harsh'` is the mirror image. Moving towards the expert
 * (e.g. from −3 to −1) is convergence, not drift. A change of exactly
 * `tolerance` is not drift.
 *
 * @param points - one per session, any order
 * @param options - tolerance
 * @returns slope `{ value: null, reason: 'too_few_units' }` with fewer than 2 sessions
 * @throws {CalibrationError} invalid dates, non-finite gaps, negative tolerance
 *
 * @example
 * ```ts
 * consensusDrift([
 *   { sessionId: 'jan', date: '2024-01-10', gap: 0 },
 *   { sessionId: 'feb', date: '2024-02-10', gap: 1 },
 *   { sessionId: 'mar', date: '2024-03-10', gap: 2 },
 * ]).drifting; // 'lenient' (slope 1 point/session, fitted change 2 > 1)
 * ```
 */
export function consensusDrift(points: readonly DriftPoint[], options: DriftOptions = {}): DriftResult {
  const tolerance = options.tolerance ?? 1;
  const issues: Issue<CalibrationIssueCode>[] = [];
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    issues.push({ code: 'invalid_tolerance', path: ['tolerance'], message: `tolerance must be a finite number ≥ 0, got ${tolerance}` });
  }
  points.forEach((p, i) => {
    if (Number.isNaN(Date.parse(p.date))) issues.push({ code: 'invalid_date', path: [i, 'date'], message: `not an ISO 8601 date: ${JSON.stringify(p.date)}` });
    if (!Number.isFinite(p.gap)) issues.push({ code: 'invalid_gap', path: [i, 'gap'], message: `gap must be a finite number, got ${p.gap}` });
  });
  if (issues.length > 0) throw new CalibrationError('invalid drift input', issues);

  const sorted = [...points].sort(
    (a, b) => Date.parse(a.date) - Date.parse(b.date) || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
  );
  const n = sorted.length;
  if (n < 2) {
    return { points: sorted, slope: { value: null, reason: 'too_few_units' }, fittedFirst: null, fittedLast: null, drifting: null, tolerance };
  }
  // x = 0 … n−1, so x̄ = (n−1)/2 and Sxx = n(n²−1)/12.
  const xBar = (n - 1) / 2;
  const yBar = sorted.reduce((a, p) => a + p.gap, 0) / n;
  let sxy = 0;
  sorted.forEach((p, i) => (sxy += (i - xBar) * (p.gap - yBar)));
  const slope = sxy / ((n * (n * n - 1)) / 12);
  const fittedFirst = yBar - slope * xBar;
  const fittedLast = yBar + slope * xBar;
  const change = fittedLast - fittedFirst;
  const drifting = change > tolerance && fittedLast > 0 ? 'lenient' : change < -tolerance && fittedLast < 0 ? 'harsh' : null;
  return { points: sorted, slope: { value: slope }, fittedFirst, fittedLast, drifting, tolerance };
}
