import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeKpis, type KpiName } from '../kpis/index.js';
import { compileMetric } from './metrics.js';

// One agent-month of consistent raw data (every part within its whole).
const raw = fc
  .record({
    offered: fc.nat(2000),
    a: fc.nat(100), b: fc.nat(100), c: fc.nat(100), s: fc.nat(100),
    talk: fc.nat(5_000_000), hold: fc.nat(500_000), acw: fc.nat(1_000_000), avail: fc.nat(1_000_000),
    sched: fc.nat(600_000), adh: fc.nat(100), inbound: fc.nat(1500), missed: fc.nat(100),
    leavers: fc.nat(5), hs: fc.nat(40), he: fc.nat(40),
  })
  .map((x) => {
    const answered = Math.floor((x.offered * x.a) / 100);
    const abandoned = Math.floor(((x.offered - answered) * x.b) / 100);
    const abandonedWithinThreshold = Math.floor((abandoned * x.c) / 100);
    const handled = answered;
    return {
      offered: x.offered, answered, abandoned,
      serviceLevelSeconds: 20, answeredWithinThreshold: Math.floor((answered * x.c) / 100), abandonedWithinThreshold,
      shortAbandonSeconds: 5, shortAbandoned: Math.floor((abandonedWithinThreshold * x.s) / 100),
      handled, talkSeconds: x.talk / 1000, holdSeconds: x.hold / 1000, afterCallWorkSeconds: x.acw, availableSeconds: x.avail / 1000,
      answerWaitSeconds: x.hold, resolvedFirstContact: Math.floor((handled * x.a) / 100), resolutionEligible: handled,
      adherentSeconds: Math.floor((x.sched * x.adh) / 100), scheduledSeconds: x.sched,
      shrinkageSeconds: Math.floor((x.sched * x.b) / 100), paidSeconds: x.sched,
      shiftsPresent: Math.floor((22 * x.a) / 100), shiftsScheduled: 22,
      leavers: x.leavers, headcountStart: x.hs, headcountEnd: x.he,
      notReadySeconds: Math.floor((x.sched * x.c) / 100), loggedInSeconds: x.sched,
      missedCalls: Math.floor((x.inbound * x.missed) / 100), inboundCalls: x.inbound,
      dailyNotReadyMinutes: [x.a % 61, x.b % 61, 30, 31],
    };
  });

describe('KPI metrics', () => {
  it('are the src/kpis formulas, kept exact: rounded, they are what computeKpis reports', () => {
    fc.assert(
      fc.property(raw, fc.boolean(), (r, exclude) => {
        const { values } = computeKpis(r, { excludeShortAbandons: exclude, decimals: 6, averageDecimals: 3 });
        for (const [kpi, v] of Object.entries(values) as [KpiName, (typeof values)[KpiName]][]) {
          const m = compileMetric('m', { kpi, better: 'lower', unit: 'ratio', excludeShortAbandons: exclude }).compute(r, []);
          if (v!.value === null) {
            expect(m).toMatchObject({ ok: false, status: 'no_data' });
            continue;
          }
          if (!m.ok) throw new Error(`${kpi}: ${m.message}`);
          expect(m.value.round(v!.kind === 'average' ? 3 : 6)).toBe(v!.value);
        }
      }),
      { numRuns: 300 },
    );
  });
});
