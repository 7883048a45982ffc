/**
 * The progress bar as a person at a terminal sees it: every command that reads
 * a month of records (`score`, `alerts`, `problems`, `assess`, `sample`,
 * `calibrate`) draws `score`'s bar — percentage of the file's bytes, records,
 * records/s, rejected, ETA — on stderr when stderr is a terminal, and nothing
 * with `--quiet`. The terminal is a real pseudo-terminal from util-linux's
 * `script` (Debian's essential bsdutils package); the bar's escape codes and
 * block characters are stripped before matching.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, RUBRIC, ensureCli, tempDir, writeMonth } from './helpers.js';

const PLAN = join(ROOT, 'rubrics', 'monthly-assessment.zh-CN.json');
let dir: string;
const f = (name: string): string => join(dir, name);
const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/** Runs the CLI with stdout to /dev/null and stderr on a pseudo-terminal; returns what the terminal showed, escape codes removed. */
function onTerminal(args: readonly string[]): { code: number | null; screen: string } {
  const cmd = `${[process.execPath, CLI, ...args].map(quote).join(' ')} > /dev/null`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.error) throw r.error; // no `script` on the machine: fail, never skip
  // eslint-disable-next-line no-control-regex
  const screen = r.stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '').replace(/[█░\r]/g, ' ');
  return { code: r.status, screen };
}

/** The bar's text line: `42% | 1,024 records | 5,000/s | rejected 0 | ETA 1s`. */
const BAR = /\b\d{1,3}% \| [\d,]+ records \| [\d,]+\/s \| rejected \d+ \| ETA/;

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  writeMonth(dir);
  // For calibrate: every 10th call rated again by "lead".
  const month = readFileSync(f('scores.ndjson'), 'utf8').split('\n').filter(Boolean).flatMap((l, i) => (i % 10 === 0 ? [l, JSON.stringify({ ...JSON.parse(l), evaluatorId: 'lead' })] : [l]));
  writeFileSync(f('month.ndjson'), `${month.join('\n')}\n`);
}, 60_000);

const commands: [string, () => string[]][] = [
  ['score', () => ['score', '-r', RUBRIC, f('evals.ndjson'), '-o', f('again.ndjson')]],
  ['alerts', () => ['alerts', f('scores.ndjson')]],
  ['problems', () => ['problems', '-r', RUBRIC, f('evals.ndjson')]],
  ['assess', () => ['assess', '--plan', PLAN, '--calls', f('scores.ndjson'), '--metrics', f('kpis.csv'), '--period', '2026-10']],
  ['sample', () => ['sample', '--seed', '1', '--rate', '0.1', f('scores.ndjson')]],
  ['calibrate', () => ['calibrate', '--expert', 'lead', f('month.ndjson')]],
];

describe('progress bar on a terminal', () => {
  it.each(commands)('%s draws the bar with a percentage, and none with --quiet', (_name, args) => {
    const shown = onTerminal(args());
    expect(shown.code, shown.screen).toBe(0);
    expect(shown.screen).toMatch(BAR);
    const quiet = onTerminal([...args(), '-q']);
    expect(quiet.code, quiet.screen).toBe(0);
    expect(quiet.screen).not.toMatch(/records \|/);
  });
});
