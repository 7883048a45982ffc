import { describe, expect, it } from 'vitest';
import { inverseNormalCdf, regularizedIncompleteBeta, studentTTwoSidedP } from './distributions.js';

describe('inverseNormalCdf', () => {
  // Standard normal table values (e.g. Abramowitz & Stegun, Table 26.5 / any z-table):
  // z_.975 = 1.959964, z_.995 = 2.575829, z_.99 = 2.326348, z_.95 = 1.644854.
  it('matches the standard normal table in the centre and both tails', () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 6);
    expect(inverseNormalCdf(0.95)).toBeCloseTo(1.644854, 6);
    expect(inverseNormalCdf(0.995)).toBeCloseTo(2.575829, 6);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326348, 6);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 6);
  });
  it('is antisymmetric and handles the ends', () => {
    for (const p of [0.001, 0.02, 0.1, 0.3]) expect(inverseNormalCdf(p)).toBeCloseTo(-inverseNormalCdf(1 - p), 8);
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(inverseNormalCdf(1.5)).toBeNaN();
  });
});

describe('studentTTwoSidedP', () => {
  it('matches closed forms for 1, 2 and 3 degrees of freedom', () => {
    // df 1 (Cauchy): p = 1 − 2·atan(t)/π → t = 1 gives 0.5.
    expect(studentTTwoSidedP(1, 1)).toBeCloseTo(0.5, 12);
    // df 2: p = 1 − |t|/√(t² + 2) → t = 2 gives 1 − 2/√6 = 0.1835034.
    expect(studentTTwoSidedP(2, 2)).toBeCloseTo(1 - 2 / Math.sqrt(6), 12);
    // df 3: p = 1 − (2/π)(atan(u) + u/(1 + u²)), u = t/√3 → t = 3/√2 gives 0.1240271.
    expect(studentTTwoSidedP(3 / Math.SQRT2, 3)).toBeCloseTo(0.1240271, 7);
  });
  it('gives 0.05 at the tabulated critical values', () => {
    // t-table, two-sided 5%: df 10 → 2.228, df 30 → 2.042.
    expect(studentTTwoSidedP(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(-2.042272, 30)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(Infinity, 5)).toBe(0);
    expect(studentTTwoSidedP(0, 5)).toBeCloseTo(1, 12);
  });
  it('regularized incomplete beta is symmetric for a = b at x = 0.5', () => {
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    // I_x(1, 1) = x
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });
});
