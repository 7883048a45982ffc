/**
 * Rubric items decided by measures, on the golden call of
 * conversation.golden.test.ts (measures worked there by hand): the bundled
 * rubrics' measure rules, the evaluator overriding them, untimed transcripts
 * behaving as before, the evidence and the breakdown, and load-time checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCallScore } from '../../src/format/call-score.js';
import type { Rubric } from '../../src/rubric/compiled.js';
import { loadRubric, safeLoadRubric } from '../../src/rubric/load.js';
import { safeScoreCall, scoreCall } from '../../src/scoring/score.js';

const rubric = (file: string): Rubric => loadRubric(JSON.parse(readFileSync(new URL(`../../rubrics/${file}`, import.meta.url), 'utf8')));
const qc7 = rubric('callcenter-qc-7.zh-CN.json');
const print = rubric('print-phone-service.zh-CN.json');
const qc10 = rubric('qc-10-items.zh-CN.json');
const usEu = rubric('us-eu-contact-centre.en.json');
const golden = JSON.parse(readFileSync(join(import.meta.dirname, 'conversation', 'golden-call.callqa.json'), 'utf8')) as {
  transcript: { speaker: string; text: string; start: number; end: number }[];
  events: { type: string; start: number; end: number }[];
  duration: number;
};

/** Full marks on every scoring item without a phrase or measure rule (the evaluator's part). */
function evaluatorAnswers(r: Rubric): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of r.items.values()) {
    const def = item.def as { phrases?: unknown; measure?: unknown };
    if (def.phrases || def.measure || !item.required) continue;
    if (item.kind === 'yes-no') out[item.id] = true;
    else if (item.kind === 'levels') out[item.id] = [...(item.levels ?? new Map())].sort((a, b) => b[1].cmp(a[1]))[0]?.[0];
    else if (item.kind === 'scale') out[item.id] = (item.def as { scale: { max: number } }).scale.max;
  }
  return out;
}

const evaluation = (r: Rubric, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'golden-call',
  agentId: 'A001',
  date: '2026-10-08',
  answers: evaluatorAnswers(r),
  ...golden,
  ...extra,
});
const itemOf = (s: ReturnType<typeof scoreCall>, id: string) => s.items.find((i) => i.id === id);

describe('callcenter-qc-7: pace and pauses from the timed transcript', () => {
  const s = scoreCall(qc7, evaluation(qc7));

  it('pace: 301.41 chars/min is above the 300 band edge → no, 0 of 2; pauses: longest monologue 5 s ≤ 60 → yes', () => {
    // agent rate 107 units / 21.3 s = 301.408… → 301.41 (conversation.golden.test.ts)
    expect(itemOf(s, 'pace')).toMatchObject({ source: 'measure', answer: false, points: 0 });
    expect(itemOf(s, 'pace')?.reason).toBe('agent.speechRate >= 150/min holds (301.41/min); agent.speechRate <= 300/min fails (301.41/min) → no');
    expect(itemOf(s, 'pauses')).toMatchObject({ source: 'measure', answer: true, points: 1 });
    // Everything else full: 97 − 2 = 95 of 97 → 95/97 × 100 = 97.9381… → 97.94
    expect(s.score).toBe(97.94);
  });

  it('carries the evidence: the slowest and fastest counted turns, the monologue span', () => {
    expect(s.measures).toEqual([
      { itemId: 'pace', metric: 'agent.speechRate', value: 301.41, unit: 'per-minute', spans: [{ start: 22.5, end: 26.5, turns: [6] }, { start: 63, end: 68, turns: [7] }], decided: true },
      { itemId: 'pauses', metric: 'agent.longestMonologueSeconds', value: 5, unit: 'seconds', spans: [{ start: 63, end: 68, turns: [7] }], decided: true },
    ]);
  });

  it('the evaluator overrides: pace answered yes → 2 points, the measure kept as evidence (decided: false)', () => {
    const o = scoreCall(qc7, evaluation(qc7, { answers: { ...evaluatorAnswers(qc7), pace: true } }));
    expect(itemOf(o, 'pace')).toMatchObject({ source: 'evaluator', answer: true, points: 2 });
    expect(o.measures?.find((m) => m.itemId === 'pace')?.decided).toBe(false);
    expect(o.score).toBe(100); // 97 of 97
  });

  it('an untimed transcript behaves as before: pace and pauses need the evaluator, no measures field', () => {
    const untimed = golden.transcript.map(({ speaker, text, start }) => ({ speaker, text, start }));
    const r = safeScoreCall(qc7, { ...evaluation(qc7), transcript: untimed, events: undefined, duration: undefined });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.path.join('.'))).toEqual(['answers.pace', 'answers.pauses']);
    const ok = scoreCall(qc7, { ...evaluation(qc7, { answers: { ...evaluatorAnswers(qc7), pace: true, pauses: true } }), transcript: untimed, events: undefined, duration: undefined });
    expect(ok.measures).toBeUndefined();
    expect(ok.score).toBe(100);
  });

  it('bad timings reject the record with the turn index', () => {
    const bad = golden.transcript.map((t, i) => (i === 3 ? { ...t, end: 8 } : t));
    const r = safeScoreCall(qc7, evaluation(qc7, { transcript: bad }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues).toEqual([{ code: 'end_before_start', path: ['transcript', 3, 'end'], message: 'turn 3 ends at 8 s, before it starts (9 s)' }]);
  });

  it('an unrelated problem (an unknown item) is reported alone: the call is still measured', () => {
    const r = safeScoreCall(qc7, evaluation(qc7, { answers: { ...evaluatorAnswers(qc7), nosuch: true } }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toEqual(['unknown_item']);
  });

  it('the breakdown names the measure, the spans and the turns', () => {
    const text = formatCallScore(s, { rubric: qc7, locale: 'en' });
    expect(text).toContain('[measure]');
    expect(text).toContain('Measures:');
    expect(text).toMatch(/Moderate pace\s+agent\.speechRate = 301\.41\/min\s+0:22\.5–0:26\.5 #6; 1:03\.0–1:08\.0 #7/);
  });
});

describe('print-phone-service: no talking over the customer', () => {
  it('the agent’s 嗯 overlapping the customer is a backchannel: item 27 yes', () => {
    const s = scoreCall(print, evaluation(print));
    expect(itemOf(s, 'c27-no-interrupt')).toMatchObject({ source: 'measure', answer: true, points: 2 });
  });
  it('the agent cutting into the customer for 1.2 s: item 27 no, with the span', () => {
    // New agent turn 10: 68.8–70.5 starts while customer turn 8 (68.6–70.0) speaks: overlap 1.2 s ≥ 0.5 s.
    const transcript = [...golden.transcript.slice(0, 9), { speaker: 'agent', text: '不客气，还有其他问题吗？', start: 68.8, end: 70.5 }, { ...golden.transcript[9]!, start: 70.6 }];
    const s = scoreCall(print, evaluation(print, { transcript }));
    expect(itemOf(s, 'c27-no-interrupt')).toMatchObject({ source: 'measure', answer: false, points: 0 });
    expect(s.measures?.find((m) => m.itemId === 'c27-no-interrupt')?.spans).toEqual([{ start: 68.8, end: 70, turns: [8, 9] }]);
  });
});

describe('qc-10-items: waits', () => {
  it('no penalty on the golden call: silence outside hold 4 s ≤ 30, waits 40.5 s ≤ 120', () => {
    const s = scoreCall(qc10, evaluation(qc10));
    expect(itemOf(s, 'long-wait')).toMatchObject({ source: 'measure', answer: 0, points: 0 });
    expect(s.score).toBe(100);
  });
  it('a second hold of 100 s: waits 40.5 + 100 = 140.5 s > 120 → −5 once', () => {
    // The customer's turn 8 and the agent's goodbye move 100 s later; the hold sits 68.3–168.3 between them.
    const later = golden.transcript.map((t, i) => (i >= 8 ? { ...t, start: t.start + 100, end: t.end + 100 } : t));
    const s = scoreCall(qc10, evaluation(qc10, { transcript: later, events: [...golden.events, { type: 'hold', start: 68.3, end: 168.3 }], duration: 172 }));
    // Waits: 4 + 36.5 + (68.0–168.6 = 100.6) = 141.1 s.
    expect(s.measures?.find((m) => m.metric === 'waits.seconds')?.value).toBe(141.1);
    expect(itemOf(s, 'long-wait')).toMatchObject({ source: 'measure', answer: 1, points: -5 });
    expect(s.deductions).toEqual([{ itemId: 'long-wait', sectionId: 'business-skills', points: -5, occurrences: 1, source: 'measure', reason: expect.stringContaining('waits.seconds > 120 s holds (141.1 s)') as unknown as string }]);
  });
});

describe('us-eu-contact-centre: hold time from the events', () => {
  it('35 s of hold → the [0, 60] range, 5 points; without events the evaluator must answer', () => {
    const s = scoreCall(usEu, evaluation(usEu, { attributes: { callType: 'sales' } }));
    expect(itemOf(s, 'hold-time')).toMatchObject({ source: 'measure', answer: 35, points: 5 });
    const r = safeScoreCall(usEu, { ...evaluation(usEu, { attributes: { callType: 'sales' } }), events: undefined });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.path.join('.'))).toEqual(['answers.hold-time']);
  });
});

describe('measure rules are checked at load', () => {
  const base = (item: Record<string, unknown>) => ({
    id: 'm', version: '1', name: 'm', scoring: { mode: 'points-sum' },
    sections: [{ id: 's', label: 's', items: [{ id: 'x', kind: 'yes-no', label: 'x', points: 1 }, item] }],
  });
  const codes = (item: Record<string, unknown>): [string, string][] => {
    const r = safeLoadRubric(base(item));
    return r.success ? [] : r.issues.map((i) => [i.code, i.path.join('.')]);
  };
  it('unknown measure names are refused by the schema', () => {
    expect(codes({ id: 'i', kind: 'yes-no', label: 'i', points: 1, measure: { metric: 'agent.speed', op: '<', value: 3 } })[0]).toEqual(['invalid_value', 'sections.0.items.1.measure.metric']);
  });
  it('tests that can never hold or always hold, and wrong forms for the kind', () => {
    expect(codes({ id: 'i', kind: 'yes-no', label: 'i', points: 1, measure: { metric: 'hold.count', op: '<', value: 0 } })).toEqual([['impossible_test', 'sections.0.items.1.measure.value']]);
    expect(codes({ id: 'i', kind: 'yes-no', label: 'i', points: 1, measure: { metric: 'agent.talkPercent', op: '<=', value: 100 } })).toEqual([['impossible_test', 'sections.0.items.1.measure.value']]);
    expect(codes({ id: 'i', kind: 'yes-no', label: 'i', points: 1, measure: { metric: 'hold.count' } })).toEqual([['invalid_measure_rule', 'sections.0.items.1.measure']]);
    expect(codes({ id: 'i', kind: 'penalty', label: 'i', perOccurrence: 1, measure: { metric: 'hold.seconds' } })).toEqual([['invalid_measure_rule', 'sections.0.items.1.measure.metric']]);
    expect(codes({ id: 'i', kind: 'yes-no', label: 'i', points: 1, phrases: { phrases: ['您好'] }, measure: { metric: 'hold.count', op: '=', value: 0 } })).toEqual([['conflicting_rules', 'sections.0.items.1.measure']]);
  });
  it('numeric ranges the measure can never reach, or that leave values uncovered', () => {
    expect(codes({ id: 'i', kind: 'numeric', label: 'i', points: 2, measure: { metric: 'agent.speechRate' }, ranges: [{ range: '(-inf, 0)', points: 0 }, { range: '[0, inf)', points: 2 }] })).toEqual([
      ['impossible_range', 'sections.0.items.1.ranges.0.range'],
    ]);
    expect(codes({ id: 'i', kind: 'numeric', label: 'i', points: 2, measure: { metric: 'agent.speechRate' }, ranges: [{ range: '[150, 300]', points: 2 }] })).toEqual([
      ['measure_not_covered', 'sections.0.items.1.ranges'],
    ]);
    expect(codes({ id: 'i', kind: 'numeric', label: 'i', points: 2, measure: { metric: 'overlap.count' }, ranges: [{ range: '[0, 0.5]', points: 2 }, { range: '(0.5, 1)', points: 1 }, { range: '[1, inf)', points: 0 }] })).toEqual([
      ['impossible_range', 'sections.0.items.1.ranges.1.range'],
    ]);
  });
});
