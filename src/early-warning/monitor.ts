/**
 * Live early warning: one agent's detectors as a state machine fed one
 * evaluation at a time. The state is plain data (JSON in, JSON out), so a CRM
 * can store it per agent and resume; {@link detectDecline} is this same
 * machine folded over a whole series, so the live and batch forms raise
 * exactly the same alerts.
 *
 * Per evaluation: the EWMA z ← λx + (1 − λ)z with time-varying limits
 * target ± Lσ√(λ/(2−λ)·(1 − (1−λ)^{2t})); the tabular CUSUM sums C⁻, C⁺
 * against H; XmR limits mean ± Lσ; run rules on the recent window. After a
 * signal (restart 'on-signal', the default) or after an acknowledgement
 * (restart 'on-acknowledge'), every chart starts afresh: sums 0, EWMA at
 * the target with t = 0, the run-rule window emptied — so an old false alarm
 * never hides a later decline, and an acknowledged alarm is not raised again.
 * The agent's level is the least-squares line through the last `trendWindow`
 * scores (never restarted), with a 95% interval from the baseline σ, and the
 * projection is where that line crosses the failing threshold.
 */
import type { Issue } from '../issues/issues.js';
import { inverseNormalCdf } from '../distributions/normal-gamma.js';
import { EarlyWarningError } from './errors.js';
import { ewmaHalfWidth } from './ewma.js';
import { alertReason, type AlertLocale } from './reason.js';
import { type RunRuleOptions, type RuleSet, ruleChecks } from './rules.js';
import type { Alert, AlertRule, DetectorName, Direction, ResolvedBaseline, ScorePoint } from './types.js';
import { tag } from './series.js';

/**
 * The default detectors and their tuning, chosen by the centre simulation
 * (docs/early-warning.md): EWMA λ 0.1 for slow drifts, CUSUM k 1 for steps of
 * about 2σ; together at most 2% of stable agent-months (40 evaluations each)
 * alarmed. Brook–Evans ARL0 of the downward signals: EWMA 4202, CUSUM 5341.
 *
 * @example
 * ```ts
 * EARLY_WARNING_DEFAULTS.cusum.h; // 3.5
 * ```
 */
export const EARLY_WARNING_DEFAULTS = {
  detectors: ['ewma', 'cusum'] as readonly DetectorName[],
  ewma: { lambda: 0.1, L: 3.3 },
  cusum: { k: 1, h: 3.5 },
  xmr: { L: 3 },
  restart: 'on-signal' as const,
  trendWindow: 20,
  clip: 4,
  autoClear: 30,
} as const;

/**
 * Options of {@link createMonitor} (and of {@link detectDecline}).
 *
 * @example
 * ```ts
 * const o: MonitorOptions = { detectors: ['ewma', 'cusum', 'western-electric'], failThreshold: 70, locale: 'zh-CN' };
 * ```
 */
export interface MonitorOptions {
  /** Default `['ewma', 'cusum']`. */
  readonly detectors?: readonly DetectorName[];
  /** Default λ 0.1, L 3.3 (time-varying limits unless `limits: 'asymptotic'`). */
  readonly ewma?: { readonly lambda?: number; readonly L?: number; readonly limits?: 'time-varying' | 'asymptotic' };
  /** Default k 1, h 3.5 (in σ); `allowance`/`decisionInterval` give K/H in points instead. */
  readonly cusum?: { readonly k?: number; readonly h?: number; readonly allowance?: number; readonly decisionInterval?: number };
  /** Default L 3. */
  readonly xmr?: { readonly L?: number };
  /** Run lengths of the run rules. */
  readonly rules?: Omit<RunRuleOptions, 'baseline' | 'set'>;
  /** The score below which a call fails; enables the projection. */
  readonly failThreshold?: number;
  /** When the charts start afresh: after every signal (default) or only when acknowledged. */
  readonly restart?: 'on-signal' | 'on-acknowledge';
  /** Evaluations in the level-and-slope fit; default 20. */
  readonly trendWindow?: number;
  /** The language of alert messages; default 'en'. */
  readonly locale?: AlertLocale;
  /**
   * Scores are clipped to μ ± clip·σ before charting (winsorised, as robust CUSUM
   * practice does: Lucas & Crosier 1982, Hawkins 1993), so that one fatal call scored
   * 0 is one bad call, not a decline; default 4 (touches 0.006% of normal scores); null: off.
   * The level and the run rules see the scores as they are.
   */
  readonly clip?: number | null;
  /**
   * With restart 'on-signal', an open alarm closes by itself after this many evaluations
   * without a new downward alert (a decline keeps re-signalling: after a restart the EWMA's ARL
   * at a 1σ drop is 13.3, the CUSUM's 21.8); default 30; null: only `acknowledge()` closes it.
   * Ignored with 'on-acknowledge'.
   */
  readonly autoClear?: number | null;
}

/**
 * The normalised settings a monitor runs with (part of its state).
 *
 * @example
 * ```ts
 * createMonitor({ mean: 88, sigma: 5 }).state().config.H; // 17.5 (h 3.5 × σ 5)
 * ```
 */
export interface MonitorConfig {
  readonly detectors: readonly DetectorName[];
  readonly lambda: number;
  readonly L: number;
  readonly limits: 'time-varying' | 'asymptotic';
  /** CUSUM K and H in score points. */
  readonly K: number;
  readonly H: number;
  readonly xmrL: number;
  readonly rules: Omit<RunRuleOptions, 'baseline' | 'set'>;
  readonly failThreshold: number | null;
  readonly restart: 'on-signal' | 'on-acknowledge';
  readonly trendWindow: number;
  readonly locale: AlertLocale;
  readonly clip: number | null;
  readonly autoClear: number | null;
}

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
 * A monitor's complete state: plain data, `JSON.stringify`-able, resumable with {@link resumeMonitor}.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(monitor.state());
 * const again = resumeMonitor(JSON.parse(saved));
 * ```
 */
export interface MonitorState {
  readonly format: 'callqa.early-warning.monitor';
  readonly version: 1;
  readonly baseline: ResolvedBaseline;
  readonly config: MonitorConfig;
  /** Evaluations seen. */
  n: number;
  ewma: { z: number; t: number; out: number; side: number; sideSince: number };
  cusum: { up: number; lo: number; nUp: number; nLo: number };
  /** Scores since the last restart (at most the longest rule window), `start` the index of the first. */
  rules: { start: number; x: number[]; prev: (Direction | null)[] };
  /** The last `trendWindow` scores (never restarted). */
  recent: number[];
  alarm: AlarmState | null;
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

/**
 * A live monitor for one agent.
 *
 * @example
 * ```ts
 * const m = createMonitor({ mean: 88, sigma: 5 }, { failThreshold: 70 });
 * const raised = m.push(79, { id: 'C-1', date: '2026-10-01' });
 * m.status().inAlarm;
 * ```
 */
export interface Monitor {
  /** Adds one evaluation; returns the alerts it raised (usually none). */
  push(score: number, meta?: Omit<ScorePoint, 'score'>): Alert[];
  /** Marks the open alarm as seen: it closes, and every chart starts afresh. */
  acknowledge(): void;
  status(): AgentStatus;
  /** A deep copy of the state, plain data. */
  state(): MonitorState;
}

const Z95 = inverseNormalCdf(0.975);

function invalid(what: string, issues: Issue[]): void {
  if (issues.length > 0) throw new EarlyWarningError(what, issues);
}

/**
 * Checks options and a baseline and returns the monitor's settings (every problem in one error).
 *
 * @example
 * ```ts
 * monitorConfig({ mean: 88, sigma: 5 }, {}).K; // 5 (k 1 × σ 5)
 * ```
 */
export function monitorConfig(baseline: { readonly mean: number; readonly sigma: number }, o: MonitorOptions, what = 'createMonitor'): MonitorConfig {
  const issues: Issue[] = [];
  if (!Number.isFinite(baseline.mean)) issues.push({ code: 'not_finite', path: ['baseline', 'mean'], message: `mean must be finite, got ${baseline.mean}` });
  if (!(Number.isFinite(baseline.sigma) && baseline.sigma > 0)) issues.push({ code: 'not_positive', path: ['baseline', 'sigma'], message: `sigma must be a finite number > 0, got ${baseline.sigma}` });
  const D = EARLY_WARNING_DEFAULTS;
  const detectors = o.detectors ?? D.detectors;
  const known: readonly DetectorName[] = ['xmr', 'ewma', 'cusum', 'western-electric', 'nelson'];
  detectors.forEach((d, i) => {
    if (!known.includes(d)) issues.push({ code: 'unknown_detector', path: ['options', 'detectors', i], message: `unknown detector ${JSON.stringify(d)}; use one of ${known.join(', ')}` });
  });
  const lambda = o.ewma?.lambda ?? D.ewma.lambda;
  const L = o.ewma?.L ?? D.ewma.L;
  if (!(lambda > 0 && lambda <= 1)) issues.push({ code: 'out_of_range', path: ['options', 'ewma', 'lambda'], message: `lambda must be in (0, 1], got ${lambda}` });
  if (!(Number.isFinite(L) && L > 0)) issues.push({ code: 'not_positive', path: ['options', 'ewma', 'L'], message: `L must be a finite number > 0, got ${L}` });
  const s = Number.isFinite(baseline.sigma) && baseline.sigma > 0 ? baseline.sigma : 1;
  const K = o.cusum?.allowance ?? (o.cusum?.k ?? D.cusum.k) * s;
  const H = o.cusum?.decisionInterval ?? (o.cusum?.h ?? D.cusum.h) * s;
  if (!(Number.isFinite(K) && K >= 0)) issues.push({ code: 'negative', path: ['options', 'cusum', o.cusum?.allowance === undefined ? 'k' : 'allowance'], message: `K must be a finite number ≥ 0, got ${K}` });
  if (!(Number.isFinite(H) && H > 0)) issues.push({ code: 'not_positive', path: ['options', 'cusum', o.cusum?.decisionInterval === undefined ? 'h' : 'decisionInterval'], message: `H must be a finite number > 0, got ${H}` });
  const xmrL = o.xmr?.L ?? D.xmr.L;
  if (!(Number.isFinite(xmrL) && xmrL > 0)) issues.push({ code: 'not_positive', path: ['options', 'xmr', 'L'], message: `L must be a finite number > 0, got ${xmrL}` });
  const trendWindow = o.trendWindow ?? D.trendWindow;
  if (!(Number.isInteger(trendWindow) && trendWindow >= 2)) issues.push({ code: 'out_of_range', path: ['options', 'trendWindow'], message: `trendWindow must be an integer ≥ 2, got ${trendWindow}` });
  if (o.failThreshold !== undefined && !Number.isFinite(o.failThreshold)) issues.push({ code: 'not_finite', path: ['options', 'failThreshold'], message: `failThreshold must be finite, got ${o.failThreshold}` });
  if (o.restart !== undefined && o.restart !== 'on-signal' && o.restart !== 'on-acknowledge') issues.push({ code: 'out_of_range', path: ['options', 'restart'], message: `restart is 'on-signal' or 'on-acknowledge', got ${JSON.stringify(o.restart)}` });
  if (o.locale !== undefined && o.locale !== 'en' && o.locale !== 'zh-CN') issues.push({ code: 'out_of_range', path: ['options', 'locale'], message: `locale is 'en' or 'zh-CN', got ${JSON.stringify(o.locale)}` });
  for (const k of ['clip', 'autoClear'] as const) {
    const v = o[k];
    if (v !== undefined && v !== null && !(Number.isFinite(v) && v > 0)) issues.push({ code: 'not_positive', path: ['options', k], message: `${k} must be a number > 0 or null, got ${v}` });
  }
  try {
    ruleChecks(o.rules ?? {}, ['western-electric', 'nelson'], { mean: 0, sigma: 1 }, what);
  } catch (e) {
    if (!(e instanceof EarlyWarningError)) throw e;
    issues.push(...e.issues.map((i) => ({ ...i, path: ['options', 'rules', ...i.path.slice(1)] })));
  }
  invalid(what, issues);
  return {
    detectors: detectors.filter((d, i) => detectors.indexOf(d) === i),
    lambda, L, limits: o.ewma?.limits ?? 'time-varying', K, H, xmrL,
    rules: { ...(o.rules ?? {}) },
    failThreshold: o.failThreshold ?? null,
    restart: o.restart ?? D.restart,
    trendWindow,
    locale: o.locale ?? 'en',
    clip: o.clip === undefined ? D.clip : o.clip,
    autoClear: (o.restart ?? D.restart) === 'on-acknowledge' ? null : o.autoClear === undefined ? D.autoClear : o.autoClear,
  };
}

/**
 * The state of a fresh monitor.
 *
 * @example
 * ```ts
 * initialState({ mean: 88, sigma: 5, source: 'given' }, monitorConfig({ mean: 88, sigma: 5 }, {})).n; // 0
 * ```
 */
export function initialState(baseline: ResolvedBaseline, config: MonitorConfig): MonitorState {
  const s: MonitorState = {
    format: 'callqa.early-warning.monitor', version: 1, baseline: { ...baseline }, config,
    n: 0, ewma: { z: 0, t: 0, out: 0, side: 0, sideSince: 0 }, cusum: { up: 0, lo: 0, nUp: 0, nLo: 0 },
    rules: { start: 0, x: [], prev: [] }, recent: [], alarm: null,
  };
  restart(s);
  return s;
}

/** Every chart starts afresh at the next evaluation. */
function restart(s: MonitorState): void {
  s.ewma = { z: s.baseline.mean, t: 0, out: 0, side: 0, sideSince: s.n };
  s.cusum = { up: 0, lo: 0, nUp: 0, nLo: 0 };
  s.rules = { start: s.n, x: [], prev: [] };
}

function ruleSets(detectors: readonly DetectorName[]): RuleSet[] {
  return detectors.filter((d): d is RuleSet => d === 'western-electric' || d === 'nelson');
}

/** Compiled run-rule checks per config; the config object is the key (the state only holds plain data). */
const compiled = new WeakMap<MonitorConfig, ReturnType<typeof ruleChecks> | null>();
function checksOf(s: MonitorState): ReturnType<typeof ruleChecks> | null {
  let c = compiled.get(s.config);
  if (c === undefined) {
    const sets = ruleSets(s.config.detectors);
    c = sets.length === 0 ? null : ruleChecks(s.config.rules, sets, s.baseline);
    compiled.set(s.config, c);
  }
  return c;
}

/**
 * Feeds one evaluation to a state (mutating it) and returns the alerts it raised.
 *
 * @example
 * ```ts
 * const s = initialState({ mean: 88, sigma: 5, source: 'given' }, monitorConfig({ mean: 88, sigma: 5 }, {}));
 * advance(s, { score: 60 }); // one ewma and one cusum alert, both 'down'
 * ```
 */
export function advance(s: MonitorState, p: ScorePoint): Alert[] {
  const c = s.config;
  const { mean: mu, sigma } = s.baseline;
  const index = s.n;
  // The charts see the score clipped to μ ± clip·σ; the level and the run rules see it as it is.
  const x = c.clip === null ? p.score : Math.min(mu + c.clip * sigma, Math.max(mu - c.clip * sigma, p.score));
  const raised: Alert[] = [];
  const meta = tag(p);
  const emit = (a: Omit<Alert, 'message' | 'id' | 'date'>, pattern?: string): void => {
    raised.push({ ...a, ...meta, message: alertReason({ ...a, ...(pattern === undefined ? {} : { pattern }) }, c.locale) });
  };
  for (const d of c.detectors) {
    if (d === 'xmr') {
      if (Math.abs(p.score - mu) > c.xmrL * sigma) {
        const down = p.score < mu;
        emit({ rule: 'xmr-beyond-limits', detectors: ['xmr'], index, window: [index, index], direction: down ? 'down' : 'up', value: p.score, limit: mu + (down ? -1 : 1) * c.xmrL * sigma });
      }
    } else if (d === 'ewma') {
      const e = s.ewma;
      e.z = c.lambda * x + (1 - c.lambda) * e.z;
      e.t += 1;
      const half = ewmaHalfWidth(sigma, c.lambda, c.L, c.limits === 'asymptotic' ? Infinity : e.t);
      const side = Math.sign(e.z - mu);
      if (side !== e.side) { e.side = side; e.sideSince = index; }
      const now = e.z > mu + half ? 1 : e.z < mu - half ? -1 : 0;
      if (now !== 0 && now !== e.out) {
        emit({ rule: 'ewma', detectors: ['ewma'], index, window: [e.sideSince, index], direction: now < 0 ? 'down' : 'up', value: e.z, limit: mu + now * half });
      }
      e.out = now;
    } else if (d === 'cusum') {
      const u = s.cusum;
      const wasUp = u.up > c.H;
      const wasLo = u.lo > c.H;
      u.up = Math.max(0, x - (mu + c.K) + u.up);
      u.lo = Math.max(0, mu - c.K - x + u.lo);
      u.nUp = u.up > 0 ? u.nUp + 1 : 0;
      u.nLo = u.lo > 0 ? u.nLo + 1 : 0;
      for (const [dir, sum, n, was] of [['down', u.lo, u.nLo, wasLo], ['up', u.up, u.nUp, wasUp]] as const) {
        if (sum > c.H && !was) {
          emit({ rule: 'cusum', detectors: ['cusum'], index, window: [index - n + 1, index], direction: dir, value: sum, limit: c.H, estimatedMean: dir === 'up' ? mu + c.K + sum / n : mu - c.K - sum / n });
        }
      }
    }
  }
  const checks = checksOf(s);
  if (checks !== null) {
    const r = s.rules;
    r.x.push(p.score);
    if (r.x.length > checks.window) { r.x.shift(); r.start += 1; }
    const end = r.x.length - 1;
    const two = c.rules.twoOfThree ?? [2, 3];
    const four = c.rules.fourOfFive ?? [4, 5];
    checks.checks.forEach((k, i) => {
      const hit = k.check(r.x, end);
      const prev = r.prev[i] ?? null;
      if (hit !== null && hit.dir !== prev) {
        const pattern = k.rule === 'two-of-three-beyond-2sigma' ? `${two[0]} of ${two[1]}` : k.rule === 'four-of-five-beyond-1sigma' ? `${four[0]} of ${four[1]}` : undefined;
        emit({ rule: k.rule, detectors: k.sets, index, window: [r.start + hit.from, index], direction: hit.dir, value: p.score, limit: hit.limit }, pattern);
      }
      r.prev[i] = hit === null ? null : hit.dir;
    });
  }
  s.n += 1;
  s.recent.push(p.score);
  if (s.recent.length > c.trendWindow) s.recent.shift();
  for (const a of raised) {
    if (a.direction !== 'down') continue;
    const ref: AlertRef = { index, rule: a.rule, ...meta };
    const al = s.alarm;
    const dets = a.detectors ?? [];
    s.alarm = al === null
      ? { since: ref, last: ref, rules: [a.rule], detectors: [...dets], alerts: 1 }
      : { since: al.since, last: ref, rules: al.rules.includes(a.rule) ? al.rules : [...al.rules, a.rule], detectors: [...al.detectors, ...dets.filter((d) => !al.detectors.includes(d))], alerts: al.alerts + 1 };
  }
  if (s.alarm !== null && c.autoClear !== null && index - s.alarm.last.index >= c.autoClear) s.alarm = null;
  if (c.restart === 'on-signal' && raised.some((a) => a.direction !== 'none')) restart(s);
  return raised;
}

/**
 * Closes the open alarm and restarts every chart (mutating the state).
 *
 * @example
 * ```ts
 * acknowledgeState(state); // state.alarm === null
 * ```
 */
export function acknowledgeState(s: MonitorState): void {
  s.alarm = null;
  restart(s);
}

/**
 * The status of the agent a state describes.
 *
 * @example
 * ```ts
 * statusOf(state).projection?.evaluationsToFail;
 * ```
 */
export function statusOf(s: MonitorState): AgentStatus {
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

class LiveMonitor implements Monitor {
  constructor(private s: MonitorState) {}
  push(score: number, meta: Omit<ScorePoint, 'score'> = {}): Alert[] {
    if (!Number.isFinite(score)) throw new EarlyWarningError('Monitor.push', [{ code: 'not_finite', path: ['score'], message: `score must be a finite number, got ${String(score)}` }]);
    return advance(this.s, { ...meta, score });
  }
  acknowledge(): void { acknowledgeState(this.s); }
  status(): AgentStatus { return structuredCloneJson(statusOf(this.s)); }
  state(): MonitorState { return structuredCloneJson(this.s); }
}

function structuredCloneJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/**
 * A live monitor for one agent against a baseline (e.g. the team's
 * {@link phaseOneBaseline}); works from the first evaluation, so a new
 * agent can be watched at once.
 *
 * @param baseline - the in-control mean and σ
 * @param options - detectors, tuning, failThreshold, restart policy, locale
 * @returns a monitor; `push` returns exactly the alerts {@link detectDecline} gives at that evaluation
 * @throws {EarlyWarningError} for a bad baseline or options (every problem at once)
 *
 * @example
 * ```ts
 * const m = createMonitor({ mean: 88, sigma: 5 }, { failThreshold: 70 });
 * m.push(87); m.push(62); // [{ rule: 'ewma', … }, { rule: 'cusum', … }]: a 26-point drop at once
 * m.status().inAlarm;     // true
 * m.acknowledge();        // the alarm closes and the charts restart
 * ```
 */
export function createMonitor(baseline: { readonly mean: number; readonly sigma: number; readonly source?: ResolvedBaseline['source'] }, options: MonitorOptions = {}): Monitor {
  const config = monitorConfig(baseline, options);
  return new LiveMonitor(initialState({ ...baseline, source: baseline.source ?? 'given' }, config));
}

/**
 * Resumes a monitor from a saved state (e.g. `JSON.parse` of what `state()` gave).
 *
 * @param state - a {@link MonitorState} as plain data
 * @returns the monitor, continuing where the state left off
 * @throws {EarlyWarningError} `bad_state` when it is not a monitor state of this version
 *
 * @example
 * ```ts
 * const m2 = resumeMonitor(JSON.parse(JSON.stringify(m.state())));
 * ```
 */
export function resumeMonitor(state: unknown): Monitor {
  const o = state as Partial<MonitorState> | null;
  const ok = typeof o === 'object' && o !== null && o.format === 'callqa.early-warning.monitor' && o.version === 1
    && typeof o.n === 'number' && typeof o.baseline === 'object' && typeof o.config === 'object' && o.config !== null
    && typeof o.ewma === 'object' && typeof o.cusum === 'object' && typeof o.rules === 'object' && Array.isArray(o.recent);
  if (!ok) throw new EarlyWarningError('resumeMonitor', [{ code: 'bad_state', path: ['state'], message: 'not a callqa early-warning monitor state (format callqa.early-warning.monitor, version 1)' }]);
  const s = structuredCloneJson(o as MonitorState);
  // Re-check the settings, so that a hand-edited state fails here and not mid-stream.
  monitorConfig(s.baseline, { detectors: s.config.detectors, ewma: { lambda: s.config.lambda, L: s.config.L }, cusum: { allowance: s.config.K, decisionInterval: s.config.H }, xmr: { L: s.config.xmrL }, rules: s.config.rules, ...(s.config.failThreshold === null ? {} : { failThreshold: s.config.failThreshold }), restart: s.config.restart, trendWindow: s.config.trendWindow, locale: s.config.locale, clip: s.config.clip, autoClear: s.config.autoClear }, 'resumeMonitor');
  return new LiveMonitor(s);
}
