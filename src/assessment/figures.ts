/**
 * How an assessment's figures are rounded and summarised: each figure a
 * person reads is rounded once, from its exact value, to the plan's decimals;
 * means and medians of many exact totals are rounded once too.
 */
import { bigFraction, roundedUnits, type BigFraction } from '../exact/big.js';
import { gcd } from '../exact/pair.js';
import { Ratio } from '../exact/rational.js';

/** See {@link figures}. */
export interface Figures {
  readonly fmt: (r: Ratio) => string;
  readonly show: (r: Ratio) => number;
  readonly rounded: (r: Ratio) => Ratio;
  readonly key: (r: Ratio) => number;
}

/**
 * Rounding of figures a person reads, to the plan's decimals: as text
 * (`fmt`), as the number that prints as that text (`show`), and exactly
 * (`rounded`). The same digits as `Ratio#toFixed`, without BigInt or string
 * parsing while the scaled numerator is a safe integer (every real figure).
 */
export function figures(decimals: number, mode: 'half-up' | 'half-even'): Figures {
  const pow = 10 ** decimals;
  /** |r| × 10^decimals, rounded; NaN when that leaves the safe-integer range. */
  const units = (r: Ratio): number => {
    const num = Math.abs(r.n) * pow;
    if (!Number.isSafeInteger(num) || !Number.isSafeInteger(num + r.d)) return NaN;
    let q = Math.floor(num / r.d);
    let rem = num - q * r.d;
    if (rem < 0) {
      q--;
      rem += r.d;
    } else if (rem >= r.d) {
      q++;
      rem -= r.d;
    }
    const twice = rem * 2;
    if (twice > r.d || (twice === r.d && (mode === 'half-up' || q % 2 === 1))) q++;
    return q;
  };
  const digits = (q: number): string => {
    if (decimals === 0) return String(q);
    let whole = Math.floor(q / pow);
    let rest = q - whole * pow;
    // The division may round across a whole number near 2^53: correct by one.
    if (rest < 0) {
      whole--;
      rest += pow;
    } else if (rest >= pow) {
      whole++;
      rest -= pow;
    }
    const frac = String(rest);
    return `${whole}.${frac.length === decimals ? frac : '0'.repeat(decimals - frac.length) + frac}`;
  };
  const fmt = (r: Ratio): string => {
    if (r.d === 1 && Number.isSafeInteger(r.n)) return decimals === 0 ? String(r.n) : `${r.n}.${'0'.repeat(decimals)}`;
    const q = units(r);
    if (q !== q) return r.toFixed(decimals, mode);
    return r.n < 0 && q !== 0 ? `-${digits(q)}` : digits(q);
  };
  const show = (r: Ratio): number => {
    if (r.d === 1 && Number.isSafeInteger(r.n)) return r.n === 0 ? 0 : r.n;
    const q = units(r);
    if (q !== q) return Number(r.toFixed(decimals, mode));
    // q / 10^decimals is correctly rounded, as parsing the printed digits is.
    if (q === 0) return 0;
    return r.n < 0 ? -(q / pow) : q / pow;
  };
  /** The rounded value, exactly (as `Ratio.from(fmt(r))`). */
  const rounded = (r: Ratio): Ratio => {
    if (r.d === 1) return r;
    const q = units(r);
    if (q !== q) return Ratio.from(r.toFixed(decimals, mode));
    return Ratio.of(r.n < 0 ? -q : q, pow);
  };
  /** A rounded value in units of 10^-decimals, to rank by; NaN when not a safe integer. */
  const key = (r: Ratio): number => {
    const scaled = r.n * pow;
    // r has at most `decimals` places, so the division is exact when the product is.
    return Number.isSafeInteger(scaled) ? scaled / r.d : NaN;
  };
  return { fmt, show, rounded, key };
}

/**
 * The order statistics of exact values without sorting objects: the values'
 * nearest doubles are sorted as numbers (a double is the correctly rounded
 * n / d, so it never orders two values against their exact order, only ties
 * them), and only the values whose double ties the k-th are compared exactly.
 * `at(k)` is the k-th smallest (0-based).
 *
 * @example
 * ```ts
 * exactOrder([Ratio.of(2), Ratio.of(1, 3), Ratio.of(1)]).at(0); // 1/3
 * ```
 */
export function exactOrder(xs: readonly Ratio[]): { at(k: number): Ratio } {
  const vs = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) vs[i] = xs[i]!.n / xs[i]!.d;
  const sorted = vs.slice().sort();
  return {
    at(k: number): Ratio {
      const t = sorted[k]!;
      // The first position holding t: the values below it come first.
      let lo = 0;
      let hi = k;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      const tied: Ratio[] = [];
      for (let i = 0; i < xs.length; i++) if (vs[i] === t) tied.push(xs[i]!);
      if (tied.length > 1) tied.sort((a, b) => a.cmp(b));
      return tied[k - lo]!;
    },
  };
}

export function median(sorted: readonly Ratio[]): Ratio {
  const s = [...sorted].sort((a, b) => a.cmp(b));
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : s[mid - 1]!.add(s[mid]!).div(Ratio.of(2));
}

/**
 * The mean of many exact totals, rounded once. The sum is kept over the least
 * common denominator in safe integers while it fits (real plans: a few
 * denominators), and in BigInt from the start when it does not.
 */
export function meanRounded(xs: readonly Ratio[], decimals: number, mode: 'half-up' | 'half-even'): number {
  let n = 0;
  let d = 1;
  let safe = true;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x.d !== d) {
      const g = gcd(d, x.d);
      const l = (d / g) * x.d;
      const up = l / d;
      if (!Number.isSafeInteger(l) || !Number.isSafeInteger(n * up)) {
        safe = false;
        break;
      }
      n *= up;
      d = l;
    }
    const add = x.n * (d / x.d);
    const s = n + add;
    if (!Number.isSafeInteger(add) || !Number.isSafeInteger(s)) {
      safe = false;
      break;
    }
    n = s;
  }
  if (safe) {
    const den = d * xs.length;
    const num = Math.abs(n) * 10 ** decimals;
    if (Number.isSafeInteger(den) && Number.isSafeInteger(num) && Number.isSafeInteger(num + den)) {
      const r = num % den;
      let q = (num - r) / den;
      const twice = r * 2;
      if (twice > den || (twice === den && (mode === 'half-up' || q % 2 === 1))) q += 1;
      const v = q / 10 ** decimals;
      return n < 0 ? -v : v;
    }
  }
  return meanRoundedBig(xs, decimals, mode);
}

/**
 * The exact mean of fractions as a BigInt fraction `n/d` (reduced, `d > 0`):
 * summed in BigInt, because the common denominator of many values soon leaves
 * the safe-integer range.
 */
export function bigMean(xs: readonly Ratio[]): BigFraction {
  let sum = bigFraction(0n);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const xd = BigInt(x.d);
    sum = bigFraction(sum.n * xd + BigInt(x.n) * sum.d, sum.d * xd);
  }
  return bigFraction(sum.n, sum.d * BigInt(xs.length));
}

/** {@link meanRounded} in BigInt: the common denominator of thousands of totals can leave the safe range. */
function meanRoundedBig(xs: readonly Ratio[], decimals: number, mode: 'half-up' | 'half-even'): number {
  const { n, d } = bigMean(xs);
  const v = Number(roundedUnits(n, d, decimals, mode)) / 10 ** decimals;
  return n < 0n ? -v : v;
}
