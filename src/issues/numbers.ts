/**
 * Which numbers callqa holds exactly: the one rule every loader and the scorer
 * apply to a number at the boundary, before any arithmetic.
 *
 * Exact arithmetic (src/exact) keeps every figure as a fraction of safe
 * integers (below 2^53 ≈ 9.007·10^15). A number is accepted when it is finite,
 * at most {@link MAX_MAGNITUDE} (10^9) in size and has at most
 * {@link MAX_DECIMALS} (6) decimal places as written. Then it is n / 10^6 with
 * |n| ≤ 10^15 < 2^53: held exactly. Sums stay exact while the sum itself is
 * below 9·10^9 (9·10^15 millionths); a total that large is no scorecard, and
 * the loaders report it as `too_large` at the list that adds up. The bound is
 * on size and decimals, not on significant digits alone, because 10^16 has one
 * significant digit and is still not a safe integer.
 */
import type * as z from 'zod/mini';

/** The largest magnitude a number in a rubric, plan or answer may have. */
export const MAX_MAGNITUDE = 1e9;
/** The most decimal places a number may have (millionths). */
export const MAX_DECIMALS = 6;

/**
 * The decimal places of a number as JavaScript prints it (the shortest
 * round-trip form): 2.5 → 1, 1e-7 → 7, 0.1 + 0.2 → 17.
 *
 * @example
 * ```ts
 * decimalPlaces(33.25); // 2
 * ```
 */
export function decimalPlaces(x: number | string): number {
  const m = /^[+-]?\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(String(x));
  if (!m) return Number.POSITIVE_INFINITY;
  const frac = (m[1] ?? '').replace(/0+$/, '');
  return Math.max(0, frac.length - Number(m[2] ?? 0));
}

/** A number's problem under the rule above, or null. */
export interface NumberProblem {
  readonly code: 'too_large' | 'too_precise' | 'not_finite';
  readonly message: string;
}

/**
 * Checks one number (or a decimal as written in an interval, e.g. "89.5")
 * against the rule: finite, |x| ≤ 10^9, at most 6 decimal places.
 *
 * @example
 * ```ts
 * numberProblem(1e16)?.code; // 'too_large'
 * numberProblem(0.1 + 0.2)?.code; // 'too_precise'
 * numberProblem(12.5); // null
 * ```
 */
export function numberProblem(x: number | string): NumberProblem | null {
  const v = typeof x === 'number' ? x : Number(x);
  if (!Number.isFinite(v)) return { code: 'not_finite', message: `${String(x)} is not a finite number` };
  if (Math.abs(v) > MAX_MAGNITUDE) {
    return { code: 'too_large', message: `${String(x)} is too large to be held exactly: numbers are at most 1000000000 (10^9) in size` };
  }
  // A whole number written as a number has no decimal places (the common case: counts, points).
  if (typeof x === 'number' && Number.isInteger(x)) return null;
  if (decimalPlaces(x) > MAX_DECIMALS) {
    return {
      code: 'too_precise',
      message: `${String(x)} has more than ${MAX_DECIMALS} decimal places; write the number as decided (e.g. 33.3, not 33.333333333333336)`,
    };
  }
  return null;
}

/**
 * A zod check for {@link numberProblem}, reporting `too_large` or `too_precise`
 * (through `params.code`, which `fromZodIssues` keeps). Attach it with
 * `.check(exactNumberCheck)` so the JSON Schema of the field is unchanged.
 *
 * @example
 * ```ts
 * const points = z.number().check(exactNumberCheck);
 * ```
 */
export function exactNumberCheck(ctx: z.core.ParsePayload<number>): void {
  const p = typeof ctx.value === 'number' && Number.isFinite(ctx.value) ? numberProblem(ctx.value) : null;
  if (p) ctx.issues.push({ code: 'custom', input: ctx.value, message: p.message, params: { code: p.code } });
}
