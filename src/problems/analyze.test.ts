import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../rubric/index.js';
import type { CallScore } from '../scoring/types.js';
import { analyzeProblems } from './analyze.js';
import { ProblemError } from './errors.js';
import { MINI, MINI_RUBRIC_JSON, SCENARIO, miniCall } from './fixtures.js';

/** Fails the test if any number anywhere in `x` is NaN or infinite. */
function expectFinite(x: unknown, path = '$'): void {
  if (typeof x === 'number') expect(Number.isFinite(x), path).toBe(true);
  else if (Array.isArray(x)) x.forEach((v, i) => expectFinite(v, `${path}[${i}]`));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) expectFinite(v, `${path}.${k}`);
}

// The scenario: see SCENARIO in fixtures.ts.
const calls = SCENARIO.map(miniCall);

describe('analyzeProblems', () => {
  const r = analyzeProblems(calls, MINI);
  const item = (id: string) => r.items.find((i) => i.itemId === id)!;

  it('counts failures per item across calls and agents', () => {
    expect(r.calls).toBe(6);
    expect(r.agents).toBe(3);
    expect(r.items.map((i) => i.itemId)).toEqual(['greet', 'accurate', 'empathy', 'fillers', 'forbidden', 'privacy']);
    // greet: 2 of 6 calls, 2 of 3 agents; 2 × 2 points lost
    expect(item('greet')).toMatchObject({ evaluated: 6, failures: 2, failureRate: 1 / 3, agentsEvaluated: 3, agentsFailed: 2, agentShare: 2 / 3, pointsLost: 4 });
    // empathy: b2 was N/A, so 5 evaluations and no failure
    expect(item('empathy')).toMatchObject({ evaluated: 5, failures: 0, failureRate: 0, classification: 'none' });
    expect(item('fillers')).toMatchObject({ failures: 1, pointsLost: 1 });
    expect(item('forbidden')).toMatchObject({ failures: 1, pointsLost: 2 });
    // a fatal item costs the call, not item points
    expect(item('privacy')).toMatchObject({ evaluated: 6, failures: 1, pointsLost: 0 });
  });

  it('builds the Pareto table: most failures first, ties in rubric order', () => {
    // 6 failures: greet 2 (1/3), then accurate, fillers, forbidden, privacy 1 each.
    // Vital few (0.8): rows whose share before them is < 0.8 → all but privacy (5/6 before it).
    expect(r.pareto.map((p) => [p.itemId, p.failures, p.cumulativeShare, p.vital])).toEqual([
      ['greet', 2, 1 / 3, true],
      ['accurate', 1, 1 / 2, true],
      ['fillers', 1, 2 / 3, true],
      ['forbidden', 1, 5 / 6, true],
      ['privacy', 1, 1, false],
    ]);
  });

  it('classifies common (→ training, owner) and individual (→ coaching) problems', () => {
    const withOwners = analyzeProblems(calls, MINI, { owners: { greet: 'scripts team', service: 'training dept' } });
    // greet: 2/3 of agents ≥ 0.3 and 2 agents ≥ minCommonAgents 2 → common
    expect(withOwners.training).toEqual([
      { itemId: 'greet', sectionId: 'service', owner: 'scripts team', failures: 2, agentsFailed: 2, agentsEvaluated: 3, agentShare: 2 / 3, agents: ['A', 'B'] },
    ]);
    expect(withOwners.items.find((i) => i.itemId === 'accurate')?.owner).toBe('training dept');
    expect(r.items.map((i) => i.classification)).toEqual(['common', 'individual', 'none', 'individual', 'individual', 'individual']);
    expect(r.coaching.map((p) => [p.agentId, p.calls, p.items.map((i) => i.itemId)])).toEqual([
      ['A', 2, ['accurate', 'fillers']],
      ['C', 2, ['forbidden', 'privacy']],
    ]);
  });

  it('puts the call ids and evidence snippets into the coaching list', () => {
    const fillers = r.coaching[0]!.items[1]!;
    expect(fillers.calls).toEqual([
      {
        callId: 'a1',
        date: '2026-10-01',
        score: 75, // (0 + 8 + 2 − 1) / 12 × 100
        points: -1,
        max: 0,
        note: null,
        causes: [],
        evidence: [{ turn: 2, time: 6, phrase: '啊', snippet: '啊，好的。', speaker: 'agent', decided: true }],
      },
    ]);
    const accurate = r.coaching[0]!.items[0]!;
    expect(accurate.calls[0]).toMatchObject({ callId: 'a2', points: 4, max: 8, causes: ['training'], evidence: [] });
  });

  it('aggregates root causes per item and overall, declared tags included', () => {
    expect(item('accurate').causes).toEqual([{ cause: 'training', count: 1, pointsLost: 4 }]);
    // declared tags at 0 follow, by name
    expect(r.causes).toEqual([
      { cause: 'training', count: 1, pointsLost: 4 },
      { cause: 'coaching', count: 0, pointsLost: 0 },
      { cause: 'process', count: 0, pointsLost: 0 },
      { cause: 'system', count: 0, pointsLost: 0 },
    ]);
    // a1 greet, a1 fillers, b1 greet, c1 forbidden, c2 privacy carry no tag
    expect(r.untagged).toBe(5);
  });

  it('applies per-item failure rules', () => {
    // accurate fails only at 0 points: a2's "corrected" (4) is no longer a failure, but it still lost points
    const strict = analyzeProblems(calls, MINI, { failWhen: { accurate: { atMost: 0 }, greet: 'never' } });
    const acc = strict.items.find((i) => i.itemId === 'accurate')!;
    expect([acc.failures, acc.pointsLost, acc.causes[0]?.count]).toEqual([0, 4, 1]);
    expect(strict.training).toEqual([]);
    const below = analyzeProblems(calls, MINI, { failWhen: { accurate: { below: 8 } } });
    expect(below.items.find((i) => i.itemId === 'accurate')?.failures).toBe(1);
    const fn = analyzeProblems(calls, MINI, { failWhen: { empathy: (it) => it.points < 3 } });
    expect(fn.items.find((i) => i.itemId === 'empathy')?.failures).toBe(5);
  });

  it('commonShare and minCommonAgents decide what is common', () => {
    // greet: 2/3 of agents < 0.7 → individual
    expect(analyzeProblems(calls, MINI, { commonShare: 0.7 }).training).toEqual([]);
    // minCommonAgents 1: every item failed by ≥ 1/3 of agents is common → all failing items
    expect(analyzeProblems(calls, MINI, { minCommonAgents: 1 }).training.map((t) => t.itemId)).toEqual(['greet', 'accurate', 'fillers', 'forbidden', 'privacy']);
  });

  it('gives a clear, NaN-free result for no calls', () => {
    const empty = analyzeProblems([], MINI);
    expect(empty).toMatchObject({ calls: 0, agents: 0, pareto: [], training: [], coaching: [], untagged: 0 });
    expect(empty.items.every((i) => i.evaluated === 0 && i.failureRate === null && i.agentShare === null && i.classification === 'none')).toBe(true);
    expectFinite(empty);
  });

  it('with one agent every problem is individual', () => {
    const one = analyzeProblems(calls.filter((c) => c.agentId === 'A'), MINI);
    expect(one.training).toEqual([]);
    expect(one.coaching.map((p) => p.items.map((i) => i.itemId))).toEqual([['greet', 'accurate', 'fillers']]);
    expectFinite(one);
  });

  it('reports every input problem at once', () => {
    const other = loadRubric({ ...MINI_RUBRIC_JSON, id: 'other' });
    const bad = [...calls, calls[0]!];
    try {
      analyzeProblems(bad, other, { commonShare: 0, failWhen: { nope: { below: 1 } }, owners: { ghost: 'x' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      const codes = (e as ProblemError).issues.map((i) => i.code);
      expect(codes).toContain('duplicate_call');
      expect(codes).toContain('rubric_mismatch');
      expect(codes).toContain('invalid_option');
      expect(codes.filter((c) => c === 'unknown_item')).toHaveLength(2);
    }
  });
});

// Random periods of mini calls: up to 4 agents, random answers and phrases.
const callArb = fc.record({
  agent: fc.constantFrom('A', 'B', 'C', 'D'),
  day: fc.integer({ min: 1, max: 28 }),
  greet: fc.boolean(),
  accurate: fc.constantFrom('accurate', 'corrected', 'wrong') as fc.Arbitrary<'accurate' | 'corrected' | 'wrong'>,
  empathy: fc.constantFrom(true, false, null),
  says: fc.constantFrom('好的。', '啊好的呀。', '不知道。', '好。'),
  privacy: fc.boolean(),
  cause: fc.constantFrom(undefined, 'training', 'process'),
});
const periodArb = fc.array(callArb, { maxLength: 25 }).map((xs) =>
  xs.map((x, i) =>
    miniCall({
      id: `c${i}`,
      agent: x.agent,
      date: `2026-10-${String(x.day).padStart(2, '0')}`,
      greet: x.greet,
      accurate: x.accurate,
      empathy: x.empathy,
      says: x.says,
      privacy: x.privacy,
      ...(x.cause ? { causes: { accurate: [x.cause] } } : {}),
    }),
  ),
);
const shuffled = <T>(xs: readonly T[], keys: readonly number[]): T[] =>
  xs.map((x, i) => [keys[i] ?? 0, i, x] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , x]) => x);

describe('analyzeProblems properties', () => {
  it('Pareto cumulative share is non-decreasing and ends at exactly 1; failures add up', () => {
    fc.assert(
      fc.property(periodArb, (cs: CallScore[]) => {
        const r = analyzeProblems(cs, MINI);
        const total = r.items.reduce((s, i) => s + i.failures, 0);
        expect(r.pareto.reduce((s, p) => s + p.failures, 0)).toBe(total);
        if (total === 0) expect(r.pareto).toEqual([]);
        else expect(r.pareto.at(-1)!.cumulativeShare).toBe(1);
        r.pareto.forEach((p, i) => {
          if (i > 0) {
            expect(p.cumulativeShare).toBeGreaterThanOrEqual(r.pareto[i - 1]!.cumulativeShare);
            expect(p.failures).toBeLessThanOrEqual(r.pareto[i - 1]!.failures);
          }
        });
        expectFinite(r);
      }),
      { numRuns: 60 },
    );
  });

  it('does not depend on the order of the calls', () => {
    fc.assert(
      fc.property(periodArb, fc.array(fc.double({ noNaN: true }), { minLength: 25, maxLength: 25 }), (cs, keys) => {
        expect(analyzeProblems(shuffled(cs, keys), MINI)).toEqual(analyzeProblems(cs, MINI));
      }),
      { numRuns: 40 },
    );
  });

  it('common items meet both thresholds; coaching lists hold only individual items', () => {
    fc.assert(
      fc.property(periodArb, fc.constantFrom(0.25, 0.3, 0.5, 1), (cs, share) => {
        const r = analyzeProblems(cs, MINI, { commonShare: share });
        for (const t of r.training) {
          expect(t.agentsFailed).toBeGreaterThanOrEqual(2);
          expect(t.agentsFailed / t.agentsEvaluated).toBeGreaterThanOrEqual(share - 1e-12);
        }
        const individual = new Set(r.items.filter((i) => i.classification === 'individual').map((i) => i.itemId));
        for (const p of r.coaching) for (const it of p.items) expect(individual.has(it.itemId)).toBe(true);
        // each individual item's failures are all in the coaching lists
        for (const i of r.items.filter((x) => x.classification === 'individual')) {
          const listed = r.coaching.flatMap((p) => p.items.filter((x) => x.itemId === i.itemId)).reduce((s, x) => s + x.failures, 0);
          expect(listed).toBe(i.failures);
        }
      }),
      { numRuns: 40 },
    );
  });
});
