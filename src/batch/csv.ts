/**
 * CSV rows as units, through csv-parse (a well-kept streaming parser: quoting,
 * embedded newlines, BOM). Cells are read as Latin-1 (one character a byte,
 * nothing lost) and decoded as UTF-8 afterwards, so a row whose bytes are not
 * UTF-8 is rejected with its line instead of read with U+FFFD in their place.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import type { Issue } from '../issues/issues.js';
import type { InputUnit } from './types.js';
import { invalidUtf8Unit } from './utf8.js';
import { MAX_RECORD_BYTES } from './limits.js';

/**
 * CSV rows (first line = header) as units; a row that cannot be parsed is a
 * rejected unit, not the end of the run.
 *
 * @example
 * ```ts
 * for await (const u of csvUnits(['id,agentId,date,complete\nc1,a1,2026-10-08,是\n'])) console.log(u);
 * ```
 */
export async function* csvUnits(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>, onHeader?: (columns: string[]) => void): AsyncGenerator<InputUnit> {
  let headerError: unknown = null;
  const parser = parseCsv({
    bom: true,
    // Cells are read as Latin-1 (one character per byte, nothing lost) and decoded as UTF-8 below, so that a
    // row holding bytes that are not UTF-8 is rejected instead of read with U+FFFD in their place.
    encoding: 'latin1',
    columns: (raw: string[]) => {
      const header = raw.map((h) => utf8Cell(h) ?? h); // a broken name stays broken: an unknown column
      try {
        onHeader?.(header);
      } catch (e) {
        headerError = e;
        throw e;
      }
      return header;
    },
    skip_empty_lines: true,
    skip_records_with_error: true,
    // In characters (the UTF-8 limit is in bytes; a row this long is over it or close): a longer row is rejected, not read.
    max_record_size: MAX_RECORD_BYTES,
    info: true,
  });
  const skipped: InputUnit[] = [];
  let lastLine = 1;
  parser.on('skip', (err: CsvError) => {
    const lines = typeof err['lines'] === 'number' ? (err['lines'] as number) : lastLine + 1;
    const issue: Issue = { code: 'invalid_csv', path: [], message: err.message };
    skipped.push({ line: lines, issues: [issue] });
  });
  const feed = Readable.from(chunks, { objectMode: false });
  feed.on('error', (e) => parser.destroy(e));
  feed.pipe(parser);
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      while (skipped.length > 0) yield skipped.shift() as InputUnit;
      lastLine = rec.info.lines;
      let valid = true;
      for (const k in rec.record) {
        const cell = utf8Cell(rec.record[k] as string);
        if (cell === null) valid = false;
        else rec.record[k] = cell;
      }
      yield valid ? { line: rec.info.lines, row: rec.record } : invalidUtf8Unit(rec.info.lines);
    }
  } catch (e) {
    throw headerError ?? e;
  }
  while (skipped.length > 0) yield skipped.shift() as InputUnit;
}

const NON_ASCII = /[\x80-\xff]/;

/** A cell read as Latin-1, decoded as UTF-8; null when its bytes are not UTF-8. */
function utf8Cell(latin1: string): string | null {
  if (!NON_ASCII.test(latin1)) return latin1;
  const b = Buffer.from(latin1, 'latin1');
  return isUtf8(b) ? b.toString('utf8') : null;
}
