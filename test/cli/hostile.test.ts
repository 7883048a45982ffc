/**
 * `callqa score` under hostile input and a hostile file system (issue 11,
 * items 1, 6, 7, 8 and 9): one record never stops a run, and an output that
 * cannot be written is one line and exit 2 with nothing left behind.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, RUBRIC, callqa, ensureCli, readNdjson, tempDir } from './helpers.js';

let dir: string;
let calls: string;
let good: string[];

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  calls = join(dir, 'calls.ndjson');
  const g = callqa(['generate', '--agents', '8', '--calls', '2000', '--seed', '11', '--no-transcripts', '-o', calls]);
  expect(g.code, g.stderr).toBe(0);
  good = readFileSync(calls, 'utf8').split('\n').filter(Boolean);
});

/** Runs `score` with 1 and 2 workers (batches of 37 lines: many of them); both must agree byte for byte. */
function scoreBoth(input: string, extra: readonly string[] = []): { code: number | null; out: Buffer; errors: Record<string, unknown>[]; summary: Record<string, unknown> } {
  const runs = ['1', '2'].map((w) => {
    const out = join(dir, `${w}.out`);
    const errors = join(dir, `${w}.errors.ndjson`);
    const summary = join(dir, `${w}.summary.json`);
    const r = callqa(['score', '-r', RUBRIC, input, '-o', out, '--errors', errors, '--summary', summary, '--workers', w, '--batch-size', '37', '-q', ...extra]);
    expect(r.stderr).toBe('');
    return { code: r.code, out: readFileSync(out), errors: readNdjson(errors), summary: JSON.parse(readFileSync(summary, 'utf8')) as Record<string, unknown> };
  });
  const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
  expect(two.code).toBe(one.code);
  expect(two.out.equals(one.out)).toBe(true);
  expect(two.errors).toEqual(one.errors);
  return one;
}

describe('one bad record never stops callqa score (items 1 and 7)', () => {
  it('rejects records the scorer throws on, at their lines, and scores the rest', () => {
    // 1,001 lines (the issue's 20,001 scaled down; --batch-size 37 still spreads them over 28 batches and both workers):
    // line 501 has a penalty count of 1e20 (the exact arithmetic overflowed and threw), line 752 a turn without text.
    const lines = [...good.slice(0, 500), JSON.stringify({ ...JSON.parse(good[500] as string), id: 'huge', answers: { forbidden: 1e20 } })];
    lines.push(...good.slice(500, 750), JSON.stringify({ ...JSON.parse(good[750] as string), id: 'no-text', transcript: [{ speaker: 'agent' }] }), ...good.slice(750, 999));
    expect(lines).toHaveLength(1001);
    const input = join(dir, 'throwing.ndjson');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const r = scoreBoth(input);
    expect(r.code).toBe(1);
    expect(r.errors.map((e) => [e['line'], e['id']])).toEqual([
      [501, 'huge'],
      [752, 'no-text'],
    ]);
    // The reason is kept: a typed issue once the scorer reports one, `internal` (with the error) until then.
    for (const e of r.errors) expect((e['issues'] as unknown[]).length).toBeGreaterThan(0);
    expect(r.summary).toMatchObject({ read: 1001, written: 999, rejected: 2 });
    const ids = r.out.toString('utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id).filter((id) => id !== 'huge' && id !== 'no-text'));
  });

  it('rejects an NDJSON line holding bytes that are not UTF-8 (invalid_utf8), and scores the rest', () => {
    const ev = JSON.parse(good[3] as string) as Record<string, unknown>;
    // "A035" with a stray 0xFF before it, and a truncated 3-byte character (E5 96 of 喂) at the end of a string.
    const badName = Buffer.concat([Buffer.from(`${JSON.stringify({ ...ev, id: 'bad-1' }).slice(0, -1)},"agentId":"`), Buffer.from([0xff]), Buffer.from('A035"}')]);
    const badCut = Buffer.concat([Buffer.from(`${JSON.stringify({ ...ev, id: 'bad-2' }).slice(0, -1)},"evaluatorId":"Q`), Buffer.from([0xe5, 0x96]), Buffer.from('"}')]);
    const valid = Buffer.from(`${JSON.stringify({ ...ev, id: 'ok-喂' })}`); // valid multi-byte text is untouched
    const body = [...good.slice(0, 150).map((l) => Buffer.from(l)), badName, ...good.slice(150, 300).map((l) => Buffer.from(l)), valid, badCut];
    const input = join(dir, 'latin1.ndjson');
    writeFileSync(input, Buffer.concat(body.flatMap((b) => [b, Buffer.from('\n')])));
    const r = scoreBoth(input);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      { line: 151, issues: [{ code: 'invalid_utf8', path: [], message: 'the record holds bytes that are not valid UTF-8 (the input must be UTF-8)' }] },
      { line: 303, issues: [{ code: 'invalid_utf8', path: [], message: 'the record holds bytes that are not valid UTF-8 (the input must be UTF-8)' }] },
    ]);
    expect(r.summary).toMatchObject({ read: 303, written: 301, rejected: 2 });
    expect(r.out.toString('utf8')).not.toContain('\uFFFD');
    expect(r.out.toString('utf8')).toContain('"id":"ok-喂"');
  });

  it('rejects a CSV row holding bytes that are not UTF-8 (invalid_utf8), and scores the rest', () => {
    const csv = join(dir, 'calls.csv');
    expect(callqa(['generate', '--agents', '4', '--calls', '40', '--seed', '11', '-o', csv]).code).toBe(0);
    const rows = readFileSync(csv).toString('utf8').trimEnd().split('\n');
    const broken = Buffer.from(rows[5] as string).toString('latin1').replace(/A0\d\d/, (m) => `\xff${m}`); // one 0xFF byte in the agent id
    const csvBad = join(dir, 'latin1.csv');
    writeFileSync(csvBad, Buffer.concat([Buffer.from(`${rows.slice(0, 5).join('\n')}\n`), Buffer.from(`${broken}\n`, 'latin1'), Buffer.from(`${rows.slice(6).join('\n')}\n`)]));
    const c = callqa(['score', '-r', RUBRIC, csvBad, '-q', '--errors', join(dir, 'csv.errors.ndjson'), '--fields', 'id']);
    expect(c.code).toBe(1);
    expect(readNdjson(join(dir, 'csv.errors.ndjson')).map((e) => [e['line'], (e['issues'] as { code: string }[])[0]?.code])).toEqual([[6, 'invalid_utf8']]);
    expect(c.stdout.trim().split('\n')).toHaveLength(rows.length - 2); // 40 rows, one rejected
  });
});

describe('outputs that cannot be written (items 6 and 9)', () => {
  const small = (): string => {
    const f = join(dir, 'small.ndjson');
    writeFileSync(f, `{"id":"cut off"\n${good.slice(0, 50).join('\n')}\n`); // one invalid line, 50 good
    return f;
  };

  it('a full disk on stdout, -o or --errors: one line, exit 2, no scores file left', () => {
    if (!existsSync('/dev/full')) throw new Error('/dev/full is missing: this test needs Linux’s /dev/full (every write fails with ENOSPC); run it on Linux');
    const input = small();
    const viaStdout = callqa(['score', '-r', RUBRIC, input, '-q', '-o', '-', '--errors', join(dir, 'full.errors.ndjson')], { stdout: '/dev/full' });
    expect(viaStdout.code).toBe(2);
    expect(viaStdout.stderr).toBe('callqa: cannot write output: no space left on device\n');
    expect(existsSync(join(dir, 'full.errors.ndjson'))).toBe(false);

    const viaO = callqa(['score', '-r', RUBRIC, input, '-q', '-o', '/dev/full']);
    expect([viaO.code, viaO.stderr]).toEqual([2, 'callqa: cannot write /dev/full: no space left on device\n']);

    const out = join(dir, 'full.scores.ndjson');
    const viaErrors = callqa(['score', '-r', RUBRIC, input, '-q', '-o', out, '--errors', '/dev/full']);
    expect([viaErrors.code, viaErrors.stderr]).toEqual([2, 'callqa: cannot write /dev/full: no space left on device\n']);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a missing or read-only folder: exit 2 naming the path given and the reason', () => {
    const input = small();
    const missing = callqa(['score', '-r', RUBRIC, input, '-q', '-o', 'no-such-folder/scores.ndjson'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([2, 'callqa: cannot write no-such-folder/scores.ndjson: the folder no-such-folder does not exist\n']);
    // Read-only: root writes through a mode of 0555, so as root use sysfs, which refuses new files to anyone.
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const target = process.getuid?.() === 0 ? '/sys/scores.ndjson' : join(ro, 'scores.ndjson');
    const denied = callqa(['score', '-r', RUBRIC, input, '-q', '-o', target]);
    expect([denied.code, denied.stderr]).toEqual([2, `callqa: cannot write ${target}: permission denied\n`]);
    const folder = callqa(['score', '-r', RUBRIC, input, '-q', '-o', dir]);
    expect([folder.code, folder.stderr]).toEqual([2, `callqa: cannot write ${dir}: it is a folder\n`]);
  });

  it('--errors or --summary that cannot be written: exit 2 and no scores file as if the run had succeeded', () => {
    const input = small();
    const out = join(dir, 'ro.scores.ndjson');
    for (const flag of ['--errors', '--summary']) {
      const r = callqa(['score', '-r', RUBRIC, input, '-q', '-o', out, flag, join(dir, 'gone', 'x.json')]);
      expect([r.code, r.stderr]).toEqual([2, `callqa: cannot write ${join(dir, 'gone', 'x.json')}: the folder ${join(dir, 'gone')} does not exist\n`]);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('temp files of a killed run (item 8)', () => {
  it('are removed by the next run into the same folder', async () => {
    const big = join(dir, 'big.ndjson');
    writeFileSync(big, `${Array.from({ length: 10 }, () => good.join('\n')).join('\n')}\n`); // 20,000 records: seconds to score
    const out = join(dir, 'killed');
    mkdirSync(out);
    const child = spawn(process.execPath, [CLI, 'score', '-r', RUBRIC, big, '-o', join(out, 'scores.ndjson'), '--workers', '1', '-q'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let temps: string[] = [];
    for (let i = 0; i < 400 && temps.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      temps = readdirSync(out).filter((f) => f.endsWith('.tmp'));
    }
    child.kill('SIGKILL'); // nothing of the run gets to clean up
    expect(await exited).toBe('SIGKILL');
    expect(temps).toHaveLength(1);
    expect(temps[0]).toMatch(new RegExp(`^\\.scores\\.ndjson\\.callqa-[0-9a-f]{8}-${child.pid}-0\\.tmp$`));
    expect(readdirSync(out)).toEqual(temps); // still there: nobody removed it
    // A later run into the same folder (another output name) removes it.
    const r = callqa(['score', '-r', RUBRIC, calls, '-q', '-o', join(out, 'other.ndjson'), '--fields', 'id']);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['other.ndjson']);
  });
});
