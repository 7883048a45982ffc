import { describe, expect, it } from 'vitest';
import { ProblemError } from './errors.js';
import { miniCall } from './fixtures.js';
import { reviewCalls } from './review.js';

// Mini-rubric scores (12 points → 100):
//   full marks 100; corrected 66.67 (8/12); wrong 33.33 (4/12); no greeting 83.33 (10/12)
const calls = [
  miniCall({ id: 'a5', agent: 'A', date: '2026-10-05' }), // 100
  miniCall({ id: 'a1', agent: 'A', date: '2026-10-01' }), // 100, earlier → ranks before a5
  miniCall({ id: 'a2', agent: 'A', date: '2026-10-02', accurate: 'corrected' }), // 66.67
  miniCall({ id: 'a3', agent: 'A', date: '2026-10-03', accurate: 'wrong' }), // 33.33
  miniCall({ id: 'a4', agent: 'A', date: '2026-10-04', greet: false }), // 83.33
  miniCall({ id: 'a6', agent: 'A', date: '2026-10-06', privacy: true }), // 0, failed
  miniCall({ id: 'a7', agent: 'A', date: '2026-11-01' }), // next month
  miniCall({ id: 'b1', agent: 'B', date: '2026-10-01', accurate: 'wrong' }),
  miniCall({ id: 'b2', agent: 'B', date: '2026-10-01', accurate: 'wrong' }), // same score and date as b1 → id decides
];

describe('reviewCalls', () => {
  it('lists best and worst per agent and month, ties by date then id', () => {
    const r = reviewCalls(calls, { n: 2 });
    expect(r.map((x) => [x.agentId, x.period, x.calls, x.best.map((c) => c.callId), x.worst.map((c) => c.callId)])).toEqual([
      ['A', '2026-10', 6, ['a1', 'a5'], ['a6', 'a3']],
      ['A', '2026-11', 1, ['a7'], []],
      ['B', '2026-10', 2, ['b1'], ['b2']],
    ]);
    expect(r[0]!.worst[0]).toEqual({ callId: 'a6', date: '2026-10-06', score: 0, grade: 'Fail', failed: true });
  });

  it('never lists a call twice: with k < 2n calls best gets ⌈k/2⌉, worst ⌊k/2⌋', () => {
    const r = reviewCalls(calls.filter((c) => c.agentId === 'A' && c.date < '2026-11'), { n: 5 });
    // 6 calls, n 5 → 3 best (a1, a5, a4) and 3 worst (a6, a3, a2)
    expect(r[0]!.best.map((c) => c.callId)).toEqual(['a1', 'a5', 'a4']);
    expect(r[0]!.worst.map((c) => c.callId)).toEqual(['a6', 'a3', 'a2']);
  });

  it('does not depend on input order and accepts another period key', () => {
    expect(reviewCalls([...calls].reverse())).toEqual(reviewCalls(calls));
    const byDay = reviewCalls(calls, { n: 1, periodOf: (c) => c.date });
    expect(byDay.find((x) => x.agentId === 'B')).toMatchObject({ period: '2026-10-01', calls: 2 });
  });

  it('handles no calls and rejects bad options', () => {
    expect(reviewCalls([])).toEqual([]);
    expect(() => reviewCalls(calls, { n: 0 })).toThrow(ProblemError);
    expect(() => reviewCalls([calls[0]!, calls[0]!])).toThrow(/appears twice/);
  });
});
