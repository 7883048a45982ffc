/**
 * `agent.components` is written out when first read (see src/assessment/explain.ts).
 * These tests pin the contract that makes that invisible to a caller: the
 * components travel with every ordinary copy of the result (JSON, spread,
 * structuredClone, a worker's postMessage), print as data, read the same
 * whenever and in whatever order they are read, and carry the figures worked
 * out by hand below.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { inspect } from 'node:util';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { assessAgents, loadPlan, type AssessmentResult, type CallInput } from '../../src/assessment/index.js';
import { seedPlanJson, validMetrics } from '../support/assessment.js';

const plan = loadPlan(seedPlanJson());

/**
 * Two agents under the seed plan. validMetrics(): no day over 30 minutes → notReady 10;
 * 2/100 = 2% missed → 5; both AHT (20000 + 5000) / 100 = 250 s = the pooled centre AHT → 5
 * (≤ is met on the edge); no complaint → 5; exam 90 → 5. So 30 points outside QA.
 *   A1: scores 80, 90, 85, 95, 100 → mean 450/5 = 90 → × 0.7 = 63 → total 93 (A)
 *   A2: scores 70 × 4 + 75 → mean 355/5 = 71 → × 0.7 = 49.7 → total 79.7 (C)
 *   A3: four calls only → qa insufficient → incomplete (no total)
 */
function month(): AssessmentResult {
  const calls: CallInput[] = [];
  const add = (agentId: string, scores: number[]) => scores.forEach((score, i) => calls.push({ id: `${agentId}-${i}`, agentId, date: `2026-10-0${i + 1}`, score }));
  add('A1', [80, 90, 85, 95, 100]);
  add('A2', [70, 70, 70, 70, 75]);
  add('A3', [90, 90, 90, 90]);
  return assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls, metrics: { A1: validMetrics(), A2: validMetrics(), A3: validMetrics() } });
}

describe('agent components', () => {
  it('hold the hand-worked figures and reasons', () => {
    const r = month();
    const [a1, a2, a3] = r.agents;
    expect([a1!.agentId, a1!.total, a1!.grade?.id]).toEqual(['A1', 93, 'A']);
    expect([a2!.agentId, a2!.total, a2!.grade?.id]).toEqual(['A2', 79.7, 'C']);
    const qa = a2!.components.find((c) => c.id === 'qa')!;
    expect(qa).toMatchObject({ status: 'scored', raw: 71, points: 71, contribution: 49.7, calls: 5, exact: { raw: '71', points: '71', contribution: '497/10' } });
    expect(qa.reason).toBe('mean of 5 call scores 71.00 → 71.00 of 100.00');
    const aht = a1!.components.find((c) => c.id === 'aht')!;
    expect(aht).toMatchObject({ raw: 250, points: 5, reference: 250 });
    expect(aht.reason).toBe('aht 250.00 = centre 250.00 (lower is better) → 5.00 of 5.00');
    expect(a1!.components.find((c) => c.id === 'missed')!.reason).toBe('missedRate 2.00 in [0, 5] → 5.00 of 5.00');
    expect(a3!.status).toBe('incomplete');
    expect(a3!.components.find((c) => c.id === 'qa')!.reason).toBe('insufficient sample: 4 evaluated calls, fewer than the 5 required; the assessment is incomplete');
  });

  it('are an own, enumerable property, read once and then the same array', () => {
    const a = month().agents[0]!;
    expect(Object.keys(a)).toEqual(['agentId', 'team', 'status', 'components', 'total', 'exactTotal', 'grade', 'rank', 'tier', 'movement', 'notes']);
    expect(a.components).toBe(a.components);
    expect(a.components).toHaveLength(plan.components.length);
  });

  it('travel with JSON, spread, structuredClone and postMessage', () => {
    const r = month();
    const expected = r.agents.map((a) => a.components.map((c) => ({ ...c })));
    const viaJson = (JSON.parse(JSON.stringify(r)) as AssessmentResult).agents.map((a) => a.components);
    expect(viaJson).toEqual(expected);
    expect(r.agents.map((a) => ({ ...a }).components)).toEqual(expected);
    expect(structuredClone(r).agents.map((a) => a.components)).toEqual(expected);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(month());
    const posted = receiveMessageOnPort(port2)!.message as AssessmentResult;
    port1.close();
    expect(posted.agents.map((a) => a.components)).toEqual(expected);
    // An unread result posts its components too (they are written out on the way).
    expect(posted.agents[1]!.components.find((c) => c.id === 'qa')!.reason).toBe('mean of 5 call scores 71.00 → 71.00 of 100.00');
  });

  it('are plain objects: strict deep equality holds against their own plain copy', () => {
    const r = month();
    const plain = JSON.parse(JSON.stringify(r)) as AssessmentResult;
    expect(r.agents).toStrictEqual(plain.agents);
    expect(() => deepStrictEqual(r.agents, plain.agents)).not.toThrow();
  });

  it('can be replaced or deleted like any other field', () => {
    const [a1, a2] = month().agents as unknown as { components?: unknown }[];
    a1!.components = [];
    expect(a1!.components).toEqual([]);
    expect(JSON.parse(JSON.stringify(a1)).components).toEqual([]);
    delete a2!.components;
    expect('components' in a2!).toBe(false);
  });

  it('print as data, not as a getter', () => {
    const printed = inspect(month().agents[0], { depth: 4 });
    expect(printed).toContain("reason: 'mean of 5 call scores 90.00 → 90.00 of 100.00'");
    expect(printed).not.toContain('[Getter');
  });

  it('read the same in any order, early or late', () => {
    const forward = month();
    const backward = month();
    const f = forward.agents.map((a) => JSON.stringify(a.components));
    const b = [...backward.agents].reverse().map((a) => JSON.stringify(a.components)).reverse();
    expect(b).toEqual(f);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });
});
