import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBounds, type InputLimits } from '../issues/bounds.js';
import type { Issue } from '../issues/issues.js';
import { loadRubric } from '../rubric/load.js';
import type { EvaluationIssueCode } from './issue-codes.js';
import { answerLayout, OUT_OF_BOUNDS, parseEvaluation } from './parse.js';

const rubric = loadRubric(JSON.parse(readFileSync(new URL('../../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8')));
// Strings up to 11: the reader does not re-check its own key names (the longest, evaluatorId, has 11) nor the
// rubric's item and level ids (checked when the rubric loaded); any real limit is far above that.
const tiny: InputLimits = { maxDepth: 4, maxStringLength: 11, maxArrayLength: 5, maxKeys: 9, maxNodes: 150 };

// Evaluation-shaped values near the tiny limits: known and unknown keys, item ids and level ids of the
// rubric (which the reader does not re-check), long strings, lone surrogates, nesting, answer objects.
const good = fc.oneof(fc.constantFrom('a', 'agent', 'abcdefghijk', '您好', 'corrected', 'accurate'), fc.string({ maxLength: 11 }));
const bad = fc.constantFrom('abcdefghijkl', '\uD800', 'x\uDC00', 'a'.repeat(30));
const str = fc.oneof({ arbitrary: good, weight: 40 }, { arbitrary: bad, weight: 1 });
const leaf = fc.oneof(str, fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'xsmall', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 5 }), fc.dictionary(str, tie('v'), { maxKeys: 8 })),
})).v;
const key = fc.oneof(fc.constantFrom('accurate', 'complete', 'forbidden', 'pace', 'abcdefghijklm', '\uDC00'), str);
const turn = fc.dictionary(fc.constantFrom('speaker', 'text', 'start', 'end', 'extra-long-keys', '\uD800'), fc.oneof(str, fc.integer({ min: 0, max: 9 }), value), { maxKeys: 5 });
const evaluation = fc.record(
  {
    id: fc.oneof(str, fc.integer(), value),
    agentId: str,
    date: fc.constantFrom('2026-10-08', '2026-10-8'),
    answers: fc.oneof(fc.dictionary(key, fc.oneof(leaf, value, fc.record({ value: leaf, note: str })), { maxKeys: 8 }), value),
    attributes: fc.oneof(fc.dictionary(str, leaf, { maxKeys: 7 }), value),
    transcript: fc.oneof(fc.array(turn, { maxLength: 5 }), value),
    events: value,
    extraKey: value,
    extra: value,
  },
  { requiredKeys: [] },
);

describe('parseEvaluation checks the bounds in its own walk', () => {
  it('says out of bounds exactly when checkBounds finds an issue', () => {
    let out = 0;
    let runs = 0;
    fc.assert(
      fc.property(evaluation, (ev) => {
        const issues: Issue<EvaluationIssueCode>[] = [];
        const parsed = parseEvaluation(ev, issues, answerLayout(rubric), tiny);
        const bounds = checkBounds(ev, tiny);
        runs++;
        if (parsed === OUT_OF_BOUNDS) out++;
        expect(parsed === OUT_OF_BOUNDS, JSON.stringify(ev)).toBe(bounds.length > 0);
      }),
      { numRuns: 400, seed: 15 },
    );
    // Both verdicts were exercised.
    expect(out).toBeGreaterThan(runs / 10);
    expect(out).toBeLessThan(runs - runs / 10);
  });

  it('stays out of bounds when a level answer follows an answer past a bound', () => {
    // Counting the level after the walk that crossed the limit once turned the -1 mark back into 0.
    const ev = { id: 'c', agentId: 'a', date: '2026-10-08', answers: { complete: { value: 'abcdefghijklm' }, accurate: 'corrected' } };
    expect(checkBounds(ev, tiny).map((i) => i.code)).toEqual(['too_long']); // 13 characters > 11
    expect(parseEvaluation(ev, [], answerLayout(rubric), tiny)).toBe(OUT_OF_BOUNDS);
  });
});

describe('answers are placed by item whatever their key order', () => {
  // The layout remembers the keys last read by position; a record in another order, or with an unknown key
  // where an item id stood, must still land every answer in its item's slot.
  const slotOf = (id: string): number => {
    const item = rubric.items.get(id)!;
    return answerLayout(rubric).sectionStart[item.sectionIndex]! + item.index;
  };
  const read = (answers: Record<string, unknown>) => {
    const issues: Issue<EvaluationIssueCode>[] = [];
    const p = parseEvaluation({ id: 'c', agentId: 'a', date: '2026-10-08', answers }, issues, answerLayout(rubric));
    if (p === null || p === OUT_OF_BOUNDS) throw new Error('unreadable');
    return p;
  };

  it('reads the same answers in three orders, then with an unknown key in a remembered place', () => {
    const orders = [
      { accurate: 'corrected', complete: true, pace: false },
      { pace: false, accurate: 'corrected', complete: true },
      { complete: true, pace: false, accurate: 'corrected' },
    ];
    for (const answers of orders) {
      const p = read(answers);
      expect([p.answerSlots[slotOf('accurate')], p.answerSlots[slotOf('complete')], p.answerSlots[slotOf('pace')]]).toEqual(['corrected', true, false]);
      expect(p.unknownAnswers).toEqual([]);
    }
    // 'complete' was the first key read last time: now an unknown key stands there.
    const p = read({ nope: 1, pace: true, accurate: 'wrong' });
    expect(p.unknownAnswers).toEqual(['nope']);
    expect([p.answerSlots[slotOf('accurate')], p.answerSlots[slotOf('pace')]]).toEqual(['wrong', true]);
    expect(p.answerSlots.filter((v) => typeof v !== 'symbol')).toHaveLength(2); // 'complete' is no longer answered
  });
});
