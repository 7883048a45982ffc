/**
 * The batch API for Node scripts (src/batch), checked against the CLI's bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonUnits } from '../../src/batch/json-array.js';
import { ndjsonByteBatches, ndjsonLines, ndjsonUnits } from '../../src/batch/ndjson.js';
import { compareRubrics, scoreFile, scoreStream } from '../../src/node.js';
import { RUBRIC, callqa, ensureCli, tempDir, writeVersions } from './helpers.js';

let dir: string;
let calls: string;
let rubric: unknown;

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  calls = join(dir, 'calls.ndjson');
  expect(callqa(['generate', '--agents', '5', '--calls', '700', '--seed', '5', '-o', calls]).code).toBe(0);
  rubric = JSON.parse(readFileSync(RUBRIC, 'utf8'));
});

describe('batch API', () => {
  it('scoreFile in this thread writes the same bytes as the CLI with workers', async () => {
    const out = join(dir, 'api.ndjson');
    const s = await scoreFile({ rubrics: [rubric], input: calls, output: out, workers: 0, batchSize: 64 });
    expect(s).toMatchObject({ read: 700, written: 700, rejected: 0 });
    const cli = callqa(['score', '-r', RUBRIC, calls, '--workers', '2', '--batch-size', '33', '-q']);
    expect(readFileSync(out, 'utf8')).toBe(cli.stdout);
  });

  it('scoreStream takes lines, objects and Readables, in order', async () => {
    const lines = readFileSync(calls, 'utf8').split('\n').slice(0, 20);
    const got: (string | number)[] = [];
    for await (const r of scoreStream(rubric, [...lines.slice(0, 3), 'nope', lines[3] as string])) got.push(r.ok ? r.score.id : `rejected@${r.line}`);
    expect(got.slice(3)).toEqual(['rejected@4', JSON.parse(lines[3] as string).id]);
    let n = 0;
    for await (const r of scoreStream(rubric, Readable.from([lines.join('\n')]))) if (r.ok) n++;
    expect(n).toBe(20);
  });

  it('cuts NDJSON bytes at line ends, by count and by size, keeping line numbers', async () => {
    const text = '{"a":1}\n\n{"a":"长文本长文本"}\r\n{"a":3}\n{"a":4}';
    const bytes = Buffer.from(text);
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 14), bytes.subarray(14)];
    const expected: { line: number; text: string }[] = [];
    for await (const u of ndjsonUnits([text])) expected.push(u as { line: number; text: string });
    for (const [lines, maxBytes] of [[1, 1e9], [2, 1e9], [1000, 1e9], [1000, 10]] as const) {
      const got: unknown[] = [];
      for await (const b of ndjsonByteBatches(Readable.from(chunks), lines, maxBytes)) got.push(...ndjsonLines(b.bytes.toString('utf8'), b.line));
      expect(got).toEqual(expected);
    }
    expect(expected.map((u) => u.line)).toEqual([1, 3, 4, 5]);
  });

  it('splits JSON arrays element by element, a broken element alone', async () => {
    const units: unknown[] = [];
    for await (const u of jsonUnits(['[{"id":1,"s":"a]b"},\n {"id": tru}', ',\n{"id":3}]'])) units.push(u);
    expect(units).toEqual([
      { line: 1, text: '{"id":1,"s":"a]b"}' },
      { line: 2, text: '{"id": tru}' },
      { line: 3, text: '{"id":3}' },
    ]);
  });

  it('reports broken array separators where they are, and rejects an element with no comma before it', async () => {
    const read = async (text: string): Promise<unknown[]> => {
      const out: unknown[] = [];
      for await (const u of jsonUnits([text])) out.push('text' in u ? u.text : `line ${u.line}: ${'issues' in u ? u.issues[0]?.message : ''}`);
      return out;
    };
    // JSON.parse refuses all four; none may pass as if nothing were wrong, and no element may vanish unreported.
    expect(await read('[{"id":1},\n,{"id":3}]')).toEqual(['{"id":1}', 'line 2: an empty array element (two commas in a row)', '{"id":3}']);
    expect(await read('[{"id":1}\n{"id":2}]')).toEqual(['{"id":1}', 'line 2: a comma is missing before this array element']);
    expect(await read('[1 2]')).toEqual(['1', 'line 1: a comma is missing before this array element']);
    expect(await read('[{"id":1},\n]')).toEqual(['{"id":1}', 'line 2: a comma before the closing "]"']);
    // Well-formed arrays, spaces before commas included, are read as before.
    expect(await read('[1 ,2, "a,b" ,{"x":[1,2]}]')).toEqual(['1', '2', '"a,b"', '{"x":[1,2]}']);
  });

  it('compareRubrics reports on iterables of evaluations', async () => {
    const { b } = writeVersions(dir);
    const evs = readFileSync(calls, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const deltas: number[] = [];
    const rep = await compareRubrics(rubric, JSON.parse(readFileSync(b, 'utf8')), evs, { onCall: (d) => void deltas.push(d.delta), binWidth: 1 });
    expect(rep.compared).toBe(700);
    expect(deltas).toHaveLength(700);
    expect(rep.delta.binWidth).toBe(1);
    expect(rep.delta.min).toBe(Math.min(...deltas));
    const sorted = [...deltas].sort((x, y) => x - y);
    expect(rep.delta.median).toBeCloseTo(((sorted[349] as number) + (sorted[350] as number)) / 2, 6);
    writeFileSync(join(dir, 'report.json'), JSON.stringify(rep));
  });
});
