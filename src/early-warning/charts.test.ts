import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ewmaChart } from './ewma.js';
import { cusumChart } from './cusum.js';
import { individualsChart } from './xmr.js';
import { EarlyWarningError } from './errors.js';

// NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.4 "EWMA Control Charts",
// https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc324.htm — the worked example.
const NIST_EWMA_DATA = [52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5, 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1];
// The EWMA values the page lists (after EWMA_0 = 50.00), to 2 decimals.
const NIST_EWMA = [50.6, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33, 50.11, 49.36, 49.52, 50.05, 49.38, 49.92, 50.73, 51.23, 51.94, 51.99];

describe('ewmaChart — NIST e-Handbook 6.3.2.4', () => {
  const c = ewmaChart(NIST_EWMA_DATA, { baseline: { mean: 50, sigma: 2.0539 }, lambda: 0.3, L: 3 });

  it('reproduces the listed EWMA values', () => {
    // z1 = 0.3·52 + 0.7·50 = 50.6; z2 = 0.3·47 + 0.7·50.6 = 49.52; …
    c.points.forEach((p, i) => expect(p.z).toBeCloseTo(NIST_EWMA[i]!, 2));
  });

  it('asymptotic limits UCL 52.5884, LCL 47.4115', () => {
    // 50 ± 3 · 2.0539 · √(0.3/1.7) = 50 ± 6.1617 · 0.42008 = 50 ± 2.5884 (the page truncates LCL 47.41157).
    expect(c.asymptotic.ucl).toBeCloseTo(52.5884, 4);
    expect(c.asymptotic.lcl).toBeCloseTo(47.4115, 3);
  });

  it('time-varying limits start at target ± Lσλ and approach the asymptotic ones', () => {
    // i = 1: λ/(2−λ)·(1 − (1−λ)²) = λ², so the half-width is 3 · 2.0539 · 0.3 = 1.84851.
    expect(c.points[0]!.ucl).toBeCloseTo(51.84851, 5);
    expect(c.points[0]!.lcl).toBeCloseTo(48.15149, 5);
    expect(c.points[19]!.ucl).toBeCloseTo(c.asymptotic.ucl, 4);
  });

  it('finds the process in control, as the page concludes', () => {
    expect(c.alerts).toEqual([]);
  });

  it('with λ = 1 the EWMA is the series itself', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
      const e = ewmaChart(xs, { baseline: { mean: 50, sigma: 5 }, lambda: 1 });
      e.points.forEach((p, i) => expect(p.z).toBeCloseTo(xs[i]!, 9));
    }));
  });

  it('alerts once per excursion, with the window from where the EWMA crossed the target', () => {
    const e = ewmaChart([50, 50, 49, 45, 44, 43, 42, 41], { baseline: { mean: 50, sigma: 2 }, lambda: 0.3 });
    expect(e.alerts).toHaveLength(1);
    expect(e.alerts[0]).toMatchObject({ rule: 'ewma', direction: 'down', window: [2, e.alerts[0]!.index] });
  });

  it('rejects λ outside (0, 1] and a series shorter than the baseline', () => {
    expect(() => ewmaChart([1, 2], { baseline: { mean: 0, sigma: 1 }, lambda: 0 })).toThrow(EarlyWarningError);
    expect(() => ewmaChart([1, 2], { baseline: { mean: 0, sigma: 1 }, lambda: 1.5 })).toThrow(/lambda/);
    expect(() => ewmaChart([80, 81], { baseline: { points: 10 } })).toThrow(/series_too_short/);
  });
});

// Montgomery, Introduction to Statistical Quality Control (6th ed.), Example 9.1 / Table 9.1:
// 30 observations, μ0 = 10, σ = 1, K = 0.5, H = 5 (the first 20 from N(10,1), the last 10 from N(11,1)).
const MONTGOMERY = [9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.2, 10.34, 9.03, 11.47, 10.51, 9.4, 10.08, 9.37, 10.62, 10.31, 8.52, 10.84, 10.9, 9.33, 12.29, 11.5, 10.6, 11.08, 10.38, 11.62, 11.31, 10.52];
// Table 9.2, C⁺_i for periods 1–30.
const MONTGOMERY_UPPER = [0, 0, 0, 1.16, 2.82, 2.5, 0.04, 1.0, 0, 0, 0, 0.97, 0.98, 0, 0, 0, 0.12, 0, 0, 0.34, 0.74, 0, 1.79, 2.79, 2.89, 3.47, 3.35, 4.47, 5.28, 5.3];

describe('cusumChart — Montgomery Example 9.1', () => {
  const c = cusumChart(MONTGOMERY, { baseline: { mean: 10, sigma: 1 }, k: 0.5, h: 5 });

  it('reproduces C⁺ of Table 9.2', () => {
    // e.g. C⁺4 = max(0, 11.66 − 10.5 + 0) = 1.16; C⁺5 = 12.16 − 10.5 + 1.16 = 2.82.
    c.points.forEach((p, i) => expect(p.upper).toBeCloseTo(MONTGOMERY_UPPER[i]!, 2));
  });

  it('C⁻ by hand for the first periods', () => {
    // C⁻1 = 9.5 − 9.45 = 0.05; C⁻2 = 9.5 − 7.99 + 0.05 = 1.56; C⁻3 = 9.5 − 9.29 + 1.56 = 1.77; C⁻4 = max(0, 9.5 − 11.66 + 1.77) = 0.
    expect(c.points.slice(0, 4).map((p) => p.lower)).toEqual([expect.closeTo(0.05, 10), expect.closeTo(1.56, 10), expect.closeTo(1.77, 10), 0]);
  });

  it('signals at observation 29, dates the shift to period 23 and estimates the new mean 11.25', () => {
    // N⁺ = 7 at period 29, so the shift began after period 22; μ̂ = 10 + 0.5 + 5.28/7 = 11.25.
    expect(c.alerts).toHaveLength(1);
    expect(c.alerts[0]).toMatchObject({ rule: 'cusum', index: 28, window: [22, 28], direction: 'up', limit: 5 });
    expect(c.alerts[0]!.estimatedMean).toBeCloseTo(11.25, 2);
  });

  it('restarts the sum after a signal when asked', () => {
    const r = cusumChart(MONTGOMERY, { baseline: { mean: 10, sigma: 1 }, resetOnSignal: true });
    // C⁺30 = max(0, 10.52 − 10.5 + 0) = 0.02
    expect(r.points[29]!.upper).toBeCloseTo(0.02, 10);
  });
});

// NIST/SEMATECH e-Handbook §6.3.2.3 "CUSUM Control Charts", tabular example,
// https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc323.htm : target 325, k = 0.3175, h = 4.1959 (data units).
const NIST_CUSUM_DATA = [324.925, 324.675, 324.725, 324.35, 325.35, 325.225, 324.125, 324.525, 325.225, 324.6, 324.625, 325.15, 328.325, 327.25, 327.825, 328.5, 326.675, 327.775, 326.875, 328.35];

describe('cusumChart — NIST e-Handbook 6.3.2.3', () => {
  const c = cusumChart(NIST_CUSUM_DATA, { baseline: { mean: 325, sigma: 0.635 }, allowance: 0.3175, decisionInterval: 4.1959 });

  it('first signals at observation 14', () => {
    // Shi: observations 1–12 give 0 (except 0.0325 at 5); 13: 328.325 − 325.3175 = 3.0075;
    // 14: 3.0075 + 327.25 − 325.3175 = 4.94 > 4.1959.
    expect(c.points[12]!.upper).toBeCloseTo(3.0075, 10);
    expect(c.points[13]!.upper).toBeCloseTo(4.94, 10);
    expect(c.alerts.map((a) => [a.index, a.direction])).toEqual([[13, 'up']]);
  });

  it('Slo by hand', () => {
    // Slo = max(0, 324.6825 − x + Slo): 0, 0.0075, 0, 0.3325, 0, 0, 0.5575, 0.715.
    expect(c.points.slice(0, 8).map((p) => p.lower)).toEqual([0, 0.0075, 0, 0.3325, 0, 0, 0.5575, 0.715].map((v) => expect.closeTo(v, 10)));
  });
});

describe('individualsChart', () => {
  it('σ̂ = mean moving range / 1.128 and an alert below the LCL', () => {
    // Baseline 90, 88, 91, 89, 90: mean 89.6; moving ranges 2, 3, 2, 1 → 2 → σ̂ = 1.77305; LCL = 89.6 − 5.31915 = 84.28085.
    const c = individualsChart([90, 88, 91, 89, 90, 70], { baseline: { points: 5 } });
    expect(c.centre).toBeCloseTo(89.6, 10);
    expect(c.baseline.sigma).toBeCloseTo(2 / 1.128, 10);
    expect(c.lcl).toBeCloseTo(84.28085, 5);
    expect(c.points[5]!.movingRange).toBe(20);
    expect(c.alerts).toEqual([expect.objectContaining({ rule: 'xmr-beyond-limits', index: 5, direction: 'down', value: 70 })]);
  });

  it('rejects zero variance, a short series and non-finite scores, naming the path', () => {
    expect(() => individualsChart([80, 80, 80], { baseline: { points: 3 } })).toThrow(/zero_variance/);
    expect(() => individualsChart([80], { baseline: { points: 2 } })).toThrow(/series_too_short/);
    try {
      individualsChart([80, NaN, 81], { baseline: { mean: 80, sigma: 2 } });
      expect.unreachable();
    } catch (e) {
      expect((e as EarlyWarningError).issues[0]).toMatchObject({ code: 'not_finite', path: ['series', 1] });
    }
    expect(() => individualsChart([80, 81], { baseline: { mean: 80, sigma: 0 } })).toThrow(EarlyWarningError);
  });

  it('carries ids and dates onto alerts', () => {
    const c = individualsChart([{ score: 80 }, { score: 50, id: 'e2', date: '2024-05-02' }], { baseline: { mean: 80, sigma: 2 } });
    expect(c.alerts[0]).toMatchObject({ id: 'e2', date: '2024-05-02' });
  });
});
