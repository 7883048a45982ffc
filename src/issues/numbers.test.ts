import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Ratio } from '../exact/rational.js';
import { decimalPlaces, exactNumberCheck, MAX_DECIMALS, MAX_MAGNITUDE, numberProblem } from './numbers.js';

describe('decimalPlaces', () => {
  it.each([
    [12, 0],
    [2.5, 1],
    [33.25, 2],
    [1e-7, 7], // printed "1e-7"
    [1.5e-7, 8], // "1.5e-7"
    [1e21, 0], // "1e+21"
    [0.1 + 0.2, 17], // "0.30000000000000004"
    ['89.50', 1], // as written in an interval: trailing zeros do not count
  ])('%s has %s', (x, n) => expect(decimalPlaces(x)).toBe(n));
});

describe('numberProblem', () => {
  it('accepts what a scorecard writes, up to the limits', () => {
    for (const x of [0, -0, 8, 2.5, -2, 33.3, 0.000001, 1e9, -1e9, 999_999_999.999999]) expect(numberProblem(x)).toBeNull();
  });

  it('refuses magnitudes above 10^9 as too_large (1e16 has one significant digit and is still not a safe integer)', () => {
    for (const x of [1e9 + 1, 1e16, -1e20, 2 ** 53, 1e300]) expect(numberProblem(x)?.code).toBe('too_large');
  });

  it('refuses more than 6 decimal places as too_precise', () => {
    for (const x of [1e-7, 0.1 + 0.2, 100 / 3, 5e-324]) expect(numberProblem(x)?.code).toBe('too_precise');
  });

  it('refuses non-finite numbers', () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY]) expect(numberProblem(x)?.code).toBe('not_finite');
  });

  it('every accepted number is held exactly by Ratio (n / 10^6 with |n| ≤ 10^15 < 2^53)', () => {
    expect(MAX_MAGNITUDE * 10 ** MAX_DECIMALS).toBeLessThan(Number.MAX_SAFE_INTEGER);
    // The extremes, reduced by hand: 999999999999999 is odd and does not end in 0 or 5, so gcd with 10^6 is 1.
    expect(Ratio.from(999_999_999.999999).toString()).toBe('999999999999999/1000000');
    expect(Ratio.from(-999_999_999.999999).toString()).toBe('-999999999999999/1000000');
    expect(Ratio.from(0.000001).toString()).toBe('1/1000000');
    expect(Ratio.from(1e9).toString()).toBe('1000000000');
  });
});

describe('exactNumberCheck', () => {
  it('reports through params.code, which fromZodIssues keeps', () => {
    const res = z.number().check(exactNumberCheck).safeParse(1e16);
    expect(res.success).toBe(false);
    const issue = res.error?.issues[0];
    expect(issue?.code).toBe('custom');
    expect(issue && 'params' in issue ? issue.params : undefined).toEqual({ code: 'too_large' });
    expect(z.number().check(exactNumberCheck).safeParse(12.5).success).toBe(true);
  });
});
