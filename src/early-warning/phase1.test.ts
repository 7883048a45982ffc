import { describe, it, expect } from 'vitest';
import { chooseBaseline, MIN_OWN_POINTS, phaseOneBaseline } from './phase1.js';
import { EarlyWarningError } from './errors.js';

describe('phaseOneBaseline', () => {
  it('sets aside an out-of-control point and re-estimates (the TSDoc example, by hand)', () => {
    const xs = [88, 90, 86, 89, 87, 91, 88, 85, 90, 88, 87, 89, 86, 90, 88, 87, 89, 88, 86, 90, 40];
    // The first 20 have moving ranges 2,4,3,2,4,3,3,5,2,1,2,3,4,2,1,2,1,2,4 (sum 50), the last one |40 − 90| = 50.
    // Round 1, all 21: mean 1802/21 = 85.81, MR̄ = 100/20 = 5, σ̂ = 4.43 → 40 is below 85.81 − 13.30 = 72.51.
    // Round 2, the 20 others: mean 1762/20 = 88.1, σ̂ = 50/19/1.128 = 2.333; nothing beyond 88.1 ± 7.0: stop.
    const b = phaseOneBaseline(xs);
    expect(b).toMatchObject({ source: 'phase1', points: 20, removed: 1, rounds: 2 });
    expect(b.mean).toBeCloseTo(88.1, 12);
    expect(b.sigma).toBeCloseTo(50 / 19 / 1.128, 12);
  });

  it('pools a team: moving ranges only within each agent, so level differences between agents never enter σ', () => {
    // Agent A alternates 80/82, agent B 94/96: every within-agent moving range is 2, σ̂ = 2/1.128,
    // although the overall standard deviation is about 7. The mean is the grand mean 88.
    const a = [80, 82, 80, 82];
    const bb = [94, 96, 94, 96];
    const t = phaseOneBaseline([a, bb]);
    expect(t.mean).toBe(88);
    expect(t.sigma).toBeCloseTo(2 / 1.128, 12);
    expect(t.points).toBe(8);
  });

  it('a declining agent in the reference period does not inflate σ (the old --baseline team did)', () => {
    // 9 steady agents at 88 ± 2 (alternating), one falling 2 points a call from 88 to 50.
    const steady = Array.from({ length: 9 }, () => Array.from({ length: 20 }, (_, i) => (i % 2 ? 90 : 86)));
    const falling = Array.from({ length: 20 }, (_, i) => 88 - 2 * i);
    const all = [...steady.flat(), ...falling];
    const m = all.reduce((s, x) => s + x, 0) / all.length;
    const sd = Math.sqrt(all.reduce((s, x) => s + (x - m) ** 2, 0) / (all.length - 1));
    const t = phaseOneBaseline([...steady, falling]);
    // Moving ranges: 9 × 19 of 4 and 19 of 2 → MR̄ = (684 + 38)/190 = 3.8, σ̂ = 3.37; the falling agent's
    // points below 88 − 3·3.37 are set aside. The overall standard deviation is far larger.
    expect(sd).toBeGreaterThan(6);
    expect(t.sigma).toBeLessThan(3.6);
    expect(t.removed).toBeGreaterThan(0);
  });

  it('rejects too little data, no variation and non-finite scores, naming where', () => {
    expect(() => phaseOneBaseline([88])).toThrow(/series_too_short/);
    expect(() => phaseOneBaseline([88, 88, 88])).toThrow(/zero_variance/);
    try {
      phaseOneBaseline([[88, 90], [87, NaN]]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EarlyWarningError);
      expect((e as EarlyWarningError).issues[0]?.path).toEqual([1, 1]);
    }
  });
});

describe('chooseBaseline', () => {
  it(`uses the agent's own reference period from ${MIN_OWN_POINTS} evaluations, the team's before`, () => {
    expect(chooseBaseline([90, 85, 88], { mean: 88, sigma: 5 })).toEqual({ mean: 88, sigma: 5, source: 'team' });
    const own = Array.from({ length: MIN_OWN_POINTS }, (_, i) => (i % 2 ? 91 : 87));
    // Own centre 89 (alternating 87/91), the team's σ 5.
    expect(chooseBaseline(own, { mean: 88, sigma: 5 })).toEqual({ mean: 89, sigma: 5, source: 'phase1', points: MIN_OWN_POINTS, removed: 0 });
    expect(chooseBaseline(own, null).sigma).toBeCloseTo(4 / 1.128, 12);
    expect(() => chooseBaseline([90], null)).toThrow(/no_baseline/);
  });
});

describe('phaseOneBaseline on Float64Array series (as watchCentre hands its columns over)', () => {
  it('gives what the same numbers as arrays give', () => {
    // Two agents: 90, 86, 90, 86 (mean 88, moving ranges 4) and 80, 82 (mean 81, range 2).
    // Pooled: mean (352 + 162) / 6 = 85.67; MR̄ = (4 + 4 + 4 + 2) / 4 = 3.5, σ̂ = 3.5 / 1.128.
    const team = [[90, 86, 90, 86], [80, 82]];
    const b = phaseOneBaseline(team.map((s) => Float64Array.from(s)) as unknown as number[][]);
    expect(b).toEqual(phaseOneBaseline(team));
    expect(b.mean).toBeCloseTo(514 / 6, 12);
    expect(b.sigma).toBeCloseTo(3.5 / 1.128, 12);
  });
});
