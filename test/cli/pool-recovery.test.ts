/**
 * A worker that dies never stops the run (issue 11, item 1): the pool
 * replaces it, rejects the record it died on (`internal`, with its line) and
 * scores every other record, giving the same bytes as a run where nothing
 * died. The faults come from test/cli/fixtures/fault-worker.mjs, the built
 * worker with exits injected (a real out-of-memory death takes a minute of
 * garbage collection first: too slow for a test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEvaluations } from '../../src/generate/index.js';
import { loadRubric } from '../../src/rubric/load.js';
import { WorkerPool } from '../../src/batch/pool.js';
import { concatResults, createContext, processInputBatch, type BatchResult } from '../../src/batch/process.js';
import type { InputBatch } from '../../src/batch/input.js';
import { ROOT, RUBRIC, ensureCli } from './helpers.js';

const FAULTY = join(ROOT, 'test', 'cli', 'fixtures', 'fault-worker.mjs');
const json = JSON.parse(readFileSync(RUBRIC, 'utf8')) as unknown;
const rubric = loadRubric(json);
const lines = [...generateEvaluations(rubric, { agents: 4, calls: 60, seed: 5, transcripts: false })].map((e) => JSON.stringify(e));
const ctx = createContext([json], {});

/** NDJSON batches of 20 lines each, numbered from 1. */
function batches(all: readonly string[]): InputBatch[] {
  const out: InputBatch[] = [];
  for (let i = 0; i < all.length; i += 20) out.push({ kind: 'ndjson', line: i + 1, bytes: Buffer.from(`${all.slice(i, i + 20).join('\n')}\n`) });
  return out;
}

/** What the pool's results come to, as text. */
function text(rs: readonly BatchResult[]): { out: string; errors: string; written: number; rejected: number } {
  const r = concatResults(rs);
  return { out: Buffer.from(typeof r.out === 'string' ? r.out : r.out).toString('utf8'), errors: r.errors, written: r.stats.written, rejected: r.stats.rejected };
}

beforeAll(async () => {
  await ensureCli(); // the fault worker wraps the built worker
});

describe('WorkerPool recovery', () => {
  it('rejects the record a worker died on, at its line, and scores every other one (1 and 2 workers alike)', async () => {
    const input = [...lines];
    input[24] = JSON.stringify({ ...(JSON.parse(lines[24] as string) as object), note: '__die__' }); // line 25, in the second batch
    input[47] = JSON.stringify({ ...(JSON.parse(lines[47] as string) as object), note: '__die__' }); // line 48, in the third
    // Expected: every other line scored in this thread (nothing dies here), the two dead ones rejected in place.
    const expected = text(batches(input.map((l, i) => (i === 24 || i === 47 ? '' : l))).map((b) => processInputBatch(ctx, b)));
    const internal = (line: number): string =>
      `${JSON.stringify({ line, issues: [{ code: 'internal', path: [], message: 'the scorer failed on this record: the worker exited with code 7' }] })}\n`;
    for (const size of [1, 2]) {
      const pool = new WorkerPool(size, { rubrics: [json], output: {} }, { entry: FAULTY });
      try {
        const got = text(await Promise.all(batches(input).map((b) => pool.run(b))));
        expect(got.out).toBe(expected.out);
        expect(got.errors).toBe(internal(25) + internal(48));
        expect([got.written, got.rejected]).toEqual([58, 2]);
        expect(pool.restarts).toBe(2); // one new worker per death, no more
      } finally {
        await pool.close();
      }
    }
  });

  it('when the record at fault is not known, re-runs the batch record by record and rejects the one that fails alone', async () => {
    const input = [...lines.slice(0, 40)];
    input[30] = JSON.stringify({ ...(JSON.parse(lines[30] as string) as object), note: '__die_early__' }); // line 31
    const expected = text(batches(input.map((l, i) => (i === 30 ? '' : l))).map((b) => processInputBatch(ctx, b)));
    const pool = new WorkerPool(1, { rubrics: [json], output: {} }, { entry: FAULTY });
    try {
      const got = text(await Promise.all(batches(input).map((b) => pool.run(b))));
      expect(got.out).toBe(expected.out);
      expect(got.errors).toBe(`${JSON.stringify({ line: 31, issues: [{ code: 'internal', path: [], message: 'the scorer failed on this record: the worker exited with code 8' }] })}\n`);
      expect(pool.restarts).toBe(2); // the whole batch, then the record alone
    } finally {
      await pool.close();
    }
  });

  it('fails the run when a worker cannot start at all (not the fault of any record)', async () => {
    const pool = new WorkerPool(1, { rubrics: [json], output: {}, failStart: true } as never, { entry: FAULTY });
    try {
      await expect(pool.run(batches(lines)[0] as InputBatch)).rejects.toThrow(/a worker thread could not start: the worker exited with code 3/);
    } finally {
      await pool.close();
    }
  });
});
