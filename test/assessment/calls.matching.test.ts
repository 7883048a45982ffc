/**
 * Which qa component a call counts for, and why one is left out: the scale it
 * was scored on (`maxScore`), the rubric it was scored with, and scores with
 * more decimals than whole thousandths. Covers both passes of the call loop:
 * one qa component reading every rubric (the seed plan) and several qa
 * components each reading one rubric.
 */
import { describe, expect, it } from 'vitest';
import { assessAgents, loadPlan, type CallInput } from '../../src/assessment/index.js';
import { seedPlanJson, validMetrics } from '../support/assessment.js';

const metrics = { A1: validMetrics() };

function assess(planJson: unknown, calls: readonly Partial<CallInput>[]) {
  const plan = loadPlan(planJson);
  const list = calls.map((c, i) => ({ id: `c${i}`, agentId: 'A1', date: '2026-10-05', ...c }) as CallInput);
  return assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics, calls: list });
}

/** The seed plan with its qa component counting from one call, so that a mean shows. */
function seedPlan(): unknown {
  const json = seedPlanJson();
  json.components.find((c: { id: string }) => c.id === 'qa').minCalls = 1;
  return json;
}

/** The seed plan with its qa (70%) split in two: rubric "a" out of 100, rubric "b" out of 10. */
function twoRubricPlan(): unknown {
  const json = seedPlanJson();
  const i = json.components.findIndex((c: { id: string }) => c.id === 'qa');
  const qa = json.components[i];
  json.components.splice(
    i,
    1,
    { ...qa, id: 'qaA', weight: 35, rubric: 'a', minCalls: 1 },
    { ...qa, id: 'qaB', weight: 35, rubric: 'b', max: 10, minCalls: 1 },
  );
  json.ranking.tieBreak[0].component = 'qaA';
  return json;
}

const excludedCodes = (r: ReturnType<typeof assess>) => r.excluded.map((x) => `${x.id}:${x.code}`);
const component = (r: ReturnType<typeof assess>, id: string) => r.agents[0]!.components.find((c) => c.id === id)!;

describe('one qa component reading every rubric', () => {
  it('counts a call on its scale and refuses one on another scale', () => {
    const r = assess(seedPlan(), [
      { score: 80, maxScore: 100 },
      { score: 9, maxScore: 10 },
      // 150 is off the qa scale, but the call says it is out of 200: a scale mismatch, not out of range.
      { score: 150, maxScore: 200 },
    ]);
    expect(r.usage.calls).toMatchObject({ used: 1, excluded: 2, byReason: { scale_mismatch: 2 } });
    expect(excludedCodes(r)).toEqual(['c1:scale_mismatch', 'c2:scale_mismatch']);
    expect(component(r, 'qa')).toMatchObject({ calls: 1, raw: 80 });
  });

  it('sums thousandths and longer decimals exactly, and refuses float noise', () => {
    const r = assess(seedPlan(), [
      { score: 90 },
      { score: 86.125 },
      // Four decimals: not whole thousandths, still an exact decimal.
      { score: 86.1251 },
      // 32.23 computed in floating point: no rubric publishes it.
      { score: 32.230000000000004 },
      // Too many digits is reported before the scale mismatch.
      { score: 32.230000000000004, maxScore: 10 },
    ]);
    expect(excludedCodes(r)).toEqual(['c3:invalid', 'c4:invalid']);
    expect(r.issues.filter((i) => i.code === 'too_precise').map((i) => i.path)).toEqual([
      ['calls', 3, 'score'],
      ['calls', 4, 'score'],
    ]);
    // (90 + 86.125 + 86.1251) / 3 = 262.2501 / 3 = 2622501 / 30000 (2622501 = 3 × 874167, so 874167 / 10000 = 87.4167).
    const qa = component(r, 'qa');
    expect(qa.calls).toBe(3);
    expect(qa.exact.raw).toBe('874167/10000');
    expect(qa.raw).toBe(87.42);
  });

  it('refuses a score off the scale as out of range', () => {
    const r = assess(seedPlan(), [{ score: 90 }, { score: 100.5, maxScore: 100 }]);
    expect(excludedCodes(r)).toEqual(['c1:invalid']);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'out_of_range', path: ['calls', 1, 'score'] }));
  });
});

describe('several qa components, each reading one rubric', () => {
  it('counts each call for the component of its rubric, on that component’s scale', () => {
    const r = assess(twoRubricPlan(), [
      { score: 90, rubricId: 'a' },
      { score: 70, rubric: { id: 'a' } },
      { score: 8, rubric: { id: 'b', version: '2' } },
      { score: 9.5, rubricId: 'b', maxScore: 10 },
      { score: 95, rubricId: 'c' },
      { score: 50, rubricId: 'b' },
      { score: 9, rubricId: 'a', maxScore: 10 },
      { score: 90 },
    ]);
    expect(excludedCodes(r)).toEqual(['c4:other_rubric', 'c5:invalid', 'c6:scale_mismatch', 'c7:other_rubric']);
    expect(r.issues.filter((i) => i.code === 'out_of_range').map((i) => i.path)).toEqual([['calls', 5, 'score']]);
    expect(r.excluded.find((x) => x.id === 'c4')!.message).toBe('scored with rubric c, which no qa component reads');
    expect(r.excluded.find((x) => x.id === 'c7')!.message).toBe('scored with rubric (none), which no qa component reads');
    // qaA: (90 + 70) / 2 = 80; qaB: (8 + 9.5) / 2 = 8.75 of 10.
    expect(component(r, 'qaA')).toMatchObject({ calls: 2, raw: 80 });
    expect(component(r, 'qaB')).toMatchObject({ calls: 2, raw: 8.75 });
    expect(r.usage.calls).toMatchObject({ received: 8, used: 4, excluded: 4 });
  });
});
