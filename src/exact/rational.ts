/**
 * Exact rational arithmetic for scores. Points, weights and percentages are
 * decimals a person wrote down; a score like 2/3 × 40 must print as 26.67, never
 * 26.666666666666668 or 26.669999999999998. Every figure is kept as a reduced
 * fraction of safe integers and rounded once, at the end, as the rubric says.
 *
 * Numerators and denominators are JavaScript numbers (not BigInt) because a
 * call is scored millions of times in a batch and scorecard values are small;
 * a result that would leave the safe-integer range throws
 * {@link ArithmeticOverflowError} instead of silently losing precision.
 */
import { CallqaError } from '../issues/issues.js';
import { roundedUnits as bigRoundedUnits } from './big.js';
import { cmp, gcd } from './pair.js';
import type { ArithmeticIssueCode } from './issue-codes.js';

/** How a tie at the rounding digit is resolved. */
export type RoundingMode = 'half-up' | 'half-even';

/**
 * Thrown when an exact result no longer fits in safe integers. Real scorecards
 * never get near this; it guards against pathological generated inputs.
 *
 * @example
 * ```ts
 * try { ratio(Number.MAX_SAFE_INTEGER, 1).add(ratio(1, 3)); } catch (e) { e instanceof ArithmeticOverflowError; }
 * ```
 */
export class ArithmeticOverflowError extends CallqaError<ArithmeticIssueCode> {
  constructor(operation: string) {
    super('Exact arithmetic overflow', [
      { code: 'arithmetic_overflow', path: [], message: `${operation} left the safe-integer range` },
    ]);
    this.name = 'ArithmeticOverflowError';
  }
}

function safe(x: number, op: string): number {
  if (!Number.isSafeInteger(x)) throw new ArithmeticOverflowError(op);
  return x;
}

/**
 * An immutable, always-reduced fraction `n/d` with `d > 0`.
 *
 * @example
 * ```ts
 * const third = Ratio.of(1, 3);
 * third.mul(Ratio.from(40)).toFixed(2); // '13.33'
 * Ratio.from(0.1).add(Ratio.from(0.2)).toNumber(); // 0.3
 * ```
 */
export class Ratio {
  readonly n: number;
  readonly d: number;

  private constructor(n: number, d: number) {
    this.n = n;
    this.d = d;
  }

  /** The fraction `n/d`, reduced. Both must be safe integers and `d` non-zero. */
  static of(n: number, d = 1): Ratio {
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d === 0) {
      throw new ArithmeticOverflowError(`Ratio.of(${n}, ${d})`);
    }
    if (n === 0) return Ratio.ZERO; // also folds −0
    if (d === 1) return new Ratio(n, 1);
    if (d < 0) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g === 1 ? new Ratio(n, d) : new Ratio(n / g, d / g);
  }

  /**
   * The exact value of a decimal as written: `Ratio.from(0.1)` is 1/10, because
   * the shortest round-trip string of the double 0.1 is "0.1".
   */
  static from(x: number | string): Ratio {
    const s = typeof x === 'number' ? String(x) : x.trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new ArithmeticOverflowError(`Ratio.from(${s})`);
    const sign = m[1] === '-' ? -1 : 1;
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    let exp = Number(m[4] ?? 0) - frac.length;
    const digits = (intPart + frac).replace(/^0+(?=\d)/, '') || '0';
    let n = safe(Number(digits), 'Ratio.from');
    let d = 1;
    if (exp > 0) {
      n = safe(n * 10 ** exp, 'Ratio.from');
      exp = 0;
    }
    if (exp < 0) d = safe(10 ** -exp, 'Ratio.from');
    return Ratio.of(sign * n, d);
  }

  static readonly ZERO = new Ratio(0, 1);
  static readonly ONE = new Ratio(1, 1);
  static readonly HUNDRED = new Ratio(100, 1);

  add(o: Ratio): Ratio {
    // Whole points are the common case on a scorecard: no gcd needed.
    if (this.d === 1 && o.d === 1) return o.n === 0 ? this : this.n === 0 ? o : new Ratio(safe(this.n + o.n, 'add'), 1);
    if (this.d === o.d) return Ratio.of(safe(this.n + o.n, 'add'), this.d);
    const g = gcd(this.d, o.d);
    const a = this.d / g;
    const b = o.d / g;
    return Ratio.of(safe(safe(this.n * b, 'add') + safe(o.n * a, 'add'), 'add'), safe(this.d * b, 'add'));
  }

  sub(o: Ratio): Ratio {
    return this.add(o.neg());
  }

  neg(): Ratio {
    return this.n === 0 ? this : new Ratio(-this.n, this.d);
  }

  mul(o: Ratio): Ratio {
    if (this.d === 1 && o.d === 1) {
      const m = safe(this.n * o.n, 'mul');
      return m === 0 ? Ratio.ZERO : new Ratio(m, 1);
    }
    // Cross-reduce first so intermediate products stay small.
    const g1 = gcd(this.n, o.d) || 1;
    const g2 = gcd(o.n, this.d) || 1;
    return Ratio.of(safe((this.n / g1) * (o.n / g2), 'mul'), safe((this.d / g2) * (o.d / g1), 'mul'));
  }

  div(o: Ratio): Ratio {
    if (o.n === 0) throw new ArithmeticOverflowError('division by zero');
    return this.mul(new Ratio(o.d, o.n).normSign());
  }

  private normSign(): Ratio {
    return this.d < 0 ? new Ratio(-this.n, -this.d) : this;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: Ratio): -1 | 0 | 1 {
    return cmp(this.n, this.d, o.n, o.d);
  }

  eq(o: Ratio): boolean {
    return this.n === o.n && this.d === o.d;
  }
  lt(o: Ratio): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Ratio): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Ratio): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Ratio): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.n === 0;
  }
  min(o: Ratio): Ratio {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Ratio): Ratio {
    return this.cmp(o) >= 0 ? this : o;
  }

  /**
   * The rounded value as an integer count of 10^-decimals units (sign apart):
   * the one place rounding happens. Ties go away from zero for `half-up` (so
   * −2.5 → −3, the spreadsheet convention) and to the even digit for `half-even`.
   */
  private roundedUnits(decimals: number, mode: RoundingMode): number | bigint {
    const scale = 10 ** decimals;
    const num = Math.abs(this.n) * scale;
    if (Number.isSafeInteger(num)) {
      // Hot path (every reported figure of every call): exact in doubles.
      const r = num % this.d;
      let q = (num - r) / this.d;
      const twice = r * 2;
      if (twice > this.d || (twice === this.d && (mode === 'half-up' || q % 2 === 1))) q += 1;
      return q;
    }
    return bigRoundedUnits(BigInt(this.n), BigInt(this.d), decimals, mode);
  }

  /**
   * Rounds to `decimals` places and returns the decimal string, e.g. '83.33'.
   * Ties go away from zero for `half-up` and to the even digit for `half-even`.
   */
  toFixed(decimals: number, mode: RoundingMode = 'half-up'): string {
    const q = this.roundedUnits(decimals, mode);
    let digits = q.toString();
    if (decimals > 0) {
      digits = digits.padStart(decimals + 1, '0');
      digits = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
    }
    return this.n < 0 && q !== 0 && q !== 0n ? `-${digits}` : digits;
  }

  /**
   * Rounds as {@link toFixed} and returns the number whose shortest printing is
   * that decimal (q / 10^decimals is correctly rounded, as parsing the string is).
   */
  round(decimals: number, mode: RoundingMode = 'half-up'): number {
    if (this.d === 1) return this.n;
    const q = this.roundedUnits(decimals, mode);
    if (typeof q === 'bigint') return Number(this.toFixed(decimals, mode));
    if (q === 0) return 0;
    const v = q / 10 ** decimals;
    return this.n < 0 ? -v : v;
  }

  /**
   * `this.mul(o).round(decimals, mode)`, rounded from the unreduced product
   * when it is held in safe integers (rounding needs no reduced fraction, so
   * no gcd): for a figure that is reported and not kept.
   *
   * @example
   * ```ts
   * Ratio.of(83).roundTimes(Ratio.of(100, 97), 2); // 85.57
   * ```
   */
  roundTimes(o: Ratio, decimals: number, mode: RoundingMode = 'half-up'): number {
    const n = this.n * o.n + 0; // + 0: 0 × −5 is 0, not −0
    const d = this.d * o.d;
    return (Number.isSafeInteger(n) && Number.isSafeInteger(d) ? new Ratio(n, d) : this.mul(o)).round(decimals, mode);
  }

  /**
   * Rounds as {@link toFixed} and keeps the result exact: the value a person
   * reads, for comparisons such as which grade band it falls in.
   */
  roundToRatio(decimals: number, mode: RoundingMode = 'half-up'): Ratio {
    if (this.d === 1) return this;
    const q = this.roundedUnits(decimals, mode);
    if (typeof q === 'bigint') return Ratio.from(this.toFixed(decimals, mode));
    return Ratio.of(this.n < 0 ? -q : q, 10 ** decimals);
  }

  /** The nearest double; for display use {@link round}. */
  toNumber(): number {
    return this.n / this.d;
  }

  /** 'n/d' (or 'n' when whole): the exact value, for audit trails. */
  toString(): string {
    return this.d === 1 ? String(this.n) : `${this.n}/${this.d}`;
  }
}

/**
 * Whether a number is a decimal callqa can hold exactly: finite, and no more
 * than 15 significant digits as written (so `0.1 + 0.2`, printed
 * 0.30000000000000004, is refused rather than silently rounded).
 *
 * @example
 * ```ts
 * isExactDecimal(2.5); // true
 * isExactDecimal(100 / 3); // false (33.333333333333336)
 * ```
 */
export function isExactDecimal(x: number): boolean {
  if (!Number.isFinite(x)) return false;
  const m = /^-?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) return false;
  const digits = `${m[1] ?? ''}${m[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > 15) return false;
  const exp = Number(m[3] ?? 0) - (m[2] ?? '').length;
  // The scaled numerator and the power of ten must both stay safe integers.
  return exp >= -15 && exp + digits.length <= 15;
}

/**
 * Shorthand for {@link Ratio.of}.
 *
 * @example
 * ```ts
 * ratio(2, 3).toFixed(2); // '0.67'
 * ```
 */
export function ratio(n: number, d = 1): Ratio {
  return Ratio.of(n, d);
}

/**
 * Sums fractions exactly.
 *
 * @example
 * ```ts
 * sum([Ratio.from(0.1), Ratio.from(0.2)]).toString(); // '3/10'
 * ```
 */
export function sum(xs: Iterable<Ratio>): Ratio {
  let s = Ratio.ZERO;
  for (const x of xs) s = s.add(x);
  return s;
}
