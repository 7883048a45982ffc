/**
 * Testing a rubric variant with vitest, the way a QA team would before
 * publishing a change: "raising the forbidden-word penalty from −2 to −3 fails
 * these three calls".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric, scoreCall, type Evaluation } from '../src/index.js';

const json = JSON.parse(readFileSync(new URL('../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8'));
const current = loadRubric(json);

// The variant: the forbidden-word item (服务禁语) deducts 3 instead of 2.
const variantJson = structuredClone(json);
const forbidden = variantJson.sections[2].items.find((i: { id: string }) => i.id === 'forbidden');
forbidden.perOccurrence = 3;
forbidden.maxDeduction = 3;
const variant = loadRubric(variantJson);

// Weak calls: attitude lists 23 points capped at 20; enthusiasm poor (−9), impatient (−6) and no
// smile (−4) leave 23 − 19 = 4 of 20 → 16 lost; answering skill all "no" → 20 lost. 97 − 36 = 61,
// then one forbidden word: −2 → 59 of 97 = 60.8247… → 60.82, a pass ([60, 80)).
// With −3: 58 of 97 = 59.7938… → 59.79, a fail ([0, 60)).
const weak = {
  accurate: 'accurate', complete: true, verified: true, 'no-exaggeration': true,
  clear: true, intonation: true, polish: true, 'no-drawl': true, pace: true, pauses: true,
  mandarin: true, polite: true, thanks: true, apology: true, 'opening-closing': 'complete',
  enthusiasm: 'poor', patience: 'impatient', smile: false, 'no-buck-passing': true,
  'guiding-questions': true, intent: true,
  flexible: false, tactful: false, structured: false, easy: false, 'quick-understanding': false, 'quick-operation': false, 'prompt-answers': false,
  recommend: true, 'selling-points': true, 'remove-doubts': true,
};
const borderline: Evaluation[] = [
  { id: 'V-1', agentId: 'a1', date: '2026-10-01', answers: { ...weak }, transcript: [{ speaker: 'agent', text: '这个我不知道。' }] },
  { id: 'V-2', agentId: 'a2', date: '2026-10-02', answers: { ...weak }, transcript: [{ speaker: 'agent', text: '喂，你听得到吗？' }] },
  { id: 'V-3', agentId: 'a3', date: '2026-10-03', answers: { ...weak, forbidden: 1 } },
];
const clean: Evaluation = { id: 'V-4', agentId: 'a4', date: '2026-10-04', answers: { ...weak, forbidden: 0 } };

describe('raising the forbidden-word penalty to −3', () => {
  it.each(borderline)('passes $id today (60.82) and fails it under the variant (59.79)', (ev) => {
    const before = scoreCall(current, ev);
    const after = scoreCall(variant, ev);
    expect([before.score, before.grade?.id, before.failed]).toEqual([60.82, 'pass', false]);
    expect([after.score, after.grade?.id, after.failed]).toEqual([59.79, 'fail', true]);
    expect(after.deductions).toEqual([expect.objectContaining({ itemId: 'forbidden', points: -3 })]);
  });

  it('leaves a call without forbidden words unchanged (61 of 97 = 62.89)', () => {
    expect(scoreCall(current, clean).score).toBe(62.89);
    expect(scoreCall(variant, clean).score).toBe(62.89);
  });
});
