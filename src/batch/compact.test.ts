/**
 * The compact writer must give exactly the bytes of
 * JSON.stringify(compactRecord(s)), the definition it replaces: on real
 * scores (the bundled sample), on the values where a hand-written writer
 * could go wrong (escapes, lone surrogates, NaN, -0, keys an object would
 * reorder or merge, absent fields), and on arbitrary score-shaped objects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateEvaluations } from '../generate/index.js';
import { loadRubric } from '../rubric/load.js';
import { safeScoreCall } from '../scoring/score.js';
import type { CallScore } from '../scoring/types.js';
import { compactLine, compactRecord, writeCompact } from './compact.js';
import { ByteSink } from './bytes.js';

const ROOT = join(__dirname, '../..');
const rubric = loadRubric(JSON.parse(readFileSync(join(ROOT, 'rubrics/callcenter-qc-7.zh-CN.json'), 'utf8')));
const reference = (s: CallScore): string => JSON.stringify(compactRecord(s));

/** A score-shaped object with the given fields replaced (tests feed what the type does not promise, too). */
function score(over: Record<string, unknown> = {}): CallScore {
  return {
    id: 'c1',
    agentId: 'a1',
    evaluatorId: 'q1',
    date: '2026-10-01',
    rubric: { id: 'r', version: '1.0.0' },
    score: 68.04,
    maxScore: 100,
    exactScore: '6600/97',
    grade: { id: 'pass', label: '合格', passing: true },
    failed: false,
    fatal: [],
    criticalScore: 66.67,
    nonCriticalScore: null,
    bonus: 0,
    sections: [
      { id: 'information', score: 16.49 },
      { id: 'voice', score: 7.22 },
    ],
    items: [],
    deductions: [{ itemId: 'casual', points: -2, occurrences: 1, source: 'evaluator' }],
    evidence: [],
    ...over,
  } as unknown as CallScore;
}

describe('compactLine', () => {
  it('writes the reference bytes for every record of the bundled sample and of 300 generated calls', () => {
    const sample = readFileSync(join(ROOT, 'examples/data/calls.callcenter-qc-7.ndjson'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const evaluations = [...sample.map((l) => JSON.parse(l) as unknown), ...generateEvaluations(rubric, { agents: 7, calls: 300, seed: 3 })];
    let scored = 0;
    for (const e of evaluations) {
      const r = safeScoreCall(rubric, e);
      if (!r.success) continue;
      scored++;
      expect(compactLine(r.score)).toBe(reference(r.score));
    }
    expect(scored).toBe(evaluations.length); // real scores, none rejected: 5 sample lines + 300 generated
  });

  it('writes a known record exactly (checked by hand against the documented compact layout)', () => {
    expect(compactLine(score())).toBe(
      '{"id":"c1","agentId":"a1","evaluatorId":"q1","date":"2026-10-01","rubric":{"id":"r","version":"1.0.0"},"score":68.04,' +
        '"maxScore":100,"exactScore":"6600/97","grade":"pass","failed":false,"fatal":[],"criticalScore":66.67,"nonCriticalScore":null,' +
        '"bonus":0,"sections":{"information":16.49,"voice":7.22},"deductions":[{"itemId":"casual","points":-2,"occurrences":1,"source":"evaluator"}]}',
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ['escapes and non-ASCII in ids', { id: 'a"b\\c\n\u0001', agentId: '话务员😀', date: '\u2028' }],
    ['a lone surrogate (written as \\udxxx by JSON.stringify)', { id: 'x\ud800y', agentId: '\udfff' }],
    ['no evaluator', { evaluatorId: undefined }],
    ['a null evaluator (falls back: the key is kept)', { evaluatorId: null }],
    ['no grade', { grade: null }],
    ['a grade without an id', { grade: { label: 'x' } }],
    ['numbers JSON writes as null, and -0', { score: Number.NaN, maxScore: Infinity, bonus: -0, criticalScore: -Infinity }],
    ['large and tiny numbers', { score: 1e21, maxScore: 5e-7, bonus: 123456789.123 }],
    ['fatal hits, one without an item id', { fatal: [{ itemId: 'rude' }, { itemId: undefined }, { itemId: 'x"y' }], failed: true }],
    ['section ids an object would reorder', { sections: [{ id: 'b', score: 1 }, { id: '2', score: 2 }, { id: '1', score: 3 }] }],
    ['a duplicate section id (first place, last value)', { sections: [{ id: 'a', score: 1 }, { id: 'b', score: 2 }, { id: 'a', score: 3 }] }],
    ['a __proto__ section id (not an own key)', { sections: [{ id: '__proto__', score: 1 }, { id: 'a', score: 2 }] }],
    ['a section without a score (key dropped)', { sections: [{ id: 'a' }, { id: 'b', score: 2 }] }],
    ['no sections, no deductions', { sections: [], deductions: [] }],
    ['a deduction with a missing field (key dropped)', { deductions: [{ itemId: 'a', points: -1, source: 'transcript' }] }],
    ['an absent date (key dropped)', { date: undefined }],
    ['a rubric with more keys', { rubric: { id: 'r', version: '2', extra: [1, 'x'] } }],
  ])('agrees with JSON.stringify: %s', (_name, over) => {
    const s = score(over);
    expect(compactLine(s)).toBe(reference(s));
  });

  it('writes the UTF-8 bytes of JSON.stringify into a byte sink, record after record, undoing a record the fast path gives up half-way', () => {
    // A section without a score makes the fast path stop after writing most of the record: what it wrote must be undone.
    const records = [score(), score({ agentId: '话务员😀', id: 'x\ud800"' }), score({ sections: [{ id: 'a', score: 1 }, { id: 'b' }] }), score({ rubric: { version: '2', id: 'r' } }), score()];
    const sink = new ByteSink(16); // grows on the way
    for (const s of records) {
      writeCompact(sink, s);
      sink.byte(10);
    }
    const expected = records.map((s) => `${reference(s)}\n`).join('');
    expect(Buffer.from(sink.end()).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    // The hand-checked layout: the section without a score has no key at all; the rubric keeps its own key order.
    expect(expected).toContain('"sections":{"a":1}');
    expect(expected).toContain('"rubric":{"version":"2","id":"r"}');
  });

  it('leaves nothing of a record in the sink when reading it throws half-way (the batch rejects that record and goes on)', () => {
    const sink = new ByteSink(1024);
    writeCompact(sink, score());
    const before = sink.length;
    // fatal is read after id, dates, rubric and scores are written: not an array, so `.length` throws there.
    expect(() => writeCompact(sink, score({ fatal: undefined }))).toThrow(TypeError);
    expect(sink.length).toBe(before);
    writeCompact(sink, score({ id: 'c2' }));
    expect(Buffer.from(sink.end()).toString('utf8')).toBe(reference(score()) + reference(score({ id: 'c2' })));
  });

  it('agrees after the section list changes between records (its key cache follows)', () => {
    const a = score({ sections: [{ id: 'x', score: 1 }] });
    const b = score({ sections: [{ id: '1', score: 1 }, { id: 'x', score: 2 }] });
    const c = score({ sections: [{ id: 'x', score: 1 }, { id: 'y', score: 2 }] });
    for (const s of [a, b, c, a, c, b]) expect(compactLine(s)).toBe(reference(s));
  });

  it('writes each number as JSON does when numbers share a slot of its remembered texts', () => {
    // The slot is the number's hundredths mod 4096: 1 → 100, 41.96 → 4196 mod 4096 = 100, 82.92 → 8292 mod 4096 = 100.
    // -0 is written 0 (JSON.stringify(-0) === '0'), NaN and ±Infinity null, as JSON.stringify writes them.
    const nums = [1, 41.96, 1, 82.92, 41.96, 0, -0, 0, NaN, Infinity, -Infinity, 1e21, 5e-7, 1];
    for (const x of nums) {
      const s = score({ score: x, sections: [{ id: 'x', score: x }] });
      const line = compactLine(s);
      expect(line).toBe(reference(s));
      expect(line).toContain(`"score":${x === 0 ? '0' : Number.isFinite(x) ? String(x) : 'null'},`);
    }
  });

  it('agrees with JSON.stringify on arbitrary score-shaped objects', () => {
    const str = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('0', '1', '10', '__proto__', 'constructor', ''));
    const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, Number.NaN, Infinity, 0.1 + 0.2));
    const leaf = fc.oneof(str, num, fc.boolean(), fc.constant(null), fc.constant(undefined));
    const arb = fc.record({
      id: fc.oneof(str, leaf),
      agentId: str,
      evaluatorId: fc.oneof(str, fc.constant(undefined), fc.constant(null)),
      date: str,
      score: fc.oneof(num, leaf),
      criticalScore: fc.oneof(num, fc.constant(null)),
      grade: fc.oneof(fc.constant(null), fc.record({ id: fc.oneof(str, leaf) })),
      fatal: fc.array(fc.record({ itemId: fc.oneof(str, leaf) }), { maxLength: 3 }),
      sections: fc.array(fc.record({ id: str, score: fc.oneof(num, leaf) }), { maxLength: 4 }),
      deductions: fc.array(fc.record({ itemId: str, points: num, occurrences: fc.oneof(fc.integer(), leaf), source: str }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(arb, (over) => {
        const s = score(over);
        expect(compactLine(s)).toBe(reference(s));
        // The bytes themselves (a decoded comparison could hide bytes that are not UTF-8).
        const sink = new ByteSink(1);
        writeCompact(sink, s);
        expect(Buffer.from(sink.end()).equals(Buffer.from(reference(s), 'utf8'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
