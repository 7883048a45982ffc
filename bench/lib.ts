/**
 * Shared bench helpers: smoke mode, tinybench runs reduced to ops/s, and
 * Markdown tables. Every bench script prints one Markdown section on stdout;
 * bench/run.ts collects them into bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { loadRubric } from '../src/rubric/load.js';
import type { Rubric } from '../src/rubric/compiled.js';

/** BENCH_SMOKE=1: tiny inputs and a few iterations, to check the scripts still run. */
export const SMOKE = process.env['BENCH_SMOKE'] === '1';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Rubric (a): the bundled seven-section scorecard. */
export function rubricA(): { json: unknown; rubric: Rubric } {
  const json: unknown = JSON.parse(readFileSync(join(ROOT, 'rubrics', 'callcenter-qc-7.zh-CN.json'), 'utf8'));
  return { json, rubric: loadRubric(json) };
}

/** Runs tasks and returns ops/s (calls of the task function per second) by name, in order. */
export async function measure(tasks: readonly [string, () => unknown][], timeMs = 1000): Promise<{ name: string; hz: number; rme: number }[]> {
  const bench = new Bench({ time: SMOKE ? 20 : timeMs, iterations: SMOKE ? 2 : 64, warmupTime: SMOKE ? 5 : 200 });
  for (const [name, fn] of tasks) bench.add(name, fn);
  await bench.run();
  return bench.tasks.map((t) => {
    const r = t.result as { state?: string; period?: number; latency?: { rme?: number }; error?: unknown };
    if (r.state === 'errored') throw r.error instanceof Error ? r.error : new Error(`${t.name} failed`);
    return { name: t.name, hz: r.period ? 1000 / r.period : 0, rme: r.latency?.rme ?? 0 };
  });
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** 12,345 / 1.23 M style. */
export function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A pass/miss mark for a target. */
export function target(ok: boolean): string {
  return ok ? '✅ met' : '❌ missed';
}

/** GNU time, when the machine has it: CPU time and peak RSS of a child process. */
export const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One `node …` process as measured by {@link timeNode}. */
export interface TimedProcess {
  readonly seconds: number;
  /** User + system CPU seconds (all threads); null without /usr/bin/time. */
  readonly cpu: number | null;
  readonly rssMb: number | null;
  /** The node process's exit status (through /usr/bin/time's report), null when killed. */
  readonly status: number | null;
  /** Set when the process was killed by a signal. */
  readonly signal: string | null;
  readonly stderr: string;
  readonly error: Error | undefined;
}

/**
 * Runs `node args` once (under `/usr/bin/time -v` when present) and measures
 * its wall time, CPU time and peak RSS; the one process timer of the benches.
 */
export function timeNode(args: readonly string[], options: { readonly stdout?: 'ignore' | 'pipe'; readonly timeoutMs?: number } = {}): TimedProcess {
  const t0 = performance.now();
  const r = spawnSync(TIME ?? process.execPath, TIME ? ['-v', process.execPath, ...args] : [...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  const err = r.stderr ?? '';
  const num = (re: RegExp): number | null => {
    const m = re.exec(err);
    return m ? Number(m[1]) : null;
  };
  const user = num(/User time \(seconds\): ([\d.]+)/);
  const sys = num(/System time \(seconds\): ([\d.]+)/);
  const rss = num(/Maximum resident set size \(kbytes\): (\d+)/);
  const sig = /Command terminated by signal (\d+)/.exec(err);
  const exit = num(/Exit status: (\d+)/);
  return {
    seconds,
    cpu: user !== null && sys !== null ? user + sys : null,
    rssMb: rss === null ? null : rss / 1024,
    status: TIME ? (sig ? null : exit) : r.status,
    signal: sig ? `signal ${sig[1]}` : r.signal,
    stderr: err,
    error: r.error,
  };
}
