import { EarlyWarningError } from './errors.js';
import { fmt, positive, resolveBaseline, tag, toPoints } from './series.js';
import type { Alert, Baseline, ResolvedBaseline, ScoreSeries } from './types.js';

/**
 * Options of {@link ewmaChart}.
 *
 * @example
 * ```ts
 * const o: EwmaOptions = { baseline: { mean: 88, sigma: 4 }, lambda: 0.2, L: 3 };
 * ```
 */
export interface EwmaOptions {
  /** The target μ0 and σ, or the agent's own first k points (default 10). */
  readonly baseline?: Baseline;
  /** The weight of the newest evaluation, in (0, 1]; default 0.2. */
  readonly lambda?: number;
  /** Limit width in σ_EWMA; default 3. */
  readonly L?: number;
  /** Which limits raise alerts: exact `'time-varying'` (default) or `'asymptotic'`. */
  readonly limits?: 'time-varying' | 'asymptotic';
}

/**
 * One EWMA point.
 *
 * @example
 * ```ts
 * ewmaChart([52], { baseline: { mean: 50, sigma: 2.0539 }, lambda: 0.3 }).points[0]; // { index: 0, value: 52, z: 50.6, … }
 * ```
 */
export interface EwmaPoint {
  readonly index: number;
  readonly value: number;
  /** z_i = λx_i + (1 − λ)z_{i−1}. */
  readonly z: number;
  /** The time-varying limits μ0 ± Lσ√(λ/(2−λ)·(1 − (1−λ)^{2i})), i = index + 1. */
  readonly ucl: number;
  readonly lcl: number;
}

/**
 * The EWMA chart of a series.
 *
 * @example
 * ```ts
 * const c: EwmaChart = ewmaChart(scores, { baseline: { mean: 88, sigma: 4 } }); // c.asymptotic.lcl
 * ```
 */
export interface EwmaChart {
  readonly baseline: ResolvedBaseline;
  readonly lambda: number;
  readonly L: number;
  /** The steady-state limits μ0 ± Lσ√(λ/(2−λ)). */
  readonly asymptotic: { readonly ucl: number; readonly lcl: number };
  readonly points: readonly EwmaPoint[];
  /** One alert each time the EWMA leaves the limits (not at every point outside). */
  readonly alerts: readonly Alert[];
}

/**
 * Half the width of the EWMA limits after t observations:
 * Lσ√(λ/(2−λ)·(1 − (1−λ)^{2t})); t = Infinity gives the asymptotic Lσ√(λ/(2−λ)).
 *
 * @example
 * ```ts
 * ewmaHalfWidth(2.0539, 0.3, 3, 1);        // 1.84851 (= Lσλ at t = 1)
 * ewmaHalfWidth(2.0539, 0.3, 3, Infinity); // 2.5884
 * ```
 */
export function ewmaHalfWidth(sigma: number, lambda: number, L: number, t: number): number {
  return L * sigma * Math.sqrt((lambda / (2 - lambda)) * (1 - (1 - lambda) ** (2 * t)));
}

/**
 * The EWMA's running state: z, observations since the start, which limit z is
 * beyond (−1, 0, +1), which side of the target it is on and since when.
 *
 * @example
 * ```ts
 * const s: EwmaState = { z: 50, t: 0, out: 0, side: 0, sideSince: 0 };
 * ```
 */
export interface EwmaState {
  z: number;
  t: number;
  out: number;
  side: number;
  sideSince: number;
}

/**
 * One step of the EWMA (the one recurrence of {@link ewmaChart} and the live
 * monitor): z ← λx + (1 − λ)z, t ← t + 1, mutating `s`; `halfAt(t)` gives the
 * limits' half-width at t. Returns −1 or +1 when z has just gone beyond the
 * lower or upper limit, else 0.
 *
 * @example
 * ```ts
 * const s = { z: 50, t: 0, out: 0, side: 0, sideSince: 0 };
 * ewmaStep(s, 60, 0, 0.3, 50, (t) => ewmaHalfWidth(2, 0.3, 3, t)); // +1: z = 53 > 50 + 1.8
 * ```
 */
export function ewmaStep(s: EwmaState, x: number, index: number, lambda: number, target: number, halfAt: (t: number) => number): -1 | 0 | 1 {
  s.z = lambda * x + (1 - lambda) * s.z;
  s.t += 1;
  const half = halfAt(s.t);
  const side = Math.sign(s.z - target);
  if (side !== s.side) { s.side = side; s.sideSince = index; }
  const now = s.z > target + half ? 1 : s.z < target - half ? -1 : 0;
  const crossed = now !== 0 && now !== s.out ? now : 0;
  s.out = now;
  return crossed;
}

/**
 * The EWMA chart (Roberts 1959; NIST e-Handbook §6.3.2.4): z_0 = target,
 * z_i = λx_i + (1 − λ)z_{i−1}, with time-varying and asymptotic limits. An
 * alert fires where z first leaves the limits; its window starts where the
 * EWMA last crossed the target towards that side, i.e. where the drift began.
 *
 * @param series - the agent's scores in time order
 * @param options - baseline (target, σ), λ (default 0.2), L (default 3), which limits alert
 * @returns every z with its limits, the asymptotic limits and the alerts
 * @throws {EarlyWarningError} for λ outside (0, 1], L ≤ 0, a too-short series or zero variance
 *
 * @example
 * ```ts
 * const c = ewmaChart([52.0, 47.0, 53.0], { baseline: { mean: 50, sigma: 2.0539 }, lambda: 0.3 });
 * c.points.map((p) => p.z);  // [50.6, 49.52, 50.564]
 * c.asymptotic.ucl;          // 52.5884
 * ```
 */
export function ewmaChart(series: ScoreSeries, options: EwmaOptions = {}): EwmaChart {
  const what = 'ewmaChart';
  const pts = toPoints(series, what);
  const lambda = options.lambda ?? 0.2;
  if (!(lambda > 0 && lambda <= 1)) {
    throw new EarlyWarningError(what, [{ code: 'out_of_range', path: ['options', 'lambda'], message: `lambda must be in (0, 1], got ${lambda}` }]);
  }
  const L = options.L ?? 3;
  positive(L, ['options', 'L'], what);
  const baseline = resolveBaseline(pts, options.baseline, what);
  const { mean: target, sigma } = baseline;
  const asym = ewmaHalfWidth(sigma, lambda, L, Infinity);
  const useAsym = options.limits === 'asymptotic';
  const points: EwmaPoint[] = [];
  const alerts: Alert[] = [];
  const s: EwmaState = { z: target, t: 0, out: 0, side: 0, sideSince: 0 };
  const halfAt = (t: number): number => (useAsym ? asym : ewmaHalfWidth(sigma, lambda, L, t));
  pts.forEach((p, index) => {
    const crossed = ewmaStep(s, p.score, index, lambda, target, halfAt);
    const half = ewmaHalfWidth(sigma, lambda, L, s.t);
    points.push({ index, value: p.score, z: s.z, ucl: target + half, lcl: target - half });
    if (crossed !== 0) {
      const down = crossed < 0;
      const limit = target + crossed * halfAt(s.t);
      alerts.push({
        rule: 'ewma',
        index,
        window: [s.sideSince, index],
        direction: down ? 'down' : 'up',
        value: s.z,
        limit,
        ...tag(p),
        message: `EWMA ${fmt(s.z)} crossed the ${down ? 'lower' : 'upper'} limit ${fmt(limit)}`,
      });
    }
  });
  return { baseline, lambda, L, asymptotic: { ucl: target + asym, lcl: target - asym }, points, alerts };
}
