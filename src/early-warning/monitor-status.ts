/**
 * An agent's status from a monitor's state: the open alarm, the level (the
 * least-squares line through the last scores, at the newest, with 95%
 * intervals from the baseline σ) and the projection to the failing threshold.
 */
import { inverseNormalCdf } from '../distributions/normal-gamma.js';
import type { AlertRule, DetectorName, ResolvedBaseline } from './types.js';

/**
 * Where an alarm started or last fired.
 *
 * @example
 * ```ts
 * const r: AlertRef = { index: 41, rule: 'cusum', id: 'C-0041', date: '2026-11-03' };
 * ```
 */
export interface AlertRef {
  readonly index: number;
  readonly rule: AlertRule;
  readonly id?: string;
  readonly date?: string;
}

/**
 * An agent's open (unacknowledged) downward alarm.
 *
 * @example
 * ```ts
 * const a: AlarmState = { since: { index: 41, rule: 'cusum' }, last: { index: 41, rule: 'cusum' }, rules: ['cusum'], detectors: ['cusum'], alerts: 1 };
 * ```
 */
export interface AlarmState {
  readonly since: AlertRef;
  readonly last: AlertRef;
  readonly rules: readonly AlertRule[];
  readonly detectors: readonly DetectorName[];
  /** Downward alerts since the alarm opened. */
  readonly alerts: number;
}

/**
 * The agent's current level: the fitted value of the least-squares line
 * through the last scores, with its 95% interval (σ from the baseline).
 *
 * @example
 * ```ts
 * const l: LevelEstimate = { estimate: 82.4, lower: 78.1, upper: 86.7, slope: -0.46, slopeLower: -0.75, slopeUpper: -0.17, window: 20 };
 * ```
 */
export interface LevelEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Points per evaluation; null with one score. */
  readonly slope: number | null;
  readonly slopeLower: number | null;
  readonly slopeUpper: number | null;
  /** Scores in the fit. */
  readonly window: number;
}

/**
 * At the present slope, how many evaluations until the expected score crosses the failing threshold.
 *
 * @example
 * ```ts
 * const p: Projection = { evaluationsToFail: 27, marginToFail: 12.4, basis: 'declining' };
 * ```
 */
export interface Projection {
  /** 0 when the level is already at or below the threshold; null when there is no significant decline. */
  readonly evaluationsToFail: number | null;
  /** level − failThreshold. */
  readonly marginToFail: number;
  /** 'declining': the slope's 95% interval is below 0; 'at-or-below': already failing on average; 'stable': no significant decline. */
  readonly basis: 'declining' | 'at-or-below' | 'stable';
}

/**
 * An agent's status: in alarm or not, since when and on which rules, the level and the projection.
 *
 * @example
 * ```ts
 * const s: AgentStatus = monitor.status(); // s.inAlarm, s.alarm?.since, s.level?.estimate, s.projection?.evaluationsToFail
 * ```
 */
export interface AgentStatus {
  readonly evaluations: number;
  readonly baseline: ResolvedBaseline;
  readonly inAlarm: boolean;
  readonly alarm: AlarmState | null;
  readonly level: LevelEstimate | null;
  readonly failThreshold: number | null;
  readonly projection: Projection | null;
}

const Z95 = inverseNormalCdf(0.975);

/**
 * What a status is computed from: the part of a monitor's state it reads.
 *
 * @example
 * ```ts
 * statusOf({ n: 1, baseline: { mean: 88, sigma: 5, source: 'given' }, alarm: null, recent: [87], config: { failThreshold: 70 } }).projection;
 * // { evaluationsToFail: null, marginToFail: 17, basis: 'stable' }
 * ```
 */
export interface StatusSource {
  readonly n: number;
  readonly baseline: ResolvedBaseline;
  readonly alarm: AlarmState | null;
  readonly recent: readonly number[];
  readonly config: { readonly failThreshold: number | null };
}
/**
 * The status of the agent a state describes.
 *
 * @example
 * ```ts
 * statusOf(state).projection?.evaluationsToFail;
 * ```
 */
export function statusOf(s: StatusSource): AgentStatus {
  const level = levelOf(s.recent, s.baseline.sigma);
  const fail = s.config.failThreshold;
  let projection: Projection | null = null;
  if (fail !== null && level !== null) {
    const margin = level.estimate - fail;
    projection = margin <= 0 ? { evaluationsToFail: 0, marginToFail: margin, basis: 'at-or-below' }
      : level.slopeUpper !== null && level.slopeUpper < 0 && level.slope !== null ? { evaluationsToFail: Math.ceil(margin / -level.slope), marginToFail: margin, basis: 'declining' }
      : { evaluationsToFail: null, marginToFail: margin, basis: 'stable' };
  }
  return { evaluations: s.n, baseline: s.baseline, inAlarm: s.alarm !== null, alarm: s.alarm, level, failThreshold: fail, projection };
}

/** Least-squares line through ys (x = 0 … w − 1), its value at the newest point and 95% intervals with known σ. */
function levelOf(ys: readonly number[], sigma: number): LevelEstimate | null {
  const w = ys.length;
  if (w === 0) return null;
  const ybar = ys.reduce((a, y) => a + y, 0) / w;
  if (w === 1) return { estimate: ybar, lower: ybar - Z95 * sigma, upper: ybar + Z95 * sigma, slope: null, slopeLower: null, slopeUpper: null, window: 1 };
  const xbar = (w - 1) / 2;
  const sxx = (w * (w * w - 1)) / 12;
  let sxy = 0;
  ys.forEach((y, i) => { sxy += (i - xbar) * (y - ybar); });
  const b = sxy / sxx;
  const estimate = ybar + b * (w - 1 - xbar);
  const se = sigma * Math.sqrt(1 / w + (w - 1 - xbar) ** 2 / sxx);
  const seB = sigma / Math.sqrt(sxx);
  return { estimate, lower: estimate - Z95 * se, upper: estimate + Z95 * se, slope: b, slopeLower: b - Z95 * seB, slopeUpper: b + Z95 * seB, window: w };
}

