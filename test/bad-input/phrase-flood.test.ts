/*
 * Issue 11 item 4 through the scorer: a transcript flooded with forbidden words
 * (200,000 × 喂 in one agent turn) is scored with every occurrence counted and
 * the evidence bounded to PHRASE_EVIDENCE_LIMIT per item — before, every hit
 * became an evidence object with its own snippet (1.15 GB for a megabyte of 喂).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHRASE_EVIDENCE_LIMIT } from '../../src/phrases/index.js';
import { loadRubric } from '../../src/rubric/load.js';
import { safeScoreCall } from '../../src/scoring/score.js';

const rubric = loadRubric(JSON.parse(readFileSync(new URL('../../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8')));
const [first] = readFileSync(new URL('../../examples/data/calls.callcenter-qc-7.ndjson', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a flood of forbidden words', () => {
  it('counts every 喂, keeps PHRASE_EVIDENCE_LIMIT as evidence, and deducts the capped penalty', () => {
    const evaluation = { ...first, transcript: [{ speaker: 'agent', text: '喂'.repeat(200_000), start: 0 }] };
    const r = safeScoreCall(rubric, evaluation);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const item = r.score.items.find((i) => i.id === 'forbidden');
    // 200,000 occurrences × 2 points, capped at maxDeduction 2 (the rubric's service-language section).
    expect(item?.occurrences).toBe(200_000);
    expect(item?.points).toBe(-2);
    expect(item?.source).toBe('transcript');
    const evidence = r.score.evidence.filter((e) => e.itemId === 'forbidden');
    expect(evidence).toHaveLength(PHRASE_EVIDENCE_LIMIT);
    expect(evidence[PHRASE_EVIDENCE_LIMIT - 1]).toMatchObject({ phrase: '喂', start: 99, end: 100, turn: 0 });
  });
});
