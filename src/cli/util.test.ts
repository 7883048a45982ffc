import { describe, expect, it } from 'vitest';
import { RejectionLog } from './util.js';

describe('RejectionLog', () => {
  it('prints each reason once, at its first record, with how many share it, and the total', () => {
    const log = new RejectionLog('in.ndjson');
    for (let line = 1; line <= 261; line++) log.add({ ok: false, line, issues: [{ code: 'needs_rubric', path: [], message: 'expected X' }] });
    log.add({ ok: false, line: 262, id: 'c9', issues: [{ code: 'invalid_json', path: [], message: 'bad' }] });
    expect(log.count).toBe(262);
    expect(log.lines()).toEqual([
      'in.ndjson:1: (root): expected X (needs_rubric) — and 260 more record(s) for the same reason',
      'in.ndjson:262 (c9): (root): bad (invalid_json)',
      'in.ndjson: 262 record(s) rejected',
    ]);
  });

  it('keeps at most `max` reasons and counts the others', () => {
    const log = new RejectionLog('x', 2);
    for (let i = 0; i < 5; i++) log.add({ ok: false, line: i + 1, issues: [{ code: 'c', path: ['a'], message: `m${i}` }] });
    expect(log.lines()).toEqual(['x:1: a: m0 (c)', 'x:2: a: m1 (c)', '… and 3 more rejection(s) for other reasons', 'x: 5 record(s) rejected']);
  });
});
