/**
 * NDJSON, one record a line: cutting bytes into batches of whole lines
 * without decoding (0x0A never occurs inside a multi-byte UTF-8 character, so
 * a newline byte is always a line end), reading a file straight into pooled
 * batch buffers (a batch handed over in place or copied out, whichever moves
 * fewer bytes), and splitting decoded text into numbered lines (blank lines
 * skipped, CRLF accepted). Linear in the bytes; no record is parsed here.
 */
import type { FileHandle } from 'node:fs/promises';
import type { InputUnit } from './types.js';
import type { BatchBuffers } from './bytes.js';

/** Bytes asked of the file per read (stream chunks and direct reads alike). */
export const READ_SIZE = 256 * 1024;

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
