/**
 * Exact fractions of BigInts, for the few places where safe integers cannot
 * hold an intermediate value: a formula's evaluation, the mean of thousands of
 * exact totals, the rounding of a figure whose scaled numerator leaves the
 * safe range. One gcd, one reduction and one rounding rule, used by
 * rational.ts, assessment/figures.ts and assessment/formula-eval.ts.
 *
 * Rounding: `half-up` sends a tie away from zero (−2.5 → −3, the spreadsheet
 * convention), `half-even` to the even digit; the rounded magnitude is
 * ⌊|n| × 10^decimals / d⌋, plus one when twice the remainder exceeds d (or
 * equals it and the mode says so).
 */

/** An exact fraction n/d with d > 0, reduced. */
export interface BigFraction {
  readonly n: bigint;
  readonly d: bigint;
}

/**
 * The greatest common divisor (non-negative; gcd(0, b) = |b|).
 *
 * @example
 * ```ts
 * bigGcd(-12n, 18n); // 6n
 * ```
 */
export function bigGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * `n/d` reduced, with a positive denominator; throws RangeError when `d` is 0.
 *
 * @example
 * ```ts
 * bigFraction(6n, -4n); // { n: -3n, d: 2n }
 * ```
 */
export function bigFraction(n: bigint, d = 1n): BigFraction {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = bigGcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/**
 * |n/d| × 10^decimals rounded to a whole number (d > 0): the magnitude of
 * the value rounded to `decimals` places, in units of 10^−decimals. The sign
 * is the caller's (the sign of n).
 *
 * @example
 * ```ts
 * roundedUnits(-5n, 2n, 0, 'half-up'); // 3n: −2.5 → −3
 * roundedUnits(5n, 2n, 0, 'half-even'); // 2n: 2.5 → 2
 * ```
 */
export function roundedUnits(n: bigint, d: bigint, decimals: number, mode: 'half-up' | 'half-even'): bigint {
  const num = (n < 0n ? -n : n) * 10n ** BigInt(decimals);
  let q = num / d;
  const twice = (num % d) * 2n;
  if (twice > d || (twice === d && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  return q;
}
