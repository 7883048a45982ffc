import { describe, expect, it } from 'vitest';
import { bigFraction, bigGcd, roundedUnits } from './big.js';

describe('bigGcd', () => {
  it('is non-negative whatever the signs', () => {
    // 12 = 2²·3, 18 = 2·3²: gcd 6.
    expect(bigGcd(-12n, 18n)).toBe(6n);
    expect(bigGcd(12n, -18n)).toBe(6n);
    expect(bigGcd(0n, -7n)).toBe(7n);
    expect(bigGcd(0n, 0n)).toBe(0n);
  });
});

describe('bigFraction', () => {
  it('reduces and puts the sign on the numerator', () => {
    expect(bigFraction(6n, -4n)).toEqual({ n: -3n, d: 2n });
    expect(bigFraction(0n, -5n)).toEqual({ n: 0n, d: 1n });
    // 2^64 / 2^60 = 16.
    expect(bigFraction(2n ** 64n, 2n ** 60n)).toEqual({ n: 16n, d: 1n });
  });

  it('refuses a zero denominator', () => {
    expect(() => bigFraction(1n, 0n)).toThrow(RangeError);
  });
});

describe('roundedUnits', () => {
  it('sends ties away from zero (half-up) or to the even digit (half-even)', () => {
    // 5/2 = 2.5: half-up 3, half-even 2; −5/2 has the same magnitude.
    expect(roundedUnits(5n, 2n, 0, 'half-up')).toBe(3n);
    expect(roundedUnits(-5n, 2n, 0, 'half-up')).toBe(3n);
    expect(roundedUnits(5n, 2n, 0, 'half-even')).toBe(2n);
    // 7/2 = 3.5: half-even goes up to 4.
    expect(roundedUnits(7n, 2n, 0, 'half-even')).toBe(4n);
  });

  it('rounds to decimals, beyond the safe range', () => {
    // 2/3 to 2 places: 66.67 units of 0.01 → 67.
    expect(roundedUnits(2n, 3n, 2, 'half-up')).toBe(67n);
    // (2^60 + 1) / 2 = 576460752303423488.5 → 576460752303423489 (half-up) or …488 (half-even).
    expect(roundedUnits(2n ** 60n + 1n, 2n, 0, 'half-up')).toBe(576460752303423489n);
    expect(roundedUnits(2n ** 60n + 1n, 2n, 0, 'half-even')).toBe(576460752303423488n);
  });
});
