/**
 * `callqa assess` — a month's assessment of every agent under a plan: streams
 * scored calls (as `callqa score` writes them, compact or full, in any format
 * the CLI's one record reader takes) through a streaming assessment that keeps
 * per-agent sums only, reads per-agent KPI rows (CSV, as `callqa generate
 * --kpis` writes them), prints the table or JSON.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { formatAssessment, metricsFromRows, safeLoadPlan, startAssessment, type AssessmentRun, type CallInput } from '../../assessment/index.js';
import type { RejectedRecord } from '../../batch/types.js';
import { jsonParts, streamWriter, writeChunks } from '../json-stream.js';
import { readRecords, type RecordUnit } from '../records.js';
import { LOCALES, type Locale } from '../../localize/localize.js';
import { EXIT, EXIT_HELP, UsageError, issueLine, progressBar, rejectionLines } from '../util.js';
import { readJsonFile } from '../../files/json-file.js';

interface AssessOpts {
  plan: string;
  calls: string;
  metrics: string;
  period: string;
  timeZone?: string;
  team?: string;
  json?: boolean;
  locale?: string;
  details?: boolean;
  inputFormat: string;
  quiet?: boolean;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

const cell = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);
const num = (v: string | undefined): number | undefined => (cell(v) === undefined ? undefined : Number(v));

/**
 * A record of `--calls` as a call of the assessment: a scored call as
 * `callqa score` writes it (compact or `--full` NDJSON/JSON, whose `rubric` is
 * `{ id, version }`; an older plain-id `rubric` is read as `{ id }`), or a CSV
 * row with `id, agentId, date, score` and optionally `maxScore` and
 * `rubricId` (as `callqa score --format csv` writes them), numbers as text.
 * Anything else goes to the assessment as it is, which excludes it with the
 * reason.
 *
 * @example
 * ```ts
 * callOf({ line: 2, row: { id: 'c1', agentId: 'A1', date: '2026-10-01', score: '90.5', rubricId: 'qc' } });
 * // { id: 'c1', agentId: 'A1', date: '2026-10-01', score: 90.5, rubricId: 'qc' }
 * ```
 */
export function callOf(u: RecordUnit): CallInput {
  if ('row' in u) {
    const r = u.row;
    const c: { -readonly [K in keyof CallInput]: CallInput[K] } = { agentId: r['agentId'] as string, date: r['date'] as string, score: num(r['score']) as number };
    const id = cell(r['id']);
    if (id !== undefined) c.id = id;
    const maxScore = num(r['maxScore']);
    if (maxScore !== undefined) c.maxScore = maxScore;
    const rubricId = cell(r['rubricId']) ?? cell(r['rubric']);
    if (rubricId !== undefined) c.rubricId = rubricId;
    return c;
  }
  const o = u.value as (CallInput & { rubric?: unknown }) | null;
  // `rubric` may be { id, version } (callqa score) or a plain id.
  return typeof o === 'object' && o !== null && typeof o.rubric === 'string' ? { ...o, rubric: { id: o.rubric } } : (o as CallInput);
}

/**
 * Streams the calls of `file` (NDJSON, CSV, a JSON array, any of them
 * gzipped, `-` for stdin: the one record reader of the CLI) into a streaming
 * assessment, one record at a time, with `score`'s progress bar on stderr.
 * Returns the records the reader could not parse (bad JSON lines), which are
 * reported and make the exit code 1; they are not counted as calls.
 *
 * @example
 * ```ts
 * const rejected = await streamCalls('scored.ndjson.gz', 'auto', run, false);
 * ```
 */
export async function streamCalls(file: string, format: string, run: AssessmentRun, quiet: boolean): Promise<RejectedRecord[]> {
  const bar = progressBar(!quiet);
  try {
    return await readRecords(file, format, (u) => void run.add(callOf(u)), { onProgress: bar.update });
  } finally {
    bar.stop();
  }
}

/**
 * Writes `JSON.stringify(doc, null, 2)` and a newline to `out`, byte for byte,
 * one array element at a time (`jsonParts`, ../json-stream.ts), waiting when
 * the stream asks: a 10,000-agent result is ~30 MB of text, which is never
 * held whole. Each agent (each array element) is dropped from `doc` once written,
 * so that the components it wrote out (kept on the agent once read) can be
 * collected: the CLI does not need the result afterwards.
 *
 * @example
 * ```ts
 * await writeJson({ ...result, rowIssues }, process.stdout);
 * ```
 */
export async function writeJson(doc: Record<string, unknown>, out: NodeJS.WritableStream): Promise<void> {
  const parts = function* (): Generator<string> {
    yield* jsonParts(doc, '', { release: true });
    yield '\n';
  };
  await writeChunks(parts(), streamWriter(out));
}

/**
 * Adds `assess` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa assess --plan rubrics/monthly-assessment.zh-CN.json --calls scored.ndjson --metrics kpis.csv --period 2026-10
 * ```
 */
export function register(program: Command): void {
  program
    .command('assess')
    .description('assess every agent for a period under a monthly-assessment plan')
    .requiredOption('--plan <file>', 'the plan (JSON)')
    .requiredOption('--calls <file>', 'scored calls as `callqa score` writes them (compact or --full; NDJSON, CSV or a JSON array, .gz, - for stdin)')
    .requiredOption('--metrics <file>', 'per-agent KPI rows, CSV (as `callqa generate --kpis` writes them; a `team` column sets teams)')
    .requiredOption('--period <id>', "the month (or cycle) to assess, e.g. '2026-10'")
    .option('--time-zone <zone>', "the centre's IANA time zone (default: the plan's)")
    .option('--json', 'print the whole result as JSON')
    .option('--locale <locale>', `table language (${LOCALES.join(', ')}; default: the plan's)`)
    .option('--details', 'print each component’s reason for every agent')
    .option('--input-format <format>', 'format of --calls: auto, ndjson, csv or json', 'auto')
    .option('-q, --quiet', 'no progress bar and no list of unreadable records')
    .addHelpText('after', EXIT_HELP)
    .action(async (opts: AssessOpts) => {
      if (opts.locale !== undefined && !(LOCALES as readonly string[]).includes(opts.locale)) {
        throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
      }
      const pj = readJsonFile(opts.plan);
      if ('issues' in pj) throw new UsageError(`cannot read plan ${opts.plan}`, pj.issues.map((i) => issueLine(opts.plan, i)));
      const loaded = safeLoadPlan(pj.json);
      if (!loaded.success) throw new UsageError('invalid plan', loaded.issues.map((i) => issueLine(opts.plan, i)));
      let rows: Record<string, string>[];
      try {
        rows = parseCsv(readText(opts.metrics, 'metrics'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
      } catch (e) {
        throw new UsageError(`invalid CSV in ${opts.metrics}: ${(e as Error).message}`);
      }
      const { metrics, issues: rowIssues } = metricsFromRows(rows, opts.period);
      const team: Record<string, string> = {};
      for (const m of metrics) if (typeof m['team'] === 'string') team[m.agentId] = m['team'];
      // The roster and metrics first; then the calls stream through, never held.
      const run = startAssessment(loaded.plan, {
        period: opts.period,
        ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
        metrics,
        ...(Object.keys(team).length > 0 ? { team } : {}),
      });
      const rejected = await streamCalls(opts.calls, opts.inputFormat, run, opts.quiet === true);
      const result = run.finish();
      if (opts.json) await writeJson({ ...result, rowIssues }, process.stdout);
      else {
        const text = formatAssessment(result, { ...(opts.locale !== undefined ? { locale: opts.locale as Locale } : {}), ...(opts.details ? { details: true } : {}) });
        process.stdout.write(`${text}\n`);
        for (const i of [...rowIssues, ...result.issues].slice(0, 20)) process.stderr.write(`${issueLine('assess', i)}\n`);
        const more = rowIssues.length + result.issues.length - 20;
        if (more > 0) process.stderr.write(`… and ${more} more issue(s); use --json to see them all\n`);
      }
      if (!opts.quiet) {
        for (const r of rejected.slice(0, 20)) for (const l of rejectionLines(r, opts.calls)) process.stderr.write(`${l}\n`);
        if (rejected.length > 20) process.stderr.write(`… and ${rejected.length - 20} more unreadable record(s)\n`);
      }
      process.exitCode = rejected.length > 0 || result.issues.length > 0 || result.usage.agents.incomplete > 0 ? EXIT.rejected : EXIT.ok;
    });
}
