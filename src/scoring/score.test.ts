/**
 * Scoring rules at their edges, each worked by hand from the README's
 * "Scoring rules, in words". (The seed rubrics' golden cases are in
 * test/golden; random rubrics against a reference in test/properties.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ratio } from '../exact/rational.js';
import { loadRubric } from '../rubric/load.js';
import { safeScoreCall, scoreCall } from './score.js';

const ev = (answers: Record<string, unknown>, attributes?: Record<string, string>) => ({
  id: 'c1',
  agentId: 'a1',
  date: '2026-10-08',
  answers,
  ...(attributes ? { attributes } : {}),
});

describe('items that do not apply', () => {
  const rubric = loadRubric({
    id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum' },
    sections: [
      { id: 'main', label: 'Main', items: [{ id: 'greet', kind: 'yes-no', label: 'G', points: 10 }] },
      {
        id: 'sales', label: 'Sales', when: { attribute: 'callType', equals: 'sales' },
        items: [
          { id: 'offer', kind: 'levels', label: 'Offer', points: 4, levels: [{ id: 'good', label: 'Good', points: 4 }, { id: 'none', label: 'None', points: 0 }] },
          { id: 'pushy', kind: 'penalty', label: 'Pushy', perOccurrence: 2 },
        ],
      },
    ],
  });

  it('still have their answers checked, though they score nothing', () => {
    const res = safeScoreCall(rubric, ev({ greet: true, offer: 12345 }, { callType: 'service' }));
    expect(res.success).toBe(false);
    if (!res.success) expect(res.issues.map((i) => [i.code, i.path])).toEqual([['invalid_answer_kind', ['answers', 'offer']]]);
  });

  it('deduct nothing and report no deduction when their section does not apply', () => {
    // The sales section does not apply, so only main counts: 10 of 10 possible, scaled to the
    // form's maximum 10 + 4 = 14 → 10/10 × 14 = 14. The "pushy" count is set aside.
    const s = scoreCall(rubric, ev({ greet: true, offer: 'none', pushy: 3 }, { callType: 'service' }));
    expect(s.score).toBe(14);
    expect(s.deductions).toEqual([]);
    expect(s.items.find((i) => i.id === 'pushy')).toMatchObject({ status: 'not-applicable', points: 0 });
  });

  it('deduct within the section when it applies', () => {
    // main 10 + sales: offer 0, then −2 × 3 = −6, floored at 0 → 0 of 4. Total 10 of 14 → 10/14 × 14 = 10.
    const s = scoreCall(rubric, ev({ greet: true, offer: 'none', pushy: 3 }, { callType: 'sales' }));
    expect(s.score).toBe(10);
    expect(s.sections[1]).toMatchObject({ earned: 0, possible: 4, floored: true, deducted: 6 });
    expect(s.deductions).toEqual([expect.objectContaining({ itemId: 'pushy', points: -6, occurrences: 3 })]);
  });
});

describe('a call-scope fatal with a final floor above 0', () => {
  it('scores 0 and falls in the lowest band', () => {
    const rubric = loadRubric({
      id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum', floor: 20, scale: 100 },
      sections: [{ id: 's', label: 'S', items: [
        { id: 'a', kind: 'yes-no', label: 'A', points: 10 },
        { id: 'leak', kind: 'fatal', label: 'Leak', scope: 'call' },
      ] }],
      grades: [
        { id: 'fail', label: 'Fail', range: '[0, 60)', passing: false },
        { id: 'pass', label: 'Pass', range: '[60, 100]' },
      ],
    });
    // Without the fatal: 0 of 10 → 0, held at the floor 20 → "fail". With it: 0, whatever the floor.
    expect(scoreCall(rubric, ev({ a: false })).score).toBe(20);
    const s = scoreCall(rubric, ev({ a: true, leak: true }));
    expect([s.score, s.grade?.id, s.failed]).toEqual([0, 'fail', true]);
  });
});

describe('required phrases with match "all"', () => {
  it('needs every phrase, each found on its own', () => {
    const rubric = loadRubric({
      id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum' },
      sections: [{ id: 's', label: 'S', items: [
        { id: 'close', kind: 'yes-no', label: 'Closing', points: 3, phrases: { phrases: ['感谢来电', '再见'], match: 'all' } },
      ] }],
    });
    const t = (text: string) => ({ ...ev({}), transcript: [{ speaker: 'agent', text }] });
    expect(scoreCall(rubric, t('感谢来电，再见。')).score).toBe(3);
    const half = scoreCall(rubric, t('感谢来电。'));
    expect(half.score).toBe(0);
    expect(half.items[0]).toMatchObject({ source: 'transcript', answer: false, reason: 'required phrase missing: 再见' });
  });
});

describe('the final score as a number', () => {
  it('is the double that the rounded decimal parses to (round, not Number(toFixed), on the hot path)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 20 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('half-up' as const, 'half-even' as const),
        (n, d, dec, mode) => {
          const r = Ratio.of(n, d);
          // Object.is: the same double, and never −0 where the text reads 0.
          expect(Object.is(r.round(dec, mode), Number(r.toFixed(dec, mode)))).toBe(true);
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
  });
});
