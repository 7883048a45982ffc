/**
 * Golden agent-months for the seed's 呼叫中心质量考核标准 (rubrics/monthly-assessment.zh-CN.json),
 * each worked out by hand from the seed's table as the bundled plan closes its gaps:
 *
 *   示忙 notReady (10): 10 − 2 × occurrences (a day with > 30 min), floor 0; 6–7 → 0; ≥ 8 → −10
 *   漏接 missed   (5):  [0,5] → 5, (5,10] → 4, (10,20] → 2, (20,30] → 1, (30,100] → 0   (percent)
 *   均长 aht      (5):  own AHT ≤ centre AHT (pooled: Σ handle seconds ÷ Σ handled) → 5, else 0
 *   满意度 sat     (5):  an upheld complaint → 0, else 5
 *   考试 exam     (5):  ≥90 → 5, [80,90) → 4, [75,80) → 3, [66,75) → 2, [60,66) → 1, <60 → 0
 *   质检 qa      (70%): mean call score × 0.7; fewer than 5 calls → incomplete
 *
 * Weight = maximum points for the first five, so their points are their contributions.
 * Expected values below come from this arithmetic, never from the code's output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AssessmentError, assessAgents, loadPlan, type AgentAssessment, type AssessmentResult, type CallInput, type Plan } from '../../src/assessment/index.js';

const plan = loadPlan(JSON.parse(readFileSync(new URL('../../rubrics/monthly-assessment.zh-CN.json', import.meta.url), 'utf8')));

/** 31 days of October: `occ` days at 45 min (count), `at30` days at exactly 30 (do not count), the rest 10. */
function notReady(occ: number, at30 = 0): number[] {
  return Array.from({ length: 31 }, (_, i) => (i < occ ? 45 : i < occ + at30 ? 30 : 10));
}

interface Spec {
  occ: number;
  at30?: number;
  missed: number;
  inbound: number;
  handled: number;
  handleSeconds: number;
  exam: number;
  complaints: number;
  scores: number[];
}

function run(specs: Record<string, Spec>, with_: Plan = plan): AssessmentResult {
  const metrics: Record<string, Record<string, unknown>> = {};
  const calls: CallInput[] = [];
  for (const [id, s] of Object.entries(specs)) {
    metrics[id] = {
      dailyNotReadyMinutes: notReady(s.occ, s.at30),
      missedCalls: s.missed,
      inboundCalls: s.inbound,
      handled: s.handled,
      // Split the handle time over talk / hold / after-call work: AHT sums all three.
      talkSeconds: s.handleSeconds - 1000,
      holdSeconds: 400,
      afterCallWorkSeconds: 600,
      examScore: s.exam,
      upheldComplaints: s.complaints,
    };
    s.scores.forEach((score, i) => calls.push({ id: `${id}-${i}`, agentId: id, date: `2026-10-${String(i + 1).padStart(2, '0')}`, score }));
  }
  return assessAgents(with_, { period: '2026-10', timeZone: 'Asia/Shanghai', calls, metrics: metrics as never });
}

const pts = (a: AgentAssessment): Record<string, number | null> => Object.fromEntries(a.components.map((c) => [c.id, c.points]));
const agent = (r: AssessmentResult, id: string): AgentAssessment => r.agents.find((a) => a.agentId === id)!;

// Scenario B: twelve agents with the same AHT (30,000 s / 100 = 300 s = the centre's), so
// every one of them earns the 5 AHT points on the "equal" edge of ≤.
const B: Record<string, Spec> = {
  // 0 occ → 10; 0/200 = 0% → 5; aht 5; no complaint → 5; exam 90 → 5 (edge); qa mean (90+92+94+96+98)/5 = 94 → 65.8
  // total 10 + 5 + 5 + 5 + 5 + 65.8 = 95.8 → A
  H01: { occ: 0, missed: 0, inbound: 200, handled: 100, handleSeconds: 30000, exam: 90, complaints: 0, scores: [90, 92, 94, 96, 98] },
  // 1 occ (+ one day of exactly 30, not counted) → 8; 10/200 = 5% → 5 (edge, [0,5]); exam 89.5 → 4; qa 84 → 58.8
  // total 8 + 5 + 5 + 5 + 4 + 58.8 = 85.8 → B
  H02: { occ: 1, at30: 1, missed: 10, inbound: 200, handled: 100, handleSeconds: 30000, exam: 89.5, complaints: 0, scores: [80, 85, 90, 85, 80] },
  // 5 occ → 10 − 10 = 0; 51/1000 = 5.1% → 4; exam 80 → 4 (edge); 1 upheld complaint → 0; qa 80 → 56
  // total 0 + 4 + 5 + 0 + 4 + 56 = 69 → D
  H03: { occ: 5, missed: 51, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 80, complaints: 1, scores: [70, 75, 80, 85, 90] },
  // 6 occ → 0 ("超过5次"); 100/1000 = 10% → 4 (edge, (5,10]); exam 79.9 → 3; qa (88.5+91.5+90+90+90)/5 = 90 → 63
  // total 0 + 4 + 5 + 5 + 3 + 63 = 80 → B (edge: [80, 90))
  H04: { occ: 6, missed: 100, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 79.9, complaints: 0, scores: [88.5, 91.5, 90, 90, 90] },
  // 7 occ → 0; 101/1000 = 10.1% → 2; exam 75 → 3 (edge); qa 100 → 70
  // total 0 + 2 + 5 + 5 + 3 + 70 = 85 → B
  H05: { occ: 7, missed: 101, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 75, complaints: 0, scores: [100, 100, 100, 100, 100] },
  // 8 occ → −10 (the negative case, "8次以上倒扣10分"); 200/1000 = 20% → 2 (edge); exam 74 → 2; 2 complaints → 0; qa 60 → 42
  // total −10 + 2 + 5 + 0 + 2 + 42 = 41 → E
  H06: { occ: 8, missed: 200, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 74, complaints: 2, scores: [60, 60, 60, 60, 60] },
  // 10 occ → −10; 205/1000 = 20.5% → 1; exam 66 → 2 (edge); qa (50+55+60+65+70)/5 = 60 → 42
  // total −10 + 1 + 5 + 5 + 2 + 42 = 45 → E
  H07: { occ: 10, missed: 205, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 66, complaints: 0, scores: [50, 55, 60, 65, 70] },
  // 2 occ → 6; 300/1000 = 30% → 1 (edge); exam 65 → 1; qa (83.33+83.33+83.34+90+90)/5 = 430/5 = 86 → 60.2
  // total 6 + 1 + 5 + 5 + 1 + 60.2 = 78.2 → C
  H08: { occ: 2, missed: 300, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 65, complaints: 0, scores: [83.33, 83.33, 83.34, 90, 90] },
  // 3 occ → 4; 301/1000 = 30.1% → 0; exam 60 → 1 (edge); qa six calls (77+78+79+80+81+82)/6 = 477/6 = 79.5 → 55.65
  // total 4 + 0 + 5 + 5 + 1 + 55.65 = 70.65 → C
  H09: { occ: 3, missed: 301, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 60, complaints: 0, scores: [77, 78, 79, 80, 81, 82] },
  // 4 occ → 2; 1000/1000 = 100% → 0; exam 59 → 0; qa (0+100+50+50+50)/5 = 50 → 35
  // total 2 + 0 + 5 + 5 + 0 + 35 = 47 → E
  H10: { occ: 4, missed: 1000, inbound: 1000, handled: 100, handleSeconds: 30000, exam: 59, complaints: 0, scores: [0, 100, 50, 50, 50] },
  // Too few evaluated calls: 4 < 5 → qa "insufficient", the month is incomplete (no total, no rank).
  H11: { occ: 0, missed: 0, inbound: 100, handled: 100, handleSeconds: 30000, exam: 100, complaints: 0, scores: [95, 95, 95, 95] },
  // 0 occ → 10; 25/500 = 5% → 5; exam 100 → 5; qa (82+83+83.25+82.5+83.5)/5 = 414.25/5 = 82.85 → 57.995
  // total 30 + 57.995 = 87.995 → rounded once, half-up: 88.00 → B
  H12: { occ: 0, missed: 25, inbound: 500, handled: 100, handleSeconds: 30000, exam: 100, complaints: 0, scores: [82, 83, 83.25, 82.5, 83.5] },
};

const expectedB: Record<string, { points: Record<string, number | null>; total: number | null; grade: string | null }> = {
  H01: { points: { notReady: 10, missed: 5, aht: 5, satisfaction: 5, exam: 5, qa: 94 }, total: 95.8, grade: 'A' },
  H02: { points: { notReady: 8, missed: 5, aht: 5, satisfaction: 5, exam: 4, qa: 84 }, total: 85.8, grade: 'B' },
  H03: { points: { notReady: 0, missed: 4, aht: 5, satisfaction: 0, exam: 4, qa: 80 }, total: 69, grade: 'D' },
  H04: { points: { notReady: 0, missed: 4, aht: 5, satisfaction: 5, exam: 3, qa: 90 }, total: 80, grade: 'B' },
  H05: { points: { notReady: 0, missed: 2, aht: 5, satisfaction: 5, exam: 3, qa: 100 }, total: 85, grade: 'B' },
  H06: { points: { notReady: -10, missed: 2, aht: 5, satisfaction: 0, exam: 2, qa: 60 }, total: 41, grade: 'E' },
  H07: { points: { notReady: -10, missed: 1, aht: 5, satisfaction: 5, exam: 2, qa: 60 }, total: 45, grade: 'E' },
  H08: { points: { notReady: 6, missed: 1, aht: 5, satisfaction: 5, exam: 1, qa: 86 }, total: 78.2, grade: 'C' },
  H09: { points: { notReady: 4, missed: 0, aht: 5, satisfaction: 5, exam: 1, qa: 79.5 }, total: 70.65, grade: 'C' },
  H10: { points: { notReady: 2, missed: 0, aht: 5, satisfaction: 5, exam: 0, qa: 50 }, total: 47, grade: 'E' },
  H11: { points: { notReady: 10, missed: 5, aht: 5, satisfaction: 5, exam: 5, qa: null }, total: null, grade: null },
  H12: { points: { notReady: 10, missed: 5, aht: 5, satisfaction: 5, exam: 5, qa: 82.85 }, total: 88, grade: 'B' },
};

describe('golden: the seed plan, twelve agents on the AHT edge (scenario B)', () => {
  const r = run(B);
  it.each(Object.keys(expectedB))('%s', (id) => {
    const a = agent(r, id);
    const e = expectedB[id]!;
    expect(pts(a)).toEqual(e.points);
    expect(a.total).toBe(e.total);
    expect(a.grade?.id ?? null).toBe(e.grade);
  });

  it('QA contributes mean × 0.7; H12 is rounded once from 87.995', () => {
    expect(agent(r, 'H01').components.find((c) => c.id === 'qa')!.contribution).toBe(65.8);
    expect(agent(r, 'H12').exactTotal).toBe('17599/200'); // 87.995
  });

  it('the agent with four calls is incomplete, with the reason', () => {
    const a = agent(r, 'H11');
    expect(a.status).toBe('incomplete');
    expect(a.rank).toBeNull();
    expect(a.components.find((c) => c.id === 'qa')!.status).toBe('insufficient');
    expect(a.notes.join(' ')).toMatch(/4 evaluated calls, fewer than the 5/);
  });

  it('ranks by total and cuts 20/60/20 quantile tiers of the 11 ranked agents', () => {
    // 95.8, 88, 85.8, 85, 80, 78.2, 70.65, 69, 47, 45, 41
    expect(r.agents.filter((a) => a.rank !== null).map((a) => a.agentId)).toEqual(['H01', 'H12', 'H02', 'H05', 'H04', 'H08', 'H09', 'H03', 'H10', 'H07', 'H06']);
    // rank r is in the first tier with r·100 ≤ cumulative share · 11: T1 r ≤ 2.2, T2 r ≤ 8.8, T3 the rest
    expect(r.agents.filter((a) => a.tier?.id === 'T1').map((a) => a.agentId)).toEqual(['H01', 'H12']);
    expect(r.agents.filter((a) => a.tier?.id === 'T3').map((a) => a.agentId)).toEqual(['H10', 'H07', 'H06']);
  });

  it('centre roll-up: mean and median of exact totals, grade distribution', () => {
    // Σ = 95.8 + 87.995 + 85.8 + 85 + 80 + 78.2 + 70.65 + 69 + 47 + 45 + 41 = 785.445; / 11 = 71.404…
    expect(r.centre.mean).toBe(71.4);
    expect(r.centre.median).toBe(78.2); // the 6th of 11
    expect(r.centre.grades).toEqual({ A: 1, B: 4, C: 2, D: 1, E: 3 });
    expect(r.centre.incomplete).toBe(1);
    // centre AHT: 12 × 30,000 s / 1,200 calls = 300 s
    expect(r.references).toEqual([{ component: 'aht', scope: 'centre', value: 300, agents: 12 }]);
  });
});

// Scenario A: the centre-average comparison. Handle seconds / handled:
//   G01 25,000/100 = 250   G02 66,000/200 = 330   G03 31,200/100 = 312   G04 35,000/100 = 350
// centre (pooled) = 157,200 / 500 = 314.4 s; the mean of the four AHTs would be 310.5 —
// G03 (312) earns the points against the pooled centre AHT, as the seed's 中心通话均长 means.
const A: Record<string, Spec> = {
  // 10 + 5 (0%) + 5 (250 ≤ 314.4) + 5 + 5 (95) + 80 × 0.7 = 56 → 86 → B
  G01: { occ: 0, missed: 0, inbound: 100, handled: 100, handleSeconds: 25000, exam: 95, complaints: 0, scores: [80, 80, 80, 80, 80] },
  // 8 (1 occ) + 5 (3%) + 0 (330 > 314.4) + 5 + 4 (85) + 63 → 85 → B
  G02: { occ: 1, missed: 3, inbound: 100, handled: 200, handleSeconds: 66000, exam: 85, complaints: 0, scores: [90, 90, 90, 90, 90] },
  // 10 + 4 (6%: the seed's own "6%–10%" row) + 5 (312 ≤ 314.4) + 5 + 2 (70) + 49 → 75 → C
  G03: { occ: 0, missed: 6, inbound: 100, handled: 100, handleSeconds: 31200, exam: 70, complaints: 0, scores: [70, 70, 70, 70, 70] },
  // 10 + 5 (5%) + 0 (350) + 5 + 5 (90) + 77 × 0.7 = 53.9 → 78.9 → C
  G04: { occ: 0, missed: 5, inbound: 100, handled: 100, handleSeconds: 35000, exam: 90, complaints: 0, scores: [75, 76, 77, 78, 79] },
};

describe('golden: own AHT against the centre AHT (scenario A)', () => {
  const r = run(A);
  it.each([
    ['G01', { notReady: 10, missed: 5, aht: 5, satisfaction: 5, exam: 5, qa: 80 }, 86, 'B'],
    ['G02', { notReady: 8, missed: 5, aht: 0, satisfaction: 5, exam: 4, qa: 90 }, 85, 'B'],
    ['G03', { notReady: 10, missed: 4, aht: 5, satisfaction: 5, exam: 2, qa: 70 }, 75, 'C'],
    ['G04', { notReady: 10, missed: 5, aht: 0, satisfaction: 5, exam: 5, qa: 77 }, 78.9, 'C'],
  ] as const)('%s', (id, points, total, grade) => {
    const a = agent(r, id);
    expect(pts(a)).toEqual(points);
    expect(a.total).toBe(total);
    expect(a.grade?.id).toBe(grade);
  });
  it('uses the pooled centre AHT 314.4 s', () => {
    expect(r.references[0]?.value).toBe(314.4);
    expect(agent(r, 'G03').components.find((c) => c.id === 'aht')!.reason).toMatch(/312\.00 < centre 314\.40/);
  });
});

// Scenario A with the plan's AHT reference changed to the mean of the agents' AHTs:
// (250 + 330 + 312 + 350) / 4 = 1242 / 4 = 310.5 s. G03 (312 > 310.5) now loses its 5 AHT points.
describe('golden: a mean reference instead of the pooled centre AHT', () => {
  const json = JSON.parse(readFileSync(new URL('../../rubrics/monthly-assessment.zh-CN.json', import.meta.url), 'utf8'));
  json.components.find((c: { id: string }) => c.id === 'aht').reference = { scope: 'centre', aggregate: 'mean' };
  const meanPlan = loadPlan(json);

  it('compares with 310.5 s', () => {
    const r = run(A, meanPlan);
    expect(r.references).toEqual([{ component: 'aht', scope: 'centre', value: 310.5, agents: 4 }]);
    // G01 250 ≤ 310.5 → 5, total 86 as before; G03: 10 + 4 + 0 + 5 + 2 + 49 = 70 → C (the edge of [70, 80)).
    expect(pts(agent(r, 'G01')).aht).toBe(5);
    expect(pts(agent(r, 'G03')).aht).toBe(0);
    expect(agent(r, 'G03').total).toBe(70);
    expect(agent(r, 'G03').grade?.id).toBe('C');
    expect(agent(r, 'G03').components.find((c) => c.id === 'aht')!.reason).toMatch(/312\.00 > centre 310\.50/);
  });

  it('refuses, with the component path, a mean that has no exact form', () => {
    // Five agents whose calls handled are distinct primes near 10^6, each AHT 300 + 1/handled s: the
    // mean's denominator is 5 × the product of the primes (~5 × 10^30), beyond any safe integer.
    const primes = [999983, 999979, 999961, 999959, 999953];
    const specs = Object.fromEntries(
      primes.map((h, i) => [`P0${i}`, { occ: 0, missed: 0, inbound: 100, handled: h, handleSeconds: 300 * h + 1, exam: 90, complaints: 0, scores: [90, 90, 90, 90, 90] }]),
    );
    let err: unknown;
    try {
      run(specs, meanPlan);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AssessmentError);
    expect((err as AssessmentError).issues).toEqual([expect.objectContaining({ code: 'reference_not_exact', path: ['components', 2, 'reference'] })]);
  });
});

// Scenario C: 240, 300, 360 s with 100 calls each → centre 90,000 / 300 = 300 s; K02 is exactly equal.
describe('golden: AHT equal to the centre earns the points (scenario C)', () => {
  const base = { occ: 0, missed: 0, inbound: 100, handled: 100, exam: 90, complaints: 0, scores: [90, 90, 90, 90, 90] };
  const r = run({ K01: { ...base, handleSeconds: 24000 }, K02: { ...base, handleSeconds: 30000 }, K03: { ...base, handleSeconds: 36000 } });
  it.each([
    // 10 + 5 + 5 + 5 + 5 + 63 = 93 → A
    ['K01', 5, 93],
    // 300 = 300 → "≤" holds → 5; 93 → A
    ['K02', 5, 93],
    // 360 > 300 → 0; 88 → B
    ['K03', 0, 88],
  ] as const)('%s', (id, aht, total) => {
    const a = agent(r, id);
    expect(a.components.find((c) => c.id === 'aht')!.points).toBe(aht);
    expect(a.total).toBe(total);
  });
  it('ties on the total (K01, K02 at 93) are broken by qa points, then missed rate, then agent id', () => {
    expect(r.agents.slice(0, 2).map((a) => a.agentId)).toEqual(['K01', 'K02']);
  });
});

// The plan's tieBreak: qa points (desc), then missedRate (better: lower), then agent id.
// Each case below puts the agent that must win second by id, so the id fallback alone fails it.
describe('golden: tie-breaking follows the plan, not just the agent id', () => {
  const base = { occ: 0, missed: 0, inbound: 100, handled: 100, handleSeconds: 30000, exam: 90, complaints: 0, scores: [90, 90, 90, 90, 90] };

  it('tied totals, different qa points: more qa points first (T02 before T01)', () => {
    // Same AHT for both → both equal the pooled centre AHT → 5 each.
    // T01: notReady 10 + missed 0% → 5 + aht 5 + sat 5 + exam 90 → 5 + qa 80 × 0.7 = 56 → 86
    // T02: notReady 10 + missed 6% → 4 + aht 5 + 1 complaint → 0 + exam 85 → 4 + qa 90 × 0.7 = 63 → 86
    // Tie at 86: qa 90 > 80 points → T02 first, although its missed rate (6%) is worse and its id later.
    const r = run({
      T01: { ...base, scores: [80, 80, 80, 80, 80] },
      T02: { ...base, missed: 6, complaints: 1, exam: 85 },
    });
    expect(agent(r, 'T01').total).toBe(86);
    expect(agent(r, 'T02').total).toBe(86);
    // qa points are on its own 0–100 scale (the mean); the contribution is × 70 / 100.
    expect(pts(agent(r, 'T01')).qa).toBe(80);
    expect(pts(agent(r, 'T02')).qa).toBe(90);
    expect(r.agents.map((a) => [a.agentId, a.rank])).toEqual([
      ['T02', 1],
      ['T01', 2],
    ]);
  });

  it('tied totals and qa, different missed rates: the lower missed rate first (M02 before M01)', () => {
    // M01: missed 3 / 100 = 3% → band [0, 5] → 5; M02: 1 / 100 = 1% → 5.
    // Both 10 + 5 + 5 + 5 + 5 + 63 = 93, qa 63 each; 1% < 3% and lower is better → M02 first.
    const r = run({ M01: { ...base, missed: 3 }, M02: { ...base, missed: 1 } });
    expect(agent(r, 'M01').total).toBe(93);
    expect(agent(r, 'M02').total).toBe(93);
    expect(r.agents.map((a) => [a.agentId, a.rank])).toEqual([
      ['M02', 1],
      ['M01', 2],
    ]);
  });
});
