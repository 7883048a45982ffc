import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, cmp, mul, out, reduce } from './pair.js';
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
