import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sampleSizeForMean, sampleSizeForProportion } from './sample-size.js';
import { SamplingError } from './errors.js';

// Cochran, Sampling Techniques (3rd ed., 1977) §4.4: n0 = z²pq/E², n = n0/(1 + (n0 − 1)/N).
describe('sampleSizeForProportion', () => {
  it('z 1.96, p 0.5, E 0.05 → 385', () => {
    // 1.96² · 0.25 / 0.05² = 3.8416 · 0.25 / 0.0025 = 384.16 → 385
    const r = sampleSizeForProportion({ z: 1.96, margin: 0.05 });
    expect(r.n0).toBeCloseTo(384.16, 10);
    expect(r).toMatchObject({ n: 385, z: 1.96, fpcApplied: false });
  });

  it('with N = 1000 → 278 and N = 500 → 218 (FPC on the unrounded n0)', () => {
    // 384.16 / (1 + 383.16/1000) = 384.16 / 1.38316 = 277.74 → 278
    expect(sampleSizeForProportion({ z: 1.96, margin: 0.05, population: 1000 })).toMatchObject({ n: 278, fpcApplied: true });
    // 384.16 / (1 + 383.16/500) = 384.16 / 1.76632 = 217.49 → 218
    expect(sampleSizeForProportion({ z: 1.96, margin: 0.05, population: 500 }).n).toBe(218);
  });

  it('confidence 0.95 uses z = 1.959964', () => {
    // 1.959964² · 0.25 / 0.0025 = 384.146 → 385
    const r = sampleSizeForProportion({ confidence: 0.95, margin: 0.05 });
    expect(r.z).toBeCloseTo(1.959964, 6);
    expect(r.n).toBe(385);
  });

  it('rejects margin, p and confidence outside (0, 1), naming each', () => {
    try {
      sampleSizeForProportion({ confidence: 1, margin: 0, p: 1.2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SamplingError);
      expect((e as SamplingError).issues.map((i) => i.path[0]).sort()).toEqual(['confidence', 'margin', 'p']);
    }
  });
});

describe('sampleSizeForMean', () => {
  it('σ 10, E 2, z 1.96 → 97 (96.04 rounded up); with N 300 → 73', () => {
    // 1.96² · 10² / 2² = 3.8416 · 100 / 4 = 96.04 → 97
    const r = sampleSizeForMean({ sigma: 10, margin: 2, z: 1.96 });
    expect(r.n0).toBeCloseTo(96.04, 10);
    expect(r.n).toBe(97);
    // 96.04 / (1 + 95.04/300) = 96.04 / 1.3168 = 72.93 → 73
    const c = sampleSizeForMean({ sigma: 10, margin: 2, z: 1.96, population: 300 });
    expect(c.nCorrected).toBeCloseTo(72.934, 3);
    expect(c).toMatchObject({ n: 73, fpcApplied: true });
  });

  it.each([
    [{ sigma: 10, margin: 0, z: 1.96 }, 'margin'],
    [{ sigma: 10, margin: -1, z: 1.96 }, 'margin'],
    [{ sigma: 0, margin: 2, z: 1.96 }, 'sigma'],
    [{ sigma: 10, margin: 2, confidence: 0 }, 'confidence'],
    [{ sigma: 10, margin: 2, z: 1.96, population: 0 }, 'population'],
  ] as const)('rejects %o at %s', (input, path) => {
    expect(() => sampleSizeForMean(input)).toThrow(SamplingError);
    try { sampleSizeForMean(input); } catch (e) { expect((e as SamplingError).issues[0]?.path).toEqual([path]); }
  });

  it('the corrected n never exceeds N nor the uncorrected n, and is finite', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.1, max: 50, noNaN: true }),
      fc.double({ min: 0.1, max: 20, noNaN: true }),
      fc.double({ min: 0.5, max: 0.999, noNaN: true }),
      fc.integer({ min: 1, max: 100_000 }),
      (sigma, margin, confidence, population) => {
        const plain = sampleSizeForMean({ sigma, margin, confidence });
        const fpc = sampleSizeForMean({ sigma, margin, confidence, population });
        expect(Number.isFinite(fpc.n)).toBe(true);
        expect(fpc.n).toBeLessThanOrEqual(population);
        expect(fpc.n).toBeLessThanOrEqual(plain.n);
        expect(fpc.n).toBeGreaterThanOrEqual(1);
      },
    ));
  });
});
