import type { Issue, PathSegment } from '../issues/issues.js';
import { studentTTwoSidedP } from '../distributions/beta.js';
import { inverseNormalCdf } from '../distributions/normal-gamma.js';
import { CorrelationError } from './errors.js';
import { averageRanks } from './ranks.js';
import type { CorrelationIssueCode } from './errors.js';

/**
 * One observation: a finite number, a yes/no (`true` = 1, `false` = 0), or
 * missing (`null`/`undefined`), in which case its pair is dropped.
 *
 * @example
 * ```ts
 * const complaints: Observation[] = [0, 1, null, true];
 * ```
 */
export type Observation = number | boolean | null | undefined;

/**
 * Options for {@link pearson} and {@link spearman}.
 *
 * @example
 * ```ts
 * const o: CorrelationOptions = { level: 0.9 };
 * ```
 */
export interface CorrelationOptions {
  /** Confidence level of the interval, 0 < level < 1. Default 0.95. */
  readonly level?: number;
}

/**
 * A correlation with its Fisher-z confidence interval and two-sided p-value.
 * `r: null` with a reason when it is undefined; `ci: null` (with `ciReason`)
 * when n ≤ 3, because the standard error needs n − 3 > 0.
 *
 * @example
 * ```ts
 * const c: CorrelationResult = pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
 * if (c.r !== null) c.ci; // [lo, hi] or null
 * ```
 */
export type CorrelationResult =
  | {
      readonly method: 'pearson' | 'spearman';
      readonly r: number;
      /** Complete pairs used. */
      readonly n: number;
      /** Pairs dropped because a side was missing. */
      readonly dropped: number;
      readonly level: number;
      readonly ci: readonly [number, number] | null;
      readonly ciReason?: 'too_few_pairs';
      /** Two-sided p for r = 0 (t with n − 2 df); absent when n < 3. */
      readonly p?: number;
    }
  | {
      readonly method: 'pearson' | 'spearman';
      readonly r: null;
      readonly reason: 'too_few_pairs' | 'no_variance';
      readonly n: number;
      readonly dropped: number;
      readonly level: number;
      readonly ci: null;
    };

/** Internal: validate, then keep complete pairs as numbers. */
function pairs(
  xs: readonly Observation[],
  ys: readonly Observation[],
  level: number,
  what: string,
  names: readonly [string, string] = ['xs', 'ys'],
): { x: number[]; y: number[]; dropped: number } {
  const issues: Issue<CorrelationIssueCode>[] = [];
  if (!Array.isArray(xs) || !Array.isArray(ys)) {
    throw new CorrelationError(what, [{ code: 'not_an_array', path: [], message: `${names[0]} and ${names[1]} must be arrays` }]);
  }
  if (xs.length !== ys.length) {
    issues.push({ code: 'length_mismatch', path: [names[1]], message: `${names[0]} has ${xs.length} values but ${names[1]} has ${ys.length}` });
  }
  if (!(level > 0 && level < 1)) issues.push({ code: 'invalid_level', path: ['level'], message: `level must be between 0 and 1 exclusive, got ${level}` });
  const check = (v: Observation, path: PathSegment[]): void => {
    if (v === null || v === undefined || typeof v === 'boolean') return;
    if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ code: 'invalid_value', path, message: `value must be a finite number, a boolean or missing, got ${String(v)}` });
  };
  xs.forEach((v, i) => check(v, [names[0], i]));
  ys.forEach((v, i) => check(v, [names[1], i]));
  if (issues.length > 0) throw new CorrelationError(what, issues);
  const num = (v: number | boolean): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
  const x: number[] = [];
  const y: number[] = [];
  let dropped = 0;
  xs.forEach((a, i) => {
    const b = ys[i];
    if (a === null || a === undefined || b === null || b === undefined) dropped++;
    else {
      x.push(num(a));
      y.push(num(b));
    }
  });
  return { x, y, dropped };
}

/** Internal: Pearson r of complete numeric pairs, or null when a side is constant. */
function rawPearson(x: readonly number[], y: readonly number[]): number | null {
  // Exact test: a constant column leaves rounding dust in the centred sums.
  if (x.every((v) => v === x[0]) || y.every((v) => v === y[0])) return null;
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Internal: r, CI and p from complete pairs. */
function finish(
  method: 'pearson' | 'spearman',
  r: number | null,
  n: number,
  dropped: number,
  level: number,
  se: (n: number) => number,
): CorrelationResult {
  if (n < 2) return { method, r: null, reason: 'too_few_pairs', n, dropped, level, ci: null };
  if (r === null) return { method, r: null, reason: 'no_variance', n, dropped, level, ci: null };
  const p =
    n < 3 ? undefined : Math.abs(r) === 1 ? 0 : studentTTwoSidedP((r * Math.sqrt(n - 2)) / Math.sqrt(1 - r * r), n - 2);
  const base = { method, r, n, dropped, level, ...(p === undefined ? {} : { p }) };
  if (n <= 3) return { ...base, ci: null, ciReason: 'too_few_pairs' };
  if (Math.abs(r) === 1) return { ...base, ci: [r, r] };
  const z = Math.atanh(r);
  const half = inverseNormalCdf((1 + level) / 2) * se(n);
  return { ...base, ci: [Math.tanh(z - half), Math.tanh(z + half)] };
}

/**
 * Pearson's product-moment correlation with a Fisher-z confidence interval:
 * z = atanh r, SE = 1/√(n − 3), CI = tanh(z ± z_{(1+level)/2}·SE). The p-value
 * is two-sided from t = r√(n − 2)/√(1 − r²) with n − 2 degrees of freedom.
 * Pairs with a missing side are dropped and counted. With a 0/1 outcome this
 * is the point-biserial correlation.
 *
 * @param xs - first variable
 * @param ys - second variable, same length
 * @param options - confidence level
 * @returns `{ r, n, ci, p }`, or `{ r: null, reason }` for fewer than 2 pairs
 *   (`too_few_pairs`) or a constant side (`no_variance`)
 * @throws {CorrelationError} different lengths, non-finite values, bad level
 *
 * @example
 * ```ts
 * pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).r; // 6/√60 ≈ 0.7746
 * ```
 */
export function pearson(xs: readonly Observation[], ys: readonly Observation[], options: CorrelationOptions = {}): CorrelationResult {
  const level = options.level ?? 0.95;
  const { x, y, dropped } = pairs(xs, ys, level, 'invalid Pearson correlation input');
  return finish('pearson', x.length < 2 ? null : rawPearson(x, y), x.length, dropped, level, (n) => 1 / Math.sqrt(n - 3));
}

/**
 * Spearman's rank correlation ρ: Pearson's r of the ranks, ties given average
 * ranks. The confidence interval uses the Fisher z with the standard error
 * 1.06/√(n − 3) of Fieller, Hartley & Pearson (1957), Biometrika 44, 470–481;
 * the p-value uses the t approximation with n − 2 df.
 *
 * @param xs - first variable
 * @param ys - second variable, same length
 * @param options - confidence level
 * @returns as {@link pearson}, with `method: 'spearman'`
 * @throws {CorrelationError} different lengths, non-finite values, bad level
 *
 * @example
 * ```ts
 * // Wikipedia's IQ vs hours of TV per week example
 * spearman([106, 86, 100, 101, 99, 103, 97, 113, 112, 110],
 *          [7, 0, 27, 50, 28, 29, 20, 12, 6, 17]).r; // −29/165 ≈ −0.1758
 * ```
 */
export function spearman(xs: readonly Observation[], ys: readonly Observation[], options: CorrelationOptions = {}): CorrelationResult {
  const level = options.level ?? 0.95;
  const { x, y, dropped } = pairs(xs, ys, level, 'invalid Spearman correlation input');
  const r = x.length < 2 ? null : rawPearson(averageRanks(x), averageRanks(y));
  return finish('spearman', r, x.length, dropped, level, (n) => 1.06 / Math.sqrt(n - 3));
}

/**
 * Point-biserial correlation of a score with a yes/no outcome (e.g. the call
 * led to a complaint). It is Pearson's r with the outcome coded 0/1; this
 * function only checks that the outcome is binary.
 *
 * @param scores - the continuous variable
 * @param outcome - 0/1 or boolean per score; missing allowed
 * @param options - confidence level
 * @returns as {@link pearson}
 * @throws {CorrelationError} an outcome other than 0, 1, true, false or missing
 *
 * @example
 * ```ts
 * pointBiserial([90, 85, 60, 55], [false, false, true, true]).r; // negative: low scores, complaints
 * ```
 */
export function pointBiserial(
  scores: readonly Observation[],
  outcome: readonly Observation[],
  options: CorrelationOptions = {},
): CorrelationResult {
  const bad: Issue<CorrelationIssueCode>[] = [];
  outcome.forEach((v, i) => {
    if (!(v === null || v === undefined || typeof v === 'boolean' || v === 0 || v === 1)) {
      bad.push({ code: 'not_binary', path: ['outcome', i], message: `outcome must be 0, 1, a boolean or missing, got ${String(v)}` });
    }
  });
  if (bad.length > 0) throw new CorrelationError('invalid point-biserial input', bad);
  return pearson(scores, outcome, options);
}
