import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocateStrata } from './allocation.js';
import { SamplingError } from './errors.js';

const ns = (r: readonly { key: string; n: number }[]): Record<string, number> => Object.fromEntries(r.map((x) => [x.key, x.n]));

describe('allocateStrata', () => {
  it('proportional: 60/30/10 of 100, n 10 → 6/3/1', () => {
    expect(ns(allocateStrata([{ key: 'a', size: 60 }, { key: 'b', size: 30 }, { key: 'c', size: 10 }], 10))).toEqual({ a: 6, b: 3, c: 1 });
  });

  it('largest remainder: 50/30/20, n 7 → quotas 3.5/2.1/1.4 → 4/2/1', () => {
    // floors 3 + 2 + 1 = 6; the one left goes to the largest remainder, 0.5 (a).
    expect(ns(allocateStrata([{ key: 'a', size: 50 }, { key: 'b', size: 30 }, { key: 'c', size: 20 }], 7))).toEqual({ a: 4, b: 2, c: 1 });
  });

  it('equal remainders go to the smaller key, whatever the input order', () => {
    // 10/10, n 3 → 1.5/1.5: the extra call goes to 'a'.
    expect(ns(allocateStrata([{ key: 'b', size: 10 }, { key: 'a', size: 10 }], 3))).toEqual({ a: 2, b: 1 });
  });

  it('equal remainders of unequal strata are still ties: 25/15, n 4 → 2.5/1.5 → 3/1', () => {
    expect(ns(allocateStrata([{ key: 'b', size: 15 }, { key: 'a', size: 25 }], 4))).toEqual({ a: 3, b: 1 });
  });

  it('gives every non-empty stratum at least one and none to an empty one', () => {
    // 1000/5, n 10: b's quota 0.0498 is raised to 1, a re-shares the other 9.
    expect(ns(allocateStrata([{ key: 'a', size: 1000 }, { key: 'b', size: 5 }, { key: 'z', size: 0 }], 10))).toEqual({ a: 9, b: 1, z: 0 });
  });

  it('Neyman: N_h σ_h = 1000/3000/1000 → 20/60/20 of 100', () => {
    // N = 200, 300, 500; σ = 5, 10, 2; n_h = 100 · N_hσ_h / ΣN_hσ_h (Cochran 1977, eq. 5.26).
    const r = allocateStrata([{ key: 'a', size: 200, sigma: 5 }, { key: 'b', size: 300, sigma: 10 }, { key: 'c', size: 500, sigma: 2 }], 100, 'neyman');
    expect(ns(r)).toEqual({ a: 20, b: 60, c: 20 });
  });

  it('Neyman never gives a stratum more than it holds', () => {
    // a's quota 20 · 500/600 = 16.7 > 5: a takes all 5, b the other 15.
    const r = allocateStrata([{ key: 'a', size: 5, sigma: 100 }, { key: 'b', size: 100, sigma: 1 }], 20, 'neyman');
    expect(ns(r)).toEqual({ a: 5, b: 15 });
  });

  it('rejects n below the number of strata, duplicate keys and a missing σ', () => {
    expect(() => allocateStrata([{ key: 'a', size: 5 }, { key: 'b', size: 5 }], 1)).toThrow(SamplingError);
    expect(() => allocateStrata([{ key: 'a', size: 5 }, { key: 'a', size: 5 }], 4)).toThrow(SamplingError);
    try {
      allocateStrata([{ key: 'a', size: 5, sigma: 1 }, { key: 'b', size: 5 }], 4, 'neyman');
      expect.unreachable();
    } catch (e) {
      expect((e as SamplingError).issues[0]).toMatchObject({ code: 'missing_sigma', path: ['strata', 1, 'sigma'] });
    }
  });

  it('always sums to n with 1 ≤ n_h ≤ N_h, for any strata, and ignores input order', () => {
    const strata = fc.uniqueArray(
      fc.record({ key: fc.string({ minLength: 1, maxLength: 3 }), size: fc.integer({ min: 1, max: 200 }), sigma: fc.double({ min: 0, max: 20, noNaN: true }) }),
      { minLength: 1, maxLength: 12, selector: (s) => s.key },
    );
    fc.assert(fc.property(strata, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('proportional' as const, 'neyman' as const), (ss, t, method) => {
      const total = ss.reduce((a, s) => a + s.size, 0);
      const n = ss.length + Math.round(t * (total - ss.length));
      const r = allocateStrata(ss, n, method);
      expect(r.reduce((a, x) => a + x.n, 0)).toBe(n);
      for (const x of r) {
        expect(x.n).toBeGreaterThanOrEqual(1);
        expect(x.n).toBeLessThanOrEqual(x.size);
      }
      expect(allocateStrata([...ss].reverse(), n, method)).toEqual(r);
    }));
  });
});
