/**
 * The byte path of the batch scorer: output written as UTF-8 bytes, input
 * read straight into reused batch buffers and scored a line at a time. Every
 * test compares against the string path it replaces (or against the file's
 * own bytes): nothing may be lost, duplicated, renumbered or re-encoded.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEvaluations } from '../generate/index.js';
import { loadRubric } from '../rubric/load.js';
import { BatchBuffers, ByteSink, isShared } from './bytes.js';
import { openInput } from './input.js';
import { fileNdjsonBatches, ndjsonLines } from './ndjson.js';
import { createContext, processBatch, processInputBatch, type BatchContext } from './process.js';
import { decodeMarkingInvalid } from './utf8.js';
import { screenUnit } from './limits.js';

const dir = mkdtempSync(join(tmpdir(), 'callqa-bytes-'));
const RUBRIC = JSON.parse(readFileSync(join(__dirname, '../../rubrics/callcenter-qc-7.zh-CN.json'), 'utf8')) as unknown;

describe('ByteSink', () => {
  it('holds exactly the UTF-8 of what was written, growing as needed, in a buffer of its own', () => {
    const sink = new ByteSink(1); // starts at 1 KB, must grow
    let text = '';
    for (let i = 0; i < 500; i++) {
      const piece = i % 3 === 0 ? `{"n":${i}}` : i % 3 === 1 ? '话务员服务规范😀' : 'é';
      sink.text(piece);
      sink.byte(10);
      text += `${piece}\n`;
    }
    const out = sink.end();
    expect(out.byteOffset).toBe(0);
    expect(Buffer.from(out).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(sink.length).toBe(Buffer.byteLength(text));
  });
});

describe('BatchBuffers', () => {
  it('hands back a returned buffer instead of allocating, in shared memory, and refuses foreign sizes and kinds', () => {
    const pool = new BatchBuffers(64);
    const a = pool.take();
    expect(a.length).toBe(64);
    expect(isShared(a.buffer)).toBe(true); // a worker reads it in place: nothing to copy or transfer
    pool.give(a.buffer);
    expect(pool.take().buffer).toBe(a.buffer);
    pool.give(new SharedArrayBuffer(32)); // not this pool's size
    pool.give(new ArrayBuffer(64)); // not shared: a worker could not read it in place
    const b = pool.take();
    expect(b.buffer.byteLength).toBe(64);
    expect(isShared(b.buffer)).toBe(true);
    expect(b.buffer).not.toBe(a.buffer); // a was taken again above and never returned: b is new
  });
});

/** Every batch fileNdjsonBatches yields for `bytes`, read with buffers of `size` bytes. */
async function cut(bytes: Buffer, lines: number, size: number): Promise<{ line: number; bytes: Buffer }[]> {
  const path = join(dir, `cut-${size}-${lines}.ndjson`);
  writeFileSync(path, bytes);
  const fh = await open(path);
  try {
    const pool = new BatchBuffers(size);
    const first = pool.take();
    const { bytesRead } = await fh.read(first, 0, size, 0);
    let read = bytesRead;
    const out: { line: number; bytes: Buffer }[] = [];
    for await (const b of fileNdjsonBatches(fh, first, bytesRead, bytesRead, lines, pool, (n) => (read += n))) {
      out.push({ line: b.line, bytes: Buffer.from(b.bytes) }); // a copy: the real consumer transfers the buffer away
      // …and hands it back, as the worker pool does. Scribbled over first: a reader that still
      // needed any of its bytes would now read 'A's, and the batches would no longer be the file.
      new Uint8Array(b.bytes.buffer).fill(0x41);
      pool.give(b.bytes.buffer);
    }
    expect(read).toBe(bytes.length);
    return out;
  } finally {
    await fh.close();
  }
}

describe('fileNdjsonBatches', () => {
  it('cuts at line ends, by count and by buffer size, with the line number each batch starts on', async () => {
    const text = '{"a":1}\n\n{"a":"长文本长文本"}\r\n{"a":3}\n{"a":4}';
    const bytes = Buffer.from(text);
    // Two lines a batch: lines 1–2, 3–4, 5 (the last has no newline).
    expect((await cut(bytes, 2, 1024)).map((b) => [b.line, b.bytes.toString()])).toEqual([
      [1, '{"a":1}\n\n'],
      [3, '{"a":"长文本长文本"}\r\n{"a":3}\n'],
      [5, '{"a":4}'],
    ]);
    // A 16-byte buffer holds one short line; the 28-byte line 3 gets a larger buffer of its own.
    expect((await cut(bytes, 1000, 16)).map((b) => [b.line, b.bytes.toString()])).toEqual([
      [1, '{"a":1}\n\n'],
      [3, '{"a":"长文本长文本"}\r\n'],
      [4, '{"a":3}\n{"a":4}'],
    ]);
  });

  it('yields nothing for an empty file', async () => {
    expect(await cut(Buffer.alloc(0), 10, 64)).toEqual([]);
  });

  it('loses, repeats and renumbers nothing, whatever the lines, batch size and buffer size (property)', async () => {
    const lineArb = fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => s.replace(/\n/g, ' ')),
      fc.constantFrom('', '   ', '\r', '{"话":"务"}', 'x'.repeat(200)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 8, max: 96 }), async (lines, trailing, perBatch, size) => {
        const text = lines.join('\n') + (trailing && lines.length > 0 ? '\n' : '');
        const bytes = Buffer.from(text);
        const batches = await cut(bytes, perBatch, size);
        // Nothing lost or repeated: the batches are the file, in order.
        expect(Buffer.concat(batches.map((b) => b.bytes)).equals(bytes)).toBe(true);
        let line = 1;
        batches.forEach((b, i) => {
          expect(b.line).toBe(line);
          const newlines = b.bytes.filter((x) => x === 10).length;
          expect(newlines).toBeLessThanOrEqual(perBatch);
          if (i < batches.length - 1) expect(b.bytes[b.bytes.length - 1]).toBe(10); // only the last may end mid-line
          // Larger than a buffer only when it is one line.
          if (b.bytes.length > size) expect(newlines).toBeLessThanOrEqual(1);
          line += newlines;
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('processInputBatch on bytes', () => {
  let ctx: BatchContext;
  let lines: string[];
  beforeAll(() => {
    const rubric = loadRubric(RUBRIC);
    ctx = createContext([rubric], {});
    lines = [...generateEvaluations(rubric, { agents: 3, calls: 40, seed: 11 })].map((e) => JSON.stringify(e));
  });

  it('gives the same output, errors and counts as the string path, blank, CRLF, broken, BOM and invalid-UTF-8 lines included', () => {
    // The file's own BOM is the reader's to remove; one here (line 1) or anywhere else is data: invalid JSON on both paths.
    const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
    lines.forEach((l, i) => {
      parts.push(Buffer.from(l));
      if (i === 3) parts.push(Buffer.from('\r')); // CRLF
      if (i === 5) parts.push(Buffer.from('\n  \t'));
      if (i === 7) parts.push(Buffer.from('\n{"id":"broken",'));
      if (i === 9) parts.push(Buffer.from([0x0a, 0x7b, 0x22, 0xff, 0xc3, 0x22, 0x7d])); // {"<invalid UTF-8>"}
      parts.push(Buffer.from('\n'));
    });
    const bytes = Buffer.concat(parts);
    const viaBytes = processInputBatch(ctx, { kind: 'ndjson', line: 1, bytes });
    // The string path: the whole text decoded (bytes that are not UTF-8 marked, not hidden), split into lines, screened.
    const viaText = processBatch(ctx, ndjsonLines(decodeMarkingInvalid(bytes), 1).map(screenUnit));
    expect(typeof viaBytes.out).not.toBe('string');
    expect(Buffer.from(viaBytes.out as Uint8Array).toString('utf8')).toBe(viaText.out);
    expect(viaBytes.errors).toBe(viaText.errors);
    expect(viaBytes.stats).toEqual(viaText.stats);
    // 39 evaluations written; the BOM line, the broken line and the invalid-UTF-8 line rejected, at their own line numbers.
    expect(viaBytes.stats).toMatchObject({ written: 39, rejected: 3 });
    const errs = viaBytes.errors.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { line: number; issues: { code: string }[] });
    expect(errs.map((e) => `${e.line}:${e.issues[0]?.code}`)).toEqual(['1:invalid_json', '10:invalid_json', '13:invalid_utf8']);
  });
});

describe('openInput(…).batches with buffers', () => {
  async function all(path: string, buffers?: BatchBuffers): Promise<{ batches: string[]; read: number; size: number | null }> {
    const src = await openInput(path);
    const batches: string[] = [];
    for await (const b of src.batches(2, buffers)) batches.push(b.kind === 'ndjson' ? `${b.line}:${Buffer.from(b.bytes).toString()}` : JSON.stringify(b.units));
    return { batches, read: src.bytesRead(), size: src.size };
  }

  it('reads a plain NDJSON file directly, BOM removed, the same batches as the stream reader', async () => {
    const path = join(dir, 'bom.ndjson');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n{"a":2}\n{"a":3}\n')]));
    const direct = await all(path, new BatchBuffers(1024));
    expect(direct.batches).toEqual(['1:{"a":1}\n{"a":2}\n', '3:{"a":3}\n']);
    expect(direct.read).toBe(direct.size);
    expect((await all(path)).batches).toEqual(direct.batches);
  });

  it('falls back to the streaming readers for gzip and CSV', async () => {
    const gz = join(dir, 'calls.ndjson.gz');
    writeFileSync(gz, gzipSync('{"a":1}\n{"a":2}\n{"a":3}\n'));
    expect((await all(gz, new BatchBuffers(1024))).batches).toEqual(['1:{"a":1}\n{"a":2}\n', '3:{"a":3}\n']);
    const csv = join(dir, 'calls.csv');
    writeFileSync(csv, 'id,date\nc1,2026-10-01\n');
    const viaBuffers = await all(csv, new BatchBuffers(1024));
    expect(viaBuffers.batches).toEqual((await all(csv)).batches);
    expect(viaBuffers.batches[0]).toContain('c1');
  });
});
