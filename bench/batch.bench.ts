/**
 * Batch throughput: `callqa score` over generated NDJSON (300,000 records by
 * default; BENCH_RECORDS to change) against the JSON floor (bench/json-floor.mjs:
 * read 4 MB chunks, JSON.parse each line, write a compact result — the least any
 * JSON pipeline in Node does), with the older baseline (parse + re-serialise the
 * whole record) kept for comparison; 1 worker against 2, beside the machine's own
 * bound on that speed-up; measures on against off (the same records, timed
 * transcripts, scored with the seed rubric and with a copy whose measure rules
 * are removed); peak RSS of each run. Every command runs in interleaved rounds
 * and the best of each counts. The input is generated once into bench/out/
 * (gitignored) and reused.
 *
 * Run alone: `npx tsx bench/batch.bench.ts` (prints Markdown).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { CLI, buildCli } from '../test/cli/build.js';
import { ROOT, SMOKE, TIME, fmt, table, target, timeNode } from './lib.js';

const RECORDS = SMOKE ? 500 : Number(process.env['BENCH_RECORDS'] ?? 300_000);
const OUT = join(ROOT, 'bench', 'out');
mkdirSync(OUT, { recursive: true });
await buildCli();


interface RunResult {
  seconds: number;
  /** User + system CPU seconds of the process (all threads). */
  cpu: number | null;
  rssMb: number | null;
}

/** Runs node with args once, measuring wall time and (with /usr/bin/time -v) CPU time and peak RSS. */
function runOnce(args: string[]): RunResult {
  const r = timeNode(args);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.slice(-2000)}`);
  return { seconds: r.seconds, cpu: r.cpu, rssMb: r.rssMb };
}

/** Best (fastest) of the runs — the machine is shared, so the minimum is the least disturbed — with the largest RSS seen. */
function best(runs: readonly RunResult[]): RunResult {
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const rss = runs.map((r) => r.rssMb ?? 0);
  return { ...fastest, rssMb: fastest.rssMb === null ? null : Math.max(...rss) };
}

/**
 * Each command `rounds` times, interleaved (a, b, c, a, b, c, …) so that a
 * disturbance of the machine falls on all of them alike; `after` runs after
 * each run of a command (e.g. to delete its output and free the page cache).
 */
function interleaved(commands: readonly { args: string[]; after?: () => void }[], rounds: number): RunResult[] {
  const runs: RunResult[][] = commands.map(() => []);
  for (let r = 0; r < rounds; r++) {
    commands.forEach((c, i) => {
      runs[i]!.push(runOnce(c.args));
      c.after?.();
    });
  }
  return runs.map(best);
}

function shaSync(file: string): string {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

const rubric = join(ROOT, 'rubrics', 'callcenter-qc-7.zh-CN.json');
// "timed": generated since `callqa generate` writes timed transcripts (an older cached file would not be).
const input = join(OUT, `calls-timed-${RECORDS}.ndjson`);
// Measures off: the same rubric without its measure rules; those items become optional, so a record
// the measures would have decided leaves them N/A — the same records, scored without measuring anything.
const offRubric = join(OUT, 'callcenter-qc-7.no-measures.json');
{
  const def = JSON.parse(readFileSync(rubric, 'utf8')) as { $schema?: string; sections: { items: Record<string, unknown>[] }[] };
  delete def.$schema;
  for (const s of def.sections) for (const it of s.items) if ('measure' in it) {
    delete it['measure'];
    it['required'] = false;
  }
  writeFileSync(offRubric, JSON.stringify(def));
}
let generated: RunResult | null = null;
if (!existsSync(input)) {
  generated = runOnce([CLI, 'generate', '--agents', '500', '--calls', String(RECORDS), '--seed', '1', '-o', input]);
}
const size = statSync(input).size;

// Diagnostic: the first SMALL records alone, to split each run into a fixed cost (start-up, the JIT's
// warm-up) and a cost per record (what the extra records cost: the steady state).
const SMALL = Math.max(1, Math.min(5000, Math.floor(RECORDS / 10)));
const head = join(OUT, `calls-timed-${RECORDS}.head-${SMALL}.ndjson`);
{
  const fd = openSync(input, 'r');
  const buf = Buffer.allocUnsafe(Math.min(size, SMALL * 8192));
  const got = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  let end = 0;
  for (let i = 0; i < SMALL && end < got; i++) end = buf.indexOf(10, end) + 1 || got;
  writeFileSync(head, buf.subarray(0, end));
}
const smallOut = join(OUT, 'small.ndjson');

const out1 = join(OUT, 'scores-w1.ndjson');
const out2 = join(OUT, 'scores-w2.ndjson');
const outOff = join(OUT, 'scores-off.ndjson');
const floorOut = join(OUT, 'floor.ndjson');
const baseOut = join(OUT, 'baseline.ndjson');
let identical = true;
let outSize = 0;
const ROUNDS = SMOKE ? 1 : 3;
const load0 = loadavg()[0] ?? 0;
const [floor, base, w1, w2, off, floorSmall, w1Small] = interleaved(
  [
    { args: [join(ROOT, 'bench', 'json-floor.mjs'), input, floorOut], after: () => rmSync(floorOut, { force: true }) },
    { args: [join(ROOT, 'bench', 'baseline.mjs'), input, baseOut], after: () => rmSync(baseOut, { force: true }) },
    { args: [CLI, 'score', '-r', rubric, input, '-o', out1, '--workers', '1', '-q'] },
    {
      args: [CLI, 'score', '-r', rubric, input, '-o', out2, '--workers', '2', '-q'],
      // Every round: the two outputs compared, then deleted.
      after: () => {
        outSize = statSync(out1).size;
        identical &&= shaSync(out1) === shaSync(out2);
        for (const f of [out1, out2]) rmSync(f, { force: true });
      },
    },
    { args: [CLI, 'score', '-r', offRubric, input, '-o', outOff, '--workers', '1', '-q'], after: () => rmSync(outOff, { force: true }) },
    { args: [join(ROOT, 'bench', 'json-floor.mjs'), head, smallOut], after: () => rmSync(smallOut, { force: true }) },
    { args: [CLI, 'score', '-r', rubric, head, '-o', smallOut, '--workers', '1', '-q'], after: () => rmSync(smallOut, { force: true }) },
  ],
  ROUNDS,
) as [RunResult, RunResult, RunResult, RunResult, RunResult, RunResult, RunResult];
rmSync(head, { force: true });
const measuresCost = w1.seconds / off.seconds;
const load1 = loadavg()[0] ?? 0;

const help = runOnce([CLI, '--help']);
const rate = (r: RunResult, n = RECORDS): string => fmt(n / r.seconds);
const cpuS = (r: RunResult): string => (r.cpu === null ? 'n/a' : fmt(r.cpu, 1));
const mb = (r: RunResult): string => (r.rssMb === null ? 'n/a' : fmt(r.rssMb));
const vsFloor = (r: RunResult): string => `${fmt(r.seconds / floor.seconds, 2)}×`;
// CPU time is less disturbed than wall time by other processes on a shared machine: shown beside it.
const cpuRatio = (a: RunResult, b: RunResult): number | null => (a.cpu === null || b.cpu === null ? null : a.cpu / b.cpu);
const cpuVsFloor = (r: RunResult): string => {
  const x = cpuRatio(r, floor);
  return x === null ? 'n/a' : `${fmt(x, 2)}×`;
};
const cpuNote = (x: number | null): string => (x === null ? '' : ` (CPU time: ${fmt(x, 2)}×)`);
const slowdown = w1.seconds / floor.seconds;
const speedup = w1.seconds / w2.seconds;
// On 2 cores, 2 workers can at best do twice the 1-worker run's CPU work in the time the cores allow:
// the 1-worker run already keeps cpu/wall cores busy (worker + main thread + GC helpers).
// Past 2 the formula says other processes held the cores during the 1-worker run: the bound is unknown, shown capped.
const rawBound = w1.cpu === null ? null : (2 * w1.seconds) / w1.cpu;
const bound = rawBound === null ? null : Math.min(2, rawBound);
const speedupMet = speedup >= 1.8;
const peak = Math.max(w1.rssMb ?? 0, w2.rssMb ?? 0);

const outLines: string[] = [];
outLines.push('## Batch recalculation (`callqa score`)');
outLines.push('');
outLines.push(
  `${fmt(RECORDS)} generated evaluations with Chinese transcripts (${fmt(size / 1024 / 1024)} MB of NDJSON, ` +
    `${fmt(size / RECORDS)} bytes a record; ${fmt(outSize / 1024 / 1024)} MB of compact scores out). ` +
    `Wall time of the whole process, as a user runs it (\`callqa score …\`, the shipped bin dist/bin/callqa.cjs); peak RSS by ${TIME ? '`/usr/bin/time -v`' : '(not available)'}. ` +
    `Load average (1 min) before / after: ${fmt(load0, 2)} / ${fmt(load1, 2)} on ${fmt(cpus().length)} logical cores — past the core count, other processes share the CPUs and wall times (and their ratios) are inflated; CPU times are less so.` +
    (generated ? ` Generating the input took ${fmt(generated.seconds, 1)} s.` : ''),
);
outLines.push('');
outLines.push(
  table(
    ['run', `wall s (best of ${ROUNDS}, interleaved)`, 'records/s', 'CPU s (all threads)', 'peak RSS (MB)', 'wall vs JSON floor', 'CPU vs JSON floor'],
    [
      ['JSON floor (baseline): read 4 MB chunks, JSON.parse each line, write a compact result', fmt(floor.seconds, 1), rate(floor), cpuS(floor), mb(floor), '1.00×', '1.00×'],
      ['older baseline, for comparison: parse + re-serialise the whole record', fmt(base.seconds, 1), rate(base), cpuS(base), mb(base), vsFloor(base), cpuVsFloor(base)],
      ['callqa score, 1 worker', fmt(w1.seconds, 1), rate(w1), cpuS(w1), mb(w1), vsFloor(w1), cpuVsFloor(w1)],
      ['callqa score, 2 workers', fmt(w2.seconds, 1), rate(w2), cpuS(w2), mb(w2), vsFloor(w2), cpuVsFloor(w2)],
      ['callqa score, 1 worker, measures off (rubric without measure rules)', fmt(off.seconds, 1), rate(off), cpuS(off), mb(off), vsFloor(off), cpuVsFloor(off)],
      ['`callqa --help` (startup only)', fmt(help.seconds, 2), '–', cpuS(help), mb(help), '–', '–'],
      [`diagnostic: JSON floor, the first ${fmt(SMALL)} records`, fmt(floorSmall.seconds, 2), rate(floorSmall, SMALL), cpuS(floorSmall), mb(floorSmall), '–', '–'],
      [`diagnostic: callqa score, 1 worker, the first ${fmt(SMALL)} records`, fmt(w1Small.seconds, 2), rate(w1Small, SMALL), cpuS(w1Small), mb(w1Small), '–', '–'],
    ],
  ),
);
// Each run as a fixed cost plus a cost per record: the small run is the fixed cost (and SMALL records), the rest is per record.
const perRecord = (big: RunResult, small: RunResult): number => (1e6 * (big.seconds - small.seconds)) / (RECORDS - SMALL);
const floorUs = perRecord(floor, floorSmall);
const w1Us = perRecord(w1, w1Small);
outLines.push('');
outLines.push(
  `Split (wall time, a line through the two input sizes): per record beyond the first ${fmt(SMALL)}, the JSON floor ${fmt(floorUs, 1)} µs and callqa with 1 worker ${fmt(w1Us, 1)} µs ` +
    `(${fmt(w1Us / floorUs, 2)}×: the steady state); the fixed cost of a run (start-up, the JIT's warm-up, ${fmt(SMALL)} records) ${fmt(floorSmall.seconds, 2)} s against ${fmt(w1Small.seconds, 2)} s. ` +
    `The 1-worker ratio on ${fmt(RECORDS)} records mixes the two; on a larger file it tends to the steady-state ratio.`,
);
outLines.push('');
outLines.push(
  table(
    ['target', 'measured', 'result'],
    [
      ['1 worker ≤ 1.5× the JSON floor’s wall time', `${fmt(slowdown, 2)}×${cpuNote(cpuRatio(w1, floor))}`, target(slowdown <= 1.5)],
      [
        '2 workers ≥ 1.8× the speed of 1, where the machine’s bound (2 × wall / CPU of the 1-worker run) allows',
        `${fmt(speedup, 2)}× (machine bound ${bound === null ? 'n/a' : `${fmt(bound, 2)}×`}${rawBound !== null && rawBound > 2 ? ': the 1-worker run waited for the CPU, so this run cannot tell' : ''})`,
        speedupMet ? target(true) : bound !== null && bound < 1.8 ? `${target(false)} (the bound is below 1.8×: ${fmt((100 * speedup) / bound)} % of it reached)` : target(false),
      ],
      ['measures on ≤ 1.15× the time with measures off (1 worker, same records)', `${fmt(measuresCost, 2)}×${cpuNote(cpuRatio(w1, off))}`, target(measuresCost <= 1.15)],
      ['peak RSS ≤ 200 MB', `${fmt(peak)} MB`, target(peak > 0 && peak <= 200)],
      ['output with 2 workers byte-identical to 1', identical ? 'identical' : 'DIFFERENT', target(identical)],
    ],
  ),
);
outLines.push('');
outLines.push(
  'The JSON floor does no scoring and no validation and runs in one thread: it is the least any JSON pipeline in Node costs, ' +
    'so the 1-worker ratio is what validation, exact arithmetic, phrase matching over the transcript and the worker pipeline add to it. ' +
    'The older baseline re-serialises the whole record (transcript included), which costs more than callqa’s compact output. ' +
    'Scoring runs in worker threads (heap-capped, so their memory stays flat). The main thread reads the ' +
    'file straight into 4 MB batch buffers in shared memory, cut at the 1,000th line end, which a worker reads in place (no copy, no transfer); ' +
    'workers decode and score a line at a time and transfer their output back as bytes; the main thread writes it in order and refills the buffer. ' +
    'On 2 cores, whatever is not on a scoring thread (reading, writing, the garbage collector’s helper threads) shares the CPUs with the two ' +
    'workers: the speed-up is bounded by 2 × (1-worker wall s) / (1-worker CPU s). Where the time goes (a profile of a 1-worker run) is in docs/batch.md, “Speed”. ' +
    'Peak RSS includes what every `callqa` process loads at startup (the `--help` row).',
);
if (SMOKE) rmSync(input, { force: true });
console.log(outLines.join('\n'));
