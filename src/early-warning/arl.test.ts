/**
 * Golden ARLs: the Brook–Evans Markov chain against published tables, then the
 * default detectors' ARLs from the same chain, cross-checked by a seeded simulation.
 */
import { describe, it, expect } from 'vitest';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { cusumArl, ewmaArl, normalCdf, siegmundArl } from './arl.js';
import { EARLY_WARNING_DEFAULTS } from './monitor.js';
import { EarlyWarningError } from './errors.js';

/** |got/want − 1| ≤ tol: the tables print three significant figures. */
const near = (got: number, want: number, tol = 0.01): void => expect(Math.abs(got / want - 1)).toBeLessThanOrEqual(tol);

describe('normalCdf', () => {
  it('matches standard values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14); // Φ(−3), e.g. R pnorm(-3)
  });
});

describe('cusumArl — Montgomery, Introduction to SQC (6th ed.), Table 9.3: two-sided tabular CUSUM, k = ½', () => {
  // Shift (σ) → ARL for h = 4 and h = 5, as the table prints them.
  const table: [number, number, number][] = [
    [0, 168, 465], [0.25, 74.2, 139], [0.5, 26.6, 38.0], [0.75, 13.3, 17.0], [1, 8.38, 10.4],
    [1.5, 4.75, 5.75], [2, 3.34, 4.01], [2.5, 2.62, 3.11], [3, 2.19, 2.57], [4, 1.71, 2.01],
  ];
  for (const [shift, h4, h5] of table) {
    it(`δ = ${shift}: h 4 → ${h4}, h 5 → ${h5}`, () => {
      near(cusumArl({ k: 0.5, h: 4, shift, sides: 'two-sided' }), h4);
      near(cusumArl({ k: 0.5, h: 5, shift, sides: 'two-sided' }), h5);
    });
  }

  it('one-sided in control: twice the two-sided (336 and 930, Hawkins & Olwell 1998, Table 3.1), near Siegmund (NIST e-Handbook §6.3.2.3)', () => {
    near(cusumArl({ k: 0.5, h: 4 }), 336);
    near(cusumArl({ k: 0.5, h: 5 }), 930);
    // Siegmund: b = h + 1.166 = 6.166, ARL = 2(e^b − b − 1) = 2(476.4 − 7.166) = 938.5; within 1% of the chain.
    near(siegmundArl({ k: 0.5, h: 5 }), cusumArl({ k: 0.5, h: 5 }), 0.01);
  });

  it('converges as the chain refines (101 → 401 states move the ARL by < 0.1%)', () => {
    near(cusumArl({ k: 0.5, h: 5, states: 101 }), cusumArl({ k: 0.5, h: 5, states: 401 }), 0.001);
  });
});

describe('ewmaArl — Lucas & Saccucci (Technometrics 32, 1990), Table 3; Montgomery Table 9.11 (asymptotic limits)', () => {
  // [λ, L, ARL at δ = 0, 0.25, 0.5, 1, 2, 3]
  const table: [number, number, number[]][] = [
    [0.05, 2.615, [500, 84.1, 28.8, 11.4, 5.2, 3.5]],
    [0.1, 2.814, [500, 106, 31.3, 10.3, 4.4, 2.9]],
    [0.2, 2.962, [500, 150, 41.8, 10.5, 3.7, 2.4]],
    [0.4, 3.054, [500, 224, 71.2, 14.3, 3.5, 2.0]],
  ];
  const shifts = [0, 0.25, 0.5, 1, 2, 3];
  for (const [lambda, L, arls] of table) {
    it(`λ ${lambda}, L ${L}: ${arls.join(', ')}`, () => {
      // The ARLs near 2–5 are printed to one decimal: allow ±0.05 there (the rounding), 1% elsewhere.
      arls.forEach((want, i) => {
        const got = ewmaArl({ lambda, L, shift: shifts[i] as number });
        if (want < 10) expect(Math.abs(got - want)).toBeLessThanOrEqual(0.051);
        else near(got, want);
      });
    });
  }

  it('rejects λ outside (0, 1] and too few states', () => {
    expect(() => ewmaArl({ lambda: 0, L: 3 })).toThrow(EarlyWarningError);
    expect(() => cusumArl({ k: 0.5, h: 5, states: 3 })).toThrow(/states/);
  });
});

/** Run lengths of the default detectors' downward signals by simulation (standardised scores, mean −δ). */
function simulatedArl(kind: 'cusum' | 'ewma', shift: number, runs: number, seed: number): { mean: number; se: number } {
  const rng = xoroshiro128plus(seed);
  const { k, h } = EARLY_WARNING_DEFAULTS.cusum;
  const { lambda, L } = EARLY_WARNING_DEFAULTS.ewma;
  const limit = -L * Math.sqrt(lambda / (2 - lambda)); // asymptotic, as the chain assumes
  let sum = 0;
  let sq = 0;
  for (let r = 0; r < runs; r++) {
    let c = 0;
    let z = 0;
    let t = 0;
    for (;;) {
      t++;
      const u = uniformFloat64(rng) || Number.MIN_VALUE;
      const x = -shift + Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniformFloat64(rng));
      if (kind === 'cusum') { c = Math.max(0, c - x - k); if (c > h) break; }
      else { z = lambda * x + (1 - lambda) * z; if (z < limit) break; }
    }
    sum += t;
    sq += t * t;
  }
  const mean = sum / runs;
  return { mean, se: Math.sqrt((sq / runs - mean * mean) / runs) };
}

describe('the default detectors (k 1, h 3.5; λ 0.1, L 3.3): downward ARLs from the chain, confirmed by simulation', () => {
  const { k, h } = EARLY_WARNING_DEFAULTS.cusum;
  const { lambda, L } = EARLY_WARNING_DEFAULTS.ewma;

  it('lower CUSUM: ARL0 ≈ 5341, ARL at a 1σ drop ≈ 21.8, at 2σ ≈ 4.25; Siegmund approximation within 6%', () => {
    const a0 = cusumArl({ k, h });
    expect(a0).toBeGreaterThan(5300);
    expect(a0).toBeLessThan(5380);
    near(cusumArl({ k, h, shift: 1 }), 21.76, 0.005);
    near(cusumArl({ k, h, shift: 2 }), 4.25, 0.005);
    // Siegmund: b = 4.666, (e^{9.332} − 9.332 − 1)/2 = 5642, 5.6% above the chain (the approximation loosens as k grows).
    near(siegmundArl({ k, h }), a0, 0.06);
    const sim = simulatedArl('cusum', 1, 20000, 11);
    expect(Math.abs(sim.mean - cusumArl({ k, h, shift: 1 }))).toBeLessThan(3 * sim.se);
    const sim0 = simulatedArl('cusum', 0, 600, 12);
    expect(Math.abs(sim0.mean - a0)).toBeLessThan(3 * sim0.se);
  }, 10_000);

  it('lower EWMA limit: ARL0 ≈ 4202, at a 1σ drop ≈ 13.3, at 2σ ≈ 5.19', () => {
    const a0 = ewmaArl({ lambda, L, sides: 'lower' });
    expect(a0).toBeGreaterThan(4150);
    expect(a0).toBeLessThan(4250);
    near(ewmaArl({ lambda, L, sides: 'lower', shift: -1 }), 13.32, 0.005);
    near(ewmaArl({ lambda, L, sides: 'lower', shift: -2 }), 5.19, 0.005);
    const sim = simulatedArl('ewma', 1, 20000, 13);
    expect(Math.abs(sim.mean - ewmaArl({ lambda, L, sides: 'lower', shift: -1 }))).toBeLessThan(3 * sim.se);
  }, 10_000);
});
