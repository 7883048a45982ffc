/**
 * The examples are run here so they never rot.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../src/index.js';
import { recalculate } from './batch-recalculate.js';
import { startServer } from './crm-http-handler.js';

const rubricPath = new URL('../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url).pathname;
const callsPath = new URL('./data/calls.callcenter-qc-7.ndjson', import.meta.url).pathname;
const calls = readFileSync(callsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('example: embedding in a CRM HTTP handler', () => {
  let base = '';
  let close: () => void = () => {};
  beforeAll(async () => {
    const server = await startServer(loadRubric(JSON.parse(readFileSync(rubricPath, 'utf8'))), 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('returns the score JSON for a valid evaluation', async () => {
    const res = await fetch(`${base}/score`, { method: 'POST', body: JSON.stringify(calls[0]) });
    expect(res.status).toBe(200);
    const body = await res.json();
    // C-1001 has full marks everywhere and no forbidden phrase: 97 of 97 → 100.
    expect(body).toMatchObject({ id: 'C-1001', score: 100, grade: { id: 'excellent' }, failed: false });
  });

  it('answers 422 with the issues for an evaluation that does not fit the rubric', async () => {
    const res = await fetch(`${base}/score`, { method: 'POST', body: JSON.stringify({ ...calls[0], answers: { ...calls[0].answers, smile: 'yes' } }) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { issues: unknown[] };
    expect(body.issues).toEqual([expect.objectContaining({ code: 'invalid_answer_kind', path: ['answers', 'smile'] })]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await fetch(`${base}/score`, { method: 'POST', body: '{oops' });
    expect(res.status).toBe(400);
  });
});

describe('example: a batch recalculation script', () => {
  it('re-scores every line and loses none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callqa-example-'));
    const input = join(dir, 'in.ndjson');
    writeFileSync(input, `${readFileSync(callsPath, 'utf8')}not json\n{"id":"x","agentId":"a","date":"2026-10-01","answers":{"nope":true}}\n`);
    const out = join(dir, 'out.ndjson');
    const summary = await recalculate(rubricPath, input, out);
    expect(summary).toEqual({ read: 7, written: 5, rejected: 2 });
    const rows = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(['C-1001', 'C-1002', 'C-1003', 'C-1004', 'C-1005']);
    // C-1004 leaked private data: the fatal item zeroes the call.
    expect(rows[3]).toMatchObject({ score: 0, failed: true });
    const errors = readFileSync(`${out}.errors`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(errors.map((e) => e.line)).toEqual([6, 7]);
    expect(errors[1].issues[0]).toMatchObject({ code: 'unknown_item', path: ['answers', 'nope'] });
  });
});
