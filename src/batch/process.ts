/**
 * A batch of input units → output text, error lines and counts. The unit of
 * work of both the in-process path and the worker threads: the same function
 * on the same batches gives byte-identical output whatever the worker count.
 */
import { isUtf8 } from 'node:buffer';
import { loadRubric } from '../rubric/load.js';
import type { Rubric } from '../rubric/compiled.js';
import { errorLine, internalRejection, makeSerializer, scoreUnit, type Serializer } from './record.js';
import type { InputBatch } from './input.js';
import { invalidUtf8Unit } from './utf8.js';
import { MAX_RECORD_BYTES, tooLargeUnit } from './limits.js';
import type { CallScore } from '../scoring/types.js';
import type { InputUnit, OutputOptions, RejectedRecord } from './types.js';
import { RubricVersions } from './versions.js';

/**
 * What a worker (or the main thread) needs to process batches.
 *
 * @example
 * ```ts
 * const ctx: BatchContext = createContext([json], {});
 * ```
 */
export interface BatchContext {
  readonly versions: RubricVersions;
  readonly serializer: Serializer;
}

/**
 * Counts of one batch, merged in order into the run's summary.
 *
 * @example
 * ```ts
 * const s: BatchStats = emptyStats();
 * ```
 */
export interface BatchStats {
  written: number;
  rejected: number;
  byRubric: Record<string, number>;
  byGrade: Record<string, number>;
  issueCodes: Record<string, number>;
  /** Σ score × 10⁶ (integers: exact and independent of batch boundaries). */
  scoreSum: number;
}

/**
 * The result of one batch.
 *
 * @example
 * ```ts
 * const { out, errors, stats } = processBatch(ctx, units);
 * ```
 */
export interface BatchResult {
  /** Output of the scored records, in input order (UTF-8 bytes when it comes from a worker thread). */
  readonly out: string | Uint8Array;
  /** `--errors` NDJSON lines of the rejected records, in input order. */
  readonly errors: string;
  readonly stats: BatchStats;
}

/**
 * Zero counts.
 *
 * @example
 * ```ts
 * emptyStats().written; // 0
 * ```
 */
export function emptyStats(): BatchStats {
  return { written: 0, rejected: 0, byRubric: {}, byGrade: {}, issueCodes: {}, scoreSum: 0 };
}

/**
 * Adds one batch's counts to a running total (in place).
 *
 * @example
 * ```ts
 * const total = emptyStats();
 * mergeStats(total, result.stats);
 * ```
 */
export function mergeStats(into: BatchStats, s: BatchStats): void {
  into.written += s.written;
  into.rejected += s.rejected;
  into.scoreSum += s.scoreSum;
  for (const [k, v] of Object.entries(s.byRubric)) into.byRubric[k] = (into.byRubric[k] ?? 0) + v;
  for (const [k, v] of Object.entries(s.byGrade)) into.byGrade[k] = (into.byGrade[k] ?? 0) + v;
  for (const [k, v] of Object.entries(s.issueCodes)) into.issueCodes[k] = (into.issueCodes[k] ?? 0) + v;
}

/**
 * The context for rubric JSON documents (loaded and compiled here, once per
 * thread) and output options.
 *
 * @example
 * ```ts
 * const ctx = createContext([JSON.parse(text)], { format: 'ndjson' });
 * ```
 */
export function createContext(rubrics: readonly (Rubric | unknown)[], output: OutputOptions): BatchContext {
  const loaded = rubrics.map((r) => (isRubric(r) ? r : loadRubric(r)));
  const versions = new RubricVersions(loaded);
  return { versions, serializer: makeSerializer(output, versions.list) };
}

/**
 * Whether a value is an already-compiled rubric rather than rubric JSON.
 *
 * @example
 * ```ts
 * isRubric(loadRubric(json)); // true
 * isRubric(json); // false
 * ```
 */
export function isRubric(x: unknown): x is Rubric {
  return typeof x === 'object' && x !== null && 'definition' in x && 'items' in x && (x as { items: unknown }).items instanceof Map;
}

/**
 * Scores a batch of units.
 *
 * @example
 * ```ts
 * const { out, errors, stats } = processBatch(ctx, [{ line: 1, text: line }]);
 * ```
 */
export function processBatch(ctx: BatchContext, units: readonly InputUnit[]): BatchResult {
  const run = new BatchRun(ctx, ctx.serializer.begin());
  for (const unit of units) run.take(unit);
  return run.result();
}

/** One batch being scored: output, error lines and counts, whatever the output's form. */
class BatchRun<Out extends string | Uint8Array> {
  readonly stats = emptyStats();
  private errors = '';

  constructor(
    private readonly ctx: BatchContext,
    private readonly writer: { add(score: CallScore): void; end(): Out },
    private readonly onRecord?: (line: number) => void,
  ) {}

  take(unit: InputUnit): void {
    this.onRecord?.(unit.line);
    this.score(unit);
    this.onRecord?.(0);
  }

  private score(unit: InputUnit): void {
    let r = scoreUnit(this.ctx.versions, unit);
    const stats = this.stats;
    if (r.ok) {
      try {
        // Serialising adds nothing to the output unless it succeeds (a record that throws leaves none of its bytes).
        this.writer.add(r.score);
      } catch (e) {
        r = internalRejection(unit.line, e, r.score.id);
      }
    }
    if (r.ok) {
      stats.written++;
      stats.scoreSum += Math.round(r.score.score * 1e6); // integer micro-points: the sum is exact, whatever the batching
      const key = this.rubricKey(r.score.rubric);
      stats.byRubric[key] = (stats.byRubric[key] ?? 0) + 1;
      const g = r.score.grade?.id ?? '(none)';
      stats.byGrade[g] = (stats.byGrade[g] ?? 0) + 1;
    } else {
      countRejection(stats, r);
      this.errors += errorLine(r);
    }
  }

  private lastRubric: { id: string; version: string; key: string } = { id: '', version: '', key: '' };

  /** `id@version`: the last one kept (a batch's records are mostly of one rubric version), not a new string per record. */
  private rubricKey(r: { readonly id: string; readonly version: string }): string {
    const last = this.lastRubric;
    if (r.id !== last.id || r.version !== last.version) this.lastRubric = { id: r.id, version: r.version, key: `${r.id}@${r.version}` };
    return this.lastRubric.key;
  }

  result(): { out: Out; errors: string; stats: BatchStats } {
    return { out: this.writer.end(), errors: this.errors, stats: this.stats };
  }
}

function countRejection(stats: BatchStats, r: RejectedRecord): void {
  stats.rejected++;
  for (const code of new Set(r.issues.map((i) => i.code))) stats.issueCodes[code] = (stats.issueCodes[code] ?? 0) + 1;
}

// The readers remove the file's BOM; nothing here strips one from a line (or the result would depend on batching).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Scores one input batch (raw NDJSON bytes or parsed units) into UTF-8 bytes
 * in a buffer of the batch's own (what a worker transfers back). NDJSON bytes
 * are decoded and scored a line at a time: nothing the size of the batch is
 * ever a JavaScript string. `onRecord` hears the line of each record before
 * it is scored and 0 once it is done (a worker publishes it, so that the
 * record it dies on is known).
 *
 * @example
 * ```ts
 * processInputBatch(ctx, { kind: 'ndjson', line: 1, bytes: Buffer.from(text) });
 * ```
 */
export function processInputBatch(ctx: BatchContext, batch: InputBatch, onRecord?: (line: number) => void): BatchResult {
  if (batch.kind === 'units') {
    const run = new BatchRun(ctx, ctx.serializer.beginBytes(0), onRecord);
    for (const unit of batch.units) run.take(unit);
    return run.result();
  }
  // A Buffer view (no copy): a transferred batch arrives as a plain Uint8Array, and Buffer#indexOf is memchr.
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const run = new BatchRun(ctx, ctx.serializer.beginBytes(bytes.byteLength), onRecord);
  // The readers have already removed the file's BOM: another one is data (and invalid JSON).
  // A line that is not UTF-8 is rejected as it is, never decoded into U+FFFD and scored.
  // One validation pass over the batch; line by line only when it holds bytes that are not UTF-8.
  const valid = isUtf8(bytes);
  forEachLine(bytes, batch.line, (line, start, end) => {
    const b = bytes.subarray(start, end);
    run.take(end - start > MAX_RECORD_BYTES ? tooLargeUnit(line, end - start) : valid || isUtf8(b) ? { line, text: utf8.decode(b) } : invalidUtf8Unit(line));
  });
  return run.result();
}

/**
 * Calls `visit` with the number and byte range (CR of a CRLF excluded) of
 * every line of NDJSON bytes that is not blank (only spaces, tabs and CRs,
 * as `ndjsonLines` skips them); `firstLine` is the number of the first line.
 *
 * @example
 * ```ts
 * forEachLine(Buffer.from('{"a":1}\r\n\n{"a":2}'), 10, (line, start, end) => console.log(line, start, end));
 * // 10 0 7, then 12 10 17
 * ```
 */
export function forEachLine(bytes: Buffer, firstLine: number, visit: (line: number, start: number, end: number) => void): void {
  const n = bytes.byteLength;
  let line = firstLine - 1;
  let start = 0;
  while (start < n) {
    let nl = bytes.indexOf(10, start);
    if (nl === -1) nl = n;
    line++;
    const end = nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl;
    if (!blankBytes(bytes, start, end)) visit(line, start, end);
    start = nl + 1;
  }
}

/** Only spaces, tabs and CRs (as `ndjsonLines` skips them). */
function blankBytes(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * How many records a result accounts for.
 *
 * @example
 * ```ts
 * recordsIn(result); // written + rejected
 * ```
 */
export function recordsIn(r: BatchResult): number {
  return r.stats.written + r.stats.rejected;
}

/**
 * The batch's records as batches of one record each (NDJSON lines copied
 * out, with their own line numbers): what a batch that failed as a whole is
 * re-run as, to find the one record at fault.
 *
 * @example
 * ```ts
 * singleRecordBatches({ kind: 'ndjson', line: 5, bytes: Buffer.from('{"a":1}\n\n{"a":2}\n') });
 * // [{ kind: 'ndjson', line: 5, bytes: <{"a":1}> }, { kind: 'ndjson', line: 7, bytes: <{"a":2}> }]
 * ```
 */
export function singleRecordBatches(batch: InputBatch): InputBatch[] {
  if (batch.kind === 'units') return batch.units.map((u) => ({ kind: 'units' as const, units: [u] }));
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const out: InputBatch[] = [];
  forEachLine(bytes, batch.line, (line, start, end) => out.push({ kind: 'ndjson', line, bytes: Buffer.from(bytes.subarray(start, end)) }));
  return out;
}

/**
 * The line of a batch's first record.
 *
 * @example
 * ```ts
 * firstLineOf({ kind: 'units', units: [{ line: 9, text: '{}' }] }); // 9
 * ```
 */
export function firstLineOf(batch: InputBatch): number {
  return batch.kind === 'ndjson' ? batch.line : (batch.units[0]?.line ?? 0);
}

/**
 * A batch result holding one rejected record (nothing written).
 *
 * @example
 * ```ts
 * rejectionResult({ ok: false, line: 7, issues: [] }).stats.rejected; // 1
 * ```
 */
export function rejectionResult(r: RejectedRecord): BatchResult {
  const stats = emptyStats();
  countRejection(stats, r);
  return { out: '', errors: errorLine(r), stats };
}

/**
 * Results of consecutive batches as one, in order (what re-running a batch
 * record by record gives back in the batch's place).
 *
 * @example
 * ```ts
 * concatResults([a, b]).stats.written; // a's + b's
 * ```
 */
export function concatResults(results: readonly BatchResult[]): BatchResult {
  const stats = emptyStats();
  for (const r of results) mergeStats(stats, r.stats);
  const outs = results.map((r) => r.out);
  const out = outs.every((o) => typeof o === 'string') ? outs.join('') : Buffer.concat(outs.map((o) => (typeof o === 'string' ? Buffer.from(o) : o)));
  return { out, errors: results.map((r) => r.errors).join(''), stats };
}

/**
 * A batch without the record at `line`: the records before it and those
 * after it (each null when none), line numbers kept; null when the batch has
 * no record at that line. What a batch is re-run as when a worker died on
 * that record.
 *
 * @example
 * ```ts
 * splitAround({ kind: 'ndjson', line: 10, bytes: Buffer.from('a\nb\nc\n') }, 11);
 * // { before: { kind: 'ndjson', line: 10, bytes: <a\n> }, after: { kind: 'ndjson', line: 12, bytes: <c\n> } }
 * ```
 */
export function splitAround(batch: InputBatch, line: number): { before: InputBatch | null; after: InputBatch | null } | null {
  if (batch.kind === 'units') {
    const i = batch.units.findIndex((u) => u.line === line);
    if (i < 0) return null;
    const before = batch.units.slice(0, i);
    const after = batch.units.slice(i + 1);
    return { before: before.length > 0 ? { kind: 'units', units: before } : null, after: after.length > 0 ? { kind: 'units', units: after } : null };
  }
  const b = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  if (line < batch.line) return null;
  let start = 0;
  for (let k = batch.line; k < line; k++) {
    const nl = b.indexOf(10, start);
    if (nl === -1) return null;
    start = nl + 1;
  }
  if (start >= b.length) return null;
  const nl = b.indexOf(10, start);
  const next = nl === -1 ? b.length : nl + 1;
  return {
    before: start > 0 ? { kind: 'ndjson', line: batch.line, bytes: Buffer.from(b.subarray(0, start)) } : null,
    after: next < b.length ? { kind: 'ndjson', line: line + 1, bytes: Buffer.from(b.subarray(next)) } : null,
  };
}
