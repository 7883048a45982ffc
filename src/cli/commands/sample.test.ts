/**
 * `callqa sample` streams the calls (passes over the file, stdin copied
 * first): its selection and balance report must be exactly what the
 * in-memory API gives on the same calls, whatever the record order and the
 * input form; records that are not calls end in one error with a count.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUBRIC, callqa, ensureCli, readNdjson, tempDir } from '../../../test/cli/helpers.js';
import { checkBalance, selectSample } from '../../sampling/index.js';
import { readCallRecords } from './sample.js';

let dir: string;
let evals: string;
let scores: string;

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  evals = join(dir, 'evals.ndjson');
  scores = join(dir, 'scores.ndjson');
  expect(callqa(['generate', '--agents', '12', '--calls', '600', '--seed', '5', '--no-transcripts', '-o', evals]).code).toBe(0);
  expect(callqa(['score', '-r', RUBRIC, evals, '-o', scores, '-q']).code).toBe(0);
}, 60_000);

const ARGS = ['--seed', '2026-10', '--rate', '0.05', '--per-agent-min', '2', '--per-agent-max', '6', '--stratify', 'type', '--time-zone', 'Asia/Shanghai', '--json'];
const OPTIONS = { seed: '2026-10', rate: 0.05, perAgent: { min: 2, max: 6 }, stratify: { by: 'type' as const, method: 'proportional' as const } };

describe('callqa sample (streamed)', () => {
  it('selects exactly what selectSample + checkBalance give on the same calls', async () => {
    const cli = JSON.parse(callqa(['sample', evals, ...ARGS]).stdout) as Record<string, unknown>;
    const { calls } = await readCallRecords(evals, 'auto');
    const selection = selectSample(calls, OPTIONS);
    const balance = checkBalance(calls, selection.calls, { timeZone: 'Asia/Shanghai' });
    // 600 calls × 0.05 = 30 asked; 12 agents × min 2 = 24 ≤ 30, so n = 30.
    expect(selection.n).toBe(30);
    expect(cli).toEqual(JSON.parse(JSON.stringify({ selection, balance })));
  }, 20_000);

  it('gives the same sample from stdin, from a reversed file and from a CSV', async () => {
    const reference = callqa(['sample', evals, ...ARGS]).stdout;
    const lines = (await import('node:fs')).readFileSync(evals, 'utf8').split('\n').filter(Boolean);
    const reversed = join(dir, 'reversed.ndjson');
    writeFileSync(reversed, `${[...lines].reverse().join('\n')}\n`);
    expect(callqa(['sample', reversed, ...ARGS]).stdout).toBe(reference);
    expect(callqa(['sample', '-', ...ARGS], { input: `${lines.join('\n')}\n` }).stdout).toBe(reference);
    const csv = join(dir, 'calls.csv');
    const rows = lines.map((l) => JSON.parse(l) as { id: string; agentId: string; date: string; attributes: { type: string; durationSec: number; hour: number } });
    writeFileSync(csv, `id,agentId,date,type,durationSec\n${rows.map((r) => `${r.id},${r.agentId},${r.date}T${String(r.attributes.hour).padStart(2, '0')}:00:00Z,${r.attributes.type},${r.attributes.durationSec}`).join('\n')}\n`);
    const fromCsv = JSON.parse(callqa(['sample', csv, ...ARGS]).stdout) as { selection: { calls: { id: string }[] } };
    expect(fromCsv.selection.calls.map((c) => c.id)).toEqual((JSON.parse(reference) as typeof fromCsv).selection.calls.map((c) => c.id));
  }, 30_000);

  it('reads `callqa score` output, compact and --full, as the population and as the sample to check', async () => {
    const full = join(dir, 'full.ndjson');
    expect(callqa(['score', '-r', RUBRIC, evals, '-o', full, '--full', '-q']).code).toBe(0);
    const picked = join(dir, 'picked.ndjson');
    const r = callqa(['sample', scores, '--seed', 'x', '--size', '20', '-o', picked, '--json']);
    expect(r.code).toBe(0);
    const { calls } = await readCallRecords(scores, 'auto');
    expect(readNdjson(picked).map((c) => c['id'])).toEqual(selectSample(calls, { seed: 'x', size: 20 }).calls.map((c) => c.id));
    // The evaluated calls (scores of 20 of them, --full) checked against the month's calls.
    const evaluated = join(dir, 'evaluated.ndjson');
    const ids = new Set(readNdjson(picked).map((c) => c['id']));
    writeFileSync(evaluated, readNdjson(full).filter((s) => ids.has(s['id'])).map((s) => JSON.stringify(s)).join('\n'));
    const checked = JSON.parse(callqa(['sample', evals, '--check', evaluated, '--json']).stdout) as { balance: unknown };
    const { calls: pop } = await readCallRecords(evals, 'auto');
    expect(checked.balance).toEqual(JSON.parse(JSON.stringify(checkBalance(pop, pop.filter((c) => ids.has(c.id))))));
  }, 30_000);

  it('ends with one error and a count when the records are not calls', () => {
    const bad = join(dir, 'ratings.ndjson');
    writeFileSync(bad, `${[1, 2, 3].map((i) => JSON.stringify({ callId: `c${i}`, evaluatorId: 'li', score: 80 })).join('\n')}\n`);
    const r = callqa(['sample', bad, '--seed', 'x', '--size', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('3 of 3 record(s) are not calls to sample from');
    expect(r.stderr).toMatch(/ratings\.ndjson:1: id: id must be a non-empty string \(required\)/);
    // 3 records × (id, agentId, date) = 9 problems, 10 shown at most: all of them, no "more" line.
    expect(r.stderr).not.toContain('more problem');
  });

  it('reports a duplicate id with its line (found through the hash collision pass)', () => {
    const dup = join(dir, 'dup.ndjson');
    const c = (id: string, a: string): string => JSON.stringify({ id, agentId: a, date: '2026-10-01T09:00:00Z' });
    writeFileSync(dup, `${[c('c1', 'a'), c('c2', 'a'), c('c1', 'b')].join('\n')}\n`);
    const r = callqa(['sample', dup, '--seed', 'x', '--size', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dup\.ndjson:3: id: call id "c1" appears twice \(duplicate_id\)/);
    expect(r.stderr).toContain('1 of 3 call(s) repeat an id read before');
  });
});
