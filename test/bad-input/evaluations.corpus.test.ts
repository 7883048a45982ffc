/**
 * A corpus of malformed evaluations scored against one valid rubric. Each case
 * starts from a valid evaluation, breaks one thing, and names the exact issue
 * (code and path) that scoring must report. Expectations follow the rules in
 * score.ts's header and the answer kinds, not the scorer's output.
 */
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/rubric/load.js';
import { EvaluationError, safeScoreCall, scoreCall } from '../../src/scoring/score.js';
import type { Issue, PathSegment } from '../../src/issues/issues.js';

type Json = Record<string, any>;

const rubric = loadRubric({
  id: 'eval-corpus',
  version: '1',
  name: 'Evaluation corpus',
  scoring: { mode: 'points-sum' },
  rootCauses: ['training', 'process'],
  sections: [
    {
      id: 'main',
      label: 'Main',
      items: [
        { id: 'greet', kind: 'yes-no', label: 'Greeting', points: 5 },
        {
          id: 'accurate',
          kind: 'levels',
          label: 'Accurate',
          points: 4,
          levels: [
            { id: 'full', label: 'Full', points: 4 },
            { id: 'part', label: 'Part', points: 2 },
            { id: 'none', label: 'None', points: 0 },
          ],
        },
        {
          id: 'hold',
          kind: 'numeric',
          label: 'Hold seconds',
          points: 3,
          ranges: [
            { range: '[0, 30]', points: 3 },
            { range: '(30, 60]', points: 1 },
          ],
        },
        { id: 'csat', kind: 'scale', label: 'Courtesy', points: 4, scale: { min: 1, max: 5 } },
        { id: 'upsell', kind: 'yes-no', label: 'Upsell', points: 2, na: true },
        { id: 'forbidden', kind: 'penalty', label: 'Forbidden words', perOccurrence: 2 },
        { id: 'leak', kind: 'fatal', label: 'Privacy leak', scope: 'call' },
        { id: 'note', kind: 'comment', label: 'Coach note', required: false },
      ],
    },
  ],
});

/** A valid evaluation (every required answer present). */
function valid(): Json {
  return {
    id: 'call-1',
    agentId: 'agent-7',
    date: '2024-05-06',
    answers: { greet: true, accurate: 'part', hold: 45, csat: 4, upsell: null, forbidden: 1, leak: false, note: 'good' },
  };
}

function withAnswer(key: string, value: unknown): () => Json {
  return () => {
    const e = valid();
    e.answers[key] = value;
    return e;
  };
}

function without(key: string): () => Json {
  return () => {
    const e = valid();
    delete e[key];
    return e;
  };
}

interface Case {
  name: string;
  evaluation: () => unknown;
  expect: { code: string; path: PathSegment[] }[];
}

const A = (k: string, ...rest: PathSegment[]): PathSegment[] => ['answers', k, ...rest];

const cases: Case[] = [
  // ── answers that name no item ───────────────────────────────────────────
  { name: 'unknown item id', evaluation: withAnswer('greeting', true), expect: [{ code: 'unknown_item', path: A('greeting') }] },
  // ── wrong answer kinds, one per item kind ───────────────────────────────
  { name: 'yes/no answered "yes"', evaluation: withAnswer('greet', 'yes'), expect: [{ code: 'invalid_answer_kind', path: A('greet') }] },
  { name: 'yes/no answered 1', evaluation: withAnswer('greet', 1), expect: [{ code: 'invalid_answer_kind', path: A('greet') }] },
  { name: 'levels answered with a number', evaluation: withAnswer('accurate', 4), expect: [{ code: 'invalid_answer_kind', path: A('accurate') }] },
  { name: 'levels answered true', evaluation: withAnswer('accurate', true), expect: [{ code: 'invalid_answer_kind', path: A('accurate') }] },
  { name: 'numeric answered with a string', evaluation: withAnswer('hold', '45'), expect: [{ code: 'invalid_answer_kind', path: A('hold') }] },
  { name: 'scale answered false', evaluation: withAnswer('csat', false), expect: [{ code: 'invalid_answer_kind', path: A('csat') }] },
  { name: 'scale answered 3.5 (not an integer)', evaluation: withAnswer('csat', 3.5), expect: [{ code: 'invalid_answer_kind', path: A('csat') }] },
  { name: 'penalty answered "twice"', evaluation: withAnswer('forbidden', 'twice'), expect: [{ code: 'invalid_answer_kind', path: A('forbidden') }] },
  { name: 'penalty count −1', evaluation: withAnswer('forbidden', -1), expect: [{ code: 'invalid_answer_kind', path: A('forbidden') }] },
  { name: 'penalty count 1.5', evaluation: withAnswer('forbidden', 1.5), expect: [{ code: 'invalid_answer_kind', path: A('forbidden') }] },
  { name: 'fatal answered 1', evaluation: withAnswer('leak', 1), expect: [{ code: 'invalid_answer_kind', path: A('leak') }] },
  { name: 'comment answered 5', evaluation: withAnswer('note', 5), expect: [{ code: 'invalid_answer_kind', path: A('note') }] },
  { name: 'an answer that is an array', evaluation: withAnswer('greet', [true]), expect: [{ code: 'invalid_answer_kind', path: A('greet') }] },
  { name: 'an answer object without value', evaluation: withAnswer('greet', { note: 'hm' }), expect: [{ code: 'invalid_answer_kind', path: A('greet') }] },
  { name: 'a NaN answer', evaluation: withAnswer('hold', Number.NaN), expect: [{ code: 'invalid_answer_kind', path: A('hold') }] },
  { name: 'a wrong kind inside { value }', evaluation: withAnswer('greet', { value: 'yes', note: 'x' }), expect: [{ code: 'invalid_answer_kind', path: A('greet') }] },
  { name: 'an unknown key in an answer object', evaluation: withAnswer('greet', { value: true, score: 5 }), expect: [{ code: 'unknown_key', path: A('greet', 'score') }] },
  { name: 'a note that is not a string', evaluation: withAnswer('greet', { value: true, note: 3 }), expect: [{ code: 'invalid_type', path: A('greet', 'note') }] },
  { name: 'causes that is not an array', evaluation: withAnswer('greet', { value: false, causes: 'training' }), expect: [{ code: 'invalid_type', path: A('greet', 'causes') }] },
  // ── values of the right kind that do not fit ────────────────────────────
  { name: 'N/A where not allowed', evaluation: withAnswer('greet', null), expect: [{ code: 'na_not_allowed', path: A('greet') }] },
  { name: 'N/A inside { value } where not allowed', evaluation: withAnswer('accurate', { value: null }), expect: [{ code: 'na_not_allowed', path: A('accurate') }] },
  { name: 'missing required answer', evaluation: () => { const e = valid(); delete e.answers.hold; return e; }, expect: [{ code: 'missing_answer', path: A('hold') }] },
  { name: 'unknown level', evaluation: withAnswer('accurate', 'partial'), expect: [{ code: 'unknown_level', path: A('accurate') }] },
  { name: 'numeric above every range', evaluation: withAnswer('hold', 61), expect: [{ code: 'out_of_range', path: A('hold') }] },
  { name: 'numeric below every range', evaluation: withAnswer('hold', -1), expect: [{ code: 'out_of_range', path: A('hold') }] },
  { name: 'scale above max', evaluation: withAnswer('csat', 6), expect: [{ code: 'out_of_range', path: A('csat') }] },
  { name: 'scale below min', evaluation: withAnswer('csat', 0), expect: [{ code: 'out_of_range', path: A('csat') }] },
  { name: 'unknown root cause', evaluation: withAnswer('greet', { value: false, causes: ['training', 'weather'] }), expect: [{ code: 'unknown_root_cause', path: A('greet', 'causes', 1) }] },
  // ── the envelope ────────────────────────────────────────────────────────
  { name: 'not an object', evaluation: () => [valid()], expect: [{ code: 'invalid_type', path: [] }] },
  { name: 'missing id', evaluation: without('id'), expect: [{ code: 'required', path: ['id'] }] },
  { name: 'missing agentId', evaluation: without('agentId'), expect: [{ code: 'required', path: ['agentId'] }] },
  { name: 'missing date', evaluation: without('date'), expect: [{ code: 'required', path: ['date'] }] },
  { name: 'empty agentId', evaluation: () => ({ ...valid(), agentId: '' }), expect: [{ code: 'invalid_type', path: ['agentId'] }] },
  { name: 'date with slashes', evaluation: () => ({ ...valid(), date: '2024/05/06' }), expect: [{ code: 'invalid_date', path: ['date'] }] },
  { name: 'month 13', evaluation: () => ({ ...valid(), date: '2024-13-06' }), expect: [{ code: 'invalid_date', path: ['date'] }] },
  { name: 'February 30th', evaluation: () => ({ ...valid(), date: '2024-02-30' }), expect: [{ code: 'invalid_date', path: ['date'] }] },
  { name: 'February 29th in a common year', evaluation: () => ({ ...valid(), date: '2023-02-29' }), expect: [{ code: 'invalid_date', path: ['date'] }] },
  { name: 'date-time without an offset', evaluation: () => ({ ...valid(), date: '2024-05-06T10:00:00' }), expect: [{ code: 'invalid_date', path: ['date'] }] },
  { name: 'answers missing', evaluation: without('answers'), expect: [{ code: 'required', path: ['answers'] }] },
  { name: 'answers is an array', evaluation: () => ({ ...valid(), answers: [true] }), expect: [{ code: 'invalid_type', path: ['answers'] }] },
  { name: 'answers is a string', evaluation: () => ({ ...valid(), answers: 'greet=yes' }), expect: [{ code: 'invalid_type', path: ['answers'] }] },
  { name: 'attributes is an array', evaluation: () => ({ ...valid(), attributes: ['vip'] }), expect: [{ code: 'invalid_type', path: ['attributes'] }] },
  { name: 'an attribute that is an object', evaluation: () => ({ ...valid(), attributes: { channel: { name: 'phone' } } }), expect: [{ code: 'invalid_type', path: ['attributes', 'channel'] }] },
  { name: 'a transcript that is a string', evaluation: () => ({ ...valid(), transcript: '您好' }), expect: [{ code: 'invalid_type', path: ['transcript'] }] },
  { name: 'a turn without text', evaluation: () => ({ ...valid(), transcript: [{ speaker: 'agent', text: '您好' }, { speaker: 'customer' }] }), expect: [{ code: 'required', path: ['transcript', 1, 'text'] }] },
  { name: 'a turn with a negative start', evaluation: () => ({ ...valid(), transcript: [{ speaker: 'agent', text: '您好', start: -1 }] }), expect: [{ code: 'invalid_type', path: ['transcript', 0, 'start'] }] },
  { name: 'unknown top-level key', evaluation: () => ({ ...valid(), score: 100 }), expect: [{ code: 'unknown_key', path: ['score'] }] },
  {
    name: '__proto__ as an answer key (JSON.parse)',
    evaluation: () => JSON.parse(JSON.stringify(valid()).replace('"answers":{', '"answers":{"__proto__":{"polluted":true},')),
    expect: [{ code: 'unknown_item', path: A('__proto__') }],
  },
  {
    name: 'constructor as an answer key (JSON.parse)',
    evaluation: () => JSON.parse(JSON.stringify(valid()).replace('"answers":{', '"answers":{"constructor":true,')),
    expect: [{ code: 'unknown_item', path: A('constructor') }],
  },
  {
    name: '__proto__ at the top level (JSON.parse)',
    evaluation: () => JSON.parse(JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"polluted":true},')),
    expect: [{ code: 'unknown_key', path: ['__proto__'] }],
  },
  // Found in review: a measured value with float noise cannot be held exactly.
  { name: 'numeric answer 0.1 + 0.2 (0.30000000000000004)', evaluation: withAnswer('hold', 0.1 + 0.2), expect: [{ code: 'too_precise', path: ['answers', 'hold'] }] },
];

function codesAndPaths(issues: readonly Issue[]): { code: string; path: PathSegment[] }[] {
  return issues.map((i) => ({ code: i.code, path: [...i.path] }));
}

describe('malformed evaluations: the corpus', () => {
  it('has at least 20 cases, each starting from a valid evaluation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const s = scoreCall(rubric, valid());
    // 5 + 2 + 1 + (4−1)/(5−1)×4 = 11 of 16 possible (upsell N/A), −2 for one forbidden word = 9;
    // renormalised to the rubric's full 18 points: 9/16 × 18 = 10.125 → 10.13 (half-up)
    expect(s.maxScore).toBe(18);
    expect(s.exactScore).toBe('81/8');
    expect(s.score).toBe(10.13);
  });

  for (const c of cases) {
    it(c.name, () => {
      const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const res = safeScoreCall(rubric, c.evaluation());
      expect(res.success).toBe(false);
      if (res.success) return;
      expect(codesAndPaths(res.issues)).toEqual(c.expect);
      for (const i of res.issues) expect(i.message.length).toBeGreaterThan(0);
      let thrown: unknown;
      try {
        scoreCall(rubric, c.evaluation());
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(EvaluationError);
      expect(codesAndPaths((thrown as EvaluationError).issues)).toEqual(c.expect);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
      expect(({} as Json)['polluted']).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });
  }
});

describe('malformed evaluations: every problem at once', () => {
  it('reports all answer problems together', () => {
    const e = valid();
    e.answers.greet = 'yes';
    e.answers.accurate = 'partial';
    e.answers.csat = 9;
    delete e.answers.hold;
    e.answers.bogus = 1;
    const res = safeScoreCall(rubric, e);
    expect(res.success).toBe(false);
    if (res.success) return;
    const got = codesAndPaths(res.issues);
    expect(got).toEqual(
      expect.arrayContaining([
        { code: 'unknown_item', path: A('bogus') },
        { code: 'invalid_answer_kind', path: A('greet') },
        { code: 'unknown_level', path: A('accurate') },
        { code: 'missing_answer', path: A('hold') },
        { code: 'out_of_range', path: A('csat') },
      ]),
    );
    expect(got).toHaveLength(5);
  });

  it('reports all envelope problems together', () => {
    const res = safeScoreCall(rubric, { date: 'yesterday', answers: 5, extra: 1 });
    expect(res.success).toBe(false);
    if (res.success) return;
    const got = codesAndPaths(res.issues);
    expect(got).toEqual(
      expect.arrayContaining([
        { code: 'required', path: ['id'] },
        { code: 'required', path: ['agentId'] },
        { code: 'invalid_date', path: ['date'] },
        { code: 'unknown_key', path: ['extra'] },
        { code: 'invalid_type', path: ['answers'] },
      ]),
    );
    expect(got).toHaveLength(5);
  });

  it('a __proto__ answer cannot smuggle answers in through the prototype', () => {
    // {"__proto__": {"hold": 10}} as an own key must not supply the missing `hold` answer.
    const text = JSON.stringify(valid()).replace('"hold":45,', '').replace('"answers":{', '"answers":{"__proto__":{"hold":10},');
    const ev = JSON.parse(text);
    expect(Object.prototype.hasOwnProperty.call(ev.answers, '__proto__')).toBe(true);
    const res = safeScoreCall(rubric, ev);
    expect(res.success).toBe(false);
    if (res.success) return;
    expect(codesAndPaths(res.issues)).toEqual(
      expect.arrayContaining([
        { code: 'unknown_item', path: A('__proto__') },
        { code: 'missing_answer', path: A('hold') },
      ]),
    );
    expect(({} as Json)['hold']).toBeUndefined();
  });
});
