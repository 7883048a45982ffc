import { cusumChart, type CusumOptions } from './cusum.js';
import { EarlyWarningError } from './errors.js';
import { ewmaChart, type EwmaOptions } from './ewma.js';
import { runRules, type RunRuleOptions } from './rules.js';
import { resolveBaseline, toPoints } from './series.js';
import type { Alert, Baseline, ResolvedBaseline, ScoreSeries } from './types.js';
import { individualsChart, type IndividualsOptions } from './xmr.js';

/**
 * The charts and rule sets {@link detectDecline} can run.
 *
 * @example
 * ```ts
 * const d: DetectorName[] = ['ewma', 'cusum', 'western-electric'];
 * ```
 */
export type DetectorName = 'xmr' | 'ewma' | 'cusum' | 'western-electric' | 'nelson';

/**
 * Options of {@link detectDecline}.
 *
 * @example
 * ```ts
 * const o: DetectDeclineOptions = { baseline: { mean: 88, sigma: 4 }, detectors: ['ewma', 'nelson'], failThreshold: 70 };
 * ```
 */
export interface DetectDeclineOptions {
  /** Shared by every chart; default the agent's own first 10 evaluations. */
  readonly baseline?: Baseline;
  /** Default `['ewma', 'cusum']`. */
  readonly detectors?: readonly DetectorName[];
  readonly xmr?: Omit<IndividualsOptions, 'baseline'>;
  readonly ewma?: Omit<EwmaOptions, 'baseline'>;
  readonly cusum?: Omit<CusumOptions, 'baseline'>;
  readonly rules?: Omit<RunRuleOptions, 'baseline' | 'set'>;
  /** The score below which a call fails (the failing band's upper bound). */
  readonly failThreshold?: number;
}

/**
 * The result of {@link detectDecline}.
 *
 * @example
 * ```ts
 * const r: DeclineReport = detectDecline(scores, { failThreshold: 70 }); // r.firstDecline, r.marginToFail
 * ```
 */
export interface DeclineReport {
  readonly baseline: ResolvedBaseline;
  /** Every alert, up and down, sorted by index (then detector order, then rule). */
  readonly alerts: readonly Alert[];
  /** The first `'down'` alert, or null. */
  readonly firstDecline: Alert | null;
  /** The agent's latest level: the last EWMA value (λ from `ewma.lambda`, default 0.2). */
  readonly level: number;
  /** level − failThreshold: how far the agent still is above failing (negative: below). */
  readonly marginToFail?: number;
  /** The same margin in baseline σ. */
  readonly marginToFailSigma?: number;
}

/**
 * Runs the chosen charts and run rules over an agent's series with one
 * shared baseline and returns every alert sorted by index, the first
 * downward one, the agent's latest smoothed level and — given the failing
 * threshold — how far that level still is from it.
 *
 * @param series - the agent's scores in time order
 * @param options - baseline, detectors (default EWMA and CUSUM), per-chart options, failThreshold
 * @returns the alerts, the first decline, the level and the margin to the failing threshold
 * @throws {EarlyWarningError} for an unknown detector, a non-finite threshold, or any chart's input problems
 *
 * @example
 * ```ts
 * const scores = [91, 88, 90, 87, 92, 89, 90, 88, 91, 89, 88, 86, 87, 84, 85, 82, 83, 80];
 * const r = detectDecline(scores, { baseline: { mean: 89, sigma: 2.5 }, failThreshold: 70 });
 * r.alerts.map((a) => [a.rule, a.index, a.direction]); // [['ewma', 15, 'down'], ['cusum', 15, 'down']]
 * r.marginToFail;        // 14.27: the EWMA level 84.27 is still 14.27 points above failing
 * ```
 */
export function detectDecline(series: ScoreSeries, options: DetectDeclineOptions = {}): DeclineReport {
  const what = 'detectDecline';
  const pts = toPoints(series, what);
  const detectors = options.detectors ?? ['ewma', 'cusum'];
  const known: readonly DetectorName[] = ['xmr', 'ewma', 'cusum', 'western-electric', 'nelson'];
  const bad = detectors.map((d, i) => [d, i] as const).filter(([d]) => !known.includes(d));
  if (bad.length > 0) {
    throw new EarlyWarningError(what, bad.map(([d, i]) => ({ code: 'unknown_detector', path: ['options', 'detectors', i], message: `unknown detector ${JSON.stringify(d)}; use one of ${known.join(', ')}` })));
  }
  if (options.failThreshold !== undefined && !Number.isFinite(options.failThreshold)) {
    throw new EarlyWarningError(what, [{ code: 'not_finite', path: ['options', 'failThreshold'], message: `failThreshold must be finite, got ${options.failThreshold}` }]);
  }
  // Resolve once so that every chart judges against the same baseline.
  const resolved = resolveBaseline(pts, options.baseline, what);
  const baseline: Baseline = { mean: resolved.mean, sigma: resolved.sigma };
  const alerts: Alert[] = [];
  const order = new Map<Alert, number>();
  detectors.forEach((d, rank) => {
    const found =
      d === 'xmr' ? individualsChart(pts, { ...options.xmr, baseline }).alerts
      : d === 'ewma' ? ewmaChart(pts, { ...options.ewma, baseline }).alerts
      : d === 'cusum' ? cusumChart(pts, { ...options.cusum, baseline }).alerts
      : runRules(pts, { ...options.rules, baseline, set: d }).alerts;
    for (const a of found) { alerts.push(a); order.set(a, rank); }
  });
  alerts.sort((a, b) => a.index - b.index || (order.get(a) ?? 0) - (order.get(b) ?? 0) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  const ewma = ewmaChart(pts, { ...options.ewma, baseline });
  const level = ewma.points[ewma.points.length - 1]?.z ?? resolved.mean;
  const margin = options.failThreshold === undefined ? {} : { marginToFail: level - options.failThreshold, marginToFailSigma: (level - options.failThreshold) / resolved.sigma };
  return { baseline: resolved, alerts, firstDecline: alerts.find((a) => a.direction === 'down') ?? null, level, ...margin };
}
