/**
 * `callqa score` — recalculates every evaluation of a file with one rubric or
 * several dated versions, streaming, in input order, over worker threads.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { CallqaError } from '../../issues/issues.js';
import { statSync } from 'node:fs';
import { BATCH_BYTES, scoreFile, workerCount } from '../../batch/score.js';
import { startWorkersEarly, stopEarlyWorkers } from '../../batch/pool.js';
import { OutputError } from '../../batch/atomic.js';
import type { InputFormat, OutputFormat, RejectedRecord } from '../../batch/types.js';
import { EXIT, EXIT_HELP, UsageError, collect, issueLine, loadRubricFiles, onInterrupt, positiveInt, progressBar, rejectionLines } from '../util.js';

interface ScoreOpts {
  rubric: string[];
  output: string;
  format?: string;
  inputFormat: string;
  fields?: string;
  full?: boolean;
  errors?: string;
  summary?: string;
  workers?: number;
  batchSize: number;
  quiet?: boolean;
}

/** Rejections printed to stderr when there is no --errors file. */
const MAX_PRINTED = 20;

/**
 * Chooses the output format: --format, else by the output's extension.
 *
 * @example
 * ```ts
 * outputFormat(undefined, 'scores.csv'); // 'csv'
 * ```
 */
export function outputFormat(flag: string | undefined, output: string): OutputFormat {
  if (flag !== undefined) {
    if (flag !== 'ndjson' && flag !== 'csv') throw new UsageError(`--format must be ndjson or csv, got "${flag}"`);
    return flag;
  }
  return /\.csv(\.gz)?$/i.test(output) ? 'csv' : 'ndjson';
}

/**
 * Checks --input-format.
 *
 * @example
 * ```ts
 * inputFormat('csv'); // 'csv'
 * ```
 */
export function inputFormat(flag: string): InputFormat {
  if (flag === 'auto' || flag === 'ndjson' || flag === 'csv' || flag === 'json') return flag;
  throw new UsageError(`--input-format must be auto, ndjson, csv or json, got "${flag}"`);
}

/**
 * Adds `score` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa score --rubric r.json calls.ndjson -o scores.csv
 * ```
 */
export function register(program: Command): void {
  program
    .command('score')
    .description('score every evaluation of a file (NDJSON, CSV, JSON array, optionally .gz; - for stdin)')
    .argument('<input>', 'evaluations file, or - for stdin')
    .requiredOption('-r, --rubric <file>', 'rubric JSON; repeat for dated versions (chosen by effectiveFrom/effectiveTo and each call’s date)', collect, [])
    .option('-o, --output <file>', 'output file, or - for stdout (.gz compresses)', '-')
    .option('--format <format>', 'output format: ndjson or csv (default: from the output extension, else ndjson)')
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('--fields <list>', 'comma-separated output fields, e.g. id,agentId,score,grade,section.attitude,item.accurate')
    .option('--full', 'NDJSON: write the whole score with every item and the evidence')
    .option('--errors <file>', 'write rejected records as NDJSON { line, id?, issues }')
    .option('--summary <file>', 'write the run summary as JSON')
    .option('--workers <n>', `worker threads (default: ${availableParallelism()}, the available parallelism)`, positiveInt('--workers'))
    .option('--batch-size <n>', 'records per batch sent to a worker', positiveInt('--batch-size'), 1000)
    .option('-q, --quiet', 'no progress bar and no summary on stderr')
    .addHelpText(
      'after',
      `
Output keeps the input order and is identical whatever --workers is. Files are
written to a temp file and renamed on success. read = written + rejected, always.
${EXIT_HELP}`,
    )
    .action(async (input: string, opts: ScoreOpts) => {
      // The worker threads load their code while this thread reads the rubrics and the first batches.
      if (worthStartingEarly(input)) startWorkersEarly(workerCount(opts.workers));
      try {
        await run(input, opts);
      } finally {
        await stopEarlyWorkers();
      }
    });
}

/** A file larger than a batch can be: more than one batch, so the run will use its workers (a smaller one may be one batch, scored on this thread). */
function worthStartingEarly(input: string): boolean {
  try {
    return input !== '-' && statSync(input).size > BATCH_BYTES;
  } catch {
    return false; // scoreFile reports a missing file
  }
}

async function run(input: string, opts: ScoreOpts): Promise<void> {
  const rubrics = loadRubricFiles(opts.rubric);
  const format = outputFormat(opts.format, opts.output);
  const fields = opts.fields?.split(',').map((f) => f.trim()).filter((f) => f !== '');
  if (opts.output !== '-' && (opts.output === opts.errors || opts.output === opts.summary)) throw new UsageError('-o, --errors and --summary must be different files');
  const bar = progressBar(!opts.quiet);
  const off = onInterrupt(() => bar.stop());
  let printed = 0;
  let unprinted = 0;
  const onRejected = (r: RejectedRecord): void => {
    if (printed < MAX_PRINTED) {
      printed++;
      bar.stop();
      for (const l of rejectionLines(r, input)) process.stderr.write(`${l}\n`);
    } else unprinted++;
  };
  let summary;
  try {
    summary = await scoreFile({
      rubrics: rubrics.map((r) => r.rubric),
      input,
      inputFormat: inputFormat(opts.inputFormat),
      output: opts.output,
      format,
      ...(fields ? { fields } : {}),
      ...(opts.full ? { full: true } : {}),
      ...(opts.errors ? { errors: opts.errors } : {}),
      ...(opts.summary ? { summary: opts.summary } : {}),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      batchSize: opts.batchSize,
      onProgress: bar.update,
      ...(opts.errors || opts.quiet ? {} : { onRejected }),
    });
  } catch (e) {
    bar.stop();
    if (e instanceof OutputError) throw e; // one line, from main
    if (e instanceof CallqaError) throw new UsageError(e.message.split('\n')[0] ?? 'invalid input', e.issues.map((i) => issueLine(input, i)));
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') throw new UsageError(err.message);
    if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR') throw new UsageError(`${input}: not valid gzip data (${err.message})`);
    throw e;
  } finally {
    bar.stop();
    off();
  }
  if (unprinted > 0) process.stderr.write(`… and ${unprinted} more rejected record(s); use --errors <file> to keep them all\n`);
  if (!opts.quiet) {
    const n = (x: number): string => x.toLocaleString('en');
    process.stderr.write(
      `callqa score: read ${n(summary.read)}, written ${n(summary.written)}, rejected ${n(summary.rejected)}${summary.errors && summary.rejected > 0 ? ` (→ ${summary.errors})` : ''} in ${(summary.elapsedMs / 1000).toFixed(1)} s (${n(summary.recordsPerSecond)} records/s, ${summary.workers} worker${summary.workers === 1 ? '' : 's'})\n`,
    );
  }
  process.exitCode = summary.rejected > 0 ? EXIT.rejected : EXIT.ok;
}
