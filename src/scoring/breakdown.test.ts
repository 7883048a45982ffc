/**
 * The item breakdown written out on first read: a score whose `items` were never
 * read must be, to every way of copying or comparing it, the same data as one
 * whose `items` were read at once (the same code path, forced eagerly).
 */
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateEvaluations } from '../generate/index.js';
import { loadRubric } from '../rubric/load.js';
import type { Rubric } from '../rubric/compiled.js';
import { safeScoreCall, scoreCall } from './score.js';
import type { CallScore } from './types.js';

const load = (file: string): Rubric => loadRubric(JSON.parse(readFileSync(new URL(`../../rubrics/${file}`, import.meta.url), 'utf8')));
const RUBRICS = ['callcenter-qc-7.zh-CN.json', 'print-phone-service.zh-CN.json', 'qc-10-items.zh-CN.json', 'us-eu-contact-centre.en.json'].map(load);

/** Scores that succeed, two fresh copies of each: one read at once, one left unread. */
function pairs(rubric: Rubric, evaluations: Iterable<unknown>): { eager: CallScore; lazy: () => CallScore }[] {
  const out: { eager: CallScore; lazy: () => CallScore }[] = [];
  for (const ev of evaluations) {
    const res = safeScoreCall(rubric, ev);
    if (!res.success) continue;
    void res.score.items; // forced: from here on an ordinary data property
    out.push({ eager: res.score, lazy: () => scoreCall(rubric, ev) });
  }
  return out;
}

/** Some answers of each call turned N/A or into penalties and fatal breaches, for variety beyond the generator's. */
function varied(rubric: Rubric, evs: readonly { answers: Record<string, unknown> }[]): unknown[] {
  return evs.map((ev, i) => {
    const answers: Record<string, unknown> = { ...ev.answers };
    let k = 0;
    for (const item of rubric.items.values()) {
      k++;
      if ((i + k) % 5 !== 0) continue;
      if (item.kind === 'penalty') answers[item.id] = (i % 3) + 1;
      else if (item.kind === 'fatal') answers[item.id] = i % 7 === 0;
      else if (item.naAllowed) answers[item.id] = null;
    }
    return { ...ev, answers };
  });
}

describe('items written out on first read', () => {
  const cases: [string, { eager: CallScore; lazy: () => CallScore }[]][] = [];
  RUBRICS.forEach((rubric, r) => {
    const untimed = [...generateEvaluations(rubric, { agents: 5, calls: 25, seed: 3 + r, timings: false })];
    cases.push([`${rubric.id}: untimed transcripts`, pairs(rubric, untimed)]);
    cases.push([`${rubric.id}: timed transcripts`, pairs(rubric, generateEvaluations(rubric, { agents: 5, calls: 25, seed: 5 + r }))]);
    const plain = [...generateEvaluations(rubric, { agents: 5, calls: 25, seed: 7 + r, transcripts: false })];
    cases.push([`${rubric.id}: answers only`, pairs(rubric, plain)]);
    cases.push([`${rubric.id}: N/A, penalties, fatal`, pairs(rubric, varied(rubric, plain as { answers: Record<string, unknown> }[]))]);
  });

  it.each(cases)('%s: unread equals read, however it is copied or compared', (_name, list) => {
    expect(list.length).toBeGreaterThan(10);
    for (const { eager, lazy } of list) {
      const json = JSON.stringify(eager);
      expect(JSON.stringify(lazy())).toBe(json);
      expect(lazy()).toStrictEqual(eager);
      expect(structuredClone(lazy())).toStrictEqual(eager);
      expect({ ...lazy() }).toStrictEqual(eager);
      expect(Object.keys(lazy())).toEqual(Object.keys(eager));
      expect(inspect(lazy(), { depth: 4 })).toBe(inspect(eager, { depth: 4 }));
      // A plain object (its prototype Object.prototype), as JSON would give it back.
      deepStrictEqual(lazy(), JSON.parse(json));
    }
  });

  it('covers what the breakdown must tell: N/A, penalties deducted, fatal hits, transcript and measure answers', () => {
    const items = cases.flatMap(([, list]) => list.flatMap((p) => p.eager.items));
    expect(items.some((i) => i.status === 'na')).toBe(true);
    expect(items.some((i) => i.kind === 'penalty' && i.points < 0 && (i.occurrences ?? 0) > 0)).toBe(true);
    expect(items.some((i) => i.fatal)).toBe(true);
    expect(items.some((i) => i.source === 'transcript')).toBe(true);
    expect(items.some((i) => i.source === 'measure')).toBe(true);
    expect(items.some((i) => i.status === 'not-applicable')).toBe(true);
  });

  it('keeps the order of a CallScore, items between sections and deductions', () => {
    const s = scoreCall(RUBRICS[0]!, [...generateEvaluations(RUBRICS[0]!, { agents: 1, calls: 1, seed: 1, transcripts: false })][0]);
    const keys = Object.keys(s);
    expect(keys.slice(keys.indexOf('sections'), keys.indexOf('sections') + 3)).toEqual(['sections', 'items', 'deductions']);
    // One ItemScore per item of the rubric, in rubric order.
    expect(s.items.map((i) => i.id)).toEqual([...RUBRICS[0]!.items.keys()]);
    expect(Object.getOwnPropertyDescriptor(s, 'items')?.value).toBe(s.items); // read once: a data property now
  });

  it('lets items be replaced and deleted, read or not', () => {
    const ev = [...generateEvaluations(RUBRICS[0]!, { agents: 1, calls: 1, seed: 2, transcripts: false })][0];
    const a = scoreCall(RUBRICS[0]!, ev) as { items: unknown };
    a.items = [];
    expect(a.items).toEqual([]);
    const b = scoreCall(RUBRICS[0]!, ev) as { items?: unknown };
    delete b.items;
    expect('items' in b).toBe(false);
    expect(JSON.stringify(b)).not.toContain('"items"');
  });
});
