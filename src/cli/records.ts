/**
 * Reading the records of a batch input for the quality-programme commands:
 * one place that opens the input, parses NDJSON/JSON text, turns the reader's
 * own problems into rejected records and maps I/O errors to usage errors.
 */
import { openInput } from '../batch/input.js';
import type { RejectedRecord } from '../batch/types.js';
import { UsageError } from './util.js';
import { inputFormat } from './commands/score.js';

/** A record ready for a command: a parsed JSON value, or a CSV row. */
export type RecordUnit =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly row: Readonly<Record<string, string | undefined>> };

/**
 * Streams `input` (any batch format, `-` for stdin) through `visit`, which may
 * return a rejection for a record it cannot use. Returns every rejected record,
 * in input order, so that none is lost.
 *
 * @example
 * ```ts
 * const calls: unknown[] = [];
 * const rejected = await readRecords('calls.ndjson', 'auto', (u) => void calls.push('value' in u ? u.value : u.row));
 * ```
 */
export async function readRecords(input: string, format: string, visit: (unit: RecordUnit) => RejectedRecord | void): Promise<RejectedRecord[]> {
  const rejected: RejectedRecord[] = [];
  let src;
  try {
    src = await openInput(input, { format: inputFormat(format) });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  try {
    for await (const unit of src.units) {
      if ('issues' in unit) {
        rejected.push({ ok: false, line: unit.line, issues: unit.issues });
        continue;
      }
      let u: RecordUnit;
      if ('text' in unit) {
        try {
          u = { line: unit.line, value: JSON.parse(unit.text) as unknown };
        } catch (e) {
          rejected.push({ ok: false, line: unit.line, issues: [{ code: 'invalid_json', path: [], message: (e as Error).message }] });
          continue;
        }
      } else u = unit;
      const r = visit(u);
      if (r) rejected.push(r);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR' || err.code === 'Z_DATA_ERROR') throw new UsageError(err.message);
    throw e;
  }
  return rejected;
}
