import type { Issue } from '../issues/issues.js';
import { EarlyWarningError } from './errors.js';
import type { Alert, Baseline, ResolvedBaseline, ScorePoint, ScoreSeries } from './types.js';
import type { EarlyWarningIssueCode } from './errors.js';

/** d2 for moving ranges of two: E[|X1 − X2|] = 1.128σ for normal data. */
export const D2 = 1.128;
/** The default own-baseline length. */
export const DEFAULT_BASELINE_POINTS = 10;

/** Normalises a series to points and checks every score is finite (and, unless allowed, that there is one). */
export function toPoints(series: ScoreSeries, what: string, allowEmpty = false): ScorePoint[] {
  const pts = (series as readonly (number | ScorePoint)[]).map((x) => (typeof x === 'number' ? { score: x } : x));
  checkScores(pts.length, (i) => (pts[i] as ScorePoint).score, what, allowEmpty);
  return pts;
}

/** Checks that each of `n` scores read by `scoreAt` is finite (and, unless allowed, that there is one); every bad one in one error. */
export function checkScores(n: number, scoreAt: (i: number) => unknown, what: string, allowEmpty = false): void {
  const issues: Issue<EarlyWarningIssueCode>[] = [];
  for (let i = 0; i < n; i++) {
    const score = scoreAt(i);
    if (typeof score !== 'number' || !Number.isFinite(score)) issues.push({ code: 'not_finite', path: ['series', i], message: `score must be a finite number, got ${String(score)}` });
  }
  if (n === 0 && !allowEmpty) issues.push({ code: 'series_too_short', path: ['series'], message: 'the series is empty' });
  if (issues.length > 0) throw new EarlyWarningError(what, issues);
}

/** Resolves a baseline: checks a given one, or estimates mean and σ̂ = MR̄/1.128 from the first k points. */
export function resolveBaseline(points: readonly ScorePoint[], baseline: Baseline | undefined, what: string): ResolvedBaseline {
  const b = baseline ?? { points: DEFAULT_BASELINE_POINTS };
  if ('mean' in b) {
    const issues: Issue<EarlyWarningIssueCode>[] = [];
    if (!Number.isFinite(b.mean)) issues.push({ code: 'not_finite', path: ['options', 'baseline', 'mean'], message: `mean must be finite, got ${b.mean}` });
    if (!(Number.isFinite(b.sigma) && b.sigma > 0)) issues.push({ code: 'not_positive', path: ['options', 'baseline', 'sigma'], message: `sigma must be a finite number > 0, got ${b.sigma}` });
    if (issues.length > 0) throw new EarlyWarningError(what, issues);
    return { mean: b.mean, sigma: b.sigma, source: 'given' };
  }
  const k = b.points;
  if (!(Number.isInteger(k) && k >= 2)) {
    throw new EarlyWarningError(what, [{ code: 'out_of_range', path: ['options', 'baseline', 'points'], message: `a baseline needs an integer ≥ 2 points (one moving range), got ${k}` }]);
  }
  if (points.length < k) {
    throw new EarlyWarningError(what, [{ code: 'series_too_short', path: ['series'], message: `the baseline needs the first ${k} evaluations, the series has ${points.length}` }]);
  }
  const xs = points.slice(0, k).map((p) => p.score);
  const mean = xs.reduce((a, x) => a + x, 0) / k;
  let mr = 0;
  for (let i = 1; i < k; i++) mr += Math.abs((xs[i] as number) - (xs[i - 1] as number));
  const sigma = mr / (k - 1) / D2;
  if (!(sigma > 0)) {
    throw new EarlyWarningError(what, [{ code: 'zero_variance', path: ['series'], message: `the first ${k} evaluations are all equal, so σ cannot be estimated; give a baseline { mean, sigma }` }]);
  }
  return { mean, sigma, source: 'own', points: k };
}

/** Copies a point's id and date onto an alert. */
export function tag(p: ScorePoint | undefined): Pick<Alert, 'id' | 'date'> {
  return { ...(p?.id === undefined ? {} : { id: p.id }), ...(p?.date === undefined ? {} : { date: p.date }) };
}

/** Checks a positive finite number option. */
export function positive(x: number, path: readonly (string | number)[], what: string): void {
  if (!(Number.isFinite(x) && x > 0)) throw new EarlyWarningError(what, [{ code: 'not_positive', path, message: `${path.join('.')} must be a finite number > 0, got ${x}` }]);
}

/** Rounds for messages only; values stay full precision. */
export const fmt = (x: number): string => (Math.round(x * 100) / 100).toString();
