/**
 * `callqa calibrate` streams a month of scores and calibrates the calls rated
 * by several evaluators: its report must be `calibrate()` of exactly those
 * ratings; every output form of `callqa score` is read; records of the wrong
 * kind end in one error with a count.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUBRIC, callqa, ensureCli, tempDir } from '../../../test/cli/helpers.js';
import { type CalibrationRating, calibrate } from '../../calibration/index.js';
import { readRatings } from './calibrate.js';
import { UnitCounter } from './calibrate-stream.js';

let dir: string;
let evals: string;
let full: string;
let compact: string;

/** Every 10th call scored again by "lead" (5 points higher, its first yes/no item flipped) and "wang" (2 lower). */
function panel(lines: readonly string[]): string[] {
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(l);
    if (i % 10 !== 0) return;
    const s = JSON.parse(l) as { evaluatorId: string; score: number; items?: { kind: string; answer: unknown }[] };
    const flip = s.items?.find((it) => it.kind === 'yes-no' && typeof it.answer === 'boolean');
    out.push(JSON.stringify({ ...s, evaluatorId: 'wang', score: s.score - 2 }));
    if (flip) flip.answer = !flip.answer;
    out.push(JSON.stringify({ ...s, evaluatorId: 'lead', score: s.score + 5 }));
  });
  return out;
}
const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean);

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  evals = join(dir, 'evals.ndjson');
  full = join(dir, 'full.ndjson');
  compact = join(dir, 'compact.ndjson');
  expect(callqa(['generate', '--agents', '8', '--calls', '300', '--seed', '3', '--no-transcripts', '-o', evals]).code).toBe(0);
  expect(callqa(['score', '-r', RUBRIC, evals, '-o', full, '--full', '-q']).code).toBe(0);
  expect(callqa(['score', '-r', RUBRIC, evals, '-o', compact, '-q']).code).toBe(0);
  writeFileSync(join(dir, 'month.ndjson'), `${panel(lines(compact)).join('\n')}\n`);
}, 60_000);

/** The in-memory reference: calibrate() of the ratings of calls rated at least twice, in input order. */
async function reference(file: string): Promise<unknown> {
  const { ratings } = await readRatings(file, [], 'auto');
  const per = new Map<string, number>();
  const key = (r: CalibrationRating): string => `${r.sessionId ?? ''}\u0000${r.callId}`;
  for (const r of ratings) per.set(key(r), (per.get(key(r)) ?? 0) + 1);
  return JSON.parse(JSON.stringify(calibrate(ratings.filter((r) => (per.get(key(r)) as number) >= 2), { expertId: 'lead' })));
}

describe('callqa calibrate (streamed)', () => {
  it('on --full scores: the report of calibrate() on the double-scored calls, items included', async () => {
    const file = join(dir, 'month-full.ndjson');
    writeFileSync(file, `${panel(lines(full)).join('\n')}\n`);
    const r = callqa(['calibrate', file, '--expert', 'lead', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { calls: unknown[]; items: unknown[]; evaluators: { evaluatorId: string; meanBias: number }[] };
    // Calls 0, 10, …, 290: 30 calls with 3 ratings each; the other 270 are set aside.
    expect(report.calls).toHaveLength(30);
    expect(r.stderr).toContain('30 call(s) rated by 2 or more evaluators; 270 call(s) rated by fewer set aside');
    expect(report.items.length).toBeGreaterThan(0);
    // wang is 2 below the original score and lead 5 above: −7 against the expert on every call.
    expect(report.evaluators.find((e) => e.evaluatorId === 'wang')?.meanBias).toBeCloseTo(-7, 9);
    expect(report).toEqual(await reference(file));
  }, 20_000);

  it('on compact scores (NDJSON and stdin): totals only, the same report', async () => {
    const file = join(dir, 'month.ndjson');
    const text = readFileSync(file, 'utf8');
    const ref = await reference(file);
    const out = callqa(['calibrate', file, '--expert', 'lead', '--json']).stdout;
    expect(JSON.parse(out)).toEqual(ref);
    expect((ref as { items: unknown[] }).items).toEqual([]);
    expect(callqa(['calibrate', '-', '--expert', 'lead', '--json'], { input: text }).stdout).toBe(out);
  }, 20_000);

  it('on compact CSV scores: the same calls', async () => {
    const ref = await reference(join(dir, 'month.ndjson'));
    const csv = join(dir, 'month.csv');
    expect(callqa(['score', '-r', RUBRIC, evals, '-o', csv, '-q']).code).toBe(0);
    const [header, ...rows] = lines(csv);
    const cols = (header as string).split(',');
    const at = (name: string): number => cols.indexOf(name);
    const extra = rows.flatMap((row, i) => {
      if (i % 10 !== 0) return [];
      const cells = row.split(',');
      const again = (who: string, d: number): string => cells.map((c, k) => (k === at('evaluatorId') ? who : k === at('score') ? String(Number(c) + d) : c)).join(',');
      return [row, again('wang', -2), again('lead', 5)];
    });
    writeFileSync(csv, `${header}\n${[...rows.filter((_, i) => i % 10 !== 0), ...extra].join('\n')}\n`);
    const fromCsv = JSON.parse(callqa(['calibrate', csv, '--expert', 'lead', '--json']).stdout) as { calls: { callId: string; range: number }[] };
    // The same 30 calls, each spanning −2 … +5 around the original: range 7.
    expect(fromCsv.calls.map((c) => c.callId)).toEqual((ref as { calls: { callId: string }[] }).calls.map((c) => c.callId));
    expect(new Set(fromCsv.calls.map((c) => Math.round(c.range * 100) / 100))).toEqual(new Set([7]));
  }, 30_000);

  it('one error with a count: evaluations without --rubric, or no call rated twice', () => {
    const noRubric = callqa(['calibrate', evals]);
    expect(noRubric.code).toBe(2);
    expect(noRubric.stderr).toContain('none of the 300 record(s) is a calibration rating');
    expect(noRubric.stderr.split('\n').filter((l) => l.includes('(needs_rubric)'))).toHaveLength(3);
    const single = callqa(['calibrate', compact]);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('no call is rated by 2 or more evaluators (300 rating(s) of 300 call(s) read)');
  }, 20_000);
});

describe('UnitCounter', () => {
  it('counts like a Map, through growth and colliding slots', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 20 }).map((x) => x * 4096), { maxLength: 3000 }), (keys) => {
        // Multiples of 4096 share their low 12 bits: they all start in one slot of the first table.
        const c = new UnitCounter();
        const m = new Map<number, number>();
        for (const k of keys) {
          c.add(k);
          m.set(k || 1, (m.get(k || 1) ?? 0) + 1);
        }
        for (const [k, n] of m) expect(c.get(k)).toBe(n);
        expect(c.get(2 ** 40 + 3)).toBe(0);
      }),
      { numRuns: 20 },
    );
  });
});
