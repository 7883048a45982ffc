/**
 * Batch early warning: {@link createMonitor}'s state machine folded over a
 * whole series, so the batch and live forms raise the same alerts. The
 * default baseline is a Phase I estimate: the agent's own first
 * MIN_OWN_POINTS evaluations when it has them, else the team's.
 */
import { EarlyWarningError } from './errors.js';
import { acknowledgeState, advance, type AgentStatus, initialState, monitorConfig, type MonitorOptions, statusOf } from './monitor.js';
import { chooseBaseline, MIN_OWN_POINTS } from './phase1.js';
import { checkScores, resolveBaseline, toPoints } from './series.js';
import type { Alert, Baseline, ResolvedBaseline, ScorePoint, ScoreSeries } from './types.js';

/**
 * Options of {@link detectDecline}.
 *
 * @example
 * ```ts
 * const o: DetectDeclineOptions = { baseline: { mean: 88, sigma: 4 }, detectors: ['ewma', 'nelson'], failThreshold: 70 };
 * ```
 */
export interface DetectDeclineOptions extends MonitorOptions {
  /**
   * `{ mean, sigma }` (e.g. the team's Phase I baseline), or `{ points: k }` (the
   * raw estimate from the agent's first k, kept for compatibility; short baselines
   * cry wolf). Default: the agent's own Phase I baseline from its first
   * `minOwnPoints` evaluations when it has that many, else `team`.
   */
  readonly baseline?: Baseline;
  /** The team's baseline, used while the agent has fewer than `minOwnPoints` evaluations. */
  readonly team?: { readonly mean: number; readonly sigma: number };
  /** Default {@link MIN_OWN_POINTS} (200). */
  readonly minOwnPoints?: number;
  /**
   * How many leading evaluations form the agent's stable reference period (e.g.
   * its first month). Its own Phase I baseline is used when this is at least
   * `minOwnPoints`, else the team's. Without it: the team's when given, else the
   * agent's first `minOwnPoints`.
   */
  readonly reference?: number;
  /** Evaluations (0-based) after which the open alarm was acknowledged, as a monitor's `acknowledge()` would. */
  readonly acknowledgedAfter?: readonly number[];
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
  /** Every alert, up and down, in evaluation order (then detector order, then rule). */
  readonly alerts: readonly Alert[];
  /** The first `'down'` alert of the whole history, or null (see `status.alarm` for the open one). */
  readonly firstDecline: Alert | null;
  /** The latest `'down'` alert, or null. */
  readonly lastDecline: Alert | null;
  /** In alarm now or not, since when, the level with its interval, the projection. */
  readonly status: AgentStatus;
  /** The agent's latest level: the least-squares line through the last `trendWindow` scores, at the newest. */
  readonly level: number;
  /** level − failThreshold: how far the agent still is above failing (negative: below). */
  readonly marginToFail?: number;
  /** The same margin in baseline σ. */
  readonly marginToFailSigma?: number;
}

/**
 * Runs the chosen detectors over an agent's series with one baseline and
 * returns every alert, the first and latest decline, the agent's status now
 * (in alarm or not, since when, level, projection) and the margin to the
 * failing threshold. Same alerts as a {@link createMonitor} fed the same
 * evaluations with the same options.
 *
 * @param series - the agent's scores in time order
 * @param options - baseline (or team + minOwnPoints), detectors, tuning, failThreshold, restart, acknowledgements, locale
 * @returns the alerts, the declines, the status, the level and the margin to the failing threshold
 * @throws {EarlyWarningError} for bad options, non-finite scores, or no usable baseline (`no_baseline`)
 *
 * @example
 * ```ts
 * const team = { mean: 88, sigma: 5 };
 * const scores = [89, 86, 90, 87, 85, 88, 84, 83, 80, 78, 77, 75, 74, 72];
 * const r = detectDecline(scores, { team, failThreshold: 70 });
 * r.alerts.map((a) => [a.rule, a.index]); // [['ewma', 11], ['cusum', 11], ['ewma', 13], ['cusum', 13]]
 * r.status.inAlarm;                         // true, since evaluation 11
 * r.status.projection?.evaluationsToFail;   // 3: the line through the scores is at 73.2 and falls 1.36 a call
 * ```
 */
export function detectDecline(series: ScoreSeries, options: DetectDeclineOptions = {}): DeclineReport {
  // An agent with no evaluations yet is watched too (on the team's baseline).
  const pts = toPoints(series, 'detectDecline', true);
  return detectDeclineOver(pts.length, (k) => (pts[k] as ScorePoint).score, (k) => pts[k] as ScorePoint, options);
}

/**
 * Internal (not exported from the package): {@link detectDecline} over `n`
 * evaluations read one at a time — `scoreAt` for the baseline, `pointAt` for
 * the charts — so that a centre's agent is charted straight from its columns,
 * with no array of point objects (those would outlive V8's young generation
 * and fill the old one with garbage: millions of them in a large month).
 *
 * @example
 * ```ts
 * detectDeclineOver(scores.length, (k) => scores[k], (k) => ({ score: scores[k], id: ids[k] }), { team });
 * ```
 */
export function detectDeclineOver(n: number, scoreAt: (k: number) => number, pointAt: (k: number) => ScorePoint, options: DetectDeclineOptions = {}): DeclineReport {
  const what = 'detectDecline';
  checkScores(n, scoreAt, what, true);
  // The baseline reads only the leading scores: the first k, or the reference period.
  const head = (want: number): number[] => Array.from({ length: Math.min(n, want) }, (_, k) => scoreAt(k));
  const b = options.baseline;
  const baseline: ResolvedBaseline = b !== undefined
    ? resolveBaseline(head('points' in b && Number.isInteger(b.points) ? b.points : 0).map((score) => ({ score })), b, what)
    : chooseBaseline(referenceOf(head(referenceLength(n, options)), options), options.team ?? null, options.minOwnPoints ?? MIN_OWN_POINTS, what);
  const config = monitorConfig(baseline, options, what);
  const acks = options.acknowledgedAfter ?? [];
  const bad = acks.map((i, k) => [i, k] as const).filter(([i]) => !(Number.isInteger(i) && i >= 0));
  if (bad.length > 0) throw new EarlyWarningError(what, bad.map(([i, k]) => ({ code: 'out_of_range', path: ['options', 'acknowledgedAfter', k], message: `an acknowledgement is after a 0-based evaluation index, got ${i}` })));
  const ackSet = new Set(acks);
  const state = initialState(baseline, config);
  const alerts: Alert[] = [];
  for (let i = 0; i < n; i++) {
    alerts.push(...advance(state, pointAt(i)));
    if (ackSet.has(i)) acknowledgeState(state);
  }
  const status = statusOf(state);
  const level = status.level?.estimate ?? baseline.mean;
  const fail = options.failThreshold;
  const margin = fail === undefined ? {} : { marginToFail: level - fail, marginToFailSigma: (level - fail) / baseline.sigma };
  const downs = alerts.filter((a) => a.direction === 'down');
  return { baseline, alerts, firstDecline: downs[0] ?? null, lastDecline: downs.at(-1) ?? null, status, level, ...margin };
}

/** How many leading evaluations {@link referenceOf} may take (all of them when `reference` is not a usable count: it then reports why). */
function referenceLength(n: number, o: DetectDeclineOptions): number {
  if (o.reference !== undefined) return Number.isInteger(o.reference) && o.reference >= 0 ? o.reference : n;
  return o.team !== undefined ? 0 : (o.minOwnPoints ?? MIN_OWN_POINTS);
}

/** The agent's reference period: the declared leading evaluations, none when a team baseline stands in, else the first minOwnPoints. */
function referenceOf(pts: readonly number[], o: DetectDeclineOptions): readonly number[] {
  if (o.reference !== undefined) {
    if (!(Number.isInteger(o.reference) && o.reference >= 0)) throw new EarlyWarningError('detectDecline', [{ code: 'out_of_range', path: ['options', 'reference'], message: `reference must be an integer ≥ 0, got ${o.reference}` }]);
    return pts.slice(0, o.reference);
  }
  return o.team !== undefined ? [] : pts.slice(0, o.minOwnPoints ?? MIN_OWN_POINTS);
}

/**
 * The alerts at or after an evaluation index or a date (ISO strings compare in
 * time order): what is new since the last review, not the whole history.
 *
 * @example
 * ```ts
 * alertsSince(report.alerts, '2026-11-01'); // November's alerts on
 * alertsSince(report.alerts, 120);          // from the 121st evaluation on
 * ```
 */
export function alertsSince(alerts: readonly Alert[], since: number | string): Alert[] {
  return alerts.filter((a) => (typeof since === 'number' ? a.index >= since : a.date !== undefined && a.date >= since));
}
