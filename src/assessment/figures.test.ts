import { describe, expect, it } from 'vitest';
import { Ratio } from '../exact/rational.js';
import { exactOrder } from './figures.js';

describe('exactOrder', () => {
  it('gives the k-th smallest value', () => {
    const xs = [Ratio.of(7, 2), Ratio.of(1, 3), Ratio.of(5), Ratio.of(1, 3), Ratio.of(-2)];
    const o = exactOrder(xs);
    // Sorted by hand: −2, 1/3, 1/3, 7/2, 5.
    expect([0, 1, 2, 3, 4].map((k) => o.at(k).toString())).toEqual(['-2', '1/3', '1/3', '7/2', '5']);
  });

  it('orders exactly values whose nearest doubles tie', () => {
    // a = (2^52 + 1) / (2^26 − 1) and b = 4503599761588227 / 67108865 both print as
    // 67108865.00000003, but a − b = 4 / 4503599627370495 > 0 (Python's fractions.Fraction): b < a.
    const a = Ratio.of(2 ** 52 + 1, 2 ** 26 - 1);
    const b = Ratio.of(4503599761588227, 67108865);
    expect(a.toNumber()).toBe(b.toNumber());
    const o = exactOrder([a, Ratio.of(1), b]);
    expect(o.at(0).toString()).toBe('1');
    expect(o.at(1)).toBe(b);
    expect(o.at(2)).toBe(a);
  });
});
