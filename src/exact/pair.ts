/**
 * Exact fractions as two numbers instead of a {@link Ratio} object, for loops
 * that would otherwise allocate a Ratio per operation (an assessment scores
 * 10,000 agents × every component). Each operation leaves its result in
 * {@link out} and returns false where a safe integer would be exceeded: the
 * caller then redoes the work with Ratio, which decides (and reports an
 * overflow as it always has). Given reduced fractions, results are the same
 * reduced numerator and denominator as the Ratio operations give, overflow
 * included; given unreduced ones they are exact but may overflow sooner, which
 * only sends the caller to Ratio.
 */
/** A fraction n/d with d > 0, such as a Ratio (named structurally: rational.ts builds on this file). */
interface Fraction {
  readonly n: number;
  readonly d: number;
}

/** The result of the last successful operation: `n/d` with `d > 0`, never −0 (reduced when the inputs were). */
export const out = { n: 0, d: 1 };

/**
 * The greatest common divisor of two safe integers (non-negative; gcd(0, b) = |b|).
 *
 * @example
 * ```ts
 * gcd(-12, 18); // 6
 * ```
 */
export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  // Euclid's steps in doubles (exact for safe integers) while either is beyond 31 bits…
  while (a > 0x7fffffff || b > 0x7fffffff) {
    if (b === 0) return a;
    const t = a % b;
    a = b;
    b = t;
  }
  // …then in int32, which the engine compiles to integer division instead of a call to fmod
  // (2.5–4× faster on the assessment's figures: every Ratio and pair operation reduces with this).
  let x = a | 0;
  let y = b | 0;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/**
 * `n/d` reduced into {@link out}; false when either is not a safe integer or `d` is 0.
 *
 * @example
 * ```ts
 * reduce(6, -4) && [out.n, out.d]; // [-3, 2]
 * ```
 */
export function reduce(n: number, d: number): boolean {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d === 0) return false;
  if (n === 0) {
    out.n = 0;
    out.d = 1;
    return true;
  }
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  out.n = n / g;
  out.d = d / g;
  return true;
}

/**
 * `a/b + c/d` (both reduced) into {@link out}.
 *
 * @example
 * ```ts
 * add(1, 10, 1, 5) && [out.n, out.d]; // [3, 10]
 * ```
 */
export function add(a: number, b: number, c: number, d: number): boolean {
  if (b === d) return reduce(a + c, b);
  const g = gcd(b, d);
  const x = b / g;
  const y = d / g;
  const l = a * y;
  const r = c * x;
  if (!Number.isSafeInteger(l) || !Number.isSafeInteger(r)) return false;
  return reduce(l + r, b * y);
}

/**
 * `a/b × c/d` (both reduced) into {@link out}.
 *
 * @example
 * ```ts
 * mul(2, 3, 3, 4) && [out.n, out.d]; // [1, 2]
 * ```
 */
export function mul(a: number, b: number, c: number, d: number): boolean {
  // Cross-reduce first so the products stay small (as Ratio#mul does, overflow included).
  const g1 = gcd(a, d) || 1;
  const g2 = gcd(c, b) || 1;
  const n = (a / g1) * (c / g2);
  const m = (b / g2) * (d / g1);
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(m)) return false;
  out.n = n === 0 ? 0 : n;
  out.d = n === 0 ? 1 : m;
  return true;
}

/**
 * −1, 0 or 1 as `a/b` is less than, equal to or greater than `c/d` (denominators positive); exact for any safe integers.
 *
 * @example
 * ```ts
 * cmp(1, 3, 33, 100); // 1
 * ```
 */
export function cmp(a: number, b: number, c: number, d: number): -1 | 0 | 1 {
  if (b === d) return a < c ? -1 : a > c ? 1 : 0;
  const l = a * d;
  const r = c * b;
  if (Number.isSafeInteger(l) && Number.isSafeInteger(r)) return l < r ? -1 : l > r ? 1 : 0;
  const lb = BigInt(a) * BigInt(d);
  const rb = BigInt(c) * BigInt(b);
  return lb < rb ? -1 : lb > rb ? 1 : 0;
}

/**
 * {@link cmp} of `a/b` against a Ratio.
 *
 * @example
 * ```ts
 * cmpTo(1, 2, Ratio.of(1, 2)); // 0
 * ```
 */
export function cmpTo(a: number, b: number, r: Fraction): -1 | 0 | 1 {
  return cmp(a, b, r.n, r.d);
}
