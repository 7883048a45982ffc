/**
 * The commands chained as a user runs a month: `generate → score → alerts /
 * problems / assess / report`, each reading what the one before wrote,
 * through the built CLI. The figures are recomputed here from the score file
 * itself (agents, calls, one agent's mean), and the streamed commands' JSON is
 * compared with the library functions on the same records.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { watchCentre } from '../../src/early-warning/index.js';
import { analyzeProblems } from '../../src/problems/index.js';
import { loadRubric } from '../../src/rubric/index.js';
import type { CallScore } from '../../src/scoring/types.js';
import { RUBRIC, ROOT, callqa, ensureCli, readNdjson, tempDir, writeMonth } from './helpers.js';

const PLAN = join(ROOT, 'rubrics', 'monthly-assessment.zh-CN.json');
let dir: string;
const f = (name: string): string => join(dir, name);
/** The compact score records, as written by `callqa score`. */
let scores: { id: string; agentId: string; date: string; score: number }[];

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  writeMonth(dir);
  const steps = [
    ['score', '-q', '-r', RUBRIC, f('evals.ndjson'), '-o', f('scores.csv')],
    ['score', '-q', '--full', '-r', RUBRIC, f('evals.ndjson'), '-o', f('full.ndjson')],
  ];
  for (const s of steps) {
    const r = callqa(s);
    expect(r.code, r.stderr).toBe(0);
  }
  scores = readNdjson(f('scores.ndjson')) as typeof scores;
});

/** Per agent: calls and the sum of scores in hundredths (the scores have 2 decimals: exact integers). */
function byAgent(): Map<string, { calls: number; cents: number }> {
  const m = new Map<string, { calls: number; cents: number }>();
  for (const s of scores) {
    const a = m.get(s.agentId) ?? { calls: 0, cents: 0 };
    a.calls++;
    a.cents += Math.round(s.score * 100);
    m.set(s.agentId, a);
  }
  return m;
}

describe('score → alerts', () => {
  /** alerts --json on each form of the score output. */
  const alertsOn = (file: string, input?: Buffer): string => {
    const r = callqa(['alerts', '--json', file], input ? { input } : {});
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  it('reads compact NDJSON: 6 agents, 300 calls, each agent\'s count as the score file has', () => {
    const agents = byAgent();
    expect(scores).toHaveLength(300);
    expect(agents.size).toBe(6);
    const json = JSON.parse(alertsOn(f('scores.ndjson'))) as { agents: { agentId: string; calls: number }[]; team: { points: number; removed: number } };
    expect(json.agents).toHaveLength(6);
    for (const a of json.agents) expect(a.calls).toBe(agents.get(a.agentId)?.calls);
    // One month of data: the reference period is all 300 evaluations, kept or set aside.
    expect(json.team.points + json.team.removed).toBe(300);
  });

  it('reads CSV and --full output the same', () => {
    const want = alertsOn(f('scores.ndjson'));
    expect(alertsOn(f('scores.csv'))).toBe(want);
    expect(alertsOn(f('full.ndjson'))).toBe(want);
  });

  it('reads .gz and stdin the same', () => {
    const want = alertsOn(f('scores.ndjson'));
    writeFileSync(f('scores.ndjson.gz'), gzipSync(readFileSync(f('scores.ndjson'))));
    expect(alertsOn(f('scores.ndjson.gz'))).toBe(want);
    expect(alertsOn('-', readFileSync(f('scores.ndjson')))).toBe(want);
  });

  it('is what watchCentre gives on the same records', () => {
    const r = callqa(['alerts', '--json', '--all', f('scores.ndjson')]);
    expect(r.code, r.stderr).toBe(0);
    const cli = JSON.parse(r.stdout) as { team: unknown; referenceTo: string; agents: { agentId: string; calls: number; report?: unknown; alerts?: unknown }[] };
    const lib = watchCentre(scores);
    expect(cli.team).toEqual(JSON.parse(JSON.stringify(lib.team)));
    expect(cli.referenceTo).toBe(lib.referenceTo);
    // The CLI adds the shown alerts (--all: every one) beside each agent's report.
    expect(cli.agents.map(({ alerts: _a, ...rest }) => rest)).toEqual(JSON.parse(JSON.stringify(lib.agents)));
  });

  it('evaluations without a rubric: one line says what was expected, with the count', () => {
    const r = callqa(['alerts', f('evals.ndjson')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('expected `callqa score` output (id, agentId, date, score) or an evaluation with --rubric');
    expect(lines[0]).toContain('and 299 more record(s) for the same reason');
    expect(lines[1]).toBe(`${f('evals.ndjson')}: 300 record(s) rejected`);
  });
});

describe('score → problems', () => {
  const problemsOf = (args: string[]): { text: string; json: unknown } => {
    const r = callqa(['problems', '--json', '-r', RUBRIC, ...args]);
    expect(r.code, r.stderr).toBe(0);
    return { text: r.stdout, json: JSON.parse(r.stdout) };
  };
  const library = (o: Parameters<typeof analyzeProblems>[2] = {}): unknown => {
    const calls = readNdjson(f('full.ndjson')) as unknown as CallScore[];
    const rubric = loadRubric(JSON.parse(readFileSync(RUBRIC, 'utf8')));
    return JSON.parse(JSON.stringify(analyzeProblems(calls, rubric, o)));
  };

  it('--full output: 300 calls, 6 agents, and the library\'s report on the same calls', () => {
    const { json } = problemsOf([f('full.ndjson')]);
    expect(json).toMatchObject({ calls: 300, agents: 6 });
    expect(json).toEqual(library());
  });

  it('the evaluations scored on the fly give the same report as --full output', () => {
    expect(problemsOf([f('evals.ndjson')]).text).toBe(problemsOf([f('full.ndjson')]).text);
  });

  it('with individual problems only (a common one needs 7 agents, there are 6): the coaching lists equal the library\'s', () => {
    const lib = library({ minCommonAgents: 7 }) as { coaching: unknown[]; training: unknown[] };
    expect(lib.training).toEqual([]);
    expect(lib.coaching).toHaveLength(6);
    expect(problemsOf([f('full.ndjson'), '--min-common-agents', '7']).json).toEqual(lib);
  });

  it('compact score output has no items: one line says what is expected, with the count', () => {
    const r = callqa(['problems', '-r', RUBRIC, f('scores.csv')]);
    expect(r.code).toBe(1);
    const err = r.stderr.trim().split('\n');
    expect(err).toHaveLength(2);
    expect(err[0]).toContain('compact `callqa score` output has no items: give `callqa score --full` output or the evaluations with --rubric (no_items) — and 299 more');
  });
});

describe('score → assess and report', () => {
  it('assess takes the compact score file: agent A001\'s QA component is the mean of its scores in that file', () => {
    const r = callqa(['assess', '--json', '--plan', PLAN, '--calls', f('scores.ndjson'), '--metrics', f('kpis.csv'), '--period', '2026-10']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { agents: { agentId: string; components: { id: string; calls?: number; exact: { raw: string } }[] }[] };
    expect(out.agents).toHaveLength(6);
    const a = byAgent().get('A001') as { calls: number; cents: number };
    const qa = out.agents.find((x) => x.agentId === 'A001')?.components.find((c) => c.id === 'qa');
    expect(qa?.calls).toBe(a.calls);
    // mean = cents / (100 · calls), reduced.
    const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
    const g = gcd(a.cents, 100 * a.calls);
    expect(qa?.exact.raw).toBe(`${a.cents / g}/${(100 * a.calls) / g}`);
  });

  it('report reads the --full score file from stdin and writes the page with every agent', () => {
    const out = f('report.html');
    const r = callqa(['report', '-', '-r', RUBRIC, '--plan', PLAN, '--metrics', f('kpis.csv'), '--period', '2026-10', '-o', out, '-q'], { input: readFileSync(f('full.ndjson')) });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    for (const agent of byAgent().keys()) expect(html).toContain(agent);
  });
});
