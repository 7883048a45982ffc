/**
 * Interval arithmetic for the measures, on integer milliseconds: summaries of
 * span lists, the difference and union of two sorted lists by a two-pointer
 * walk, the median by quickselect (expected linear), and exact half-up
 * rounding of a ratio of integers to 2 decimals.
 */
import type { Span, SpanSummary } from './types.js';

/** A span under construction (mutable while the sweep extends it). */
export interface Interval {
  s: number;
  e: number;
  turns: number[];
}

/**
 * n ÷ d rounded half-up to 2 decimals, for non-negative integers (exact).
 *
 * @example
 * ```ts
 * round2(26 * 60000, 4600); // 339.13
 * ```
 */
export function round2(n: number, d: number): number {
  const a = 200 * n + d;
  const b = 2 * d;
  // Beyond 2^53 (times of years), the same in big integers.
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return Number((200n * BigInt(n) + BigInt(d)) / (2n * BigInt(d))) / 100;
  let q = Math.floor(a / b);
  // The float division may land one off at an exact boundary: correct it.
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q / 100;
}
/**
 * a ÷ b as a percentage, 2 decimals (0 when b is 0).
 *
 * @example
 * ```ts
 * pct(21700, 72000); // 30.14
 * ```
 */
export const pct = (a: number, b: number): number => (b <= 0 ? 0 : round2(a * 100, b));

/**
 * Count, total, longest and the spans of a list.
 *
 * @example
 * ```ts
 * summary([{ s: 0, e: 4000, turns: [1, 2] }]).longestMs; // 4000
 * ```
 */
export function summary(list: readonly Interval[]): SpanSummary {
  let total = 0;
  let longest = 0;
  for (const x of list) {
    const d = x.e - x.s;
    total += d;
    if (d > longest) longest = d;
  }
  return { count: list.length, totalMs: total, longestMs: longest, instances: list.map(span) };
}

/**
 * An interval as reported.
 *
 * @example
 * ```ts
 * span({ s: 1, e: 2, turns: [0] }); // { startMs: 1, endMs: 2, turns: [0] }
 * ```
 */
export const span = (x: Interval): Span => ({ startMs: x.s, endMs: x.e, turns: x.turns });

/**
 * `gaps` minus `holes` (both sorted and disjoint), by a two-pointer walk.
 *
 * @example
 * ```ts
 * subtract([{ s: 0, e: 10, turns: [] }], [{ s: 2, e: 5, turns: [] }]); // [0, 2) and [5, 10)
 * ```
 */
export function subtract(gaps: readonly Interval[], holes: readonly Interval[]): Interval[] {
  if (holes.length === 0) return [...gaps];
  const out: Interval[] = [];
  let h = 0;
  for (const g of gaps) {
    let cur = g.s;
    while (h < holes.length && (holes[h] as Interval).e <= cur) h++;
    for (let k = h; k < holes.length && (holes[k] as Interval).s < g.e; k++) {
      const x = holes[k] as Interval;
      if (x.s > cur) out.push({ s: cur, e: x.s, turns: g.turns });
      cur = Math.max(cur, x.e);
    }
    if (cur < g.e) out.push({ s: cur, e: g.e, turns: g.turns });
  }
  return out;
}

/**
 * The union of two sorted interval lists, touching or overlapping ones merged.
 *
 * @example
 * ```ts
 * union([{ s: 0, e: 5, turns: [1] }], [{ s: 5, e: 9, turns: [] }]); // one interval [0, 9)
 * ```
 */
export function union(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && (a[i] as Interval).s <= (b[j] as Interval).s) ? (a[i++] as Interval) : (b[j++] as Interval);
    const last = out[out.length - 1];
    if (last && x.s <= last.e) {
      last.e = Math.max(last.e, x.e);
      for (const t of x.turns) if (!last.turns.includes(t)) last.turns.push(t);
    } else out.push({ s: x.s, e: x.e, turns: [...x.turns] });
  }
  return out;
}

/** A list of numbers that quickselect may reorder (an array or a typed array). */
interface Numbers {
  [i: number]: number;
}

/** The k-th smallest (0-based) of the first n by quickselect, reordering them: expected linear time. */
function select(xs: Numbers, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((xs[i] as number) < pivot) i++;
      while ((xs[j] as number) > pivot) j--;
      if (i <= j) {
        const t = xs[i] as number;
        xs[i] = xs[j] as number;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k] as number;
}

/**
 * The median of the first n numbers of a scratch list, reordering them (no
 * copy): what the sweep uses on its reused buffer.
 *
 * @example
 * ```ts
 * medianInPlace(new Float64Array([500, 300, 500, 0]), 3); // 500
 * ```
 */
export function medianInPlace(xs: Numbers, n: number): number | null {
  if (n === 0) return null;
  if (n % 2 === 1) return select(xs, n, n >> 1);
  return (select(xs, n, n / 2 - 1) + select(xs, n, n / 2)) / 2;
}
