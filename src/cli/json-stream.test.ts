import { describe, expect, it } from 'vitest';
import { jsonParts, writeChunks } from './json-stream.js';

describe('jsonParts', () => {
  it('jsonParts joined is JSON.stringify(…, null, 2), whatever the values', () => {
    const f = (): number => 1;
    const v = { a: [1, [2, []], {}, null, undefined, f, { b: undefined, c: 'x\ny' }], d: undefined, e: {}, g: { h: [] }, i: NaN, j: new Date(0), k: 'é"' };
    for (const x of [v, [], {}, [v, v], 'text', 3, null, { only: undefined }]) expect([...jsonParts(x, '')].join('')).toBe(JSON.stringify(x, null, 2));
  });

  it('with release, gives the same text and leaves every array element null behind it', () => {
    const doc = { agents: [{ id: 'A', scores: [1, 2] }, { id: 'B', scores: [] }], n: 2 };
    const want = JSON.stringify(doc, null, 2);
    expect([...jsonParts(doc, '', { release: true })].join('')).toBe(want);
    // Each element of the top-level array is written whole, then dropped.
    expect(doc.agents).toEqual([null, null]);
  });
});

describe('writeChunks', () => {
  it('writeChunks writes parts of about 64 k characters, the concatenation unchanged', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(50_000)}\n`);
    const writes: string[] = [];
    await writeChunks(chunks, { write: async (t) => void writes.push(String(t)) });
    // 50 chunks of 50,003 characters, parts of at most 65,536 unless one chunk is more: one chunk a part.
    expect(writes.map((x) => x.length)).toEqual(Array(50).fill(50_003));
    const small: string[] = [];
    await writeChunks(Array.from({ length: 10 }, () => 'y'.repeat(30_000)), { write: (t) => void small.push(t) });
    // 30,000-character chunks: two make 60,000 ≤ 65,536, a third would make 90,000: parts of two.
    expect(small.map((x) => x.length)).toEqual(Array(5).fill(60_000));
    expect(writes.join('')).toBe(chunks.join(''));
  });
});
