import { fmt, positive, resolveBaseline, tag, toPoints } from './series.js';
import type { Alert, Baseline, ResolvedBaseline, ScoreSeries } from './types.js';

/**
 * Options of {@link individualsChart}.
 *
 * @example
 * ```ts
 * const o: IndividualsOptions = { baseline: { points: 12 }, L: 3 };
 * ```
 */
export interface IndividualsOptions {
  /** Default: the agent's own first 10 evaluations. */
  readonly baseline?: Baseline;
  /** Limits at centre ± L·σ̂; default 3. */
  readonly L?: number;
}

/**
 * The individuals (XmR) chart of a series.
 *
 * @example
 * ```ts
 * const c: IndividualsChart = individualsChart(scores); // c.ucl, c.lcl, c.alerts
 * ```
 */
export interface IndividualsChart {
  readonly baseline: ResolvedBaseline;
  readonly centre: number;
  readonly ucl: number;
  readonly lcl: number;
  readonly points: readonly { readonly index: number; readonly value: number; readonly movingRange: number | null }[];
  /** One alert per evaluation beyond a limit. */
  readonly alerts: readonly Alert[];
}

/**
 * The individuals (XmR) chart: centre = baseline mean, σ̂ = mean moving range
 * / 1.128 (d2 for n = 2), limits centre ± L·σ̂.
 *
 * @param series - the agent's scores in time order
 * @param options - baseline (own first k points, default 10, or given mean/σ) and L (default 3)
 * @returns the limits, each point with its moving range, and an alert per point beyond a limit
 * @throws {EarlyWarningError} for a series shorter than the baseline, non-finite scores or zero variance
 *
 * @example
 * ```ts
 * const c = individualsChart([90, 88, 91, 89, 90, 70], { baseline: { points: 5 } });
 * c.lcl;                 // 89.6 − 3 × 2/1.128 ≈ 84.28 (moving ranges 2, 3, 2, 1)
 * c.alerts[0]?.direction; // 'down' (index 5)
 * ```
 */
export function individualsChart(series: ScoreSeries, options: IndividualsOptions = {}): IndividualsChart {
  const what = 'individualsChart';
  const pts = toPoints(series, what);
  const L = options.L ?? 3;
  positive(L, ['options', 'L'], what);
  const baseline = resolveBaseline(pts, options.baseline, what);
  const centre = baseline.mean;
  const ucl = centre + L * baseline.sigma;
  const lcl = centre - L * baseline.sigma;
  const alerts: Alert[] = [];
  const points = pts.map((p, index) => {
    const prev = pts[index - 1];
    const movingRange = prev === undefined ? null : Math.abs(p.score - prev.score);
    if (p.score > ucl || p.score < lcl) {
      const down = p.score < lcl;
      alerts.push({
        rule: 'xmr-beyond-limits',
        index,
        window: [index, index],
        direction: down ? 'down' : 'up',
        value: p.score,
        limit: down ? lcl : ucl,
        ...tag(p),
        message: `score ${fmt(p.score)} is ${down ? 'below the lower' : 'above the upper'} limit ${fmt(down ? lcl : ucl)}`,
      });
    }
    return { index, value: p.score, movingRange };
  });
  return { baseline, centre, ucl, lcl, points, alerts };
}
