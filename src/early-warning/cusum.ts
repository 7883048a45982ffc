import type { Issue } from '../issues/issues.js';
import { EarlyWarningError, type EarlyWarningIssueCode } from './errors.js';
import { fmt, resolveBaseline, tag, toPoints } from './series.js';
import type { Alert, Baseline, ResolvedBaseline, ScoreSeries } from './types.js';

/**
 * Options of {@link cusumChart}.
 *
 * @example
 * ```ts
 * const o: CusumOptions = { baseline: { mean: 10, sigma: 1 }, k: 0.5, h: 5 };
 * ```
 */
export interface CusumOptions {
  /** The target μ0 and σ, or the agent's own first k points (default 10). */
  readonly baseline?: Baseline;
  /** The reference value in σ units, K = kσ; default 0.5 (to detect a 1σ shift). */
  readonly k?: number;
  /** The decision interval in σ units, H = hσ; default 5. */
  readonly h?: number;
  /** K in score points; overrides k. */
  readonly allowance?: number;
  /** H in score points; overrides h. */
  readonly decisionInterval?: number;
  /** Restart a sum at 0 after it signals; default false (Montgomery's table keeps accumulating). */
  readonly resetOnSignal?: boolean;
}

/**
 * One tabular-CUSUM point.
 *
 * @example
 * ```ts
 * cusumChart([11.66], { baseline: { mean: 10, sigma: 1 } }).points[0]; // { upper: 1.16, lower: 0, nUpper: 1, … }
 * ```
 */
export interface CusumPoint {
  readonly index: number;
  readonly value: number;
  /** C⁺_i = max(0, x_i − (μ0 + K) + C⁺_{i−1}). */
  readonly upper: number;
  /** C⁻_i = max(0, (μ0 − K) − x_i + C⁻_{i−1}). */
  readonly lower: number;
  /** N⁺, N⁻: consecutive periods the sum has been above zero. */
  readonly nUpper: number;
  readonly nLower: number;
}

/**
 * The tabular CUSUM of a series.
 *
 * @example
 * ```ts
 * const c: CusumChart = cusumChart(scores, { baseline: { mean: 88, sigma: 4 } }); // c.K === 2, c.H === 20
 * ```
 */
export interface CusumChart {
  readonly baseline: ResolvedBaseline;
  /** K and H in score points. */
  readonly K: number;
  readonly H: number;
  readonly points: readonly CusumPoint[];
  /** One alert each time a sum rises above H. */
  readonly alerts: readonly Alert[];
}

/**
 * The tabular CUSUM's running state: both sums and how many periods each has been above zero.
 *
 * @example
 * ```ts
 * const s: CusumState = { up: 0, lo: 0, nUp: 0, nLo: 0 };
 * ```
 */
export interface CusumState {
  up: number;
  lo: number;
  nUp: number;
  nLo: number;
}

/**
 * One step of the tabular CUSUM (the one recurrence of {@link cusumChart} and
 * the live monitor): C⁺ ← max(0, x − (μ0+K) + C⁺), C⁻ ← max(0, (μ0−K) − x + C⁻),
 * mutating `s`. Says which sums have just risen above H (not those already above).
 *
 * @example
 * ```ts
 * const s = { up: 0, lo: 0, nUp: 0, nLo: 0 };
 * cusumStep(s, 4, 10, 0.5, 5); // { up: false, down: true }: C⁻ = 10 − 0.5 − 4 = 5.5 > 5
 * ```
 */
export function cusumStep(s: CusumState, x: number, mu0: number, K: number, H: number): { up: boolean; down: boolean } {
  const wasUp = s.up > H;
  const wasLo = s.lo > H;
  s.up = Math.max(0, x - (mu0 + K) + s.up);
  s.lo = Math.max(0, mu0 - K - x + s.lo);
  s.nUp = s.up > 0 ? s.nUp + 1 : 0;
  s.nLo = s.lo > 0 ? s.nLo + 1 : 0;
  return { up: s.up > H && !wasUp, down: s.lo > H && !wasLo };
}

/**
 * The tabular CUSUM (Page 1954; Montgomery, Introduction to SQC, §9.1):
 * C⁺_i = max(0, x_i − (μ0+K) + C⁺_{i−1}), C⁻_i = max(0, (μ0−K) − x_i + C⁻_{i−1}),
 * signalling when a sum exceeds H. The alert's window starts at the period
 * after the sum was last zero (the estimated start of the shift), and
 * `estimatedMean` is μ0 + K + C⁺/N⁺ (or μ0 − K − C⁻/N⁻).
 *
 * @param series - the agent's scores in time order
 * @param options - baseline, k and h in σ units (0.5, 5) or K and H in points, reset after signal
 * @returns the sums per point and an alert per crossing of H
 * @throws {EarlyWarningError} for K < 0, H ≤ 0, a too-short series or zero variance
 *
 * @example
 * ```ts
 * const c = cusumChart([9.45, 7.99, 9.29, 11.66, 12.16], { baseline: { mean: 10, sigma: 1 } });
 * c.points.map((p) => p.upper); // [0, 0, 0, 1.16, 2.82]
 * c.points.map((p) => p.lower); // [0.05, 1.56, 1.77, 0, 0]
 * ```
 */
export function cusumChart(series: ScoreSeries, options: CusumOptions = {}): CusumChart {
  const what = 'cusumChart';
  const pts = toPoints(series, what);
  const baseline = resolveBaseline(pts, options.baseline, what);
  const { mean: mu0, sigma } = baseline;
  const K = options.allowance ?? (options.k ?? 0.5) * sigma;
  const H = options.decisionInterval ?? (options.h ?? 5) * sigma;
  const issues: Issue<EarlyWarningIssueCode>[] = [];
  if (!(Number.isFinite(K) && K >= 0)) issues.push({ code: 'negative', path: ['options', options.allowance === undefined ? 'k' : 'allowance'], message: `K must be a finite number ≥ 0, got ${K}` });
  if (!(Number.isFinite(H) && H > 0)) issues.push({ code: 'not_positive', path: ['options', options.decisionInterval === undefined ? 'h' : 'decisionInterval'], message: `H must be a finite number > 0, got ${H}` });
  if (issues.length > 0) throw new EarlyWarningError(what, issues);
  const reset = options.resetOnSignal ?? false;
  const s: CusumState = { up: 0, lo: 0, nUp: 0, nLo: 0 };
  const points: CusumPoint[] = [];
  const alerts: Alert[] = [];
  pts.forEach((p, index) => {
    const crossed = cusumStep(s, p.score, mu0, K, H);
    points.push({ index, value: p.score, upper: s.up, lower: s.lo, nUpper: s.nUp, nLower: s.nLo });
    for (const [dir, c, n, now] of [['up', s.up, s.nUp, crossed.up], ['down', s.lo, s.nLo, crossed.down]] as const) {
      if (now) {
        const estimatedMean = dir === 'up' ? mu0 + K + c / n : mu0 - K - c / n;
        alerts.push({
          rule: 'cusum',
          index,
          window: [index - n + 1, index],
          direction: dir,
          value: c,
          limit: H,
          estimatedMean,
          ...tag(p),
          message: `${dir === 'up' ? 'upper' : 'lower'} CUSUM ${fmt(c)} exceeds H = ${fmt(H)} after ${n} evaluations; mean now about ${fmt(estimatedMean)}`,
        });
      }
    }
    if (reset) {
      if (s.up > H) { s.up = 0; s.nUp = 0; }
      if (s.lo > H) { s.lo = 0; s.nLo = 0; }
    }
  });
  return { baseline, K, H, points, alerts };
}
