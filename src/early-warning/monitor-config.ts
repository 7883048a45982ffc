/**
 * The monitor's settings: the defaults (tuned by the centre simulation), the
 * options a caller may pass, and their validation into a plain-data config.
 */
import type { Issue } from '../issues/issues.js';
import { EarlyWarningError } from './errors.js';
import type { AlertLocale } from './reason.js';
import { type RunRuleOptions, ruleChecks } from './rules.js';
import type { DetectorName } from './types.js';
import type { EarlyWarningIssueCode } from './errors.js';

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

function invalid(what: string, issues: Issue<EarlyWarningIssueCode>[]): void {
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
  const issues: Issue<EarlyWarningIssueCode>[] = [];
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

