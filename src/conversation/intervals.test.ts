import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { medianInPlace } from './intervals.js';

describe('medianInPlace', () => {
  it('is the middle value, or the mean of the middle two, of the first n numbers', () => {
    expect(medianInPlace([500, 300, 500, 0], 3)).toBe(500); // 300 500 500: the middle one; the 0 is past n
    expect(medianInPlace([800, 200, 400, 600], 4)).toBe(500); // 200 400 600 800: (400 + 600) / 2
    expect(medianInPlace([7], 0)).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 60 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const n = sorted.length;
        const expected = n % 2 === 1 ? sorted[n >> 1] : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
        expect(medianInPlace([...xs], n)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
