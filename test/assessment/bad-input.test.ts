import { describe, expect, it } from 'vitest';
import {
  AssessmentError,
  assessAgents,
  compileFormula,
  formatAssessment,
  loadPlan,
  PlanError,
  safeLoadPlan,
  selectPlan,
  type CallInput,
} from '../../src/assessment/index.js';
import { Ratio } from '../../src/exact/rational.js';
import { calendarMonth } from '../../src/periods/index.js';
import { seedPlanJson, validMetrics } from '../support/assessment.js';

const plan = loadPlan(seedPlanJson());

const fiveCalls = (agentId: string): CallInput[] => [1, 2, 3, 4, 5].map((d) => ({ id: `${agentId}-${d}`, agentId, date: `2026-10-0${d}`, score: 90 }));

describe('bad plans', () => {
  it('weights not summing to 100', () => {
    const p = seedPlanJson();
    p.components[5].weight = 60;
    const res = safeLoadPlan(p);
    expect(res.success).toBe(false);
    expect(!res.success && res.issues).toContainEqual({ code: 'weights_sum', path: ['components'], message: 'component weights sum to 90, not 100' });
  });

  it("the seed's bands as written (0–5%, 6–10%) leave a gap", () => {
    const p = seedPlanJson();
    p.components[1].bands = [
      { range: '[0, 5]', points: 5 },
      { range: '[6, 10]', points: 4 },
      { range: '(10, 100]', points: 0 },
    ];
    const res = safeLoadPlan(p);
    expect(!res.success && res.issues.find((i) => i.code === 'band_gap')?.path).toEqual(['components', 1, 'bands', 1, 'range']);
  });

  it('overlapping bands, unknown metric, negative floor without allowNegative, bad shape', () => {
    const p = seedPlanJson();
    p.components[4].bands[1].range = '[80, 90]';
    p.components[2].metric = 'ahtt';
    p.components[0].allowNegative = false;
    p.components[3].zeroWhen.op = '=>';
    const res = safeLoadPlan(p);
    expect(res.success).toBe(false);
    if (res.success) return;
    // zod reports the shape problem first; semantic checks wait for a well-formed plan
    expect(res.issues.map((i) => i.path.join('.'))).toContain('components.3.zeroWhen.op');
    p.components[3].zeroWhen.op = '>=';
    const res2 = safeLoadPlan(p);
    expect(!res2.success && res2.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual(
      expect.arrayContaining([
        'negative_not_allowed@components.0.thresholds.1.points',
        'unknown_metric@components.2.metric',
        'band_overlap@components.4.bands.0.range',
      ]),
    );
    expect(() => loadPlan(p)).toThrow(PlanError);
  });

  it('grades must tile the total range [-10, 100]', () => {
    const p = seedPlanJson();
    p.grades[4].range = '[0, 60)';
    const res = safeLoadPlan(p);
    expect(!res.success && res.issues.find((i) => i.code === 'band_gap')?.path).toEqual(['grades', 4, 'range']);
  });
});

describe('bad input records', () => {
  const run = (metrics: Record<string, any>, calls: CallInput[]) =>
    assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics, calls });

  it('missing metrics → incomplete, with the field path', () => {
    const m = validMetrics() as Record<string, unknown>;
    delete m.inboundCalls;
    const r = run({ A1: m }, fiveCalls('A1'));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'missing_metric', path: ['metrics', 'A1', 'inboundCalls'] }));
    expect(r.agents[0]!.status).toBe('incomplete');
    expect(r.agents[0]!.total).toBeNull();
  });

  it('negative durations', () => {
    const r = run({ A1: { ...validMetrics(), talkSeconds: -5 } }, fiveCalls('A1'));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'negative', path: ['metrics', 'A1', 'talkSeconds'] }));
    expect(r.agents[0]!.status).toBe('incomplete');
  });

  it('rates above 100%: missed above inbound, an exam score of 120', () => {
    const r = run({ A1: { ...validMetrics(), missedCalls: 120 }, A2: { ...validMetrics(), examScore: 120 } }, [...fiveCalls('A1'), ...fiveCalls('A2')]);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'exceeds', path: ['metrics', 'A1', 'missedCalls'] }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'out_of_range', path: ['metrics', 'A2', 'examScore'] }));
  });

  it('no inbound calls is "no data", not NaN', () => {
    const r = run({ A1: { ...validMetrics(), missedCalls: 0, inboundCalls: 0 } }, fiveCalls('A1'));
    expect(r.agents[0]!.components.find((c) => c.id === 'missed')!.status).toBe('no_data');
  });

  it('unknown agents, calls outside the period, invalid calls: left out and counted', () => {
    const calls: CallInput[] = [
      ...fiveCalls('A1'),
      { id: 'x1', agentId: 'ZZ', date: '2026-10-03', score: 80 },
      { id: 'x2', agentId: 'A1', date: '2026-11-01', score: 80 },
      { id: 'x3', agentId: 'A1', date: '2026-10-31T16:30:00Z', score: 80 }, // 00:30 on 1 Nov in Shanghai
      { id: 'x4', agentId: 'A1', date: '2026-10-03', score: Number.NaN },
      { id: 'x5', agentId: 'A1', date: 'yesterday', score: 80 },
    ];
    const r = run({ A1: validMetrics() }, calls);
    expect(r.usage.calls).toEqual({ received: 10, used: 5, excluded: 5, byReason: { unknown_agent: 1, outside_period: 2, invalid: 2 } });
    expect(r.excluded.map((x) => `${x.id}:${x.code}`)).toEqual(['x1:unknown_agent', 'x2:outside_period', 'x3:outside_period', 'x4:invalid', 'x5:invalid']);
    expect(r.issues).toContainEqual(expect.objectContaining({ path: ['calls', 8, 'score'] }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'invalid_date', path: ['calls', 9, 'date'] }));
  });

  it('metrics for an agent off the roster and duplicates are recorded', () => {
    const r = assessAgents(plan, {
      period: '2026-10',
      timeZone: 'Asia/Shanghai',
      agents: ['A1'],
      metrics: [{ agentId: 'A1', ...validMetrics() }, { agentId: 'A1', ...validMetrics() }, { agentId: 'B9', ...validMetrics() }],
      calls: fiveCalls('A1'),
    });
    expect(r.excluded.map((x) => `${x.agentId}:${x.code}`)).toEqual(['A1:duplicate_agent', 'B9:unknown_agent']);
    expect(r.usage.metrics).toMatchObject({ records: 3, used: 1, excluded: 2 });
  });

  it('a period id without a time zone, or a plan not in force, is an AssessmentError', () => {
    const noZone = loadPlan({ ...seedPlanJson(), timeZone: undefined });
    expect(() => assessAgents(noZone, { period: '2026-10', metrics: {}, calls: [] })).toThrow(AssessmentError);
    expect(() => assessAgents(plan, { period: '2025-12', timeZone: 'Asia/Shanghai', metrics: {}, calls: [] })).toThrow(/not in force/);
  });
});

describe('periods and versions', () => {
  it('a call at 23:30 on 31 October in Shanghai belongs to October, whatever the server zone', () => {
    const calls: CallInput[] = [...fiveCalls('A1').slice(0, 4), { id: 'late', agentId: 'A1', date: '2026-10-31T23:30:00+08:00', score: 90 }];
    const r = assessAgents(plan, { period: calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' }), metrics: { A1: validMetrics() }, calls });
    expect(r.usage.calls.used).toBe(5);
    expect(r.agents[0]!.status).toBe('complete');
    // The same instant is November in Tokyo.
    const tokyo = assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Tokyo', metrics: { A1: validMetrics() }, calls });
    expect(tokyo.usage.calls.byReason).toEqual({ outside_period: 1 });
  });

  it('selectPlan picks the version in force for the month', () => {
    const v1 = loadPlan({ ...seedPlanJson(), version: '1', effectiveFrom: '2026-01-01', effectiveTo: '2026-09-30' });
    const v2 = loadPlan({ ...seedPlanJson(), version: '2', effectiveFrom: '2026-10-01' });
    expect(selectPlan([v1, v2], calendarMonth('2026-09', { timeZone: 'Asia/Shanghai' })).version).toBe('1');
    expect(selectPlan([v1, v2], calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' })).version).toBe('2');
    expect(() => selectPlan([v1, v2], calendarMonth('2025-10', { timeZone: 'Asia/Shanghai' }))).toThrow(/no version/);
  });
});

describe('formulas are exact and sandboxed', () => {
  it('0.1 + 0.2 is 0.3, and the scope holds only the declared metrics', () => {
    const f = compileFormula('a + 0.2', new Set(['a']), []);
    expect(Array.isArray(f)).toBe(false);
    if (Array.isArray(f)) return;
    expect(f.evaluate(new Map([['a', Ratio.from(0.1)]])).toString()).toBe('3/10');
    expect(f.symbols).toEqual(new Set(['a']));
  });
});

describe('formatAssessment', () => {
  const r = assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics: { A1: validMetrics(), A2: validMetrics() }, calls: [...fiveCalls('A1'), ...fiveCalls('A2').slice(0, 2)] });
  it.each([
    ['zh-CN', ['排名', '座席', '总分', '等级', '梯队', '示忙率', '考核不完整']],
    ['zh-TW', ['排名', '總分', '等級', '梯隊', '考核不完整']],
    ['en', ['Rank', 'Agent', 'Total', 'Grade', 'Tier', 'Not-ready time', 'Incomplete']],
    ['ms', ['Kedudukan', 'Ejen', 'Jumlah', 'Gred', 'Peringkat', 'Tidak lengkap']],
  ] as const)('%s headings', (locale, words) => {
    const text = formatAssessment(r, { locale });
    for (const w of words) expect(text).toContain(w);
  });
});
