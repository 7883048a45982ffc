/** How `callqa assess` turns a record of `--calls` into a call (JSON as `callqa score` writes it, or a CSV row), and writes its JSON. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { callOf, writeJson } from '../../src/cli/commands/assess.js';

describe('callOf', () => {
  it('passes a scored call through, an old plain-id rubric read as { id }', () => {
    const compact = { id: 'c1', agentId: 'A1', date: '2026-10-01', score: 90.72, maxScore: 100, rubric: { id: 'qc', version: '1.0.0' }, grade: 'good' };
    expect(callOf({ line: 1, value: compact })).toBe(compact);
    expect(callOf({ line: 2, value: { id: 'c2', agentId: 'A1', date: '2026-10-02', score: 80, rubric: 'qc' } })).toEqual({ id: 'c2', agentId: 'A1', date: '2026-10-02', score: 80, rubric: { id: 'qc' } });
  });

  it('reads a CSV row of `callqa score --format csv`, numbers from text, empty cells absent', () => {
    const row = { id: 'c1', agentId: 'A1', evaluatorId: 'QC01', date: '2026-10-01', rubricId: 'qc', rubricVersion: '1.0.0', score: '90.72', maxScore: '100', grade: 'good' };
    expect(callOf({ line: 2, row })).toEqual({ id: 'c1', agentId: 'A1', date: '2026-10-01', score: 90.72, maxScore: 100, rubricId: 'qc' });
    expect(callOf({ line: 3, row: { id: '', agentId: 'A1', date: '2026-10-01', score: '75', maxScore: '' } })).toEqual({ agentId: 'A1', date: '2026-10-01', score: 75 });
  });

  it('leaves a bad row for the assessment to exclude with the reason', () => {
    // No score cell: score is undefined, which the assessment reports as "score is missing or invalid".
    const c = callOf({ line: 4, row: { id: 'c9', agentId: 'A1', date: '2026-10-01' } });
    expect(c.score).toBeUndefined();
    expect(callOf({ line: 5, value: 42 })).toBe(42);
  });
});

describe('writeJson', () => {
  it('writes exactly JSON.stringify(doc, null, 2) and a newline', async () => {
    const doc = () => ({
      a: 1,
      gone: undefined,
      text: 'line\nbreak "quoted" 质检',
      empty: [],
      list: [{ x: [1, 2, { y: null }], z: {} }, 'two', 3, undefined],
      obj: { deep: { deeper: [true, false] } },
      last: null,
    });
    const expected = `${JSON.stringify(doc(), null, 2)}\n`;
    const chunks: string[] = [];
    const out = new PassThrough();
    out.on('data', (b: Buffer) => chunks.push(b.toString('utf8')));
    await writeJson(doc(), out);
    out.end();
    expect(chunks.join('')).toBe(expected);
  });
});
