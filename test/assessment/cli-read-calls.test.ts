/** `callqa assess` reads its scored calls itself: a UTF-8 BOM (Windows exports) must not break line 1. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCalls } from '../../src/cli/commands/assess.js';

const dir = mkdtempSync(join(tmpdir(), 'callqa-assess-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCalls', () => {
  it('strips a UTF-8 BOM before the first record', () => {
    const file = join(dir, 'bom.ndjson');
    const lines = [
      { id: 'c1', agentId: 'A1', date: '2026-10-01', score: 90, rubric: 'r' },
      { id: 'c2', agentId: 'A1', date: '2026-10-02', score: 80 },
    ].map((o) => JSON.stringify(o));
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    expect(readCalls(file)).toEqual([
      { id: 'c1', agentId: 'A1', date: '2026-10-01', score: 90, rubric: { id: 'r' } },
      { id: 'c2', agentId: 'A1', date: '2026-10-02', score: 80 },
    ]);
  });

  it('still names a bad line', () => {
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, '\uFEFF{"id":"c1"}\n{oops\n', 'utf8');
    expect(() => readCalls(file)).toThrow(/invalid NDJSON/);
  });
});
