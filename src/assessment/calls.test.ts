/**
 * The per-call pass sums an agent's consecutive calls as one run and adds the
 * run to the roster when the agent changes: the order calls come in must not
 * change what is counted — the same sums, exclusions, issues and counts, on
 * runs of calls that mix every case (other agents, unknown agents, scales,
 * dates outside the period or not plain days, scores off the scale or too
 * precise, records that are not calls), fed in input order and regrouped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { period } from '../periods/index.js';
import { seedPlanJson } from '../../test/support/assessment.js';
import { CallPass } from './calls.js';
import { loadPlan } from './load.js';
import { Roster } from './roster.js';
import type { CallInput } from './types.js';

const plan = loadPlan(seedPlanJson());
const qa = plan.components.filter((c) => c.def.type === 'qa');
const october = period('2026-10', { kind: 'month', timeZone: 'Asia/Shanghai' });

/** A pass over a fresh roster of A1–A3, fed the calls in `order` (indices into `calls`, each call keeping its own index). */
function pass(calls: readonly unknown[], order: readonly number[] = calls.map((_, i) => i)) {
  const roster = new Roster(['A1', 'A2', 'A3'], [null, null, null], qa.length);
  const p = new CallPass({ period: october, qa, roster, issues: [], excluded: [] });
  for (const i of order) p.add(calls[i], i);
  const used = p.finish();
  const byText = (a: unknown, b: unknown): number => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  return { used, milli: [...roster.milli], count: [...roster.count], calls: [...roster.calls], extra: [...roster.extra].map(([k, v]) => [k, v.toString()]), excluded: [...p.excluded].sort(byText), issues: [...p.issues].sort(byText), byReason: p.byReason };
}

/** The calls' indices regrouped: every call of one agent together (records that are not calls first), stable. */
const regrouped = (calls: readonly unknown[]): number[] => {
  const key = (c: unknown): string => (typeof c === 'object' && c !== null && typeof (c as CallInput).agentId === 'string' ? (c as CallInput).agentId : '');
  return calls.map((_, i) => i).sort((a, b) => (key(calls[a]) < key(calls[b]) ? -1 : key(calls[a]) > key(calls[b]) ? 1 : a - b));
};

const callArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ agentId: fc.constantFrom('A1', 'A2', 'A3', 'B9'), date: fc.constantFrom('2026-10-01', '2026-10-31', '2026-10-15', '2026-09-30', '2026-11-01', '2026-09-31', '2026-10-15T08:00:00+08:00', '2026-10-31T23:30:00Z', 'Oct 5'), score: fc.constantFrom(0, 100, 87.5, 99.99, 4.125, 100.001, -1, 32.230000000000004, 1 / 3, Number.NaN, Infinity) }) },
  { weight: 2, arbitrary: fc.record({ agentId: fc.constantFrom('A1', 'A2'), date: fc.constant('2026-10-02'), score: fc.constantFrom(80, 120, 8), maxScore: fc.constantFrom(10, 100) }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 7, 'call', { agentId: 'A1' }, { agentId: 'A1', date: 20261002, score: 90 }) },
);

describe('CallPass: runs of one agent\'s calls', () => {
  it('same sums, exclusions, issues and counts whether calls come in runs, regrouped or reversed', () => {
    // Runs of one agent's calls, as exports list them, with every kind of call inside.
    const runs = fc.array(fc.tuple(fc.constantFrom('A1', 'A2', 'A3', 'B9'), fc.array(callArb, { maxLength: 6 })), { maxLength: 8 });
    fc.assert(
      fc.property(runs, (rs) => {
        const calls = rs.flatMap(([id, cs]) => cs.map((c) => (typeof c === 'object' && c !== null && 'date' in c && (c as CallInput).agentId !== 'B9' ? { ...c, agentId: id } : c)));
        const inOrder = pass(calls);
        expect(pass(calls, regrouped(calls))).toEqual(inOrder);
        expect(pass(calls, calls.map((_, i) => calls.length - 1 - i))).toEqual(inOrder);
      }),
      { numRuns: 300 },
    );
  });

  it('sums a plain run: 87.5 + 99.99 + 4.125 = 191.615 → 191,615 thousandths over 3 calls', () => {
    const r = pass(
      [
        { agentId: 'A2', date: '2026-10-01', score: 87.5 },
        { agentId: 'A2', date: '2026-10-31', score: 99.99 },
        { agentId: 'A2', date: '2026-10-15', score: 4.125 },
      ],
    );
    expect(r.milli).toEqual([0, 191_615, 0]);
    expect(r.count).toEqual([0, 3, 0]);
    expect(r.used).toBe(3);
  });
});
