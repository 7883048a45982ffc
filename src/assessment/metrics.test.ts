import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeKpis, KPI_NAMES, type KpiName } from '../kpis/index.js';
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

/** Collects what computeInto writes, as `Ratio` strings for comparison with compute. */
function into(m: ReturnType<typeof compileMetric>, record: Record<string, unknown>): { value: string; num?: string; den?: string } | null {
  let got: number[] | null = null;
  const ok = m.computeInto(record as never, { put: (_slot, ...nd) => void (got = nd) }, 0);
  if (!ok) {
    if (got !== null) throw new Error('wrote, then returned false');
    return null;
  }
  const [vn, vd, nn, nd, dn, dd] = got! as number[];
  const s = (n: number, d: number) => (d === 1 ? String(n) : `${n}/${d}`);
  const out: { value: string; num?: string; den?: string } = { value: s(vn!, vd!) };
  if (nd === nd) out.num = s(nn!, nd!);
  if (dd === dd) out.den = s(dn!, dd!);
  return out;
}

// Valid data and damaged data: negatives, fractions, strings, nulls, absent fields, zero denominators.
const damaged = raw.chain((r) =>
  fc.record({
    r: fc.constant(r as Record<string, unknown>),
    field: fc.constantFrom(...Object.keys(r)),
    to: fc.constantFrom<unknown>(undefined, null, -1, 0, 0.5, 1.0005, 1e16, '3', true, [1, -2], 1441, 2.25),
    damage: fc.boolean(),
  }).map(({ r: rec, field, to, damage }) => (damage ? { ...rec, [field]: to } : rec)),
);

describe('computeInto, the allocation-free path', () => {
  it('writes exactly what compute returns, or leaves the record to compute', () => {
    fc.assert(
      fc.property(damaged, fc.boolean(), (r, exclude) => {
        for (const kpi of KPI_NAMES) {
          for (const unit of ['percent', 'ratio'] as const) {
            const m = compileMetric('m', { kpi, better: 'lower', unit, excludeShortAbandons: exclude, thresholdMinutes: 30 } as never);
            const fast = into(m, r);
            if (fast === null) continue;
            const slow = m.compute(r as never, []);
            if (!slow.ok) throw new Error(`${kpi}: computeInto accepted what compute refuses (${slow.message})`);
            expect(fast).toEqual({ value: slow.value.toString(), ...(slow.num ? { num: slow.num.toString() } : {}), ...(slow.den ? { den: slow.den.toString() } : {}) });
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('takes the common records itself', () => {
    const rec = { missedCalls: 6, inboundCalls: 120, handled: 100, talkSeconds: 20000, afterCallWorkSeconds: 5000, dailyNotReadyMinutes: [31, 30, 45], examScore: 90 };
    // 6/120 × 100 = 5 %; pooled 6 over 120.
    expect(into(compileMetric('m', { kpi: 'missedCallRate', better: 'lower' }), rec)).toEqual({ value: '5', num: '6', den: '120' });
    // (20000 + 5000) s / 100 = 250 s; pooled 25,000,000 ms / 1000 = 25000 s over 100.
    expect(into(compileMetric('m', { kpi: 'averageHandleTime', better: 'lower' }), rec)).toEqual({ value: '250', num: '25000', den: '100' });
    // 31 and 45 are over 30; 30 is not.
    expect(into(compileMetric('m', { kpi: 'notReadyOccurrences', better: 'lower', thresholdMinutes: 30 } as never), rec)).toEqual({ value: '2' });
    expect(into(compileMetric('e', { field: 'examScore', better: 'higher', range: '[0, 100]' }), rec)).toEqual({ value: '90' });
    // Outside the range, or a decimal: compute decides.
    expect(into(compileMetric('e', { field: 'examScore', better: 'higher', range: '[0, 100]' }), { examScore: 101 })).toBeNull();
    expect(into(compileMetric('e', { field: 'examScore', better: 'higher', range: '[0, 100]' }), { examScore: 89.5 })).toBeNull();
  });

  it('agrees with compute on field metrics of every kind of value', () => {
    const v = fc.oneof(fc.integer({ min: -5, max: 105 }), fc.constantFrom<unknown>(0, -0, 89.5, true, false, null, undefined, '7', NaN, Infinity, 2 ** 53));
    fc.assert(
      fc.property(v, fc.constantFrom('[0, 100]', '(0, 100)', '[0, inf)', '[0.5, 99.5]', undefined), fc.boolean(), (x, range, integer) => {
        const m = compileMetric('f', { field: 'f', better: 'higher', integer, ...(range ? { range } : {}) } as never);
        const fast = into(m, { f: x });
        if (fast === null) return;
        const slow = m.compute({ f: x } as never, []);
        expect(slow.ok && slow.value.toString()).toBe(fast.value);
      }),
      { numRuns: 500 },
    );
  });
});
