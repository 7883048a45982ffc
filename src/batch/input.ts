/**
 * Reading evaluations as a stream of {@link InputUnit}s: NDJSON, CSV or a JSON
 * array, plain or gzip, from a file or stdin. Nothing holds the whole input:
 * chunks are split as they arrive and the consumer's pace is the reader's pace
 * (async iteration pulls; a paused consumer pauses the file). The format is
 * chosen by name or by the first byte, gzip by its magic bytes; each format's
 * reader is in its own file (ndjson.ts, json-array.ts, csv.ts).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { InputFormat, InputUnit } from './types.js';
import type { BatchBuffers } from './bytes.js';
import { StrictUtf8Decoder } from './utf8.js';
import { screenUnit } from './limits.js';
import { READ_SIZE, fileNdjsonBatches, ndjsonByteBatches, ndjsonUnits } from './ndjson.js';
import { jsonUnits } from './json-array.js';
import { csvUnits } from './csv.js';

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
