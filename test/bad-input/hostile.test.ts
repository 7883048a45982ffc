/**
 * Regression tests for issue 11 ("Safe under hostile input"), items 1 (core),
 * 2, 3 and 10: each reproducer from the issue, with the issue (code and path)
 * the documented rules (docs/bad-input.md) say it must give. Before the fix
 * every one of these threw (ArithmeticOverflowError, PhraseError, RangeError)
 * or, for item 10, reported only the first problem.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPlan, PlanError, safeLoadPlan } from '../../src/assessment/load.js';
import type { Issue, PathSegment } from '../../src/issues/issues.js';
import { loadRubric, RubricError, safeLoadRubric } from '../../src/rubric/load.js';
import { EvaluationError, safeScoreCall, scoreCall } from '../../src/scoring/score.js';
import { issuesOf } from '../support/issues.js';

type Json = Record<string, any>;
const read = (f: string): Json => JSON.parse(readFileSync(new URL(`../../rubrics/${f}`, import.meta.url), 'utf8')) as Json;
const qc7 = (): Json => read('callcenter-qc-7.zh-CN.json');
const plan = (): Json => read('monthly-assessment.zh-CN.json');
const rubric = loadRubric(qc7());

/** A rubric with a numeric and a scale item, for numeric answers. */
const measured = loadRubric({
  id: 'measured',
  version: '1',
  name: 'Measured',
  scoring: { mode: 'points-sum' },
  sections: [
    {
      id: 's',
      label: 'S',
      items: [
        { id: 'hold', kind: 'numeric', label: 'Hold', points: 4, ranges: [{ range: '(-inf, 60]', points: 4 }, { range: '(60, inf)', points: 0 }] },
        { id: 'tone', kind: 'scale', label: 'Tone', points: 5, scale: { min: 1, max: 5 } },
      ],
    },
  ],
});

const call = (extra: Json): Json => ({ id: 'c-1', agentId: 'a-1', date: '2026-10-08', answers: {}, ...extra });

function has(issues: readonly Issue[], code: string, path: readonly PathSegment[]): void {
  expect(issues.map((i) => ({ code: i.code, path: i.path }))).toContainEqual({ code, path });
}

function failsWith(res: { success: boolean; issues?: readonly Issue[] }): readonly Issue[] {
  expect(res.success).toBe(false);
  return res.issues ?? [];
}

describe('item 1: safeScoreCall returns issues for answers out of range, never throws', () => {
  it.each([
    ['a penalty count of 1e20', rubric, 'forbidden', 1e20],
    ['a penalty count of 2^53', rubric, 'forbidden', 2 ** 53],
    ['a penalty count of 2^53 + 2 (the next double)', rubric, 'forbidden', 2 ** 53 + 2],
    ['a numeric answer of -1e20', measured, 'hold', -1e20],
    ['a numeric answer of 1e300', measured, 'hold', 1e300],
    ['a scale answer of 1e20', measured, 'tone', 1e20],
  ])('%s → too_large at answers.<item>', (_, r, item, value) => {
    const issues = failsWith(safeScoreCall(r, call({ answers: { [item]: value } })));
    has(issues, 'too_large', ['answers', item]);
    expect(issuesOf(() => scoreCall(r, call({ answers: { [item]: value } })), EvaluationError)).toEqual(issues);
  });

  it('the same value wrapped as { value } is reported at answers.<item>.value', () => {
    has(failsWith(safeScoreCall(rubric, call({ answers: { forbidden: { value: 1e20 } } }))), 'too_large', ['answers', 'forbidden', 'value']);
  });

  it('NaN and Infinity answers are not numbers callqa can hold', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      has(failsWith(safeScoreCall(measured, call({ answers: { hold: v } }))), 'invalid_answer_kind', ['answers', 'hold']);
    }
  });

  it('a turn without text → required at transcript[0].text (was PhraseError)', () => {
    const issues = failsWith(safeScoreCall(rubric, call({ transcript: [{ speaker: 'agent' }] })));
    has(issues, 'required', ['transcript', 0, 'text']);
    expect(issuesOf(() => scoreCall(rubric, call({ transcript: [{ speaker: 'agent' }] })), EvaluationError)).toEqual(issues);
  });

  it('a turn with non-string text or speaker, and a transcript that is not an array', () => {
    has(failsWith(safeScoreCall(rubric, call({ transcript: [{ speaker: 'agent', text: 42 }] }))), 'invalid_type', ['transcript', 0, 'text']);
    has(failsWith(safeScoreCall(rubric, call({ transcript: [{ speaker: 7, text: '您好' }] }))), 'invalid_type', ['transcript', 0, 'speaker']);
    has(failsWith(safeScoreCall(rubric, call({ transcript: [null] }))), 'invalid_type', ['transcript', 0]);
    has(failsWith(safeScoreCall(rubric, call({ transcript: '您好' }))), 'invalid_type', ['transcript']);
  });

  it('hostile values of every JSON-like type give issues, never a throw', () => {
    const cyclic: Json = call({});
    cyclic['answers'] = { self: cyclic };
    const getter = Object.defineProperty(call({}), 'agentId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const ev of [undefined, null, 0, 'x', [], 10n, Symbol('s'), () => 1, new Date(0), cyclic, getter, call({ answers: { __proto__: 1 } })]) {
      const res = safeScoreCall(rubric, ev);
      expect(res.success).toBe(false);
    }
  });

  it('a rubric that is not a compiled rubric (its JSON, null) → not_a_rubric, not a TypeError', () => {
    for (const r of [null, qc7(), {}]) has(failsWith(safeScoreCall(r as never, call({}))), 'not_a_rubric', []);
  });

  it('the throwing getter is reported with code internal (the last line of defence), not thrown', () => {
    const getter = Object.defineProperty(call({}), 'agentId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    has(failsWith(safeScoreCall(rubric, getter)), 'internal', []);
    expect(() => scoreCall(rubric, getter)).toThrow(EvaluationError);
  });
});

describe('item 2: the loaders refuse numbers too large to be held exactly', () => {
  const I0: PathSegment[] = ['sections', 0, 'items', 0];
  const FORBIDDEN: PathSegment[] = ['sections', 2, 'items', 5];
  it.each([
    ['item points of 1e16', (r: Json) => (r['sections'][0].items[0].points = 1e16), [...I0, 'points']],
    ['a level’s points of 1e16', (r: Json) => (r['sections'][0].items[0].levels[0].points = 1e16), [...I0, 'levels', 0, 'points']],
    ['perOccurrence of 1e16', (r: Json) => (r['sections'][2].items[5].perOccurrence = 1e16), [...FORBIDDEN, 'perOccurrence']],
    ['maxDeduction of 1e16', (r: Json) => (r['sections'][2].items[5].maxDeduction = 1e16), [...FORBIDDEN, 'maxDeduction']],
    ['section max of 1e16', (r: Json) => (r['sections'][0].max = 1e16), ['sections', 0, 'max']],
    ['scoring.scale of 1e16', (r: Json) => (r['scoring'].scale = 1e16), ['scoring', 'scale']],
    ['a floor of -1e20', (r: Json) => (r['scoring'].floor = -1e20), ['scoring', 'floor']],
    ['maxOccurrences of 2^53', (r: Json) => (r['sections'][2].items[5].maxOccurrences = 2 ** 53), [...FORBIDDEN, 'maxOccurrences']],
  ])('rubric: %s → too_large at its path', (_, edit, path) => {
    const r = qc7();
    edit(r);
    const issues = failsWith(safeLoadRubric(r));
    has(issues, 'too_large', path);
    expect(issuesOf(() => loadRubric(r), RubricError)).toEqual(issues);
  });

  it('rubric: a numeric item’s range bound of 1e16 → too_large at the range', () => {
    const r: Json = {
      id: 'm',
      version: '1',
      name: 'M',
      scoring: { mode: 'points-sum' },
      sections: [{ id: 's', label: 'S', items: [{ id: 'hold', kind: 'numeric', label: 'Hold', points: 4, ranges: [{ range: '[0, 10000000000000000]', points: 4 }] }] }],
    };
    has(failsWith(safeLoadRubric(r)), 'too_large', ['sections', 0, 'items', 0, 'ranges', 0, 'range']);
  });

  it('rubric: a tiny number (1e-7, seven decimal places) → too_precise', () => {
    const r = qc7();
    r['sections'][0].items[1].points = 1e-7;
    has(failsWith(safeLoadRubric(r)), 'too_precise', ['sections', 0, 'items', 1, 'points']);
  });

  it('plan: a component weight of 1e16 → too_large at components[0].weight', () => {
    const p = plan();
    p['components'][0].weight = 1e16;
    const issues = failsWith(safeLoadPlan(p));
    has(issues, 'too_large', ['components', 0, 'weight']);
    expect(issuesOf(() => loadPlan(p), PlanError)).toEqual(issues);
  });

  it('plan: two weights of 9e15 (each safe, their sum not) → too_large at both', () => {
    const p = plan();
    p['components'][0].weight = 9e15;
    p['components'][1].weight = 9e15;
    const issues = failsWith(safeLoadPlan(p));
    has(issues, 'too_large', ['components', 0, 'weight']);
    has(issues, 'too_large', ['components', 1, 'weight']);
  });

  it('plan: band points, thresholds and constants of 1e20 → too_large at their paths', () => {
    const p = plan();
    p['components'][1].bands[0].points = 1e20; // missed: banded
    p['components'][0].thresholds[0].atLeast = 1e20; // notReady: deduction
    const issues = failsWith(safeLoadPlan(p));
    has(issues, 'too_large', ['components', 1, 'bands', 0, 'points']);
    has(issues, 'too_large', ['components', 0, 'thresholds', 0, 'atLeast']);
  });
});

describe('item 3: nesting depth and size are bounded before schema validation', () => {
  let deep: unknown = [];
  for (let i = 0; i < 10_000; i++) deep = [deep];

  it('rubric: name.length holding an array nested 10,000 deep → too_deep, not a stack overflow', () => {
    const r = qc7();
    r['name'] = { length: deep };
    const issues = failsWith(safeLoadRubric(r));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('too_deep');
    // The path leads through name.length into the arrays, to where the limit (64 levels) was crossed.
    expect(issues[0]?.path.slice(0, 3)).toEqual(['name', 'length', 0]);
    expect(issues[0]?.path).toHaveLength(65);
    expect(() => loadRubric(r)).toThrow(RubricError);
  });

  it('plan: the same in the label → too_deep', () => {
    const p = plan();
    p['label'] = { length: deep };
    const issues = failsWith(safeLoadPlan(p));
    expect(issues.map((i) => i.code)).toEqual(['too_deep']);
    expect(issues[0]?.path.slice(0, 2)).toEqual(['label', 'length']);
  });

  it('evaluation: the same in an answer → too_deep', () => {
    const issues = failsWith(safeScoreCall(rubric, call({ answers: { complete: { value: true, note: deep } } })));
    expect(issues.map((i) => i.code)).toEqual(['too_deep']);
  });

  it('a string longer than the limit is refused with its path', () => {
    const r = qc7();
    r['version'] = 'x'.repeat(100_001);
    has(failsWith(safeLoadRubric(r)), 'too_long', ['version']);
  });
});

describe('item 10: every problem in one round', () => {
  it('an unknown key, negative points and a grade-band gap are all reported', () => {
    const r = qc7();
    r['bogus'] = 1;
    r['sections'][1].items[0].points = -1;
    r['grades'][2].range = '[60, 79)'; // pass now ends at 79: [79, 80) is a gap
    const issues = failsWith(safeLoadRubric(r));
    has(issues, 'unknown_key', ['bogus']);
    has(issues, 'non_positive_points', ['sections', 1, 'items', 0, 'points']);
    expect(issues.some((i) => i.code === 'band_gap')).toBe(true);
  });

  it('when the shape is too broken for the cross-field checks, an issue says they were skipped', () => {
    const r = qc7();
    r['sections'][0].items = 'none';
    const issues = failsWith(safeLoadRubric(r));
    has(issues, 'invalid_type', ['sections', 0, 'items']);
    has(issues, 'checks_skipped', []);
  });

  it('plan: an unknown key and a weights-sum error are reported together', () => {
    const p = plan();
    p['bogus'] = true;
    p['components'][0].weight = 11; // 10 → 11: weights sum to 101
    const issues = failsWith(safeLoadPlan(p));
    has(issues, 'unknown_key', ['bogus']);
    has(issues, 'weights_sum', ['components']);
  });
});
