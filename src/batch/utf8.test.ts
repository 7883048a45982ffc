/**
 * Strict UTF-8: bytes that are not UTF-8 are marked, never hidden behind
 * U+FFFD; the text of valid input is exactly Node's; chunking changes nothing.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrictUtf8Decoder, decodeMarkingInvalid, wellFormedUnit } from './utf8.js';
import { openInput } from './input.js';
import { createContext, processBatch, processInputBatch } from './process.js';
import { RubricVersions } from './versions.js';
import { readFileSync } from 'node:fs';
import { generateEvaluations } from '../generate/index.js';
import { loadRubric } from '../rubric/load.js';
import { join } from 'node:path';

const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
// Bytes biased towards UTF-8's interesting values: ASCII, continuation bytes, lead bytes of every length, invalid leads.
const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }));
const bytes = fc.array(byte, { maxLength: 40 }).map((a) => Buffer.from(a));

describe('decodeMarkingInvalid', () => {
  it('gives well-formed text exactly when the bytes are UTF-8, and then the same text as Node', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const s = decodeMarkingInvalid(b);
        expect(wellFormed(s)).toBe(isUtf8(b));
        if (isUtf8(b)) expect(s).toBe(b.toString('utf8'));
        // Where Node writes U+FFFD, a mark stands instead (one per maximal invalid subpart, as the WHATWG decoder counts them).
        else expect(s.replace(/\uDFFF/g, '\uFFFD')).toBe(new TextDecoder().decode(b));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('marks overlongs, surrogates, code points above U+10FFFF and truncated characters', () => {
    // C0 80: overlong NUL; ED A0 80: the surrogate U+D800; F4 90 80 80: U+110000; E5 96: 喂 cut short.
    expect(decodeMarkingInvalid(Buffer.from([0x41, 0xc0, 0x80, 0x42]))).toBe('A\uDFFF\uDFFFB');
    expect(decodeMarkingInvalid(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\uDFFF\uDFFF\uDFFF');
    expect(decodeMarkingInvalid(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe('\uDFFF\uDFFF\uDFFF\uDFFF');
    expect(decodeMarkingInvalid(Buffer.from([0xe5, 0x96]))).toBe('\uDFFF');
    expect(decodeMarkingInvalid(Buffer.from('喂 😀', 'utf8'))).toBe('喂 😀');
  });
});

describe('StrictUtf8Decoder', () => {
  it('gives the same text however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }), (b, cuts) => {
        const at = [...new Set(cuts.map((c) => Math.min(c, b.length)))].sort((x, y) => x - y);
        const d = new StrictUtf8Decoder();
        let s = '';
        let from = 0;
        for (const c of [...at, b.length]) {
          s += d.write(b.subarray(from, c));
          from = c;
        }
        s += d.end();
        expect(s).toBe(decodeMarkingInvalid(b));
      }),
      { numRuns: 3000, seed: 12 },
    );
  });
});

const RUBRIC = JSON.parse(readFileSync(join(__dirname, '../../rubrics/callcenter-qc-7.zh-CN.json'), 'utf8')) as unknown;
const [first] = generateEvaluations(loadRubric(RUBRIC), { agents: 1, calls: 1, seed: 3, transcripts: false });
/** A complete evaluation, dated 2026-10-02, agent A1. */
const GOOD = JSON.stringify({ ...(first as object), id: 'c1', agentId: 'A1', date: '2026-10-02' });

describe('records holding bytes that are not UTF-8', () => {
  it('are rejected at their line on every reading path: worker bytes, streamed NDJSON, JSON arrays', async () => {
    const [head, tail] = GOOD.split('"A1"') as [string, string];
    const bad = Buffer.concat([Buffer.from(`${head}"`), Buffer.from([0xff]), Buffer.from(`A1"${tail}`)]); // "\xFFA1": the issue's agent id
    const file = Buffer.concat([Buffer.from(`${GOOD}\n`), bad, Buffer.from(`\n${GOOD}\n`)]);
    const ctx = createContext([RUBRIC], {});
    // Worker path: raw bytes of a batch.
    const viaBytes = processInputBatch(ctx, { kind: 'ndjson', line: 1, bytes: file });
    expect(viaBytes.errors).toBe('{"line":2,"issues":[{"code":"invalid_utf8","path":[],"message":"the record holds bytes that are not valid UTF-8 (the input must be UTF-8)"}]}\n');
    expect([viaBytes.stats.written, viaBytes.stats.rejected]).toEqual([2, 1]);
    // In-thread path: the stream reader, cut into one-byte chunks (the 0xFF and every multi-byte character split).
    const chunks = (b: Buffer): Buffer[] => [...b].map((x) => Buffer.from([x]));
    const src = await openInput(Readable.from(chunks(file)), { format: 'ndjson' });
    const viaUnits = [];
    for await (const u of src.units) viaUnits.push(u);
    expect(processBatch(ctx, viaUnits).errors).toBe(viaBytes.errors);
    // A JSON array: the element with the byte is rejected, the others read.
    const arr = Buffer.concat([Buffer.from(`[${GOOD},\n`), bad, Buffer.from(`,\n${GOOD}]`)]);
    const json = await openInput(Readable.from(chunks(arr)), { format: 'json' });
    const units = [];
    for await (const u of json.units) units.push(u);
    expect(units.map((u) => ('issues' in u ? `${u.line}:${u.issues[0]?.code}` : `${u.line}:ok`))).toEqual(['1:ok', '2:invalid_utf8', '3:ok']);
  });

  it('text already decoded elsewhere passes untouched (only the mark of bad bytes is rejected)', () => {
    expect(wellFormedUnit({ line: 1, text: GOOD })).toEqual({ line: 1, text: GOOD });
    expect(wellFormedUnit({ line: 4, text: '{"id":"\uDFFF"}' })).toMatchObject({ line: 4, issues: [{ code: 'invalid_utf8' }] });
  });
});

describe('a record the scorer throws on, in this thread', () => {
  it('is rejected with code internal at its line; the batch goes on', () => {
    const ctx = createContext([RUBRIC], {});
    // A scorer failing for a reason nobody foresaw: here the version lookup throws for one date.
    class Hostile extends RubricVersions {
      override select(date: unknown): ReturnType<RubricVersions['select']> {
        if (date === '2026-10-03') throw new RangeError('Maximum call stack size exceeded');
        return super.select(date);
      }
    }
    const hostile = { ...ctx, versions: new Hostile(ctx.versions.list) };
    const r = processBatch(hostile, [
      { line: 1, text: GOOD },
      { line: 2, text: GOOD.replace('2026-10-02', '2026-10-03') },
      { line: 3, text: GOOD },
    ]);
    expect([r.stats.written, r.stats.rejected, r.stats.issueCodes]).toEqual([2, 1, { internal: 1 }]);
    expect(r.errors).toBe('{"line":2,"issues":[{"code":"internal","path":[],"message":"the scorer failed on this record: RangeError: Maximum call stack size exceeded"}]}\n');
  });
});
