import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chiSquareSurvival, inverseNormalCdf, logGamma, regularizedGammaQ } from './normal-gamma.js';
import { DistributionError } from './errors.js';

describe('inverseNormalCdf', () => {
  // Standard normal table values (e.g. NIST e-Handbook 1.3.6.7.1): z_.975 = 1.959964,
  // z_.95 = 1.644854, z_.995 = 2.575829, z_.9 = 1.281552.
  it.each([
    [0.975, 1.959964],
    [0.95, 1.644854],
    [0.995, 2.575829],
    [0.9, 1.281552],
    [0.5, 0],
    [0.01, -2.326348],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 6);
  });

  // From 1e-6 up: below that, 1 − p itself is no longer exact in binary floating point.
  it('is antisymmetric and increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p, q) => {
        expect(inverseNormalCdf(p) + inverseNormalCdf(1 - p)).toBeCloseTo(0, 6);
        if (p < q) expect(inverseNormalCdf(p)).toBeLessThanOrEqual(inverseNormalCdf(q));
      }),
    );
  });

  it.each([0, 1, -0.1, 1.5, NaN])('rejects p = %f with a DistributionError', (p) => {
    expect(() => inverseNormalCdf(p)).toThrow(DistributionError);
  });
});

describe('logGamma and regularizedGammaQ', () => {
  it('matches closed forms', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12); // Γ(5) = 4!
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12); // Γ(½) = √π
  });

  it('Q(1, x) = e^{-x} (the exponential survival function)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 50, noNaN: true }), (x) => {
      expect(regularizedGammaQ(1, x)).toBeCloseTo(Math.exp(-x), 12);
    }));
  });
});

describe('chiSquareSurvival', () => {
  // Critical values from any χ² table (e.g. NIST e-Handbook 1.3.6.7.4):
  // df 1: 3.841 at 0.05, 6.635 at 0.01; df 2: 5.991 at 0.05; df 10: 18.307 at 0.05; df 3: 7.815 at 0.05.
  it.each([
    [3.841459, 1, 0.05],
    [6.634897, 1, 0.01],
    [5.991465, 2, 0.05],
    [7.814728, 3, 0.05],
    [18.307038, 10, 0.05],
  ])('P(χ² ≥ %f; df %i) = %f', (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 6);
  });

  it('with df 2 equals e^{-x/2} (an exponential with mean 2)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (x) => {
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
    }));
  });

  it('is a probability, decreasing in x', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 200, noNaN: true }), fc.integer({ min: 1, max: 60 }), (x, df) => {
      const p = chiSquareSurvival(x, df);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(chiSquareSurvival(x + 1, df)).toBeLessThanOrEqual(p);
    }));
  });

  it('rejects a bad df or a negative statistic', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(DistributionError);
    expect(() => chiSquareSurvival(1, 1.5)).toThrow(DistributionError);
    expect(() => chiSquareSurvival(-1, 1)).toThrow(DistributionError);
  });
});
