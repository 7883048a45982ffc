/**
 * Kept outcomes (shared-items.ts) change nothing a score says: a rubric that
 * has scored many calls gives the same CallScore, to the byte, as a rubric
 * loaded afresh (whose every item takes the general path), and what is kept
 * is frozen, shared, bounded, and never changed by a later call.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateEvaluations } from '../generate/index.js';
import { loadRubric } from '../rubric/load.js';
import { answerLayout } from './parse.js';
import { safeScoreCall, scoreCall } from './score.js';

const bundled = ['callcenter-qc-7.zh-CN', 'print-phone-service.zh-CN', 'qc-10-items.zh-CN', 'us-eu-contact-centre.en'];
const json = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../rubrics/${name}.json`, import.meta.url), 'utf8'));
const ev = (answers: Record<string, unknown>) => ({ id: 'c1', agentId: 'a1', date: '2026-10-08', answers });

describe('a rubric that has scored many calls', () => {
  for (const name of bundled) {
    it(`scores like a fresh one: ${name} (answers only, timed and untimed transcripts)`, () => {
      const warm = loadRubric(json(name));
      const calls = [
        ...generateEvaluations(warm, { agents: 6, calls: 40, seed: 3, transcripts: false }),
        ...generateEvaluations(warm, { agents: 6, calls: 20, seed: 4 }),
        ...generateEvaluations(warm, { agents: 6, calls: 20, seed: 5, timings: false }),
      ];
      // Warm the kept outcomes with every call first, then compare each call against a rubric that has kept nothing.
      for (const c of calls) safeScoreCall(warm, c);
      let compared = 0;
      for (const c of calls.slice(0, 25)) {
        const cold = loadRubric(json(name));
        const a = safeScoreCall(warm, c);
        const b = safeScoreCall(cold, c);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(a).toStrictEqual(b);
        compared++;
      }
      expect(compared).toBe(25);
    });
  }
});

describe('kept item scores', () => {
  const rubric = loadRubric({
    id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum', scale: 100 },
    sections: [
      {
        id: 'main', label: 'Main',
        items: [
          { id: 'greet', kind: 'yes-no', label: 'G', points: 10 },
          { id: 'note', kind: 'comment', label: 'N' },
          { id: 'tone', kind: 'levels', label: 'T', points: 4, levels: [{ id: 'good', label: 'Good', points: 4 }, { id: 'flat', label: 'Flat', points: 1 }] },
        ],
      },
      {
        id: 'extra', label: 'Extra',
        items: [
          { id: 'offer', kind: 'yes-no', label: 'O', points: 5, na: true },
          { id: 'pushy', kind: 'penalty', label: 'P', perOccurrence: 2 },
        ],
      },
    ],
  });

  it('are one frozen object per item and answer, shared by the scores that give it', () => {
    const a = scoreCall(rubric, ev({ greet: true, tone: 'flat', offer: true, pushy: 0 }));
    const b = scoreCall(rubric, ev({ greet: true, tone: 'flat', offer: false, pushy: 0 }));
    // The second call finds greet (yes), tone (flat) and pushy (0) kept by the first.
    expect(b.items[0]).toBe(a.items[0]);
    expect(b.items[2]).toBe(a.items[2]);
    expect(b.items[4]).toBe(a.items[4]);
    expect(b.items[3]).not.toBe(a.items[3]);
    expect(Object.isFrozen(b.items[0])).toBe(true);
    // By hand (scale 100: percent): 10 + 1 + 5 = 16 of 10 + 4 + 5 = 19 → 84.21; then 10 + 1 + 0 = 11 of 19 → 57.89.
    expect([a.score, b.score]).toEqual([84.21, 57.89]);
    expect(b.items[2]).toMatchObject({ id: 'tone', points: 1, possible: 4, reason: 'level "flat": 1 of 4' });
  });

  it('leave a penalty kept as scored unchanged when its section drops out (the score shows a copy)', () => {
    const before = scoreCall(rubric, ev({ greet: true, tone: 'good', offer: true, pushy: 0 }));
    const kept = before.items[4]!;
    expect(kept).toMatchObject({ id: 'pushy', status: 'scored', reason: 'none' });
    // offer N/A: nothing in 'extra' applies, so its penalty is not applicable in this call only.
    const dropped = scoreCall(rubric, ev({ greet: true, tone: 'good', offer: null, pushy: 0 }));
    expect(dropped.items[4]).toMatchObject({ id: 'pushy', status: 'not-applicable', points: 0, reason: 'nothing in its section applied' });
    expect(Object.keys(dropped.items[4]!)).toEqual(Object.keys(kept));
    expect(kept).toMatchObject({ status: 'scored', reason: 'none' });
    expect(scoreCall(rubric, ev({ greet: true, tone: 'good', offer: true, pushy: 0 })).items[4]).toBe(kept);
    // 10 + 4 = 14 of 14 with 'extra' out → 100.
    expect(dropped.score).toBe(100);
  });

  it('are bounded by the rubric: comments, counts above 0 and numbers are not kept', () => {
    for (let k = 0; k < 50; k++) scoreCall(rubric, ev({ greet: true, tone: 'good', offer: true, pushy: k % 3, note: `note ${k}` }));
    const layout = answerLayout(rubric);
    const slot = (id: string): number => layout.sectionStart[rubric.items.get(id)!.sectionIndex]! + rubric.items.get(id)!.index;
    expect(layout.shared.kept[slot('note')]).toBeUndefined(); // 50 different comments: none kept
    expect([...(layout.shared.kept[slot('pushy')]?.keys() ?? [])]).toEqual([0]); // counts 1 and 2 deduct: not kept
    // One deduction per occurrence still comes through the general path: 2 × −2 = −4; 10 + 4 + 5 − 4 = 15 of 19 → 78.95.
    const s = scoreCall(rubric, ev({ greet: true, tone: 'good', offer: true, pushy: 2 }));
    expect(s.deductions).toEqual([{ itemId: 'pushy', sectionId: 'extra', points: -4, occurrences: 2, source: 'evaluator', reason: '2 occurrences × −2' }]);
    expect(s.score).toBe(78.95);
  });

  it('are not kept for points in fractions: those items are scored exactly on every call', () => {
    const halves = loadRubric({
      id: 'h', version: '1', name: 'H', scoring: { mode: 'points-sum', scale: 100 },
      sections: [{ id: 's', label: 'S', items: [{ id: 'a', kind: 'yes-no', label: 'A', points: 0.5 }, { id: 'b', kind: 'yes-no', label: 'B', points: 1 }] }],
    });
    const first = scoreCall(halves, ev({ a: true, b: false }));
    const second = scoreCall(halves, ev({ a: true, b: false }));
    expect(second.items[0]).not.toBe(first.items[0]); // 0.5: general path each time
    expect(second.items[1]).toBe(first.items[1]); // 1: kept
    // 0.5 of 1.5 = 1/3 → 33.33, exactly 100/3.
    expect([second.score, second.exactScore]).toEqual([33.33, '100/3']);
  });
});
