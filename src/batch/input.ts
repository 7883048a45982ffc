/**
 * Reading evaluations as a stream of {@link InputUnit}s: NDJSON, CSV or a JSON
 * array, plain or gzip, from a file or stdin. Nothing holds the whole input:
 * chunks are split as they arrive and the consumer's pace is the reader's pace
 * (async iteration pulls; a paused consumer pauses the file).
 */
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import type { Issue } from '../issues/issues.js';
import type { InputFormat, InputUnit } from './types.js';
import type { BatchBuffers } from './bytes.js';
import { StrictUtf8Decoder, invalidUtf8Unit } from './utf8.js';
import { isUtf8 } from 'node:buffer';
import { MAX_RECORD_BYTES, screenUnit } from './limits.js';

/**
 * A batch of input, as {@link InputSource.batches} yields it: NDJSON stays raw
 * bytes cut at line ends (the cheapest thing to hand to a worker thread, which
 * decodes and splits it), other formats are parsed units.
 *
 * @example
 * ```ts
 * const b: InputBatch = { kind: 'ndjson', line: 1001, bytes: Buffer.from('{"id":"c1001"}\n') };
 * ```
 */
export type InputBatch =
  | { readonly kind: 'units'; readonly units: readonly InputUnit[] }
  | {
      readonly kind: 'ndjson';
      /** Line number of the first line in `bytes`. */
      readonly line: number;
      readonly bytes: Uint8Array;
      /** The bytes' buffer belongs to this batch alone (from {@link BatchBuffers}): it goes back to them for reuse once the batch is scored. */
      readonly owned?: boolean;
    };

/**
 * An open input. Consume either `units` or `batches(…)`, once.
 *
 * @example
 * ```ts
 * const src = await openInput('calls.ndjson.gz');
 * for await (const unit of src.units) console.log(unit.line);
 * ```
 */
export interface InputSource {
  /** The path, or `-` for stdin. */
  readonly name: string;
  /** The file's size in bytes (compressed size for .gz); null for stdin and streams. */
  readonly size: number | null;
  /** Bytes read so far from the file (before decompression). */
  bytesRead(): number;
  /** The format used (after sniffing). Known once the first unit was pulled. */
  format(): Exclude<InputFormat, 'auto'> | null;
  /** Records one by one. */
  readonly units: AsyncIterable<InputUnit>;
  /**
   * Records in batches of `lines` lines (NDJSON) or `lines` units (other
   * formats). With `buffers`, a plain NDJSON file is read straight into
   * buffers from that pool (give them back once a batch is scored).
   */
  batches(lines: number, buffers?: BatchBuffers): AsyncIterable<InputBatch>;
}

/**
 * Options of {@link openInput}.
 *
 * @example
 * ```ts
 * const o: OpenInputOptions = { format: 'csv', onCsvHeader: (cols) => check(cols) };
 * ```
 */
export interface OpenInputOptions {
  /** Default `auto`: by extension (`.csv`, `.ndjson`/`.jsonl`, `.json`, each optionally `.gz`), else by the first character. */
  readonly format?: InputFormat;
  /** Called with the CSV header before the first row; may throw to stop the run. */
  readonly onCsvHeader?: (columns: string[]) => void;
}

function formatFromName(name: string): Exclude<InputFormat, 'auto'> | null {
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (base.endsWith('.csv')) return 'csv';
  if (base.endsWith('.ndjson') || base.endsWith('.jsonl')) return 'ndjson';
  if (base.endsWith('.json')) return 'json';
  return null;
}

function sniff(head: Uint8Array): Exclude<InputFormat, 'auto'> {
  for (const b of head) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x5b ? 'json' : b === 0x7b ? 'ndjson' : 'csv';
  }
  return 'ndjson';
}

/** Text of byte chunks; bytes that are not UTF-8 are marked, so that {@link checked} rejects their record. */
async function* decode(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const dec = new StrictUtf8Decoder();
  for await (const b of chunks) {
    const s = dec.write(b);
    if (s !== '') yield s;
  }
  const tail = dec.end();
  if (tail !== '') yield tail;
}

/** Units of text from {@link decode}, screened: a record too large or holding bytes that were not UTF-8 becomes its rejection. */
async function* checked(units: AsyncIterable<InputUnit>): AsyncGenerator<InputUnit> {
  for await (const u of units) yield screenUnit(u);
}

/**
 * Opens a file (or `-` for stdin, or a Readable) for reading evaluations.
 * Gzip is recognised by its magic bytes, whatever the name.
 *
 * @example
 * ```ts
 * const src = await openInput('-', { format: 'ndjson' });
 * ```
 */
export async function openInput(input: string | Readable, options: OpenInputOptions = {}): Promise<InputSource> {
  const name = typeof input === 'string' ? input : '(stream)';
  let size: number | null = null;
  let raw: () => Readable;
  // Read directly (with positions) only from a regular file: a pipe or FIFO (`/dev/stdin`, `<(…)`) cannot seek.
  let file: string | null = null;
  if (typeof input !== 'string') raw = () => input;
  else if (input === '-') raw = () => process.stdin;
  else {
    const st = await stat(input); // throws ENOENT before anything else happens
    size = st.size;
    if (st.isFile()) file = input;
    raw = () => createReadStream(input, { highWaterMark: READ_SIZE });
  }
  let bytes = 0;
  let chosen: Exclude<InputFormat, 'auto'> | null = options.format && options.format !== 'auto' ? options.format : formatFromName(name);

  async function* counted(): AsyncGenerator<Buffer> {
    for await (const c of raw()) {
      const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
      bytes += b.length;
      yield b;
    }
  }

  /** Decompressed bytes, BOM removed, format chosen. */
  async function* plain(): AsyncGenerator<Buffer> {
    const peeked = await peek(counted());
    if (!peeked) return;
    let source: AsyncIterable<Buffer> = peeked.all;
    if (peeked.first.length >= 2 && peeked.first[0] === 0x1f && peeked.first[1] === 0x8b) {
      source = Readable.from(peeked.all, { objectMode: false }).pipe(createGunzip());
    }
    let head = true;
    for await (const b of source) {
      let chunk = b as Buffer;
      if (head) {
        if (chunk.length === 0) continue;
        head = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3); // a BOM is not data
        chosen ??= sniff(chunk);
      }
      yield chunk;
    }
  }

  async function* units(): AsyncGenerator<InputUnit> {
    // Reading the first chunk is what sniffs the format, so peek before choosing the parser.
    const peeked = await peek(plain());
    if (!peeked) return;
    if (chosen === 'json') yield* checked(jsonUnits(decode(peeked.all)));
    else if (chosen === 'csv') yield* csvUnits(peeked.all, options.onCsvHeader);
    else yield* checked(ndjsonUnits(decode(peeked.all)));
  }

  async function* batches(lines: number, buffers?: BatchBuffers): AsyncGenerator<InputBatch> {
    if (file !== null && buffers !== undefined && chosen !== 'csv' && chosen !== 'json') {
      const fh = await open(file, 'r');
      try {
        const first = buffers.take();
        const { bytesRead } = await fh.read(first, 0, Math.min(READ_SIZE, first.length), 0);
        bytes += bytesRead;
        const bom = bytesRead >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
        const gzip = bytesRead >= 2 && first[0] === 0x1f && first[1] === 0x8b;
        if (!gzip) {
          if (bytesRead > bom) chosen ??= sniff(first.subarray(bom, bytesRead));
          if (chosen === 'ndjson' || chosen === null) {
            if (bom > 0) first.copy(first, 0, bom, bytesRead); // a BOM is not data
            for await (const b of fileNdjsonBatches(fh, first, bytesRead - bom, bytesRead, lines, buffers, (n) => (bytes += n))) {
              yield { kind: 'ndjson', line: b.line, bytes: b.bytes, owned: true };
            }
            return;
          }
        }
        // gzip, CSV or a JSON array: the streaming readers below, from the start.
        bytes = 0;
      } finally {
        await fh.close();
      }
    }
    // Reading the first chunk is what sniffs the format, so peek before choosing the parser.
    const peeked = await peek(plain());
    if (!peeked) return;
    if (chosen === 'ndjson' || chosen === null) {
      for await (const b of ndjsonByteBatches(peeked.all, lines)) yield { kind: 'ndjson', line: b.line, bytes: b.bytes };
      return;
    }
    const src = chosen === 'json' ? checked(jsonUnits(decode(peeked.all))) : csvUnits(peeked.all, options.onCsvHeader);
    for await (const u of batched(src, lines)) yield { kind: 'units', units: u };
  }

  return { name, size, bytesRead: () => bytes, format: () => chosen, units: { [Symbol.asyncIterator]: () => units() }, batches };
}

/**
 * Cuts NDJSON bytes into batches of `lines` lines at newline bytes (UTF-8
 * safe: 0x0A never occurs inside a multi-byte character), without decoding.
 * A batch also ends once it holds `maxBytes` (but always at least one line),
 * so that a file of huge records cannot make a batch huge.
 *
 * @example
 * ```ts
 * for await (const b of ndjsonByteBatches(fileChunks, 1000)) worker.postMessage(b);
 * ```
 */
export async function* ndjsonByteBatches(chunks: AsyncIterable<Buffer>, lines: number, maxBytes = 4 * 1024 * 1024): AsyncGenerator<{ line: number; bytes: Buffer }> {
  let pending: Buffer[] = [];
  let pendingLines = 0;
  let pendingBytes = 0;
  let line = 1;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      let pos = start;
      let cut = -1; // just after the last newline found in this chunk: the only place a batch may end
      while (pendingLines < lines) {
        const nl = chunk.indexOf(10, pos);
        if (nl === -1) break;
        pendingLines++;
        pos = cut = nl + 1;
        if (pendingBytes + (cut - start) >= maxBytes) break;
      }
      if (cut !== -1 && (pendingLines >= lines || pendingBytes + (cut - start) >= maxBytes)) {
        pending.push(chunk.subarray(start, cut));
        yield { line, bytes: Buffer.concat(pending) };
        line += pendingLines;
        pending = [];
        pendingLines = 0;
        pendingBytes = 0;
        start = cut;
      } else {
        if (start < chunk.length) {
          pending.push(chunk.subarray(start));
          pendingBytes += chunk.length - start;
        }
        break;
      }
    }
  }
  if (pending.length > 0) yield { line, bytes: Buffer.concat(pending) };
}

/** Bytes asked of the file per read (stream chunks and direct reads alike). */
const READ_SIZE = 256 * 1024;

/**
 * Cuts an NDJSON file into batches of `lines` lines, as
 * {@link ndjsonByteBatches} does, but reads straight into buffers taken from
 * `pool`. A batch larger than what follows it in the buffer is handed over
 * in place (the rest moves to a fresh buffer); a smaller one is copied out,
 * so at most the smaller part is copied and small `--batch-size`s do not copy
 * a read's worth per batch. A batch also ends when it reaches the pool's
 * buffer size (at a line end); a longer line gets a larger buffer of its own.
 *
 * @param first - a pool buffer already holding `filled` bytes of the file
 * @param pos - the file offset just after those bytes
 *
 * @example
 * ```ts
 * const fh = await open('calls.ndjson');
 * const buf = pool.take();
 * for await (const b of fileNdjsonBatches(fh, buf, 0, 0, 1000, pool, () => {})) send(b);
 * ```
 */
export async function* fileNdjsonBatches(
  fh: FileHandle,
  first: Buffer,
  filled: number,
  pos: number,
  lines: number,
  pool: BatchBuffers,
  onRead: (bytes: number) => void,
): AsyncGenerator<{ line: number; bytes: Buffer }> {
  let buf = first;
  let base = 0; // where the current batch starts in buf
  let eof = false;
  let line = 1;
  let scanned = 0; // buf[base, scanned) has been searched for newlines
  let count = 0; // newlines found there
  let cut = 0; // just after the last of them
  /** Moves buf[base, filled) to the start of `to`; the old buffer goes back to the pool (no batch was handed over from it). */
  const move = (to: Buffer): void => {
    buf.copy(to, 0, base, filled);
    pool.give(buf.buffer);
    filled -= base;
    scanned -= base;
    cut = Math.max(0, cut - base);
    base = 0;
    buf = to;
  };
  for (;;) {
    const view = buf.subarray(0, filled);
    let capped = false;
    while (count < lines) {
      const nl = view.indexOf(10, scanned);
      if (nl === -1) {
        scanned = filled;
        break;
      }
      // Past the pool's size only after a long line: that line alone is the batch.
      if (count > 0 && nl + 1 - base > pool.size) {
        capped = true;
        break;
      }
      count++;
      scanned = cut = nl + 1;
    }
    const full = count >= lines || capped;
    if (!full && !eof) {
      // Room to read: compact a batch that starts late, grow for a line longer than a buffer.
      if (filled === buf.length && base > 0) move(filled - base > pool.size ? Buffer.allocUnsafeSlow(buf.length) : pool.take());
      if (filled === buf.length) move(Buffer.allocUnsafeSlow(buf.length * 2));
      const { bytesRead } = await fh.read(buf, filled, Math.min(READ_SIZE, buf.length - filled), pos);
      if (bytesRead === 0) eof = true;
      filled += bytesRead;
      pos += bytesRead;
      onRead(bytesRead);
      continue;
    }
    let end = cut > base ? cut : base;
    // The rest of the file, whose last line may lack its newline (within the size, unless it is the only line).
    if (eof && !full && (count === 0 || filled - base <= pool.size)) end = filled;
    if (end === base) return; // end of file, nothing left
    const size = end - base;
    const rest = filled - end;
    if (rest > size) {
      // A small batch: copied out, the buffer stays for what follows.
      const out = Buffer.allocUnsafeSlow(size);
      buf.copy(out, 0, base, end);
      yield { line, bytes: out };
      base = end;
    } else {
      // The rest moves to a fresh buffer before this one is handed over (and transferred).
      const next = rest > pool.size ? Buffer.allocUnsafeSlow(rest * 2) : pool.take();
      buf.copy(next, 0, end, filled);
      yield { line, bytes: buf.subarray(base, end) };
      buf = next;
      base = 0;
      filled = rest;
    }
    if (eof && filled === base) {
      if (base === 0) pool.give(buf.buffer);
      return;
    }
    line += count;
    count = 0;
    scanned = cut = base;
  }
}

/**
 * The units of a batch of NDJSON text whose first line is `firstLine`
 * (synchronous twin of {@link ndjsonUnits}, for text already in memory).
 *
 * @example
 * ```ts
 * ndjsonLines('{"a":1}\n\n{"a":2}\n', 10); // lines 10 and 12
 * ```
 */
export function ndjsonLines(text: string, firstLine: number): InputUnit[] {
  const out: InputUnit[] = [];
  let line = firstLine - 1;
  let start = 0;
  const n = text.length;
  while (start < n) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = n;
    line++;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (!isBlank(text, start, end)) out.push({ line, text: text.slice(start, end) });
    start = nl + 1;
  }
  return out;
}

/**
 * Splits NDJSON text into lines with their 1-based numbers; blank lines are skipped.
 *
 * @example
 * ```ts
 * for await (const u of ndjsonUnits(['{"a":1}\n\n{"a"', ':2}\n'])) console.log(u); // lines 1 and 3
 * ```
 */
export async function* ndjsonUnits(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<InputUnit> {
  let rest = '';
  let line = 0;
  for await (const chunk of chunks) {
    const buf = rest === '' ? chunk : rest + chunk;
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n', start)) {
      line++;
      const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (!isBlank(buf, start, end)) yield { line, text: buf.slice(start, end) };
      start = nl + 1;
    }
    rest = buf.slice(start);
  }
  if (rest !== '') {
    line++;
    const end = rest.endsWith('\r') ? rest.length - 1 : rest.length;
    if (!isBlank(rest, 0, end)) yield { line, text: rest.slice(0, end) };
  }
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * Splits a JSON array (or a sequence of JSON values) into its elements as
 * text, with the line each starts on, without parsing them: a malformed
 * element is rejected alone and the rest still read. Broken separators are
 * reported where they are, as rejected units: an empty element (`[a,,b]`),
 * a comma before `]`, and an element with no comma before it (`[a b]`, the
 * element itself rejected: which of the two was meant is unknowable).
 *
 * @example
 * ```ts
 * for await (const u of jsonUnits(['[{"id":1},', '\n{"id":2}]'])) console.log(u); // lines 1 and 2
 * ```
 */
export async function* jsonUnits(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<InputUnit> {
  let line = 1;
  let mode: 'start' | 'array' | 'values' | 'after' = 'start';
  let parts: string[] = []; // the current element's earlier chunks
  let inElem = false;
  let elemStart = 0;
  let elemLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scalar = false;
  let trailing: { line: number; text: string } | null = null;
  // Array separators: whether the next element needs a comma first, whether the last token was a comma,
  // and whether the current element came without one.
  let needComma = false;
  let afterComma = false;
  let noComma = false;
  const element = (text: string): InputUnit => {
    if (mode === 'array' || mode === 'after') needComma = true;
    if (!noComma) return { line: elemLine, text };
    return { line: elemLine, issues: [{ code: 'invalid_json', path: [], message: 'a comma is missing before this array element' }] };
  };
  const separator = (message: string): InputUnit => ({ line, issues: [{ code: 'invalid_json', path: [], message }] });

  for await (const chunk of chunks) {
    elemStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk.charCodeAt(i);
      if (inElem) {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === 92) escaped = true;
          else if (ch === 34) {
            inString = false;
            if (scalar && depth === 0) {
              parts.push(chunk.slice(elemStart, i + 1));
              yield element(parts.join(''));
              parts = [];
              inElem = false;
            }
          }
        } else if (ch === 34) inString = true;
        else if (ch === 123 || ch === 91) depth++;
        else if (ch === 125 || ch === 93) {
          if (scalar) {
            // `]` closing the array right after a scalar element
            parts.push(chunk.slice(elemStart, i));
            yield element(parts.join('').trim());
            parts = [];
            inElem = false;
            mode = 'after';
          } else if (--depth === 0) {
            parts.push(chunk.slice(elemStart, i + 1));
            yield element(parts.join(''));
            parts = [];
            inElem = false;
          }
        } else if (scalar && (ch === 44 || ch === 32 || ch === 10 || ch === 13 || ch === 9)) {
          parts.push(chunk.slice(elemStart, i));
          yield element(parts.join(''));
          parts = [];
          inElem = false;
          if (ch === 44) needComma = false; // the comma that ended the scalar
          afterComma = ch === 44;
        }
        if (ch === 10) line++;
        continue;
      }
      if (ch === 10) line++;
      if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 0xfeff) continue;
      if (mode === 'start') {
        if (ch === 91) {
          mode = 'array';
          continue;
        }
        mode = 'values';
      }
      if (mode === 'array' && ch === 44) {
        if (needComma) needComma = false;
        else yield separator(afterComma ? 'an empty array element (two commas in a row)' : 'a comma before the first array element');
        afterComma = true;
        continue;
      }
      if (mode === 'array' && ch === 93) {
        if (afterComma) yield separator('a comma before the closing "]"');
        mode = 'after';
        continue;
      }
      if (mode === 'after') {
        trailing ??= { line, text: chunk.slice(i, i + 20) };
        continue;
      }
      inElem = true;
      noComma = mode === 'array' && needComma;
      afterComma = false;
      elemStart = i;
      elemLine = line;
      depth = ch === 123 || ch === 91 ? 1 : 0;
      scalar = depth === 0;
      inString = ch === 34;
      escaped = false;
    }
    if (inElem) parts.push(chunk.slice(elemStart));
  }
  if (inElem) {
    const text = parts.join('');
    if (scalar && !inString) yield { line: elemLine, text };
    else yield { line: elemLine, issues: [{ code: 'invalid_json', path: [], message: 'the input ends inside this element (unterminated JSON)' }] };
  } else if (mode === 'array') {
    yield { line, issues: [{ code: 'invalid_json', path: [], message: 'the JSON array is not closed with "]"' }] };
  }
  if (trailing) yield { line: trailing.line, issues: [{ code: 'invalid_json', path: [], message: `unexpected text after the JSON array: ${JSON.stringify(trailing.text)}` }] };
}

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

/**
 * Groups units into arrays of `size` (the last may be shorter).
 *
 * @example
 * ```ts
 * for await (const b of batched(src.units, 1000)) pool.submit(b);
 * ```
 */
export async function* batched<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const x of items) {
    batch.push(x);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The first item of an async stream, and the whole stream again (the first item included). */
async function peek<T>(source: AsyncIterable<T>): Promise<{ readonly first: T; readonly all: AsyncGenerator<T> } | null> {
  const it = source[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return null;
  const first = head.value;
  async function* all(): AsyncGenerator<T> {
    yield first;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { first, all: all() };
}
