import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArithmeticOverflowError, Ratio, sum } from './rational.js';

describe('Ratio', () => {
  it('reads decimals exactly as written', () => {
    expect(Ratio.from(0.1).toString()).toBe('1/10');
    expect(Ratio.from('2.50').toString()).toBe('5/2');
    expect(Ratio.from(-0.75).toString()).toBe('-3/4');
    expect(Ratio.from(1e-7).toString()).toBe('1/10000000');
    expect(Ratio.from(12e3).toString()).toBe('12000');
  });

  it('has none of the classic floating-point artefacts', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in doubles; exactly 3/10 here.
    expect(Ratio.from(0.1).add(Ratio.from(0.2)).toNumber()).toBe(0.3);
    // (1/3) × 3 = 1 exactly.
    expect(Ratio.of(1, 3).mul(Ratio.of(3)).eq(Ratio.ONE)).toBe(true);
    // Two thirds of 40 = 80/3 = 26.666… → 26.67.
    expect(Ratio.of(2, 3).mul(Ratio.of(40)).toFixed(2)).toBe('26.67');
  });

  it('rounds half-up away from zero and half-even to the even digit', () => {
    expect(Ratio.from('2.345').toFixed(2, 'half-up')).toBe('2.35');
    expect(Ratio.from('2.345').toFixed(2, 'half-even')).toBe('2.34');
    expect(Ratio.from('2.355').toFixed(2, 'half-even')).toBe('2.36');
    expect(Ratio.from('-2.5').toFixed(0, 'half-up')).toBe('-3');
    expect(Ratio.from('-2.5').toFixed(0, 'half-even')).toBe('-2');
    expect(Ratio.from('-0.004').toFixed(2)).toBe('0.00');
    expect(Ratio.of(1, 8).toFixed(2, 'half-even')).toBe('0.12'); // 0.125 → 0.12
    expect(Ratio.of(3, 8).toFixed(2, 'half-even')).toBe('0.38'); // 0.375 → 0.38
  });

  it('compares, sums and divides', () => {
    expect(Ratio.of(1, 3).cmp(Ratio.of(2, 6))).toBe(0);
    expect(Ratio.of(1, 3).lt(Ratio.of(1, 2))).toBe(true);
    expect(sum([Ratio.of(1, 2), Ratio.of(1, 3), Ratio.of(1, 6)]).eq(Ratio.ONE)).toBe(true);
    expect(Ratio.of(89).div(Ratio.of(97)).mul(Ratio.HUNDRED).toFixed(2)).toBe('91.75'); // 8900/97 = 91.7525…
  });

  it('throws a typed error instead of losing precision', () => {
    expect(() => Ratio.of(Number.MAX_SAFE_INTEGER).mul(Ratio.of(3))).toThrow(ArithmeticOverflowError);
    expect(() => Ratio.ONE.div(Ratio.ZERO)).toThrow(ArithmeticOverflowError);
  });
});

describe('Ratio.roundToRatio', () => {
  it('keeps the rounded value exact, as toFixed prints it', () => {
    // 8900/97 = 91.7525… → 91.75 = 367/4.
    expect(Ratio.of(8900, 97).roundToRatio(2).toString()).toBe('367/4');
    // −2.5 → −3 half-up, −2 half-even; 0.125 → 0.12 half-even = 3/25.
    expect(Ratio.from('-2.5').roundToRatio(0, 'half-up').toString()).toBe('-3');
    expect(Ratio.from('-2.5').roundToRatio(0, 'half-even').toString()).toBe('-2');
    expect(Ratio.of(1, 8).roundToRatio(2, 'half-even').toString()).toBe('3/25');
  });
});

describe('Ratio.roundTimes', () => {
  it('rounds a product from its unreduced fraction exactly as mul then round', () => {
    // 83 × 100/97 = 8300/97 = 85.567… → 85.57; (1/3) × 3/2 = 1/2 → 1 half-up, 0 half-even;
    // 0 × −5 is 0, never −0; −7/6 × 3/7 = −1/2 → −1 half-up (away from zero), −0 half-even printed 0.
    expect(Ratio.of(83).roundTimes(Ratio.of(100, 97), 2)).toBe(85.57);
    expect(Ratio.of(1, 3).roundTimes(Ratio.of(3, 2), 0)).toBe(1);
    expect(Ratio.of(1, 3).roundTimes(Ratio.of(3, 2), 0, 'half-even')).toBe(0);
    expect(Object.is(Ratio.ZERO.roundTimes(Ratio.of(-5), 2), 0)).toBe(true);
    expect(Ratio.of(-7, 6).roundTimes(Ratio.of(3, 7), 0)).toBe(-1);
    expect(Object.is(Ratio.of(-7, 6).roundTimes(Ratio.of(3, 7), 0, 'half-even'), 0)).toBe(true);
    // 2^50 × 9 is past safe integers unreduced; reduced, 2^50/3 × 9/2^30 = 3 × 2^20: falls back to mul, which reduces first.
    expect(Ratio.of(2 ** 50, 3).roundTimes(Ratio.of(9, 2 ** 30), 0)).toBe(3 * 2 ** 20);
  });

  it('agrees with mul then round on random fractions, both modes, 0–4 decimals', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 100_000 })),
        fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 100_000 })),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('half-up' as const, 'half-even' as const),
        ([an, ad], [bn, bd], k, mode) => {
          const a = Ratio.of(an, ad);
          const b = Ratio.of(bn, bd);
          expect(Object.is(a.roundTimes(b, k, mode), a.mul(b).round(k, mode))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
