/**
 * Running the built CLI as a user would: `node <build>/callqa.cjs …` (the shipped bin, see
 * tsup.config.ts `binBuild`) in a temp dir.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, buildCli } from './build.js';

export { CLI, ROOT };
/** The bundled rubric. */
export const RUBRIC = join(ROOT, 'rubrics', 'callcenter-qc-7.zh-CN.json');

/** Builds the CLI when the globalSetup did not (or sources changed). */
export async function ensureCli(): Promise<void> {
  await buildCli();
}

/** A fresh temp dir. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'callqa-cli-'));
}

/** The result of a run. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI synchronously; `stdout` names a file (such as /dev/full) to write standard output to instead of a pipe. */
export function callqa(args: readonly string[], options: { cwd?: string; input?: string | Buffer; stdout?: string } = {}): Run {
  const fd = options.stdout === undefined ? null : openSync(options.stdout, 'w');
  try {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      input: options.input,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, FORCE_COLOR: '0' },
      ...(fd === null ? {} : { stdio: ['pipe', fd, 'pipe'] as const }),
    });
    return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Runs the CLI asynchronously (for signals). */
export function callqaAsync(args: readonly string[], cwd: string): ReturnType<typeof spawn> {
  return spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The small month the chained commands read, written into `dir`: `generate`
 * (6 agents, 300 calls, seed 11) to evals.ndjson and kpis.csv, then `score`
 * to the compact scores.ndjson. Fails the calling hook if a step fails.
 */
export function writeMonth(dir: string): { evals: string; kpis: string; scores: string } {
  const m = { evals: join(dir, 'evals.ndjson'), kpis: join(dir, 'kpis.csv'), scores: join(dir, 'scores.ndjson') };
  for (const args of [
    ['generate', '--agents', '6', '--calls', '300', '--seed', '11', '-o', m.evals, '--kpis', m.kpis],
    ['score', '-q', '-r', RUBRIC, m.evals, '-o', m.scores],
  ]) {
    const r = callqa(args);
    if (r.code !== 0) throw new Error(`callqa ${args[0]} failed (${r.code}): ${r.stderr}`);
  }
  return m;
}

/** Reads NDJSON. */
export function readNdjson(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * Writes two dated versions of the bundled rubric (A until 2026-10-14, B from
 * 2026-10-15 with heavier penalties, a lighter smile item and moved grade
 * bands) and returns their paths.
 */
export function writeVersions(dir: string): { a: string; b: string } {
  const base = JSON.parse(readFileSync(RUBRIC, 'utf8')) as {
    version: string;
    effectiveFrom?: string;
    effectiveTo?: string;
    sections: { items: { id: string; points?: number; perOccurrence?: number; maxDeduction?: number }[] }[];
    grades: { range: string }[];
  };
  const a = structuredClone(base);
  a.effectiveTo = '2026-10-14';
  const b = structuredClone(base);
  b.version = '1.1.0';
  b.effectiveFrom = '2026-10-15';
  for (const s of b.sections) {
    for (const it of s.items) {
      if (it.id === 'forbidden' || it.id === 'fillers') {
        it.perOccurrence = 3;
        it.maxDeduction = 6;
      }
      if (it.id === 'smile') it.points = 2;
    }
  }
  (b.grades[1] as { range: string }).range = '[85, 90)';
  (b.grades[2] as { range: string }).range = '[60, 85)';
  const pa = join(dir, 'a.json');
  const pb = join(dir, 'b.json');
  writeFileSync(pa, JSON.stringify(a, null, 2));
  writeFileSync(pb, JSON.stringify(b, null, 2));
  return { a: pa, b: pb };
}
