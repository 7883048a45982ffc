/**
 * `callqa assess` reads what `callqa generate` and `callqa score` write —
 * compact and full NDJSON, CSV, gzip, stdin — through the CLI's one record
 * reader, streams the calls into startAssessment, and prints exactly what
 * assessAgents gives on the same calls (the JSON compared byte for byte).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessAgents, loadPlan, metricsFromRows, type CallInput } from '../../src/assessment/index.js';
import { ROOT, RUBRIC, callqa, ensureCli, tempDir } from '../cli/helpers.js';

const PLAN = join(ROOT, 'rubrics', 'monthly-assessment.zh-CN.json');
const dir = tempDir();
const f = (name: string): string => join(dir, name);

beforeAll(async () => {
  await ensureCli();
  // A small centre: 8 agents, 400 evaluations in October, and their KPIs.
  const g = callqa(['generate', '--agents', '8', '--calls', '400', '--seed', '2026', '--no-transcripts', '-o', f('evals.ndjson'), '--kpis', f('kpis.csv')]);
  expect(g.code, g.stderr).toBe(0);
  for (const [args, out] of [
    [[], 'scored.ndjson'],
    [['--full'], 'full.ndjson'],
    [['--format', 'csv'], 'scored.csv'],
    [[], 'scored.ndjson.gz'],
  ] as const) {
    const s = callqa(['score', '-r', RUBRIC, f('evals.ndjson'), '-o', f(out), '-q', ...args]);
    expect(s.code, s.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the API gives on the same files, as the CLI prints it with --json. */
function viaApi(): string {
  const calls = readFileSync(f('scored.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as CallInput);
  const rows = parseCsv(readFileSync(f('kpis.csv'), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const { metrics, issues: rowIssues } = metricsFromRows(rows, '2026-10');
  const team: Record<string, string> = {};
  for (const m of metrics) if (typeof m['team'] === 'string') team[m.agentId] = m['team'];
  const plan = loadPlan(JSON.parse(readFileSync(PLAN, 'utf8')));
  const result = assessAgents(plan, { period: '2026-10', calls, metrics, ...(Object.keys(team).length > 0 ? { team } : {}) });
  return `${JSON.stringify({ ...result, rowIssues }, null, 2)}\n`;
}

const assess = (calls: string, extra: readonly string[] = [], input?: string) =>
  callqa(['assess', '--plan', PLAN, '--calls', calls, '--metrics', f('kpis.csv'), '--period', '2026-10', '--json', ...extra], input === undefined ? {} : { input });

describe('callqa assess --calls', () => {
  it('prints, from compact score output, exactly what assessAgents gives', () => {
    const api = viaApi();
    const parsed = JSON.parse(api) as { usage: { calls: { received: number; used: number } } };
    // Every one of the 400 generated evaluations is scored and used.
    expect(parsed.usage.calls).toMatchObject({ received: 400, used: 400 });
    const r = assess(f('scored.ndjson'));
    expect(r.stdout).toBe(api);
  });

  it('reads --full output and gzip to the same result', () => {
    const api = viaApi();
    expect(assess(f('full.ndjson')).stdout).toBe(api);
    expect(assess(f('scored.ndjson.gz')).stdout).toBe(api);
  });

  it('reads stdin and CSV to the same result', () => {
    const api = viaApi();
    expect(assess('-', [], readFileSync(f('scored.ndjson'), 'utf8')).stdout).toBe(api);
    // CSV has the score to two decimals as written, the rubric as rubricId: the same calls.
    expect(assess(f('scored.csv')).stdout).toBe(api);
  });

  it('reports an unreadable line with its line number and goes on (exit 1)', () => {
    const lines = readFileSync(f('scored.ndjson'), 'utf8').split('\n');
    lines.splice(1, 0, '{oops');
    const r = assess('-', [], lines.join('\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/-:2\b.*invalid_json/);
    expect((JSON.parse(r.stdout) as { usage: { calls: { used: number } } }).usage.calls.used).toBe(400);
  });
});
