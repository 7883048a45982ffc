import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta, studentTTwoSidedP } from './beta.js';

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
