/**
 * Phase I baselines (Montgomery, Introduction to SQC, §6.4 and §7.4; NIST
 * e-Handbook §6.3.1 and §6.3.2.2): estimate the in-control mean and σ from a
 * reference period, set aside the points that are out of control against
 * those trial limits, re-estimate, and repeat until nothing more is set
 * aside. σ̂ = MR̄ / d2 (d2 = 1.128), with moving ranges taken only between
 * consecutive retained evaluations of the same agent (so differences between
 * agents' levels never enter σ); the centre is the mean of the retained
 * points. A round that would set aside half the points or more is not
 * applied (the period is then not one process with a few special causes).
 * Moving ranges above D4·MR̄ are not set aside on their own: for
 * normal data that would drop the largest 0.9% of them and understate σ by
 * about 3%, raising the false-alarm rate. A slow
 * decline hardly moves the moving ranges, and its far points are set aside,
 * so declining agents in the reference period do not inflate σ the way the
 * overall standard deviation does.
 */
import type { Issue } from '../issues/issues.js';
import { EarlyWarningError } from './errors.js';
import { D2, toPoints } from './series.js';
import type { ResolvedBaseline, ScoreSeries } from './types.js';
import type { EarlyWarningIssueCode } from './errors.js';

/**
 * The fewest evaluations of an agent's own reference period before its own
 * Phase I baseline replaces the team's. With m points the estimated centre is
 * off by σ/√m, and a centre set too high raises false alarms on the lower
 * side (Jones, Champ & Rigdon, Technometrics 43, 2001; Quesenberry, J. Quality
 * Technology 25, 1993). Measured in the centre simulation (docs/early-warning.md,
 * default detectors, stable agents): the agent's own first 10 evaluations alarm
 * 17% of agent-months, 40 → 5.3%, 100 → 3.7% (2.8% with the team's σ), 200 →
 * 2.1% (1.75% with the team's σ); the team's Phase I baseline 1.5%.
 *
 * @example
 * ```ts
 * detectDecline(scores, { team, reference: 240 }); // 240 ≥ MIN_OWN_POINTS: the agent's own centre, the team's σ
 * ```
 */
export const MIN_OWN_POINTS = 200;

/**
 * Options of {@link phaseOneBaseline}.
 *
 * @example
 * ```ts
 * const o: PhaseOneOptions = { L: 3, maxRounds: 10 };
 * ```
 */
export interface PhaseOneOptions {
  /** Trial limits at mean ± L·σ̂; default 3. */
  readonly L?: number;
  /** Stop after this many rounds of setting aside and re-estimating; default 10. */
  readonly maxRounds?: number;
}

/**
 * A Phase I baseline.
 *
 * @example
 * ```ts
 * const b: PhaseOneBaseline = { mean: 88.1, sigma: 5.02, points: 7990, removed: 10, rounds: 2, source: 'phase1' };
 * ```
 */
export interface PhaseOneBaseline extends ResolvedBaseline {
  readonly points: number;
  readonly removed: number;
  /** Estimation rounds until no further point was out of control. */
  readonly rounds: number;
}

/**
 * Estimates a Phase I baseline from one agent's series or a team's series
 * (one per agent, each in time order): iteratively sets aside points beyond
 * mean ± L·σ̂ and re-estimates until nothing more is set aside.
 *
 * @param input - one series, or one series per agent (the team's reference period)
 * @param options - L (default 3) and the round limit (default 10)
 * @returns mean, σ̂, how many points were used and set aside, the rounds taken
 * @throws {EarlyWarningError} for non-finite scores, fewer than two points, or no variation
 *
 * @example
 * ```ts
 * // 20 calls near 88 and one at 40 (a fatal error, not the agent's level): it is set aside.
 * const xs = [88, 90, 86, 89, 87, 91, 88, 85, 90, 88, 87, 89, 86, 90, 88, 87, 89, 88, 86, 90, 40];
 * const b = phaseOneBaseline(xs);
 * b.removed; // 1
 * b.mean;    // 88.1 (the 20 others)
 * ```
 */
export function phaseOneBaseline(input: ScoreSeries | readonly ScoreSeries[], options: PhaseOneOptions = {}): PhaseOneBaseline {
  const what = 'phaseOneBaseline';
  const L = options.L ?? 3;
  const maxRounds = options.maxRounds ?? 10;
  const issues: Issue<EarlyWarningIssueCode>[] = [];
  if (!(Number.isFinite(L) && L > 0)) issues.push({ code: 'not_positive', path: ['options', 'L'], message: `L must be a finite number > 0, got ${L}` });
  if (!(Number.isInteger(maxRounds) && maxRounds >= 1)) issues.push({ code: 'out_of_range', path: ['options', 'maxRounds'], message: `maxRounds must be an integer ≥ 1, got ${maxRounds}` });
  if (issues.length > 0) throw new EarlyWarningError(what, issues);
  const team = isTeam(input) ? input : [input];
  const series: Float64Array[] = [];
  const bad: Issue<EarlyWarningIssueCode>[] = [];
  team.forEach((s, a) => {
    if (s.length === 0) return;
    // Plain numbers are checked in place: no point object per evaluation (a centre's month is millions).
    if ((s as readonly unknown[]).every((x) => typeof x === 'number' && Number.isFinite(x))) {
      series.push(s instanceof Float64Array ? s : Float64Array.from(s as readonly number[]));
      return;
    }
    try {
      series.push(Float64Array.from(toPoints(s, what), (p) => p.score));
    } catch (e) {
      if (!(e instanceof EarlyWarningError)) throw e;
      for (const i of e.issues) bad.push({ ...i, path: team === input ? [a, ...i.path.slice(1)] : i.path });
    }
  });
  if (bad.length > 0) throw new EarlyWarningError(what, bad);
  const total = series.reduce((n, s) => n + s.length, 0);
  if (total < 2) throw new EarlyWarningError(what, [{ code: 'series_too_short', path: ['series'], message: `a Phase I baseline needs at least two evaluations, got ${total}` }]);

  const keep = series.map((s) => new Uint8Array(s.length).fill(1));
  let kept = total;
  let mean = 0;
  let sigma = 0;
  let rounds = 0;
  // MR̄ from the moving ranges between consecutive kept points of one agent (summed in order).
  const estimate = (): void => {
    let sum = 0;
    let n = 0;
    let mr = 0;
    let m = 0;
    series.forEach((s, a) => {
      const k = keep[a] as Uint8Array;
      for (let i = 0; i < s.length; i++) {
        if (k[i] === 0) continue;
        const x = s[i] as number;
        sum += x; n++;
        if (i > 0 && k[i - 1] === 1) { mr += Math.abs(x - (s[i - 1] as number)); m++; }
      }
    });
    mean = sum / n;
    sigma = mr / Math.max(1, m) / D2;
  };
  for (;;) {
    rounds++;
    estimate();
    if (!(sigma > 0)) throw new EarlyWarningError(what, [{ code: 'zero_variance', path: ['series'], message: 'the reference evaluations do not vary (or no two consecutive ones are kept), so σ cannot be estimated; give a baseline { mean, sigma }' }]);
    let out = 0;
    for (let a = 0; a < series.length; a++) {
      const s = series[a] as Float64Array;
      const k = keep[a] as Uint8Array;
      for (let i = 0; i < s.length; i++) if (k[i] === 1 && Math.abs((s[i] as number) - mean) > L * sigma) out++;
    }
    // Never set aside half the reference period or more: then it is not one process with a few
    // special causes (e.g. agents whose levels differ by several σ), and the estimate keeps them all.
    if (out === 0 || kept - out < Math.max(2, total / 2)) break;
    for (let a = 0; a < series.length; a++) {
      const s = series[a] as Float64Array;
      const k = keep[a] as Uint8Array;
      for (let i = 0; i < s.length; i++) if (k[i] === 1 && Math.abs((s[i] as number) - mean) > L * sigma) k[i] = 0;
    }
    kept -= out;
    if (rounds >= maxRounds) { estimate(); break; }
  }
  const points = kept;
  return { mean, sigma, source: 'phase1', points, removed: total - points, rounds };
}

function isTeam(x: ScoreSeries | readonly ScoreSeries[]): x is readonly ScoreSeries[] {
  // A series may also be a Float64Array (watchCentre hands its columns over so, off the heap).
  return x.length > 0 && (Array.isArray(x[0]) || x[0] instanceof Float64Array);
}

/**
 * The baseline to watch an agent against: the agent's own Phase I centre
 * (with the team's σ when a team baseline is given) from its reference period
 * when that holds at least `minOwnPoints` evaluations, else the team's. Never throws for a short or new agent when a
 * team baseline is given.
 *
 * @param own - the agent's reference period (a stable stretch of its evaluations)
 * @param team - the team's Phase I baseline (or any `{ mean, sigma }`); null if none
 * @param minOwnPoints - default {@link MIN_OWN_POINTS}
 * @returns the resolved baseline
 * @throws {EarlyWarningError} `no_baseline` when there is no team baseline and the agent is too new
 *
 * @example
 * ```ts
 * const team = { mean: 88, sigma: 5 };
 * chooseBaseline([90, 85, 88], team).source; // 'team' (3 < 200 own evaluations)
 * ```
 */
export function chooseBaseline(own: ScoreSeries, team: { readonly mean: number; readonly sigma: number } | null, minOwnPoints = MIN_OWN_POINTS, what = 'chooseBaseline'): ResolvedBaseline {
  if (!(Number.isInteger(minOwnPoints) && minOwnPoints >= 2)) throw new EarlyWarningError(what, [{ code: 'out_of_range', path: ['options', 'minOwnPoints'], message: `minOwnPoints must be an integer ≥ 2, got ${minOwnPoints}` }]);
  if (own.length >= minOwnPoints) {
    const b = phaseOneBaseline(own);
    // The level is the agent's; σ, a property of the evaluation process, is the team's when known
    // (estimated from thousands of moving ranges rather than a few hundred).
    return { mean: b.mean, sigma: team !== null && Number.isFinite(team.sigma) && team.sigma > 0 ? team.sigma : b.sigma, source: 'phase1', points: b.points, removed: b.removed };
  }
  if (team !== null) {
    const issues: Issue<EarlyWarningIssueCode>[] = [];
    if (!Number.isFinite(team.mean)) issues.push({ code: 'not_finite', path: ['options', 'team', 'mean'], message: `mean must be finite, got ${team.mean}` });
    if (!(Number.isFinite(team.sigma) && team.sigma > 0)) issues.push({ code: 'not_positive', path: ['options', 'team', 'sigma'], message: `sigma must be a finite number > 0, got ${team.sigma}` });
    if (issues.length > 0) throw new EarlyWarningError(what, issues);
    return { mean: team.mean, sigma: team.sigma, source: 'team' };
  }
  throw new EarlyWarningError(what, [{ code: 'no_baseline', path: ['options', 'team'], message: `the agent has ${own.length} evaluation(s), fewer than the ${minOwnPoints} its own baseline needs; give the team's baseline (phaseOneBaseline over the team's reference period) or { mean, sigma }` }]);
}
