import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, RUBRIC, callqa, callqaAsync, ensureCli, readNdjson, tempDir, writeVersions } from './helpers.js';

let dir: string;
let calls: string;

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  calls = join(dir, 'calls.ndjson');
  const g = callqa(['generate', '--agents', '12', '--calls', '1000', '--seed', '7', '-o', calls, '--kpis', join(dir, 'kpis.csv')]);
  expect(g.code, g.stderr).toBe(0);
});

describe('callqa validate', () => {
  it('accepts the bundled rubric', () => {
    const r = callqa(['validate', RUBRIC]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok (rubric callcenter-qc-7@1.0.0)');
  });

  it('prints every issue with its path, like a compiler, and exits 2', () => {
    const bad = JSON.parse(readFileSync(RUBRIC, 'utf8'));
    bad.sections[2].items[0].points = -1;
    bad.sections[0].colour = 'red';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = callqa(['validate', file, RUBRIC]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: sections[0].colour: unknown key "colour" (unknown_key)`);
    expect(r.stdout).toContain(`${RUBRIC}: ok`);
  });

  it('reports the line and column of a JSON syntax error', () => {
    const file = join(dir, 'syntax.json');
    writeFileSync(file, '{\n  "id": "x",\n  oops\n}');
    const r = callqa(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: .*\\(invalid_json\\)`));
  });

  it('routes other document kinds by "kind" or $schema, and says when none is known', () => {
    const file = join(dir, 'widget.json');
    writeFileSync(file, JSON.stringify({ $schema: '../schemas/widget.schema.json', id: 'p' }));
    const r = callqa(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`widget\\.json: \\$schema: no validator for "widget" documents \\(known: rubric.*\\) \\(unknown_kind\\)`));
    const byKind = join(dir, 'widget2.json');
    writeFileSync(byKind, JSON.stringify({ kind: 'widget' }));
    expect(callqa(['validate', byKind]).stderr).toContain(': kind: no validator for "widget" documents');
  });
});

describe('callqa validate rubrics/*.json (issue 15)', () => {
  it('skips the JSON Schemas kept beside the rubrics, with a note, and checks the rest', () => {
    const files = readdirSync(join(ROOT, 'rubrics')).filter((f) => f.endsWith('.json')).map((f) => join(ROOT, 'rubrics', f));
    const r = callqa(['validate', ...files]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${join(ROOT, 'rubrics', 'rubric.schema.json')}: skipped (a JSON Schema, not a callqa document)`);
    expect(r.stdout).toContain(`${join(ROOT, 'rubrics', 'plan.schema.json')}: skipped (a JSON Schema, not a callqa document)`);
    expect(r.stdout).toContain(`${RUBRIC}: ok (rubric callcenter-qc-7@1.0.0)`);
  });
});

describe('callqa schema', () => {
  it('prints the rubric JSON Schema', () => {
    const r = callqa(['schema', 'rubric']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.$schema).toContain('json-schema.org');
    expect(s.properties.sections).toBeDefined();
    // The same schema as the committed copy editors use.
    expect(s).toEqual(JSON.parse(readFileSync(join(ROOT, 'rubrics', 'rubric.schema.json'), 'utf8')));
  });
  it('exits 2 for an unknown kind', () => {
    expect(callqa(['schema', 'nope']).code).toBe(2);
  });
  // The CLI loads only the command asked for: `validate` and `schema` know plans without `assess` loaded.
  it('knows plan documents when only validate or schema is loaded', () => {
    expect(JSON.parse(callqa(['schema', 'plan']).stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'rubrics', 'plan.schema.json'), 'utf8')));
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify({ kind: 'plan', id: 'p' }));
    const r = callqa(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: `); // the plan's own issues, by path
    expect(r.stderr).not.toContain('no validator');
  });
  it('lists every command in the help, and suggests one for a typo', () => {
    const help = callqa(['--help']).stdout;
    for (const c of ['validate', 'score', 'compare', 'schema', 'generate', 'sample', 'calibrate', 'alerts', 'problems', 'assess', 'report']) expect(help).toContain(`  ${c} `);
    expect(callqa(['scroe']).stderr).toContain("Did you mean score?");
  });
});

describe('callqa generate', () => {
  it('is reproducible and writes KPIs per agent', () => {
    const again = join(dir, 'again.ndjson');
    expect(callqa(['generate', '--agents', '12', '--calls', '1000', '--seed', '7', '-o', again]).code).toBe(0);
    // Buffer#equals (memcmp): toEqual on two multi-megabyte Buffers walks them byte by byte (24 s on a loaded machine).
    expect(readFileSync(again).equals(readFileSync(calls))).toBe(true);
    const kpis = readFileSync(join(dir, 'kpis.csv'), 'utf8').trim().split('\n');
    expect(kpis).toHaveLength(13);
    expect(kpis[0]).toBe('agentId,month,offered,answered,missed,talkSeconds,holdSeconds,afterCallWorkSeconds,examScore,upheldComplaints,dailyNotReadyMinutes');
    const evs = readNdjson(calls);
    expect(evs).toHaveLength(1000);
    expect(evs.every((e) => typeof e['date'] === 'string' && (e['date'] as string).startsWith('2026-10-'))).toBe(true);
    expect(evs.some((e) => JSON.stringify(e['transcript']).match(/喂|不知道|不清楚|不明白|啊|呀/))).toBe(true);
  });
  it('a different seed gives a different centre', () => {
    const other = callqa(['generate', '--agents', '12', '--calls', '50', '--seed', '8']);
    expect(other.stdout.split('\n')[0]).not.toBe(readFileSync(calls, 'utf8').split('\n')[0]);
  });
});

describe('callqa score', () => {
  it('scores every record, in order, with a summary', () => {
    const out = join(dir, 'scores.ndjson');
    const sum = join(dir, 'summary.json');
    const r = callqa(['score', '-r', RUBRIC, calls, '-o', out, '--summary', sum, '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('read 1,000, written 1,000, rejected 0');
    const scores = readNdjson(out);
    expect(scores.map((s) => s['id'])).toEqual(readNdjson(calls).map((e) => e['id']));
    const s = JSON.parse(readFileSync(sum, 'utf8'));
    expect(s).toMatchObject({ read: 1000, written: 1000, rejected: 0, byRubric: { 'callcenter-qc-7@1.0.0': 1000 } });
  });

  it('writes byte-identical output with 1 and 2 workers, and without them', () => {
    const o1 = join(dir, 'w1.ndjson');
    const o2 = join(dir, 'w2.ndjson');
    const o0 = join(dir, 'w0.ndjson');
    // 1,000 records with transcripts (~2.3 MB): with 97 records a batch the pool's workers score it; with 2,000 the
    // file is one batch, scored in this thread.
    expect(statSync(calls).size).toBeGreaterThan(1 << 20);
    expect(callqa(['score', '-r', RUBRIC, calls, '-o', o1, '--workers', '1', '--batch-size', '97']).code).toBe(0);
    expect(callqa(['score', '-r', RUBRIC, calls, '-o', o2, '--workers', '2', '--batch-size', '97']).code).toBe(0);
    expect(callqa(['score', '-r', RUBRIC, calls, '-o', o0, '--workers', '2', '--batch-size', '2000']).code).toBe(0);
    expect(readFileSync(o1).equals(readFileSync(o2))).toBe(true);
    expect(readFileSync(o0).equals(readFileSync(o1))).toBe(true);
  });

  it('starts its workers early on a file larger than a batch, and ends them when the rubric is refused', () => {
    // Twice the 1,000 records: over the 4 MB a batch holds, so the workers start before the rubric is read.
    const big = join(dir, 'big.ndjson');
    writeFileSync(big, Buffer.concat([readFileSync(calls), readFileSync(calls)]));
    expect(statSync(big).size).toBeGreaterThan(4 * 1024 * 1024);
    const bad = join(dir, 'refused.json');
    writeFileSync(bad, JSON.stringify({ id: 'r' }));
    const r = callqa(['score', '-r', bad, big, '-o', join(dir, 'never.ndjson'), '--workers', '2']);
    expect(r.code).toBe(2); // refused, and the process ended (no worker kept it alive)
    expect(existsSync(join(dir, 'never.ndjson'))).toBe(false);
    const o = join(dir, 'big-out.ndjson');
    expect(callqa(['score', '-r', RUBRIC, big, '-o', o, '--workers', '2', '-q']).code).toBe(0);
    expect(readFileSync(o, 'utf8').split('\n').filter((l) => l !== '')).toHaveLength(2000);
  });

  it('rejects bad records without stopping, with exact counts and line numbers', () => {
    const lines = readFileSync(calls, 'utf8').split('\n').slice(0, 6);
    const bad = [
      lines[0], // 1 ok
      '{"id": "broken", ', // 2 invalid JSON
      '', // 3 blank: skipped, not counted
      lines[1], // 4 ok
      JSON.stringify({ ...JSON.parse(lines[2] as string), answers: { ...JSON.parse(lines[2] as string).answers, nosuch: true } }), // 5 unknown item
      JSON.stringify({ ...JSON.parse(lines[3] as string), date: '2019-01-01' }), // 6 before the rubric's effectiveFrom
      JSON.stringify({ ...JSON.parse(lines[4] as string), answers: { ...JSON.parse(lines[4] as string).answers, complete: 'maybe' } }), // 7 wrong answer kind
      lines[5], // 8 ok
    ].join('\n');
    const input = join(dir, 'mixed.ndjson');
    writeFileSync(input, `${bad}\n`);
    const out = join(dir, 'mixed.out.ndjson');
    const errors = join(dir, 'mixed.errors.ndjson');
    const sum = join(dir, 'mixed.summary.json');
    const r = callqa(['score', '-r', RUBRIC, input, '-o', out, '--errors', errors, '--summary', sum]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(sum, 'utf8'))).toMatchObject({ read: 7, written: 3, rejected: 4 });
    expect(readNdjson(out)).toHaveLength(3);
    const errs = readNdjson(errors);
    expect(errs.map((e) => e['line'])).toEqual([2, 5, 6, 7]);
    expect(errs[0]).toMatchObject({ line: 2, issues: [{ code: 'invalid_json', path: [] }] });
    expect(errs[1]).toMatchObject({ line: 5, issues: [{ code: 'unknown_item', path: ['answers', 'nosuch'] }] });
    expect(errs[2]).toMatchObject({ line: 6, issues: [{ code: 'no_rubric_version', path: ['date'] }] });
    expect(errs[3]).toMatchObject({ line: 7, issues: [{ code: 'invalid_answer_kind', path: ['answers', 'complete'] }] });
    expect(errs[1]?.['id']).toBe(JSON.parse(lines[2] as string).id);
    // Without --errors the problems go to stderr, one per issue, with the line.
    const r2 = callqa(['score', '-r', RUBRIC, input, '-o', join(dir, 'mixed2.ndjson')]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/mixed\.ndjson:5 \(C202610-\d+\): answers\.nosuch: .*\(unknown_item\)/);
  });

  it('accounts for every line across many batches and workers: BOM, CRLF, blank lines, rejects in later batches', () => {
    const good = readFileSync(calls, 'utf8').split('\n').filter(Boolean).slice(0, 60);
    const rows: string[] = [];
    const expectedBad: number[] = [];
    good.forEach((l, i) => {
      if (i % 13 === 5) {
        rows.push('{"id": "cut off", ');
        expectedBad.push(rows.length); // the line number of the row just added
      }
      if (i % 17 === 3) rows.push('   '); // blank: a line, not a record
      rows.push(i % 2 === 0 ? `${l}\r` : l); // CRLF on every other line
    });
    const input = join(dir, 'batches.ndjson');
    // A BOM first (not data), and no newline after the last line.
    writeFileSync(input, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join('\n'))]));
    const run = (workers: string): { out: Buffer; errLines: unknown[]; summary: Record<string, unknown> } => {
      const out = join(dir, `batches.w${workers}.ndjson`);
      const errors = join(dir, `batches.w${workers}.errors.ndjson`);
      const sum = join(dir, `batches.w${workers}.summary.json`);
      expect(callqa(['score', '-r', RUBRIC, input, '-o', out, '--errors', errors, '--summary', sum, '--workers', workers, '--batch-size', '7', '-q']).code).toBe(1);
      return { out: readFileSync(out), errLines: readNdjson(errors).map((e) => e['line']), summary: JSON.parse(readFileSync(sum, 'utf8')) as Record<string, unknown> };
    };
    const w1 = run('1');
    const w2 = run('2');
    // 60 good records and 5 cut-off ones (i = 5, 18, 31, 44, 57), each at its own line.
    expect(expectedBad).toHaveLength(5);
    expect(w1.summary).toMatchObject({ read: 65, written: 60, rejected: 5 });
    expect(w1.errLines).toEqual(expectedBad);
    expect(w2.errLines).toEqual(expectedBad);
    expect(w1.out.equals(w2.out)).toBe(true);
    expect(readNdjson(join(dir, 'batches.w1.ndjson')).map((r) => r['id'])).toEqual(good.map((l) => JSON.parse(l).id));
  });

  it('reads a named pipe given as a path, which cannot be read by position', async () => {
    if (process.platform === 'win32') throw new Error('named pipes made with mkfifo need a POSIX system: run this test on Linux or macOS');
    const head = readFileSync(calls, 'utf8').split('\n').slice(0, 1000).join('\n'); // three batches of --batch-size 400
    const fifo = join(dir, 'calls.fifo');
    execFileSync('mkfifo', [fifo]);
    const out = join(dir, 'fifo.out.ndjson');
    const child = callqaAsync(['score', '-r', RUBRIC, fifo, '-o', out, '-q', '--batch-size', '400'], dir);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const w = createWriteStream(fifo);
    w.end(head);
    expect(await exited, stderr).toBe(0);
    const file = join(dir, 'head.ndjson');
    writeFileSync(file, head);
    expect(readFileSync(out, 'utf8')).toBe(callqa(['score', '-r', RUBRIC, file, '-q']).stdout);
    expect(readNdjson(out)).toHaveLength(1000);
  });

  it('reads gzip input', () => {
    const gz = join(dir, 'calls.ndjson.gz');
    writeFileSync(gz, gzipSync(readFileSync(calls)));
    const a = callqa(['score', '-r', RUBRIC, calls, '--workers', '1', '-q']);
    const b = callqa(['score', '-r', RUBRIC, gz, '--workers', '1', '-q']);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('reads stdin and writes stdout', () => {
    const head = readFileSync(calls, 'utf8').split('\n').slice(0, 300).join('\n');
    const r = callqa(['score', '-r', RUBRIC, '-', '-q', '--fields', 'id,score,grade'], { input: head });
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0])).toEqual(['id', 'score', 'grade']);
  });

  it('reads a JSON array', () => {
    const arr = join(dir, 'calls.json');
    const evs = readNdjson(calls).slice(0, 40);
    writeFileSync(arr, JSON.stringify(evs, null, 2));
    const r = callqa(['score', '-r', RUBRIC, arr, '-q', '--fields', 'id']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(evs.map((e) => e['id']));
  });

  it('reads and writes CSV', () => {
    const csvIn = join(dir, 'calls.csv');
    expect(callqa(['generate', '--agents', '12', '--calls', '400', '--seed', '7', '-o', csvIn]).code).toBe(0);
    const fromCsv = callqa(['score', '-r', RUBRIC, csvIn, '-q', '--format', 'csv']);
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    const nd = join(dir, 'calls400.ndjson');
    expect(callqa(['generate', '--agents', '12', '--calls', '400', '--seed', '7', '-o', nd]).code).toBe(0);
    const fromJson = callqa(['score', '-r', RUBRIC, '-', '-q', '--format', 'csv'], { input: readFileSync(nd) });
    expect(fromCsv.stdout).toBe(fromJson.stdout);
    expect(fromCsv.stdout.split('\n')[0]).toMatch(/^id,agentId,evaluatorId,date,rubricId,rubricVersion,score,maxScore,grade,failed,fatal,section\.information/);
  });

  it('maps CSV cells: NA, 是/否, empty, and rejects unreadable cells', () => {
    const rub = JSON.parse(readFileSync(RUBRIC, 'utf8'));
    const items: { id: string; kind: string; levels?: { id: string }[] }[] = rub.sections.flatMap((s: { items: unknown[] }) => s.items);
    const cell = (it: { id: string; kind: string; levels?: { id: string }[] }): string =>
      it.kind === 'yes-no' ? '是' : it.kind === 'levels' ? (it.levels?.[0]?.id ?? '') : it.kind === 'penalty' ? '0' : it.kind === 'fatal' ? '否' : '';
    const header = ['id', 'agentId', 'date', 'attr.type', ...items.map((i) => i.id)];
    const row1 = ['c1', 'A1', '2026-10-02', 'enquiry', ...items.map((i) => (i.id === 'apology' ? 'NA' : cell(i)))];
    const row2 = ['c2', 'A1', '2026-10-02', 'enquiry', ...items.map((i) => (i.id === 'complete' ? 'maybe' : cell(i)))];
    const file = join(dir, 'cells.csv');
    writeFileSync(file, `${[header, row1, row2].map((r) => r.join(',')).join('\n')}\n`);
    const errors = join(dir, 'cells.errors.ndjson');
    const r = callqa(['score', '-r', RUBRIC, file, '-q', '--fields', 'id,score,item.apology', '--errors', errors]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout.trim())).toEqual({ id: 'c1', score: 100, 'item.apology': 0 });
    expect(readNdjson(errors)).toEqual([{ line: 3, id: 'c2', issues: [{ code: 'invalid_cell', path: ['answers', 'complete'], message: '"maybe" is not yes/no (true/false/yes/no/是/否)' }] }]);
  });

  it('chooses the rubric version by date', () => {
    const { a, b } = writeVersions(dir);
    const sum = join(dir, 'versions.summary.json');
    const r = callqa(['score', '-r', a, '-r', b, calls, '-o', join(dir, 'versions.csv'), '--summary', sum]);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(sum, 'utf8'));
    const evs = readNdjson(calls);
    const early = evs.filter((e) => (e['date'] as string) <= '2026-10-14').length;
    expect(s.byRubric).toEqual({ 'callcenter-qc-7@1.0.0': early, 'callcenter-qc-7@1.1.0': evs.length - early });
    // Overlapping versions are a usage error.
    const r2 = callqa(['score', '-r', RUBRIC, '-r', b, calls]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('overlap');
  });

  it('exits 2 for usage errors, before writing anything', () => {
    const out = join(dir, 'never.ndjson');
    expect(callqa(['score', '-r', RUBRIC, calls, '-o', out, '--fields', 'id,scroe']).code).toBe(2);
    expect(callqa(['score', '-r', join(dir, 'bad.json'), calls, '-o', out]).code).toBe(2);
    expect(callqa(['score', '-r', RUBRIC, join(dir, 'missing.ndjson'), '-o', out]).code).toBe(2);
    expect(callqa(['score', calls]).code).toBe(2);
    expect(callqa(['score', '-r', RUBRIC, calls, '--workers', '0']).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves no output when interrupted', async () => {
    const big = join(dir, 'big.ndjson');
    expect(callqa(['generate', '--agents', '50', '--calls', '40000', '--seed', '3', '--no-transcripts', '-o', big]).code).toBe(0);
    const out = join(dir, 'interrupted.ndjson');
    const child = callqaAsync(['score', '-r', RUBRIC, big, '-o', out, '--errors', join(dir, 'interrupted.errors.ndjson'), '--workers', '1'], dir);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until the temp output has data: the run is mid-way.
    for (let i = 0; i < 400; i++) {
      const tmp = readdirSync(dir).find((f) => f.startsWith('.interrupted.ndjson.') && f.endsWith('.tmp'));
      if (tmp && readFileSync(join(dir, tmp)).length > 100_000) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('callqa compare', () => {
  it('reports deltas, grade migration, agents and items', () => {
    const { a, b } = writeVersions(dir);
    const deltas = join(dir, 'deltas.ndjson');
    const r = callqa(['compare', '-r', a, '-r', b, calls, '-o', deltas, '--json', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ read: 1000, compared: 1000, rejected: 0 });
    const d = readNdjson(deltas);
    expect(d).toHaveLength(1000);
    expect(d.every((x) => Math.abs((x['b'] as number) - (x['a'] as number) - (x['delta'] as number)) < 1e-9)).toBe(true);
    const total = Object.values(rep.grades.matrix as Record<string, Record<string, number>>).reduce((t, row) => t + Object.values(row).reduce((u, c) => u + c, 0), 0);
    expect(total).toBe(1000);
    expect(rep.delta.histogram.reduce((t: number, h: { count: number }) => t + h.count, 0)).toBe(1000);
    expect(rep.delta.up + rep.delta.down + rep.delta.unchanged).toBe(1000);
    expect(rep.items[0].itemId).toBe('smile');
    expect(rep.delta.max).toBe(0);
    const mean = d.reduce((t, x) => t + (x['delta'] as number), 0) / d.length;
    expect(rep.delta.mean).toBeCloseTo(mean, 3);
    expect(rep.agents).toHaveLength(12);
    // The table form names every part.
    const t = callqa(['compare', '-r', a, '-r', b, calls, '-q']);
    for (const h of ['Score change', 'Grade migration', 'Agents whose grade', 'Per-agent mean change', 'Items driving the change']) expect(t.stdout).toContain(h);
  });
  it('needs exactly two rubrics', () => {
    expect(callqa(['compare', '-r', RUBRIC, calls]).code).toBe(2);
  });
});
