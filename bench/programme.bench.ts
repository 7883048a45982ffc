/**
 * The quality-programme commands at the size of a large centre's month:
 * `alerts`, `calibrate`, `sample` (selection and `--check`) and `assess` on
 * 2,000,000 scored records (BENCH_PROGRAMME_RECORDS to change), `problems` on
 * the evaluations it scores itself; wall time and peak RSS of each process
 * (`/usr/bin/time -v`), one run each, against `callqa score` on the
 * evaluations. Targets: peak RSS ≤ 300 MB, wall ≤ 2× score on as many records.
 *
 * Generating and scoring 2,000,000 evaluations takes longer than this bench
 * may (about 9 minutes on the 2-core machine), so: `callqa generate` writes a
 * slice of SLICE evaluations (200,000, without transcripts), `callqa score`
 * scores it (timed: the reference), and the 2,000,000 compact scores are that
 * output repeated 10 times as whole blocks under new call ids (same agents,
 * dates and scores). Score's wall time at 2,000,000 is its slice time × 10
 * (`score` streams at a steady rate, so it is linear). The calibration file is
 * the same 2,000,000 scores with every 50th call scored again by `lead` (+3)
 * and `wang` (−2). Every command runs with a 2 GB heap cap so that a command
 * that still holds every record fails fast instead of exhausting the shared
 * machine (its row then says so).
 *
 * Run alone: `npx tsx bench/programme.bench.ts` (prints Markdown).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, buildCli } from '../test/cli/build.js';
import { ROOT, SMOKE, TIME, fmt, table, target, timeNode } from './lib.js';

const RECORDS = SMOKE ? 2000 : Number(process.env['BENCH_PROGRAMME_RECORDS'] ?? 2_000_000);
const SLICE = SMOKE ? 200 : Math.min(RECORDS, 200_000);
const COPIES = Math.ceil(RECORDS / SLICE);
const AGENTS = SMOKE ? 10 : 1000;
const HEAP_MB = 2048;
const OUT = join(ROOT, 'bench', 'out');
mkdirSync(OUT, { recursive: true });
await buildCli();


/** One measured process: wall seconds, peak RSS, and how it ended. */
interface Measured {
  seconds: number;
  rssMb: number | null;
  /** null when the command finished (exit 0, or 1: some records rejected). */
  failure: string | null;
}

/** Runs `callqa args` once under /usr/bin/time -v with the heap cap; stdout is discarded. */
function measure(args: readonly string[]): Measured {
  const r = timeNode([`--max-old-space-size=${HEAP_MB}`, CLI, ...args], { stdout: 'ignore', timeoutMs: SMOKE ? 60_000 : 600_000 });
  let failure: string | null = null;
  if (r.error) failure = `did not finish (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
  else if (r.signal || /heap out of memory/i.test(r.stderr)) failure = `out of memory (heap cap ${fmt(HEAP_MB)} MB)`;
  else if (r.status !== 0 && r.status !== 1) failure = `exit ${r.status}: ${r.stderr.split('\n').find((l) => l.startsWith('callqa')) ?? ''}`.trim();
  if (failure && SMOKE) throw new Error(`callqa ${args.join(' ')}: ${failure}\n${r.stderr.slice(-2000)}`);
  return { seconds: r.seconds, rssMb: r.rssMb, failure };
}

/** Lines of a file, written in blocks (the 2,000,000-record files are built from the slice's). */
function writer(file: string): { line: (s: string) => void; close: () => void } {
  const fd = openSync(file, 'w');
  let buf: string[] = [];
  const flush = (): void => {
    if (buf.length > 0) writeSync(fd, `${buf.join('\n')}\n`);
    buf = [];
  };
  return {
    line(s) {
      buf.push(s);
      if (buf.length >= 10_000) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

const rubric = join(ROOT, 'rubrics', 'callcenter-qc-7.zh-CN.json');
const plan = join(ROOT, 'rubrics', 'monthly-assessment.zh-CN.json');
const evals = join(OUT, `programme-evals-${SLICE}.ndjson`);
const kpis = join(OUT, `programme-kpis-${SLICE}.csv`);
const sliceScores = join(OUT, `programme-scores-${SLICE}.ndjson`);
const scores = join(OUT, `programme-scores-${RECORDS}.ndjson`);
const ratings = join(OUT, `programme-calibration-${RECORDS}.ndjson`);
const picked = join(OUT, 'programme-sample.ndjson');

let genSeconds: number | null = null;
if (!existsSync(evals) || !existsSync(kpis)) {
  const g = measure(['generate', '--agents', String(AGENTS), '--calls', String(SLICE), '--seed', '1', '--no-transcripts', '--kpis', kpis, '-o', evals]);
  if (g.failure) throw new Error(`generate: ${g.failure}`);
  genSeconds = g.seconds;
}
const score = measure(['score', '-r', rubric, evals, '-o', sliceScores, '-q']);
if (score.failure) throw new Error(`score: ${score.failure}`);

// The month: the scored slice COPIES times over, as whole blocks under new ids (each record
// repeated in a row instead would give every agent runs of equal scores: moving ranges of 0,
// a σ near 0 and an alarm at every point); every 50th call rated again for calibration.
const t0 = performance.now();
{
  const month = writer(scores);
  const cal = writer(ratings);
  const lines = readFileSync(sliceScores, 'utf8').split('\n').filter((l) => l !== '');
  let n = 0;
  for (let k = 0; k < COPIES && n < RECORDS; k++) {
    for (let j = 0; j < lines.length && n < RECORDS; j++, n++) {
      // `callqa score` writes the id first: {"id":"…", …
      const copy = (lines[j] as string).replace(/^\{"id":"([^"]*)"/, (_, id: string) => `{"id":"${id}-${k}"`);
      month.line(copy);
      cal.line(copy);
      if (n % 50 === 0) {
        const s = JSON.parse(copy) as { score: number };
        cal.line(JSON.stringify({ ...s, evaluatorId: 'lead', score: s.score + 3 }));
        cal.line(JSON.stringify({ ...s, evaluatorId: 'wang', score: s.score - 2 }));
      }
    }
  }
  month.close();
  cal.close();
}
const buildSeconds = (performance.now() - t0) / 1000;

const runs: { name: string; input: string; records: number; ref: number; m: Measured }[] = [];
const run = (name: string, input: string, records: number, ref: number, args: readonly string[]): void => {
  runs.push({ name, input, records, ref, m: measure(args) });
};
const scoreAtMonth = score.seconds * (RECORDS / SLICE);
const ratingsCount = RECORDS + 2 * Math.ceil(RECORDS / 50);
run('`alerts`', 'compact scores', RECORDS, scoreAtMonth, ['alerts', scores, '-q']);
run('`calibrate --expert lead`', 'compact scores + 2% rated again', ratingsCount, scoreAtMonth * (ratingsCount / RECORDS), ['calibrate', ratings, '--expert', 'lead', '-q']);
run('`sample --seed … --rate 0.02 --per-agent-min 5 --stratify agentId`', 'compact scores', RECORDS, scoreAtMonth, ['sample', scores, '--seed', '2026-10', '--rate', '0.02', '--per-agent-min', '5', '--stratify', 'agentId', '-o', picked, '-q']);
run('`sample --check`', 'compact scores (+ the sample)', RECORDS, scoreAtMonth, ['sample', scores, '--check', picked, '-q']);
run('`assess --plan … --period 2026-10`', 'compact scores + KPIs', RECORDS, scoreAtMonth, ['assess', '--plan', plan, '--calls', scores, '--metrics', kpis, '--period', '2026-10']);
run('`problems -r …`', `the ${fmt(SLICE)} evaluations (it scores them)`, SLICE, score.seconds, ['problems', evals, '-r', rubric, '-q']);

const mb = (m: Measured): string => (m.rssMb === null ? 'n/a' : fmt(m.rssMb));
const rows = runs.map(({ name, input, records, ref, m }) => {
  const ratio = m.seconds / ref;
  const rssOk = m.failure === null && m.rssMb !== null && m.rssMb <= 300;
  const wallOk = m.failure === null && ratio <= 2;
  return [name, input, fmt(records), m.failure ?? fmt(m.seconds, 1), mb(m), `${fmt(ratio, 2)}×`, target(rssOk), target(wallOk)];
});
const size = (f: string): string => `${fmt(statSync(f).size / 1024 / 1024)} MB`;

const out: string[] = [];
out.push('## Quality-programme commands at a month’s size');
out.push('');
out.push(
  `${fmt(RECORDS)} compact scores (${size(scores)}; ${fmt(AGENTS)} agents) built from \`callqa score\` output on ${fmt(SLICE)} generated evaluations ` +
    `(no transcripts; ${size(evals)}), the slice repeated ${COPIES}× as whole blocks under new ids — generating and scoring ${fmt(RECORDS)} evaluations would take ` +
    `longer than this bench may. The reference is \`callqa score\` (2 workers) on the ${fmt(SLICE)} evaluations: ${fmt(score.seconds, 1)} s, ` +
    `${mb(score)} MB peak RSS, so ${fmt(scoreAtMonth, 1)} s at ${fmt(RECORDS)} (× ${fmt(RECORDS / SLICE, 1)}, linear: score streams). ` +
    `\`problems\` needs every item's result, which compact scores do not carry: it reads the evaluations and scores them itself, so it runs on the slice ` +
    `against score on the same slice. One run each, wall time of the whole process and peak RSS by ${TIME ? '`/usr/bin/time -v`' : '(not available)'}, ` +
    `heap capped at ${fmt(HEAP_MB)} MB.` +
    (genSeconds !== null ? ` Generating the slice took ${fmt(genSeconds, 1)} s;` : '') +
    ` building the month's files ${fmt(buildSeconds, 1)} s.`,
);
out.push('');
out.push(table(['command', 'reads', 'records', 'wall s', 'peak RSS (MB)', 'vs score on as many records', 'peak RSS ≤ 300 MB', 'wall ≤ 2× score'], rows));
out.push('');
out.push(
  '`sample` reads its input twice (columns and balance profile, then the chosen calls) and `--check` once; `calibrate` twice (a count per ' +
    '(session, call) in a hash table, then the ratings of the calls rated two or more times). Commands still holding every record show ' +
    'their memory here; the machine is shared with other work, so the times are noisy.',
);
if (SMOKE) for (const f of [evals, kpis, sliceScores, scores, ratings, picked]) rmSync(f, { force: true });
else rmSync(picked, { force: true });
console.log(out.join('\n'));
