/** startAssessment: calls added one by one give assessAgents' result; a finished run refuses more. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssessmentError, assessAgents, loadPlan, startAssessment, type CallInput } from '../../src/assessment/index.js';

const plan = loadPlan(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'rubrics', 'monthly-assessment.zh-CN.json'), 'utf8')));
const record = { dailyNotReadyMinutes: [40, 10], missedCalls: 3, inboundCalls: 100, handled: 97, talkSeconds: 97 * 200, holdSeconds: 0, afterCallWorkSeconds: 97 * 40, examScore: 92, upheldComplaints: 0 };
const metrics = { A1: record, A2: { ...record, examScore: 70 } };
// A1: five calls of 90 and one outside October; A2: five of 80, one of an unknown agent, one not a record.
const calls = [
  ...[1, 2, 3, 4, 5].map((d) => ({ id: `a${d}`, agentId: 'A1', date: `2026-10-0${d}`, score: 90 })),
  { id: 'late', agentId: 'A1', date: '2026-11-01', score: 90 },
  ...[1, 2, 3, 4, 5].map((d) => ({ id: `b${d}`, agentId: 'A2', date: `2026-10-0${d}`, score: 80 })),
  { id: 'x', agentId: 'Z9', date: '2026-10-01', score: 70 },
  null as unknown as CallInput,
];

describe('startAssessment', () => {
  it('gives, call by call, the same result as assessAgents', () => {
    const run = startAssessment(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics });
    for (const c of calls) run.add(c);
    expect(run.received).toBe(13);
    const streamed = run.finish();
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls, metrics })));
    // 13 received: 10 used, 3 excluded (outside the period, unknown agent, not a record), each at its index.
    expect(streamed.usage.calls).toEqual({ received: 13, used: 10, excluded: 3, byReason: { outside_period: 1, unknown_agent: 1, invalid: 1 } });
    expect(streamed.excluded.map((e) => [e.index, e.code])).toEqual([
      [5, 'outside_period'],
      [11, 'unknown_agent'],
      [12, 'invalid'],
    ]);
    // qa (weight 70): A1's mean 90 → 63 of the total; A2's 80 → 56.
    expect(streamed.agents.find((a) => a.agentId === 'A1')!.components.find((c) => c.id === 'qa')!.contribution).toBe(63);
    expect(streamed.agents.find((a) => a.agentId === 'A2')!.components.find((c) => c.id === 'qa')!.contribution).toBe(56);
  });

  it('refuses a call or a second result once finished', () => {
    const run = startAssessment(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics });
    run.finish();
    expect(() => run.add(calls[0]!)).toThrow(AssessmentError);
    try {
      run.finish();
      expect.unreachable();
    } catch (e) {
      expect((e as AssessmentError).issues[0]!.code).toBe('already_finished');
    }
  });
});
