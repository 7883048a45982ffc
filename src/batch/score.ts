/**
 * Batch scoring: a stream of evaluations in, scores out, every record
 * accounted for. `scoreStream` is the in-process iterator for Node scripts;
 * `scoreFile` is what `callqa score` runs (files, workers, atomic output).
 */
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import type { Rubric } from '../rubric/compiled.js';
import { commitAll, openOutput, type OutputSink } from './atomic.js';
import { batched, openInput, type InputBatch } from './input.js';
import { unknownColumns } from './csv-row.js';
import { BatchOptionsError, scoreUnit } from './record.js';
import { createContext, emptyStats, mergeStats, processInputBatch, recordsIn, type BatchResult } from './process.js';
import { WorkerPool } from './pool.js';
import { BatchBuffers } from './bytes.js';
import type { BatchProgress, BatchSummary, InputFormat, InputUnit, OutputOptions, RejectedRecord, ScoredRecord } from './types.js';
import { RubricVersions } from './versions.js';
import { compareCodeUnits } from '../order/compare.js';

/** The largest NDJSON batch in bytes (a batch ends at a line end before this, or after its first line). */
/** The most bytes of NDJSON a batch holds: a file larger than this is more than one batch. */
export const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * How many worker threads a run uses: the option, else one per core (0: scoring on the calling thread).
 *
 * @example
 * ```ts
 * workerCount(undefined); // os.availableParallelism()
 * workerCount(2.7); // 2
 * ```
 */
export function workerCount(workers: number | undefined): number {
  return Math.max(0, Math.floor(workers ?? availableParallelism()));
}

/**
 * A rubric as JSON (a parsed rubric file) or compiled by `loadRubric`.
 *
 * @example
 * ```ts
 * const r: RubricSource = JSON.parse(readFileSync('rubric.json', 'utf8'));
 * ```
 */
export type RubricSource = Rubric | unknown;

/**
 * Options of {@link scoreStream}.
 *
 * @example
 * ```ts
 * const o: ScoreStreamOptions = { format: 'csv' };
 * ```
 */
export interface ScoreStreamOptions {
  /** For a Readable input: its format (default: sniffed). */
  readonly format?: InputFormat;
}

function toVersions(rubrics: RubricSource | readonly RubricSource[]): RubricVersions {
  const list = Array.isArray(rubrics) ? (rubrics as readonly RubricSource[]) : [rubrics];
  return createContext(list, {}).versions;
}

/**
 * Scores evaluations as they arrive, in input order. Items of an iterable are
 * NDJSON lines (strings) or evaluation objects; a Readable is read as a file
 * would be (NDJSON, CSV, JSON array, gzip). Bad records come out as
 * {@link RejectedRecord}s; nothing throws for a record.
 *
 * @param rubricOrVersions - one rubric, or several versions chosen by each evaluation's date
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * for await (const r of scoreStream(rubricJson, createReadStream('calls.ndjson'))) {
 *   if (r.ok) console.log(r.score.id, r.score.score);
 *   else console.error(`line ${r.line}:`, r.issues);
 * }
 * ```
 */
export async function* scoreStream(
  rubricOrVersions: RubricSource | readonly RubricSource[],
  input: AsyncIterable<string | Record<string, unknown>> | Iterable<string | Record<string, unknown>> | Readable,
  options: ScoreStreamOptions = {},
): AsyncGenerator<ScoredRecord | RejectedRecord> {
  const versions = toVersions(rubricOrVersions);
  if (input instanceof Readable) {
    const src = await openInput(input, {
      ...(options.format ? { format: options.format } : {}),
      onCsvHeader: (cols) => checkCsvHeader(cols, versions.list),
    });
    for await (const unit of src.units) yield scoreUnit(versions, unit);
    return;
  }
  let line = 0;
  for await (const item of input as AsyncIterable<string | Record<string, unknown>>) {
    line++;
    const unit: InputUnit = typeof item === 'string' ? { line, text: item } : { line, value: item };
    yield scoreUnit(versions, unit);
  }
}

function checkCsvHeader(cols: string[], rubrics: readonly Rubric[]): void {
  const unknown = unknownColumns(cols, rubrics);
  if (unknown.length > 0) {
    throw new BatchOptionsError(
      unknown.map((c) => ({
        code: 'unknown_column',
        path: ['columns', cols.indexOf(c)],
        message: `column "${c}" is not id/agentId/evaluatorId/date/transcript, attr.<name>, or an item of the rubric`,
      })),
    );
  }
}

/**
 * Options of {@link scoreFile}.
 *
 * @example
 * ```ts
 * const o: ScoreFileOptions = { rubrics: [v1, v2], input: 'calls.csv', output: 'scores.csv', format: 'csv', errors: 'errors.ndjson' };
 * ```
 */
export interface ScoreFileOptions extends OutputOptions {
  /** Rubric versions (JSON or compiled); each evaluation uses the one in force on its date. */
  readonly rubrics: readonly RubricSource[];
  /** A path, `-` for stdin, or a Readable. */
  readonly input: string | Readable;
  readonly inputFormat?: InputFormat;
  /** A path or `-` (default) for stdout. Files are written atomically; a `.gz` path is gzip-compressed. */
  readonly output?: string;
  /** Where rejected records go as NDJSON `{ line, id?, issues }` (written atomically). */
  readonly errors?: string;
  /** Where the summary JSON goes (written atomically). */
  readonly summary?: string;
  /**
   * Worker threads (default `os.availableParallelism()`). Scoring runs off the
   * main thread even with 1, whose heap is capped so memory stays flat; 0
   * scores in this thread. An input of a single batch is always scored here.
   */
  readonly workers?: number;
  /** Records per batch (default 1,000). */
  readonly batchSize?: number;
  /** Called after each batch is written. */
  readonly onProgress?: (p: BatchProgress) => void;
  /** Called for each rejected record, in input order. */
  readonly onRejected?: (r: RejectedRecord) => void;
  /** Aborts the run: outputs are removed and the promise rejects. */
  readonly signal?: AbortSignal;
}

/**
 * Scores a file (or stdin) into a file (or stdout), in input order, spreading
 * batches over worker threads; output is byte-identical whatever the number of
 * workers. Resolves with the summary (read = written + rejected); a record
 * never makes it throw (docs/batch.md: bad records, a worker that dies).
 * Throws `RubricError`/`VersionsError`/`BatchOptionsError` before writing
 * anything when the rubrics or options are unusable, and `OutputError` when
 * an output cannot be opened, written or put in place (then no output is
 * left: all are published together or not at all).
 *
 * @example
 * ```ts
 * const summary = await scoreFile({
 *   rubrics: [JSON.parse(readFileSync('rubrics/callcenter-qc-7.zh-CN.json', 'utf8'))],
 *   input: 'calls.ndjson.gz', output: 'scores.csv', format: 'csv', errors: 'errors.ndjson',
 * });
 * console.log(summary.read, summary.written, summary.rejected);
 * ```
 */
export async function scoreFile(options: ScoreFileOptions): Promise<BatchSummary> {
  const started = performance.now();
  const output: OutputOptions = {
    ...(options.format ? { format: options.format } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
    ...(options.full ? { full: options.full } : {}),
  };
  // Validates rubrics, versions and fields before any file is touched.
  const ctx = createContext(options.rubrics, output);
  const rubricJson = ctx.versions.list.map((r) => r.definition);
  const workers = workerCount(options.workers);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const src = await openInput(options.input, {
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
    onCsvHeader: (cols) => checkCsvHeader(cols, ctx.versions.list),
  });

  const outPath = options.output ?? '-';
  // Every output is opened before anything is scored: an unwritable path fails the run at once, with nothing written.
  const sinks: OutputSink[] = [];
  const open = (path: string, gzip = false): OutputSink => {
    try {
      const s = openOutput(path, { gzip });
      sinks.push(s);
      return s;
    } catch (e) {
      for (const s of sinks) void s.abort();
      throw e;
    }
  };
  const out = open(outPath, outPath.endsWith('.gz'));
  const errs = options.errors ? open(options.errors) : null;
  const summaryOut = options.summary ? open(options.summary) : null;

  const total = emptyStats();
  let read = 0;
  const state: { pool: WorkerPool | null } = { pool: null };
  const abortAll = async (): Promise<void> => {
    await state.pool?.close();
    await Promise.all(sinks.map((s) => s.abort()));
  };

  try {
    if (ctx.serializer.header !== '') await out.write(ctx.serializer.header);
    const flush = async (r: BatchResult): Promise<void> => {
      if (r.out.length > 0) await out.write(r.out);
      if (r.errors !== '') {
        if (errs) await errs.write(r.errors);
        if (options.onRejected) for (const l of r.errors.split('\n')) if (l !== '') options.onRejected({ ok: false, ...(JSON.parse(l) as Omit<RejectedRecord, 'ok'>) });
      }
      mergeStats(total, r.stats);
      read += recordsIn(r);
      options.onProgress?.({ read, written: total.written, rejected: total.rejected, bytesRead: src.bytesRead(), bytesTotal: src.size });
    };
    // Input buffers go round: read into, scored, handed back, read into again.
    const buffers = new BatchBuffers(BATCH_BYTES);
    const scoreHere = (batch: InputBatch): BatchResult => {
      const r = processInputBatch(ctx, batch);
      if (batch.kind === 'ndjson' && batch.owned) buffers.give(batch.bytes.buffer);
      return r;
    };
    // Promises in submission order: awaiting the head is the reorder buffer.
    const queue: Promise<BatchResult>[] = [];
    const maxInFlight = Math.max(1, workers) * 2 + 1;
    let held: InputBatch | null = null; // the first batch waits: a one-batch input is not worth starting threads
    const submit = (batch: InputBatch): void => {
      if (workers > 0 && state.pool === null) state.pool = new WorkerPool(workers, { rubrics: rubricJson, output }, { buffers, onInput: (ab) => buffers.give(ab) });
      const p = state.pool ? state.pool.run(batch) : Promise.resolve().then(() => scoreHere(batch));
      p.catch(() => undefined); // rejections are awaited in order below
      queue.push(p);
    };
    // Workers get raw NDJSON bytes cut at line ends, transferred without copying;
    // in this thread (workers: 0) text is decoded and split as it streams.
    const batches: AsyncIterable<InputBatch> =
      workers > 0
        ? src.batches(batchSize, buffers)
        : (async function* () {
            for await (const units of batched(src.units, batchSize)) yield { kind: 'units' as const, units };
          })();
    for await (const batch of batches) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      if (held === null && queue.length === 0 && state.pool === null && workers > 0) {
        held = batch;
        continue;
      }
      if (held) {
        submit(held);
        held = null;
      }
      submit(batch);
      while (queue.length >= maxInFlight) await flush(await (queue.shift() as Promise<BatchResult>));
    }
    if (held) queue.push(Promise.resolve(scoreHere(held)));
    while (queue.length > 0) await flush(await (queue.shift() as Promise<BatchResult>));
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    await state.pool?.close();
    state.pool = null;
  } catch (e) {
    await abortAll();
    throw e;
  }

  const elapsedMs = Math.round(performance.now() - started);
  const sorted = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => compareCodeUnits(a, b)));
  const byRubric: Record<string, number> = {};
  for (const r of ctx.versions.list) {
    const k = `${r.id}@${r.version}`;
    byRubric[k] = total.byRubric[k] ?? 0;
  }
  const summary: BatchSummary = {
    read,
    written: total.written,
    rejected: total.rejected,
    byRubric,
    byGrade: sorted(total.byGrade),
    issueCodes: sorted(total.issueCodes),
    meanScore: total.written > 0 ? Math.round(total.scoreSum / total.written / 100) / 10_000 : null,
    input: src.name,
    output: outPath,
    errors: options.errors ?? null,
    format: options.format ?? 'ndjson',
    workers,
    elapsedMs,
    recordsPerSecond: elapsedMs > 0 ? Math.round((read * 1000) / elapsedMs) : read,
  };
  try {
    if (summaryOut) await summaryOut.write(`${JSON.stringify(summary, null, 2)}\n`);
  } catch (e) {
    await abortAll();
    throw e;
  }
  // All or nothing: scores, errors and summary are renamed into place only once all three are complete.
  await commitAll(sinks);
  return summary;
}
