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
import { EarlyWarningError } from './errors.js';
import { type MonitorConfig, type MonitorOptions, monitorConfig } from './monitor-config.js';
import { type AgentStatus, type AlarmState, type AlertRef, statusOf } from './monitor-status.js';
import { ewmaHalfWidth, ewmaStep } from './ewma.js';
import { cusumStep } from './cusum.js';
import { alertReason } from './reason.js';
import { type RuleSet, ruleChecks } from './rules.js';
import type { Alert, DetectorName, Direction, ResolvedBaseline, ScorePoint } from './types.js';
import { tag } from './series.js';

export * from './monitor-config.js';
export * from './monitor-status.js';

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
      const now = ewmaStep(e, x, index, c.lambda, mu, (t) => ewmaHalfWidth(sigma, c.lambda, c.L, c.limits === 'asymptotic' ? Infinity : t));
      if (now !== 0) {
        emit({ rule: 'ewma', detectors: ['ewma'], index, window: [e.sideSince, index], direction: now < 0 ? 'down' : 'up', value: e.z, limit: mu + now * ewmaHalfWidth(sigma, c.lambda, c.L, c.limits === 'asymptotic' ? Infinity : e.t) });
      }
    } else if (d === 'cusum') {
      const u = s.cusum;
      const crossed = cusumStep(u, x, mu, c.K, c.H);
      for (const [dir, sum, n, now] of [['down', u.lo, u.nLo, crossed.down], ['up', u.up, u.nUp, crossed.up]] as const) {
        if (now) {
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
