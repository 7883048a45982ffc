/**
 * Ratio (exact rational arithmetic) against BigInt fractions written here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArithmeticOverflowError, Ratio, ratio, sum } from '../../src/exact/rational.js';

// A reference fraction: [numerator, denominator] as BigInt, reduced, denominator > 0.
type BF = readonly [bigint, bigint];
const babs = (x: bigint): bigint => (x < 0n ? -x : x);
function bgcd(a: bigint, b: bigint): bigint {
  a = babs(a);
  b = babs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function bf(n: bigint, d: bigint): BF {
  if (d < 0n) [n, d] = [-n, -d];
  const g = bgcd(n, d) || 1n;
  return [n / g, d / g];
}
const badd = (a: BF, b: BF): BF => bf(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const bsub = (a: BF, b: BF): BF => bf(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const bmul = (a: BF, b: BF): BF => bf(a[0] * b[0], a[1] * b[1]);
const bdiv = (a: BF, b: BF): BF => bf(a[0] * b[1], a[1] * b[0]);
const bcmp = (a: BF, b: BF): number => {
  const l = a[0] * b[1];
  const r = b[0] * a[1];
  return l < r ? -1 : l > r ? 1 : 0;
};
const asBF = (r: Ratio): BF => [BigInt(r.n), BigInt(r.d)];

/**
 * Reference rounding, written differently from the code: half-up is
 * floor((2·|x|·10^k + 1) / 2) computed as floor((2·|n|·10^k + d) / 2d); half-even
 * looks at the exact remainder and the parity of the truncated digit.
 */
function refFixed(x: BF, k: number, mode: 'half-up' | 'half-even'): string {
  const [n, d] = x;
  const neg = n < 0n;
  const a = babs(n) * 10n ** BigInt(k);
  let q: bigint;
  if (mode === 'half-up') q = (2n * a + d) / (2n * d);
  else {
    const t = a / d;
    const r = a - t * d;
    q = 2n * r < d ? t : 2n * r > d ? t + 1n : t % 2n === 0n ? t : t + 1n;
  }
  const s = q.toString().padStart(k + 1, '0');
  const body = k === 0 ? s : `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
  return neg && q !== 0n ? `-${body}` : body;
}

// Small enough that every exact intermediate stays a safe integer.
const num = fc.integer({ min: -1_000_000, max: 1_000_000 });
const den = fc.integer({ min: 1, max: 1_000_000 });
const ratioArb = fc.tuple(num, den);

describe('Ratio against BigInt fractions', () => {
  it('constructs reduced fractions with a positive denominator', () => {
    fc.assert(
      fc.property(num, fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((d) => d !== 0), (n, d) => {
        const r = Ratio.of(n, d);
        expect(r.d).toBeGreaterThan(0);
        expect(bgcd(BigInt(r.n), BigInt(r.d))).toBe(r.n === 0 ? BigInt(r.d) : 1n);
        if (r.n === 0) expect(r.d).toBe(1);
        expect(asBF(r)).toEqual(bf(BigInt(n), BigInt(d)));
      }),
      { numRuns: 1000 },
    );
  });

  it('add, sub, mul, div and cmp agree with the reference', () => {
    fc.assert(
      fc.property(ratioArb, ratioArb, ([an, ad], [bn, bd]) => {
        const a = Ratio.of(an, ad);
        const b = Ratio.of(bn, bd);
        const A = bf(BigInt(an), BigInt(ad));
        const B = bf(BigInt(bn), BigInt(bd));
        expect(asBF(a.add(b))).toEqual(badd(A, B));
        expect(asBF(a.sub(b))).toEqual(bsub(A, B));
        expect(asBF(a.mul(b))).toEqual(bmul(A, B));
        if (bn !== 0) expect(asBF(a.div(b))).toEqual(bdiv(A, B));
        else expect(() => a.div(b)).toThrow(ArithmeticOverflowError);
        expect(a.cmp(b)).toBe(bcmp(A, B));
        expect(a.lt(b)).toBe(bcmp(A, B) < 0);
        expect(a.gte(b)).toBe(bcmp(A, B) >= 0);
        expect(a.eq(b)).toBe(bcmp(A, B) === 0);
        expect(asBF(a.min(b))).toEqual(bcmp(A, B) <= 0 ? A : B);
        expect(asBF(a.max(b))).toEqual(bcmp(A, B) >= 0 ? A : B);
        expect(asBF(a.neg())).toEqual(bf(-A[0], A[1]));
      }),
      { numRuns: 3000 },
    );
  });

  it('cmp stays exact when cross products exceed 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (an, ad, bn, bd) => {
          const A = bf(BigInt(an), BigInt(ad));
          const B = bf(BigInt(bn), BigInt(bd));
          expect(Ratio.of(an, ad).cmp(Ratio.of(bn, bd))).toBe(bcmp(A, B));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('arithmetic that would leave the safe-integer range throws instead of losing precision', () => {
    const big = Ratio.of(Number.MAX_SAFE_INTEGER, 1);
    expect(() => big.add(Ratio.of(1, 3))).toThrow(ArithmeticOverflowError);
    expect(() => big.mul(Ratio.of(2))).toThrow(ArithmeticOverflowError);
    expect(() => Ratio.of(1.5)).toThrow(ArithmeticOverflowError);
    expect(() => Ratio.of(1, 0)).toThrow(ArithmeticOverflowError);
    fc.assert(
      fc.property(ratioArb, ratioArb, ([an, ad], [bn, bd]) => {
        // Either the exact answer, or a thrown overflow — never a wrong number.
        const a = Ratio.of(an * 1_000_003, ad);
        const b = Ratio.of(bn, bd * 999_983);
        try {
          expect(asBF(a.mul(b))).toEqual(bmul(asBF(a), asBF(b)));
        } catch (e) {
          if (!(e instanceof ArithmeticOverflowError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('from(decimal string) is the exact decimal', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 6 }), (neg, digits, k) => {
        const s0 = digits.toString().padStart(k + 1, '0');
        const s = `${neg ? '-' : ''}${k === 0 ? s0 : `${s0.slice(0, -k)}.${s0.slice(-k)}`}`;
        const expected = bf(BigInt(neg ? -digits : digits), 10n ** BigInt(k));
        expect(asBF(Ratio.from(s))).toEqual(expected);
        // A double prints as its shortest round-trip decimal, so from(number) agrees.
        expect(asBF(Ratio.from(Number(s)))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('sum adds exactly', () => {
    fc.assert(
      // Denominators up to 60: their lcm (and so every partial sum) stays far inside 2^53.
      fc.property(fc.array(fc.tuple(num, fc.integer({ min: 1, max: 60 })), { maxLength: 6 }), (xs) => {
        const expected = xs.reduce<BF>((acc, [n, d]) => badd(acc, bf(BigInt(n), BigInt(d))), [0n, 1n]);
        expect(asBF(sum(xs.map(([n, d]) => Ratio.of(n, d))))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Ratio.toFixed against a reference', () => {
  it('half-up and half-even on random fractions', () => {
    fc.assert(
      fc.property(ratioArb, fc.integer({ min: 0, max: 6 }), ([n, d], k) => {
        const r = Ratio.of(n, d);
        const x = bf(BigInt(n), BigInt(d));
        expect(r.toFixed(k, 'half-up')).toBe(refFixed(x, k, 'half-up'));
        expect(r.toFixed(k)).toBe(refFixed(x, k, 'half-up'));
        expect(r.toFixed(k, 'half-even')).toBe(refFixed(x, k, 'half-even'));
        expect(r.round(k, 'half-even')).toBe(Number(refFixed(x, k, 'half-even')));
      }),
      { numRuns: 3000 },
    );
  });

  it('exact ties: half-up goes away from zero, half-even to the even digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 4 }), (m, k) => {
        // x = (m + ½) / 10^k  (or m − ½ for negative m): exactly halfway between two k-digit decimals.
        const twice = 2n * BigInt(m) + (m < 0 ? -1n : 1n);
        const x = bf(twice, 2n * 10n ** BigInt(k));
        const r = Ratio.of(Number(twice), 2 * 10 ** k);
        const lo = BigInt(m); // truncation toward zero, in units of 10^-k
        const away = lo + (m < 0 ? -1n : 1n);
        const even = babs(lo) % 2n === 0n ? lo : away;
        const fmt = (q: bigint): string => {
          const s = babs(q).toString().padStart(k + 1, '0');
          return (q < 0n ? '-' : '') + (k === 0 ? s : `${s.slice(0, -k)}.${s.slice(-k)}`);
        };
        expect(r.toFixed(k, 'half-up')).toBe(fmt(away));
        expect(r.toFixed(k, 'half-even')).toBe(fmt(even));
        expect(refFixed(x, k, 'half-up')).toBe(fmt(away));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounding to more places than needed pads with zeros', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: 0, max: 6 }), (m, k) => {
        const r = Ratio.of(m, 4); // quarters need at most 2 places
        const exact = refFixed(bf(BigInt(m), 4n), 2, 'half-up');
        if (k >= 2) expect(r.toFixed(k)).toBe(exact + (k > 2 ? '0'.repeat(k - 2) : ''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('classic floating-point artefacts are absent', () => {
  it('0.1 + 0.2 is 0.3', () => {
    const x = Ratio.from(0.1).add(Ratio.from(0.2));
    expect(x.eq(Ratio.from(0.3))).toBe(true);
    expect(x.toString()).toBe('3/10');
    expect(x.toFixed(1)).toBe('0.3');
    expect(x.toFixed(20)).toBe('0.30000000000000000000');
    expect(x.toNumber()).toBe(0.3);
  });

  it('1/3 × 3 is exactly 1', () => {
    expect(ratio(1, 3).mul(Ratio.of(3)).eq(Ratio.ONE)).toBe(true);
    expect(sum([ratio(1, 3), ratio(1, 3), ratio(1, 3)]).toString()).toBe('1');
  });

  it('2/3 of 40 is 26.67', () => {
    const x = ratio(2, 3).mul(Ratio.from(40));
    expect(x.toString()).toBe('80/3');
    expect(x.toFixed(2)).toBe('26.67');
    expect(x.toFixed(2, 'half-even')).toBe('26.67');
    expect(x.round(2)).toBe(26.67);
  });

  it('decimals that doubles misround', () => {
    // Number.prototype.toFixed gives 1.00 and 2.67 here, because 1.005 and 2.675 are stored below the tie.
    expect(Ratio.from(1.005).toFixed(2)).toBe('1.01');
    expect(Ratio.from(2.675).toFixed(2)).toBe('2.68');
    expect(Ratio.from(1.005).toFixed(2, 'half-even')).toBe('1.00');
    expect(Ratio.from(2.675).toFixed(2, 'half-even')).toBe('2.68');
    expect(Ratio.from(0.125).toFixed(2, 'half-even')).toBe('0.12');
    expect(Ratio.from(0.135).toFixed(2, 'half-even')).toBe('0.14');
    expect(Ratio.from(33.3).mul(Ratio.of(3)).toString()).toBe('999/10');
    expect(Ratio.from(33.3).mul(Ratio.of(3)).eq(Ratio.HUNDRED)).toBe(false);
  });

  it('negative ties and negative zero', () => {
    expect(Ratio.from(-2.5).toFixed(0)).toBe('-3');
    expect(Ratio.from(-2.5).toFixed(0, 'half-even')).toBe('-2');
    expect(Ratio.from(-0.004).toFixed(2)).toBe('0.00');
    expect(Ratio.from(-0.005).toFixed(2)).toBe('-0.01');
    expect(Ratio.from(-0.005).toFixed(2, 'half-even')).toBe('0.00');
    expect(Object.is(Ratio.from(-0.004).round(2), 0)).toBe(true);
  });
});
