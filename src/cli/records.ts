/**
 * Reading the records of a batch input for the quality-programme commands:
 * one place that opens the input, parses NDJSON/JSON text, turns the reader's
 * own problems into rejected records and maps I/O errors to usage errors.
 * Everything streams: a record is handed to `visit` and forgotten, so a
 * command's memory is its own state, never the input's size.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isUtf8 } from 'node:buffer';
import { openInput } from '../batch/input.js';
import { MAX_RECORD_BYTES, tooLargeUnit } from '../batch/limits.js';
import { forEachLine } from '../batch/process.js';
import { invalidUtf8Unit } from '../batch/utf8.js';
import { scoreUnit } from '../batch/record.js';
import type { BatchProgress, InputUnit, RejectedRecord } from '../batch/types.js';
import { RubricVersions } from '../batch/versions.js';
import type { Rubric } from '../rubric/index.js';
import type { CallScore } from '../scoring/types.js';
import { UsageError } from './util.js';
import { inputFormat } from './commands/score.js';

/** Lines (or CSV/JSON units) per batch read: small, so that a batch's bytes are a fraction of the peak. */
const BATCH_LINES = 256;

/**
 * One NDJSON line of `bytes` as the batch takes it, decoded on its own: too
 * large or not UTF-8 (`valid`: the whole batch is) is its rejection, as in
 * the worker threads (src/batch/process.ts), so every command reads a file alike.
 */
function lineUnit(bytes: Buffer, line: number, start: number, end: number, valid: boolean): InputUnit {
  if (end - start > MAX_RECORD_BYTES) return tooLargeUnit(line, end - start);
  return valid || isUtf8(bytes.subarray(start, end)) ? { line, text: bytes.toString('utf8', start, end) } : invalidUtf8Unit(line);
}

/** A record ready for a command: a parsed JSON value, or a CSV row. */
export type RecordUnit =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly row: Readonly<Record<string, string | undefined>> };

/**
 * Options of {@link readRecords}.
 *
 * @example
 * ```ts
 * const o: ReadOptions = { onRejected: (r) => sink.add(r), onProgress: bar.update };
 * ```
 */
export interface ReadOptions {
  /** Takes each rejected record as it comes; the returned list is then empty (nothing is kept). */
  readonly onRejected?: (r: RejectedRecord) => void;
  /** Progress, as `callqa score` reports it (`written` counts the records visit accepted). */
  readonly onProgress?: (p: BatchProgress) => void;
  /** Only records whose 0-based position (among all records, rejected ones included) passes are parsed and visited. */
  readonly only?: (ordinal: number) => boolean;
}

/**
 * Streams `input` (any batch format, `-` for stdin) through `visit`, which may
 * return a rejection for a record it cannot use. Returns every rejected record,
 * in input order, so that none is lost (or hands each to `options.onRejected`).
 *
 * @example
 * ```ts
 * const calls: unknown[] = [];
 * const rejected = await readRecords('calls.ndjson', 'auto', (u) => void calls.push('value' in u ? u.value : u.row));
 * ```
 */
export async function readRecords(input: string, format: string, visit: (unit: RecordUnit, ordinal: number) => RejectedRecord | void, options: ReadOptions = {}): Promise<RejectedRecord[]> {
  const rejected: RejectedRecord[] = [];
  const reject = options.onRejected ?? ((r: RejectedRecord): void => void rejected.push(r));
  let src;
  try {
    src = await openInput(input, { format: inputFormat(format) });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  let read = 0;
  let bad = 0;
  const progress = options.onProgress;
  const tick = (): void => progress?.({ read, written: read - bad, rejected: bad, bytesRead: src.bytesRead(), bytesTotal: src.size });
  // Each record is parsed, visited and dropped before the next: nothing of a batch outlives it.
  const take = (unit: InputUnit): void => {
    const ordinal = read++;
    if ((ordinal & 1023) === 0) tick();
    if (options.only && !options.only(ordinal)) return;
    if ('issues' in unit) {
      bad++;
      reject({ ok: false, line: unit.line, issues: unit.issues });
      return;
    }
    let u: RecordUnit;
    if ('text' in unit) {
      try {
        u = { line: unit.line, value: JSON.parse(unit.text) as unknown };
      } catch (e) {
        bad++;
        reject({ ok: false, line: unit.line, issues: [{ code: 'invalid_json', path: [], message: (e as Error).message }] });
        return;
      }
    } else u = unit;
    const r = visit(u, ordinal);
    if (r) {
      bad++;
      reject(r);
    }
  };
  try {
    // NDJSON comes as raw bytes and each line is decoded on its own (as the worker threads do), so no
    // string the size of a read is ever made: such strings go straight to V8's old space, and with them
    // every line sliced from them, so that garbage, not state, would set the peak memory.
    for await (const batch of src.batches(BATCH_LINES)) {
      if (batch.kind === 'units') for (const unit of batch.units) take(unit);
      else {
        const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
        const valid = isUtf8(bytes);
        forEachLine(bytes, batch.line, (line, start, end) => take(lineUnit(bytes, line, start, end, valid)));
      }
    }
    tick();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR' || err.code === 'Z_DATA_ERROR') throw new UsageError(err.message);
    throw e;
  }
  return rejected;
}

/**
 * A scored record as `callqa score` writes it: compact or `--full` NDJSON
 * (an object with string id, agentId, date and a numeric score) or CSV (the
 * same columns as text). Null for anything else (e.g. an evaluation).
 *
 * @example
 * ```ts
 * scoredRecord({ value: { id: 'c1', agentId: 'A', date: '2026-10-01', score: 90.72 } }); // { id: 'c1', agentId: 'A', date: '2026-10-01', score: 90.72 }
 * scoredRecord({ row: { id: 'c1', agentId: 'A', date: '2026-10-01', score: '90.72' } }); // the same
 * ```
 */
export function scoredRecord(u: { readonly value: unknown } | { readonly row: Readonly<Record<string, string | undefined>> }): { id: string; agentId: string; date: string; score: number } | null {
  const o = ('value' in u ? u.value : u.row) as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null) return null;
  const score = typeof o['score'] === 'number' ? o['score'] : typeof o['score'] === 'string' && o['score'].trim() !== '' ? Number(o['score']) : NaN;
  const { id, agentId, date } = o;
  if (typeof id !== 'string' || typeof agentId !== 'string' || typeof date !== 'string' || !Number.isFinite(score)) return null;
  return { id, agentId, date, score };
}

/**
 * Is this parsed record already a whole call score, items included (`callqa score --full`)?
 *
 * @example
 * ```ts
 * isCallScore({ id: 'c1', agentId: 'a', date: '2026-10-01', score: 80, items: [], rubric: { id: 'r', version: '1' } }); // true
 * ```
 */
export function isCallScore(v: unknown): v is CallScore {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['id'] === 'string' && typeof o['agentId'] === 'string' && typeof o['date'] === 'string' && typeof o['score'] === 'number' && Array.isArray(o['items']) && typeof o['rubric'] === 'object' && o['rubric'] !== null;
}

/**
 * What a command needs of each record: `score` — id, agentId, date and the
 * score (any `callqa score` output does); `items` — the whole call score
 * with its items (`callqa score --full`, or an evaluation scored here).
 *
 * @example
 * ```ts
 * const n: ScoredNeed = 'items'; // problems, report
 * ```
 */
export type ScoredNeed = 'score' | 'items';

/**
 * The reason a record was not usable, in words a user can act on.
 *
 * @example
 * ```ts
 * expectedText('score', false); // 'expected `callqa score` output (id, agentId, date, score) or an evaluation with --rubric'
 * ```
 */
export function expectedText(need: ScoredNeed, rubric: boolean): string {
  if (need === 'score') return rubric ? 'neither `callqa score` output (id, agentId, date, score) nor an evaluation the rubric scores' : 'expected `callqa score` output (id, agentId, date, score) or an evaluation with --rubric';
  return rubric ? 'expected `callqa score --full` output (with items) or an evaluation' : 'expected `callqa score --full` output (with items) or an evaluation with --rubric';
}

/**
 * Options of {@link readScored}.
 *
 * @example
 * ```ts
 * const o: ScoredReadOptions<'items'> = { need: 'items', rubrics: [rubric], format: 'auto' };
 * ```
 */
export interface ScoredReadOptions<N extends ScoredNeed> extends ReadOptions {
  readonly need: N;
  /** Rubric versions that score evaluations on the fly; none: only scored records are taken. */
  readonly rubrics: readonly Rubric[];
  readonly format: string;
  /** Keep only calls whose local date (first 10 characters) is within [from, to]. */
  readonly from?: string;
  readonly to?: string;
}

/** What {@link readScored} hands over: the score's four fields, or the whole call score. */
export type ScoredOf<N extends ScoredNeed> = N extends 'items' ? CallScore : { readonly id: string; readonly agentId: string; readonly date: string; readonly score: number };

/**
 * The one reader of scored calls for alerts, problems, report: streams any
 * batch format (NDJSON, CSV, JSON array, .gz, `-`), takes `callqa score`
 * output as it is (compact or `--full` for `score`; `--full` for `items`),
 * scores evaluations with the rubric version in force on their date, keeps
 * the period, and hands each call to `visit`. A record it cannot use is
 * rejected with the reason (see {@link expectedText}).
 *
 * @example
 * ```ts
 * const rejected = await readScored('scores.ndjson', { need: 'score', rubrics: [], format: 'auto' }, (c) => collector.add(c));
 * ```
 */
export async function readScored<N extends ScoredNeed>(input: string, o: ScoredReadOptions<N>, visit: (call: ScoredOf<N>, ordinal: number, line: number) => RejectedRecord | void): Promise<RejectedRecord[]> {
  for (const [name, v] of [['--from', o.from], ['--to', o.to]] as const) {
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`${name} must be a date YYYY-MM-DD, got "${v}"`);
  }
  const versions = o.rubrics.length > 0 ? new RubricVersions(o.rubrics) : null;
  const inPeriod = (date: string): boolean => {
    if (o.from === undefined && o.to === undefined) return true;
    const d = date.slice(0, 10);
    return (o.from === undefined || d >= o.from) && (o.to === undefined || d <= o.to);
  };
  const give = (c: ScoredOf<N>, ordinal: number, line: number): RejectedRecord | void => (inPeriod(c.date) ? visit(c, ordinal, line) : undefined);
  const expected = expectedText(o.need, versions !== null);
  return readRecords(
    input,
    o.format,
    (u, ordinal) => {
      if (o.need === 'items' && 'value' in u && isCallScore(u.value)) return give(u.value as ScoredOf<N>, ordinal, u.line);
      const s = scoredRecord(u);
      if (s !== null) {
        if (o.need === 'score') return give(s as ScoredOf<N>, ordinal, u.line);
        // Compact score output has the score but not the items a problem analysis needs.
        return { ok: false, line: u.line, id: s.id, issues: [{ code: 'no_items', path: [], message: 'compact `callqa score` output has no items: give `callqa score --full` output or the evaluations with --rubric' }] };
      }
      if (versions === null) return { ok: false, line: u.line, issues: [{ code: 'needs_rubric', path: [], message: expected }] };
      const r = scoreUnit(versions, u);
      if (!r.ok) return r;
      const c = r.score;
      return give((o.need === 'items' ? c : { id: c.id, agentId: c.agentId, date: c.date, score: c.score }) as ScoredOf<N>, ordinal, u.line);
    },
    o,
  );
}

/**
 * Copies stdin into `dir`/stdin, for a command that reads its input more than
 * once; the caller removes `dir`. The name has no extension, so the format is
 * sniffed as it is for `-` (gzip by its magic bytes).
 *
 * @example
 * ```ts
 * const spool = await spoolStdin(mkdtempSync(join(tmpdir(), 'callqa-')));
 * ```
 */
export async function spoolStdin(dir: string): Promise<{ dir: string; file: string }> {
  const file = join(dir, 'stdin');
  await pipeline(process.stdin, createWriteStream(file));
  return { dir, file };
}
