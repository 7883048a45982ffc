import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, cmp, gcd, mul, out, reduce } from './pair.js';
import { ArithmeticOverflowError, Ratio } from './rational.js';

// Small, medium and near-overflow numerators and denominators, as Ratios (reduced).
const int = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.constantFrom(0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 30, 3 ** 20));
const ratio = fc.tuple(int, int.filter((d) => d !== 0)).map(([n, d]) => Ratio.of(n, d));

/** What a Ratio operation gives: its reduced pair, or 'overflow'. */
function viaRatio(f: () => Ratio): [number, number] | 'overflow' {
  try {
    const r = f();
    return [r.n, r.d];
  } catch (e) {
    if (e instanceof ArithmeticOverflowError) return 'overflow';
    throw e;
  }
}
const viaPair = (ok: boolean): [number, number] | 'overflow' => (ok ? [out.n, out.d] : 'overflow');

/** Euclid's algorithm in doubles only: the definition the int32 shortcut must agree with. */
function plainGcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

describe('gcd', () => {
  it('agrees with plain Euclid across the 31-bit boundary and at the ends of the safe range', () => {
    const big = fc.oneof(fc.integer({ min: -(2 ** 31) - 10, max: 2 ** 31 + 10 }), fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.constantFrom(0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1)));
    fc.assert(
      fc.property(big, big, (a, b) => {
        expect(gcd(a, b)).toBe(plainGcd(a, b));
      }),
      { numRuns: 3000 },
    );
  });
  it('hand-checked values', () => {
    expect(gcd(-12, 18)).toBe(6);
    expect(gcd(0, 0)).toBe(0);
    expect(gcd(2 ** 40, 0)).toBe(2 ** 40); // gcd(x, 0) = |x|, beyond 31 bits too
    expect(gcd(0, -(2 ** 40))).toBe(2 ** 40);
    expect(gcd(2 ** 53 - 1, 2 ** 52)).toBe(1); // 2^53 − 1 is odd
    expect(gcd(2 ** 31, 6)).toBe(2); // 2^31 = 2 × 2^30, 6 = 2 × 3
    expect(gcd(300_000_000, 1_000_000)).toBe(1_000_000); // an AHT numerator in ms over calls × 1000
  });
});

describe('exact pairs', () => {
  it('add, mul and cmp give what Ratio gives, overflow included', () => {
    fc.assert(
      fc.property(ratio, ratio, (x, y) => {
        expect(viaPair(add(x.n, x.d, y.n, y.d))).toEqual(viaRatio(() => x.add(y)));
        expect(viaPair(mul(x.n, x.d, y.n, y.d))).toEqual(viaRatio(() => x.mul(y)));
        expect(cmp(x.n, x.d, y.n, y.d)).toBe(x.cmp(y));
      }),
      { numRuns: 3000 },
    );
  });

  it('reduce gives Ratio.of', () => {
    fc.assert(
      fc.property(int, int, (n, d) => {
        expect(viaPair(reduce(n, d))).toEqual(d === 0 ? 'overflow' : viaRatio(() => Ratio.of(n, d)));
      }),
      { numRuns: 2000 },
    );
  });

  it('worked examples', () => {
    // 1/10 + 1/5 = 3/10; 2/3 × 3/4 = 1/2; 6/−4 = −3/2; 0 × anything = 0/1, never −0.
    expect(viaPair(add(1, 10, 1, 5))).toEqual([3, 10]);
    expect(viaPair(mul(2, 3, 3, 4))).toEqual([1, 2]);
    expect(viaPair(reduce(6, -4))).toEqual([-3, 2]);
    expect(viaPair(mul(0, 1, -5, 7))).toEqual([0, 1]);
    expect(Object.is(out.n, -0)).toBe(false);
    // (2^53 − 1)/1 + 1 leaves the safe range: Ratio throws, the pair says so.
    expect(add(2 ** 53 - 1, 1, 1, 1)).toBe(false);
    // 1/3 vs 33/100: 100 > 99.
    expect(cmp(1, 3, 33, 100)).toBe(1);
  });
});
