/**
 * Properties of assessAgents over random centres, for both bundled plans:
 * totals stay in the plan's declared range, improving any metric never lowers
 * the agent's total, and the result does not depend on record order.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAgents, loadPlan, type AssessmentResult, type CallInput, type Plan } from '../../src/assessment/index.js';

const load = (f: string): Plan => loadPlan(JSON.parse(readFileSync(new URL(`../../rubrics/${f}`, import.meta.url), 'utf8')));
const seed = load('monthly-assessment.zh-CN.json');
const usEu = load('monthly-assessment.us-eu.en.json');

interface AgentData {
  nr: number[];
  missed: number;
  inbound: number;
  handled: number;
  talk: number;
  acw: number;
  exam: number;
  complaints: number;
  adherent: number;
  scheduled: number;
  resolved: number;
  eligible: number;
  present: number;
  shifts: number;
  scores: number[];
}

const agentArb: fc.Arbitrary<AgentData> = fc
  .record({
    nr: fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 0, maxLength: 31 }),
    inbound: fc.integer({ min: 1, max: 2000 }),
    missedShare: fc.integer({ min: 0, max: 100 }),
    handled: fc.integer({ min: 1, max: 1500 }),
    aht: fc.integer({ min: 60, max: 900 }),
    acw: fc.integer({ min: 0, max: 20000 }),
    exam: fc.integer({ min: 0, max: 1000 }).map((x) => x / 10),
    complaints: fc.integer({ min: 0, max: 3 }),
    scheduled: fc.integer({ min: 1, max: 200000 }),
    adherentShare: fc.integer({ min: 0, max: 100 }),
    eligible: fc.integer({ min: 1, max: 1000 }),
    resolvedShare: fc.integer({ min: 0, max: 100 }),
    shifts: fc.integer({ min: 1, max: 23 }),
    presentShare: fc.integer({ min: 0, max: 100 }),
    scores: fc.array(fc.integer({ min: 0, max: 10000 }).map((x) => x / 100), { minLength: 0, maxLength: 12 }),
  })
  .map((r) => ({
    nr: r.nr,
    missed: Math.floor((r.inbound * r.missedShare) / 100),
    inbound: r.inbound,
    handled: r.handled,
    talk: r.handled * r.aht,
    acw: r.acw,
    exam: r.exam,
    complaints: r.complaints,
    adherent: Math.floor((r.scheduled * r.adherentShare) / 100),
    scheduled: r.scheduled,
    resolved: Math.floor((r.eligible * r.resolvedShare) / 100),
    eligible: r.eligible,
    present: Math.floor((r.shifts * r.presentShare) / 100),
    shifts: r.shifts,
    scores: r.scores,
  }));

const centreArb = fc.array(agentArb, { minLength: 1, maxLength: 8 });

function input(agents: AgentData[]) {
  const metrics: Record<string, Record<string, unknown>> = {};
  const team: Record<string, string> = {};
  const calls: CallInput[] = [];
  agents.forEach((a, i) => {
    const id = `A${i}`;
    team[id] = `T${i % 2}`;
    metrics[id] = {
      dailyNotReadyMinutes: a.nr,
      missedCalls: a.missed,
      inboundCalls: a.inbound,
      handled: a.handled,
      talkSeconds: a.talk,
      afterCallWorkSeconds: a.acw,
      examScore: a.exam,
      upheldComplaints: a.complaints,
      adherentSeconds: a.adherent,
      scheduledSeconds: a.scheduled,
      resolvedFirstContact: a.resolved,
      resolutionEligible: a.eligible,
      shiftsPresent: a.present,
      shiftsScheduled: a.shifts,
    };
    a.scores.forEach((score, k) => calls.push({ id: `${id}-${k}`, agentId: id, date: `2026-10-${String((k % 28) + 1).padStart(2, '0')}`, score }));
  });
  return { period: '2026-10', timeZone: 'Asia/Shanghai', metrics: metrics as never, calls, team };
}

const plans = [
  ['seed', seed],
  ['us-eu', usEu],
] as const;

describe.each(plans)('%s plan properties', (_, plan) => {
  it('every total lies in the declared range', () => {
    fc.assert(
      fc.property(centreArb, (agents) => {
        const r = assessAgents(plan, input(agents));
        for (const a of r.agents) {
          if (a.total === null) continue;
          expect(a.total).toBeGreaterThanOrEqual(plan.totalRange.min.toNumber());
          expect(a.total).toBeLessThanOrEqual(plan.totalRange.max.toNumber());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('improving any one metric of an agent never lowers that agent’s total', () => {
    const improvements: ((a: AgentData) => AgentData)[] = [
      (a) => ({ ...a, nr: a.nr.map((m) => Math.max(0, m - 20)) }),
      (a) => ({ ...a, missed: Math.floor(a.missed / 2) }),
      (a) => ({ ...a, talk: Math.floor(a.talk * 0.8) }),
      (a) => ({ ...a, exam: Math.min(100, a.exam + 7.5) }),
      (a) => ({ ...a, complaints: 0 }),
      (a) => ({ ...a, adherent: a.scheduled }),
      (a) => ({ ...a, resolved: Math.min(a.eligible, a.resolved + Math.ceil(a.eligible / 10)) }),
      (a) => ({ ...a, present: a.shifts }),
      (a) => ({ ...a, scores: a.scores.map((s) => Math.min(100, Math.round(s * 100 + 500) / 100)) }),
    ];
    fc.assert(
      fc.property(centreArb, fc.nat(), fc.integer({ min: 0, max: improvements.length - 1 }), (agents, pick, k) => {
        const i = pick % agents.length;
        const before = assessAgents(plan, input(agents)).agents.find((a) => a.agentId === `A${i}`)!;
        const better = agents.map((a, j) => (j === i ? improvements[k]!(a) : a));
        const after = assessAgents(plan, input(better)).agents.find((a) => a.agentId === `A${i}`)!;
        if (before.total !== null && after.total !== null) expect(after.total).toBeGreaterThanOrEqual(before.total);
      }),
      { numRuns: 200 },
    );
  });

  it('the result does not depend on the order of calls or metrics records', () => {
    const strip = (r: AssessmentResult) => ({ agents: r.agents, centre: r.centre, teams: r.teams, references: r.references, usage: r.usage });
    fc.assert(
      fc.property(centreArb, fc.nat(), (agents, seedN) => {
        const a = input(agents);
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seedN + 1;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const b = {
          ...a,
          calls: shuffle(a.calls),
          metrics: Object.fromEntries(shuffle(Object.entries(a.metrics as Record<string, unknown>))) as never,
          team: Object.fromEntries(shuffle(Object.entries(a.team))),
        };
        expect(strip(assessAgents(plan, b))).toEqual(strip(assessAgents(plan, a)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('edge cases found in review', () => {
  it('a total whose intermediate products leave the safe range is still exact', () => {
    // gate: 999,999.999999 points × 10 / 999,999.999999 = 10; deduction: 90 − 999,999,990 = −999,999,900 points × 90 / 90.
    // Total = 10 − 999,999,900 = −999,999,890: every figure is a safe integer, but a product on the way
    // (points 999999999999/10^6 × factor 10^7/999999999999, kept unreduced) is not, and must not be rounded.
    // (Plan numbers are at most 10^9 with 6 decimals — src/issues/numbers.ts — hence these values.)
    const plan = loadPlan({
      kind: 'plan', id: 'p', version: '1.0.0', label: 'x', locale: 'en', effectiveFrom: '2026-01-01', timeZone: 'UTC', period: { kind: 'month' },
      rounding: { decimals: 0, mode: 'half-up' },
      metrics: { up: { field: 'up', better: 'lower' }, occ: { field: 'occ', better: 'lower' } },
      components: [
        { id: 'gate', type: 'gate', label: 'g', weight: 10, points: 999999.999999, zeroWhen: { metric: 'up', op: '>=', value: 1 } },
        { id: 'ded', type: 'deduction', label: 'd', weight: 90, metric: 'occ', start: 90, perOccurrence: 1, floor: -1e9, allowNegative: true },
      ],
      grades: [{ id: 'all', label: 'a', range: '(-inf, inf)' }],
    });
    const input = { period: '2026-10', timeZone: 'UTC', calls: [], metrics: [{ agentId: 'A', up: 0, occ: 999999990 }] };
    expect(assessAgents(plan, input).agents[0]!.exactTotal).toBe('-999999890');
  });

  it('an agent without a team is not compared with the team named ""', () => {
    const json = JSON.parse(readFileSync(new URL('../../rubrics/monthly-assessment.zh-CN.json', import.meta.url), 'utf8'));
    json.components.find((c: { id: string }) => c.id === 'aht').reference = { scope: 'team', aggregate: 'pooled' };
    const plan = loadPlan(json);
    const a = input([agentOf(), agentOf()]);
    a.team = { A1: '' }; // A0 has no team
    const r = assessAgents(plan, a);
    const aht = (id: string) => r.agents.find((x) => x.agentId === id)!.components.find((c) => c.id === 'aht')!;
    expect(aht('A0')).toMatchObject({ status: 'no_data', reason: 'the agent has no team to compare with' });
    expect(aht('A1')).toMatchObject({ status: 'scored', reference: 300 });
  });

  it('holes in a list of metrics records are not records', () => {
    const a = input([agentOf(), agentOf()]);
    const m = a.metrics as Record<string, Record<string, unknown>>;
    const list: unknown[] = [];
    list[0] = { agentId: 'A0', ...m.A0 };
    list[2] = { agentId: 'A1', ...m.A1 };
    const r = assessAgents(seed, { ...a, metrics: list as never });
    expect(r.usage.metrics).toMatchObject({ records: 2, used: 2, excluded: 0 });
    expect(r.issues.filter((i) => i.code === 'invalid_record')).toEqual([]);
  });
});

/** One agent's data with an AHT of 300 s (30,000 s over 100 calls) and five calls. */
function agentOf(): AgentData {
  return { nr: [10], missed: 1, inbound: 100, handled: 100, talk: 29000, acw: 1000, exam: 90, complaints: 0, adherent: 90, scheduled: 100, resolved: 8, eligible: 10, present: 20, shifts: 20, scores: [90, 90, 90, 90, 90] };
}
