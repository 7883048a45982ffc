import { describe, expect, it } from 'vitest';
import { analyzeProblems } from './analyze.js';
import { ProblemError } from './errors.js';
import { MINI, SCENARIO, miniCall } from './fixtures.js';
import { ProblemTally } from './tally.js';

// The scenario: see SCENARIO in fixtures.ts.
const calls = SCENARIO.map(miniCall);

describe('ProblemTally: the two streamed passes', () => {
  it('asks to see again only the agents with individual problems (A and C; B failed only the common greet)', () => {
    const t = new ProblemTally(MINI);
    for (const c of calls) t.add(c);
    expect([...t.coachingAgents()].sort()).toEqual(['A', 'C']);
  });

  it('in reverse order, with pass 2 fed only those agents, gives what analyzeProblems gives', () => {
    const t = new ProblemTally(MINI);
    const back = [...calls].reverse();
    for (const c of back) t.add(c);
    const again = t.coachingAgents();
    for (const c of back) if (again.has(c.agentId)) t.addCoaching(c);
    const r = t.report();
    expect(r).toEqual(analyzeProblems(calls, MINI));
    // A's coaching: accurate (a2) and fillers (a1), one failure each, in rubric order (accurate before fillers).
    expect(r.coaching.find((p) => p.agentId === 'A')?.items.map((i) => [i.itemId, i.calls.map((c) => c.callId)])).toEqual([['accurate', ['a2']], ['fillers', ['a1']]]);
  });

  it('rejects bad options with every issue, as analyzeProblems does', () => {
    expect(() => new ProblemTally(MINI, { commonShare: 2, minCommonAgents: 0 })).toThrow(ProblemError);
    try {
      new ProblemTally(MINI, { commonShare: 2, minCommonAgents: 0 });
    } catch (e) {
      expect((e as ProblemError).issues.map((i) => i.path[0])).toEqual(['commonShare', 'minCommonAgents']);
    }
  });
});
