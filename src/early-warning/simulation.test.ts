/**
 * The centre simulation (src/early-warning/simulation.ts) with the default
 * detectors: 4 centres of 200 agents pooled per scenario, 40 evaluations a
 * month for 6 months, N(88, σ) while stable, a fifth declining from a random
 * evaluation in months 2–3. The reference is the best lower CUSUM that knows
 * μ and σ, tuned to 2% of stable agent-months. Seeded: the numbers below are
 * what these seeds give (docs/early-warning.md tabulates them).
 */
import { describe, it, expect } from 'vitest';
import { simulateCentre, type DeclineKind } from './simulation.js';

const rows: string[] = [];

describe('centre simulation with the default detectors (seeded)', () => {
  for (const sigma of [5, 8]) {
    for (const decline of ['slow', 'medium', 'step'] as const satisfies readonly DeclineKind[]) {
      it(`σ ${sigma}, ${decline} decline: ≤ 2% stable agent-months alarmed, ≥ 80% as early as the reference, ≤ 5% missed`, () => {
        const r = simulateCentre({ seed: 1000 + sigma, sigma, decline, centres: 4 });
        rows.push(`σ ${sigma} ${decline.padEnd(6)} FA ${(100 * r.falseAlarmRate).toFixed(2)}% (${r.alarmedAgentMonths}/${r.stableAgentMonths}) median delay ${r.medianDelay.toFixed(2)} vs ref ${r.referenceMedianDelay.toFixed(2)} (k ${r.referenceK}, h ${r.referenceH.toFixed(3)}) efficiency ${r.efficiency.toFixed(3)} missed ${r.missed}/${r.declines} before first failing call ${r.beforeFirstFail}`);
        expect(r.stableAgentMonths).toBeGreaterThan(4000); // 640 stable agents × 6 months + declining agents' months before onset
        expect(r.falseAlarmRate).toBeLessThanOrEqual(0.02);
        expect(r.efficiency).toBeGreaterThanOrEqual(0.8);
        expect(r.missed / r.declines).toBeLessThanOrEqual(0.05);
      }, 10_000);
    }
  }
  it('prints the table', () => {
    // The report the issue asks for; the assertions are in the scenario tests above.
    console.log(`\n${rows.join('\n')}`);
    expect(rows.length).toBe(6);
  });
});
