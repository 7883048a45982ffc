import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemError } from './errors.js';
import { pdcaTiers, quantileCuts } from './pdca.js';

describe('pdcaTiers', () => {
  it('measures the lift of the lowest tier against the 60% target (the seeds’ example)', () => {
    // cuts 70/80/90 → tiers (0 the top) ≥90 → 0, [80,90) → 1, [70,80) → 2, <70 → 3.
    // Lowest occupied tier in the previous period: tier 3 = {wang 68, zhou 65, sun 60, qian 69, zheng 50}.
    // Current: wang 74 ↑, zhou 69 =, sun 70 ↑ (a cut belongs to the tier above), qian 81 ↑ (two tiers), zheng absent.
    // Lifted 3 of 4 present = 0.75 ≥ 0.6 → met.
    const r = pdcaTiers({
      previous: { wang: 68, zhou: 65, sun: 60, qian: 69, zheng: 50, li: 75, zhao: 91 },
      current: { wang: 74, zhou: 69, sun: 70, qian: 81, li: 82, zhao: 90 },
      tiers: { cuts: [70, 80, 90] },
    });
    expect(r).toMatchObject({ lowestTier: 3, tierCount: 4, eligible: 4, lifted: 3, share: 0.75, target: 0.6, met: true, missing: ['zheng'] });
    expect(r.agents.map((a) => [a.agentId, a.currentTier, a.lifted])).toEqual([
      ['qian', 1, true], // 81 in [80, 90)
      ['sun', 2, true], // 70 in [70, 80)
      ['wang', 2, true],
      ['zheng', null, false],
      ['zhou', 3, false],
    ]);
    // top tier first. previous: zhao ≥ 90; none in [80,90); li in [70,80); 5 below 70. current: zhao; qian, li; wang, sun; zhou
    expect(r.distribution).toEqual({ previous: [1, 0, 1, 5], current: [1, 2, 2, 1] });
  });

  it('misses the target at exactly one of two, and meets it at exactly the target', () => {
    const half = pdcaTiers({ previous: { a: 60, b: 61, c: 95 }, current: { a: 75, b: 62, c: 95 }, tiers: { cuts: [70] } });
    expect([half.share, half.met]).toEqual([0.5, false]);
    // 3 of 5 = 0.6 exactly: met (compared as fractions, not floats)
    const prev = { a: 1, b: 1, c: 1, d: 1, e: 1 };
    const exact = pdcaTiers({ previous: prev, current: { a: 2, b: 2, c: 2, d: 1, e: 1 }, tiers: { cuts: [2] } });
    expect([exact.share, exact.met]).toEqual([0.6, true]);
  });

  it('accepts given tiers and quantile tiers cut on the previous period', () => {
    // Given tiers, 0 the top: a and b were in the lowest tier (2); a moved up to 1, b stayed.
    const given = pdcaTiers({ previous: { a: 2, b: 2, c: 0 }, current: { a: 1, b: 2, c: 0 }, tiers: 'given', target: 0.5 });
    expect(given).toMatchObject({ tierCount: 3, lowestTier: 2, lifted: 1, share: 0.5, met: true, cuts: [] });
    // previous 60,70,80,90,95,99 in 3 tiers → cuts [80, 95] (see quantileCuts); a 60 → 85 is lifted, b 70 → 79 is not
    const q = pdcaTiers({ previous: { a: 60, b: 70, c: 80, d: 90, e: 95, f: 99 }, current: { a: 85, b: 79 }, tiers: { count: 3 } });
    expect(q).toMatchObject({ cuts: [80, 95], lifted: 1, eligible: 2, share: 0.5 });
  });

  it('gives clear results when nobody can be lifted', () => {
    expect(pdcaTiers({ previous: {}, current: {}, tiers: { cuts: [70] } })).toMatchObject({ share: null, reason: 'no_agents', met: null, lowestTier: null });
    expect(pdcaTiers({ previous: { a: 95 }, current: { a: 99 }, tiers: { cuts: [70, 90] } })).toMatchObject({ share: null, reason: 'top_tier' });
    expect(pdcaTiers({ previous: { a: 50 }, current: {}, tiers: { cuts: [70] } })).toMatchObject({ share: null, reason: 'none_present', missing: ['a'] });
  });

  it('rejects bad input with every issue', () => {
    try {
      pdcaTiers({ previous: { a: Number.NaN }, current: {}, tiers: { cuts: [80, 70] }, target: 1.5 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      expect((e as ProblemError).issues.map((i) => i.code).sort()).toEqual(['invalid_option', 'invalid_option', 'invalid_value']);
    }
    expect(() => pdcaTiers({ previous: { a: 1.5 }, current: {}, tiers: 'given' })).toThrow(ProblemError);
    expect(() => pdcaTiers({ previous: {}, current: {}, tiers: { count: 1 } })).toThrow(ProblemError);
  });

  it('share is in [0, 1] and lifted ≤ eligible', () => {
    const values = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 40, max: 100 }));
    fc.assert(
      fc.property(values, values, fc.constantFrom(2, 3, 4), (previous, current, count) => {
        const r = pdcaTiers({ previous, current, tiers: { count } });
        expect(r.lifted).toBeLessThanOrEqual(r.eligible);
        if (r.share !== null) expect(r.share >= 0 && r.share <= 1).toBe(true);
        expect(r.distribution.previous.reduce((s, x) => s + x, 0)).toBe(Object.keys(previous).length);
      }),
    );
  });
});

describe('quantileCuts', () => {
  it('cuts sorted values at ⌊j·n/k⌋', () => {
    expect(quantileCuts([99, 60, 90, 70, 95, 80], 3)).toEqual([80, 95]);
    expect(quantileCuts([], 3)).toEqual([]);
  });
});
