import type { Issue } from '../issues/issues.js';
import { throwIfIssues } from './errors.js';
import type { SamplingIssueCode } from './errors.js';

/**
 * One stratum for {@link allocateStrata}.
 *
 * @example
 * ```ts
 * const s: StratumInput = { key: 'complaint', size: 120, sigma: 8.5 };
 * ```
 */
export interface StratumInput {
  /** The stratum key (e.g. a call type); ties are broken by this key. */
  readonly key: string;
  /** How many calls the stratum holds (N_h). */
  readonly size: number;
  /** The stratum's score standard deviation σ_h (Neyman allocation only). */
  readonly sigma?: number;
  /**
   * The stratum's weight for proportional allocation; defaults to `size`.
   * Selection passes the sum of its calls' oversampling factors here.
   */
  readonly weight?: number;
}

/**
 * One stratum's share of the sample.
 *
 * @example
 * ```ts
 * const [first] = allocateStrata([{ key: 'a', size: 60 }, { key: 'b', size: 40 }], 10); // { key: 'a', size: 60, quota: 6, n: 6 }
 * ```
 */
export interface StratumAllocation {
  readonly key: string;
  /** N_h. */
  readonly size: number;
  /** The unrounded ideal quota, after the [1, N_h] bounds were enforced. */
  readonly quota: number;
  /** The integer allocation n_h (0 only for an empty stratum). */
  readonly n: number;
}

/**
 * Allocation methods: proportional to N_h (or weight), or Neyman, ∝ N_h σ_h.
 *
 * @example
 * ```ts
 * const m: AllocationMethod = 'neyman';
 * ```
 */
export type AllocationMethod = 'proportional' | 'neyman';

/**
 * Splits a sample of n calls across strata, proportionally (n_h ∝ N_h) or by
 * Neyman allocation (n_h ∝ N_h σ_h, the least variance of the stratified mean
 * for a fixed n). Every non-empty stratum gets at least one call and never more
 * than it holds: strata that hit a bound are fixed there and the rest
 * re-share what is left (ideal quotas clamp(λ·w_h, 1, N_h) summing to n). The quotas are then rounded
 * by largest remainder so that they sum exactly to n; equal remainders go to
 * the smaller stratum key (code-unit order).
 *
 * @param strata - the strata (keys must be unique)
 * @param n - the total sample size, from the number of non-empty strata to ΣN_h
 * @param method - `'proportional'` (default) or `'neyman'`
 * @returns the allocation per stratum, in key order
 * @throws {SamplingError} for duplicate keys, n out of range, or a missing/negative σ_h (Neyman)
 *
 * @example
 * ```ts
 * allocateStrata([{ key: 'a', size: 60 }, { key: 'b', size: 30 }, { key: 'c', size: 10 }], 10);
 * // [{ key: 'a', n: 6, … }, { key: 'b', n: 3, … }, { key: 'c', n: 1, … }]
 * ```
 */
export function allocateStrata(
  strata: readonly StratumInput[],
  n: number,
  method: AllocationMethod = 'proportional',
): StratumAllocation[] {
  const issues: Issue<SamplingIssueCode>[] = [];
  const seen = new Set<string>();
  strata.forEach((s, i) => {
    if (seen.has(s.key)) issues.push({ code: 'duplicate_key', path: ['strata', i, 'key'], message: `stratum key ${JSON.stringify(s.key)} appears twice` });
    seen.add(s.key);
    if (!(Number.isInteger(s.size) && s.size >= 0)) issues.push({ code: 'not_nonnegative_integer', path: ['strata', i, 'size'], message: `size must be an integer ≥ 0, got ${s.size}` });
    if (s.weight !== undefined && !(Number.isFinite(s.weight) && s.weight >= 0)) issues.push({ code: 'negative', path: ['strata', i, 'weight'], message: `weight must be a finite number ≥ 0, got ${s.weight}` });
    if (method === 'neyman' && s.size > 0 && !(s.sigma !== undefined && Number.isFinite(s.sigma) && s.sigma >= 0)) {
      issues.push({ code: 'missing_sigma', path: ['strata', i, 'sigma'], message: `Neyman allocation needs σ ≥ 0 for stratum ${JSON.stringify(s.key)}` });
    }
  });
  const nonEmpty = strata.filter((s) => s.size > 0);
  const total = nonEmpty.reduce((a, s) => a + s.size, 0);
  if (nonEmpty.length === 0) issues.push({ code: 'empty_population', path: ['strata'], message: 'every stratum is empty' });
  else if (!(Number.isInteger(n) && n >= nonEmpty.length && n <= total)) {
    issues.push({ code: 'out_of_range', path: ['n'], message: `n must be an integer from ${nonEmpty.length} (one per non-empty stratum) to ${total} (the population), got ${n}` });
  }
  throwIfIssues('allocateStrata', issues);

  const raw = (s: StratumInput): number => (method === 'neyman' ? s.size * (s.sigma ?? 0) : (s.weight ?? s.size));
  const sorted = [...strata].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const live = sorted.filter((s) => s.size > 0);
  const maxW = Math.max(0, ...live.map(raw));
  // Work with weights relative to the largest; shares below 1e-12 of it count as zero.
  const rel = (s: StratumInput): number => (maxW > 0 && raw(s) / maxW >= 1e-12 ? raw(s) / maxW : 0);
  const quota = solveQuotas(live.map((s) => ({ key: s.key, size: s.size, w: rel(s) })), n);
  // Snap float noise (5.9999999999) to the integer it stands for before flooring.
  const snap = (q: number): number => (Math.abs(q - Math.round(q)) < 1e-9 ? Math.round(q) : q);
  const floors = sorted.map((s) => Math.floor(snap(quota.get(s.key) ?? 0)));
  let remainder = n - floors.reduce((a, b) => a + b, 0);
  const order = sorted
    .map((s, i) => ({ i, frac: snap(quota.get(s.key) ?? 0) - (floors[i] ?? 0), room: s.size - (floors[i] ?? 0) }))
    .filter((x) => x.room > 0)
    // Remainders within 1e-9 are equal: the smaller key (lower index) wins.
    .sort((a, b) => (Math.abs(b.frac - a.frac) > 1e-9 ? b.frac - a.frac : a.i - b.i));
  for (const x of order) {
    if (remainder <= 0) break;
    floors[x.i] = (floors[x.i] ?? 0) + 1;
    remainder--;
  }
  return sorted.map((s, i) => ({ key: s.key, size: s.size, quota: quota.get(s.key) ?? 0, n: floors[i] ?? 0 }));
}

/**
 * Quotas q_h = clamp(λ·w_h, 1, N_h) with Σq_h = n: the ideal shares with both
 * bounds enforced, found by bisection on λ (Σ is continuous and non-decreasing
 * in λ). Strata with zero weight stay at 1 unless the others are all full, in
 * which case they share the rest by size.
 */
function solveQuotas(strata: readonly { key: string; size: number; w: number }[], n: number): Map<string, number> {
  const quota = new Map<string, number>();
  const positive = strata.filter((s) => s.w > 0);
  const zero = strata.filter((s) => !(s.w > 0));
  const reachable = positive.reduce((a, s) => a + s.size, 0) + zero.length;
  if (positive.length === 0 || reachable < n) {
    for (const s of positive) quota.set(s.key, s.size);
    if (zero.length > 0) {
      const sub = solveQuotas(zero.map((s) => ({ ...s, w: s.size / Math.max(...zero.map((z) => z.size)) })), n - positive.reduce((a, s) => a + s.size, 0));
      for (const [k, v] of sub) quota.set(k, v);
    }
    return quota;
  }
  const sum = (lambda: number): number => strata.reduce((a, s) => a + Math.min(s.size, Math.max(1, lambda * s.w)), 0);
  let lo = 0;
  let hi = Math.max(...positive.map((s) => s.size / s.w));
  // Take the low side so that Σq ≤ n and the largest-remainder step only adds.
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (sum(mid) <= n) lo = mid;
    else hi = mid;
  }
  // Recompute λ in closed form over the strata not at a bound, so that exact
  // shares come out exact (6, not 5.99999…) and ties stay ties.
  const atBound = strata.filter((s) => lo * s.w <= 1 || lo * s.w >= s.size);
  const free = strata.filter((s) => !atBound.includes(s));
  const fixedSum = atBound.reduce((a, s) => a + Math.min(s.size, Math.max(1, lo * s.w)), 0);
  const freeW = free.reduce((a, s) => a + s.w, 0);
  const lambda = freeW > 0 ? (n - fixedSum) / freeW : lo;
  for (const s of strata) quota.set(s.key, atBound.includes(s) ? Math.min(s.size, Math.max(1, lo * s.w)) : Math.min(s.size, Math.max(1, lambda * s.w)));
  return quota;
}
