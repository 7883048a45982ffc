import { describe, it, expect } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { detectDecline, type DetectDeclineOptions } from './detect.js';

/** Box–Muller on pure-rand's uniform doubles: deterministic for a seed. */
function normal(rng: RandomGenerator): number {
  const u = uniformFloat64(rng) || Number.MIN_VALUE;
  const v = uniformFloat64(rng);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const FAIL = 70; // a call fails below 70
const SIGMA = 4;
const AGENTS = 200;
const DRIFT = 30; // evaluations over which the mean falls linearly from 90 to 66

interface Rates { early: number; late: number; missed: number; falseAlarm: number }

/**
 * `lead` stable evaluations (at 90 for drifting agents, 88 for stable ones), then
 * DRIFT more: drifting agents' mean falls by 24/DRIFT per evaluation to 66, stable agents stay at 88.
 * Only downward alerts from index `lead` on count (monitoring starts after the lead-in).
 */
function simulate(seed: number, lead: number, options: (xs: readonly number[]) => DetectDeclineOptions): Rates {
  const rng = xoroshiro128plus(seed);
  let early = 0;
  let late = 0;
  let missed = 0;
  let falseAlarm = 0;
  for (let a = 0; a < AGENTS; a++) {
    const xs: number[] = [];
    for (let i = 0; i < lead; i++) xs.push(90 + SIGMA * normal(rng));
    for (let j = 1; j <= DRIFT; j++) xs.push(90 - (24 * j) / DRIFT + SIGMA * normal(rng));
    const firstFail = xs.findIndex((x) => x < FAIL);
    const alert = detectDecline(xs, options(xs)).alerts.find((x) => x.direction === 'down' && x.index >= lead);
    if (alert === undefined) missed++;
    else if (firstFail === -1 || alert.index < firstFail) early++;
    else late++;
  }
  for (let a = 0; a < AGENTS; a++) {
    const xs = Array.from({ length: lead + DRIFT }, () => 88 + SIGMA * normal(rng));
    if (detectDecline(xs, options(xs)).alerts.some((x) => x.direction === 'down' && x.index >= lead)) falseAlarm++;
  }
  return { early: early / AGENTS, late: late / AGENTS, missed: missed / AGENTS, falseAlarm: falseAlarm / AGENTS };
}

describe('simulation: warning before the first failing call', () => {
  it('team baseline (88 ± 4), EWMA λ 0.2 L 3 + CUSUM k 0.5 h 5: ≥ 95% early, ≤ 10% false alarms', () => {
    const r = simulate(20240506, 10, () => ({ baseline: { mean: 88, sigma: SIGMA }, detectors: ['ewma', 'cusum'] }));
    expect(r.early).toBeGreaterThanOrEqual(0.95);
    expect(r.falseAlarm).toBeLessThanOrEqual(0.1);
  });

  it('own baseline (first 20 evaluations), same charts: ≥ 95% early, ≤ 20% false alarms', () => {
    // Estimating mean and σ from 20 points inflates false alarms (Jones, Champ & Rigdon 2001):
    // a team σ, or a longer baseline, is the cure; the test states what the method does.
    const r = simulate(777, 20, () => ({ baseline: { points: 20 }, detectors: ['ewma', 'cusum'] }));
    expect(r.early).toBeGreaterThanOrEqual(0.95);
    expect(r.falseAlarm).toBeLessThanOrEqual(0.2);
  });
});
