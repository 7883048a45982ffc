import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearson, pointBiserial, spearman } from './correlation.js';
import { CorrelationError } from './errors.js';
import { averageRanks } from './ranks.js';

// Wikipedia, "Spearman's rank correlation coefficient", Example: IQ vs hours of
// TV per week for 10 people. Σd² = 194, ρ = 1 − 6·194/(10·99) = −29/165
// = −0.175757…. (Wikipedia's p = 0.6864058 is R cor.test's AS 89 exact/Edgeworth
// value; callqa uses the t approximation instead, see the p test below.)
const IQ = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110];
const TV = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17];

describe('pearson', () => {
  // By hand: x = 1..5, y = 2, 4, 5, 4, 5. x̄ = 3, ȳ = 4; Sxy = 4 + 0 + 0 + 0 + 2 = 6,
  // Sxx = 10, Syy = 6 → r = 6/√60 = 0.7745967.
  // Fisher z: atanh r = 1.0317185; SE = 1/√(5 − 3) = 0.7071068; half-width
  // 1.959964·0.7071068 = 1.3859038 → CI tanh(−0.3541853) = −0.3400820,
  // tanh(2.4176224) = 0.9842358.
  // t = r√3/√(1 − r²) = 3/√2, df 3 → p = 0.1240271 (closed form for df 3).
  it('matches a hand computation', () => {
    const c = pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    if (c.r === null) throw new Error('unreachable');
    expect(c.r).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(c.n).toBe(5);
    expect(c.ci?.[0]).toBeCloseTo(-0.340082, 5);
    expect(c.ci?.[1]).toBeCloseTo(0.9842358, 6);
    expect(c.p).toBeCloseTo(0.1240271, 6);
  });

  it('drops and counts pairs with a missing side', () => {
    const c = pearson([1, 2, null, 3, 4, 5, 9], [2, 4, 7, 5, 4, 5, undefined]);
    expect(c.r).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(c).toMatchObject({ n: 5, dropped: 2 });
  });

  it('returns reasons, never NaN, for degenerate input', () => {
    expect(pearson([1, 1, 1, 1], [1, 2, 3, 4])).toMatchObject({ r: null, reason: 'no_variance', ci: null });
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toMatchObject({ r: null, reason: 'no_variance' });
    expect(pearson([1], [2])).toMatchObject({ r: null, reason: 'too_few_pairs', n: 1 });
    expect(pearson([null, 1], [1, null])).toMatchObject({ r: null, reason: 'too_few_pairs', n: 0, dropped: 2 });
    // n = 3: r and p exist, but SE = 1/√(n − 3) does not.
    expect(pearson([1, 2, 3], [1, 3, 2])).toMatchObject({ r: 0.5, ci: null, ciReason: 'too_few_pairs' });
    // Perfect correlation: a degenerate but finite interval.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])).toMatchObject({ r: 1, ci: [1, 1], p: 0 });
  });

  it('throws CorrelationError naming the path', () => {
    try {
      pearson([1, Number.NaN, 3], [1, 2], { level: 1.2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CorrelationError);
      expect((e as CorrelationError).issues.map((i) => [i.code, i.path])).toEqual([
        ['length_mismatch', ['ys']],
        ['invalid_level', ['level']],
        ['invalid_value', ['xs', 1]],
      ]);
    }
  });

  it('narrows the interval at a lower level', () => {
    const a = pearson([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]);
    const b = pearson([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5], { level: 0.8 });
    expect(b.ci![0]).toBeGreaterThan(a.ci![0]);
    expect(b.ci![1]).toBeLessThan(a.ci![1]);
  });
});

describe('spearman', () => {
  it('reproduces Wikipedia’s IQ vs TV example', () => {
    const c = spearman(IQ, TV);
    if (c.r === null) throw new Error('unreachable');
    expect(c.r).toBeCloseTo(-29 / 165, 12);
    // t = ρ√8/√(1 − ρ²) = −0.5049782, df 8. Closed form for even df
    // (Abramowitz & Stegun 26.7.4): P(T ≤ t) = ½ + t/(2√(ν + t²))·Σ_{j<ν/2} C(2j, j)/4^j·(ν/(ν + t²))^j
    // = 0.3135942 → two-sided p = 0.6271883.
    expect(c.p).toBeCloseTo(0.6271883, 6);
    // Fisher z with SE 1.06/√(n − 3) (Fieller, Hartley & Pearson 1957):
    // atanh(−0.1757576) = −0.1776016; SE = 1.06/√7 = 0.4006423; half-width
    // 1.959964·0.4006423 = 0.7852446 → CI (tanh(−0.9628462), tanh(0.6076430))
    // = (−0.7455437, 0.5424658).
    expect(c.ci?.[0]).toBeCloseTo(-0.7455437, 6);
    expect(c.ci?.[1]).toBeCloseTo(0.5424658, 6);
    expect(c.method).toBe('spearman');
  });

  it('uses average ranks for ties', () => {
    // ranks x = 1, 2.5, 2.5, 4; y = 1, 2, 3, 4. Sxy = 2.25 + 0 + 0 + 2.25 = 4.5,
    // Sxx = 4.5, Syy = 5 → ρ = 4.5/√22.5 = 0.9486833.
    expect(averageRanks([1, 2, 2, 3])).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4]).r).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });
});

describe('pointBiserial', () => {
  it('is Pearson with a 0/1 outcome and rejects anything else', () => {
    const scores = [90, 85, 60, 55, 70];
    const complaint = [false, false, true, true, false];
    expect(pointBiserial(scores, complaint).r).toBe(pearson(scores, [0, 0, 1, 1, 0]).r);
    expect(() => pointBiserial(scores, [0, 1, 2, 0, 1])).toThrow(CorrelationError);
  });
});

describe('correlation properties', () => {
  const pairsArb = fc
    .integer({ min: 2, max: 30 })
    .chain((n) => fc.tuple(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n })));

  it('r lies in [−1, 1], is symmetric, and the CI brackets r; nothing is NaN', () => {
    fc.assert(
      fc.property(pairsArb, ([xs, ys]) => {
        for (const f of [pearson, spearman]) {
          const a = f(xs, ys);
          const b = f(ys, xs);
          if (a.r === null) {
            expect(b.r).toBeNull();
            continue;
          }
          expect(Math.abs(a.r)).toBeLessThanOrEqual(1);
          expect(b.r).toBeCloseTo(a.r, 12);
          if (a.ci) {
            expect(a.ci[0]).toBeLessThanOrEqual(a.r + 1e-12);
            expect(a.ci[1]).toBeGreaterThanOrEqual(a.r - 1e-12);
            expect(a.ci.every(Number.isFinite)).toBe(true);
          }
          if (a.p !== undefined) expect(a.p >= 0 && a.p <= 1).toBe(true);
        }
      }),
    );
  });

  it('Spearman is unchanged by a strictly increasing transform; Pearson by a positive affine one', () => {
    fc.assert(
      fc.property(pairsArb, fc.integer({ min: 1, max: 9 }), fc.integer({ min: -50, max: 50 }), ([xs, ys], a, b) => {
        const s = spearman(xs, ys).r;
        const st = spearman(xs.map((x) => x ** 3 + x), ys).r;
        if (s === null) expect(st).toBeNull();
        else expect(st).toBeCloseTo(s, 10);
        const p = pearson(xs, ys).r;
        const pt = pearson(xs.map((x) => a * x + b), ys).r;
        if (p === null) expect(pt).toBeNull();
        else expect(pt).toBeCloseTo(p, 10);
      }),
    );
  });
});
