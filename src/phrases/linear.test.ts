/*
 * Regression tests for issue 11 item 4: nested phrase lists (a, aa, …, a^K)
 * used to record K overlapping matches at every position and sort them — n·K
 * records, 33 s and 5 GB for K = 100 over 1 MB. Matching must be linear in the
 * text length plus the hits reported, whatever the nesting.
 *
 * The forward pass is one automaton step per unit by construction; what could
 * grow with K is the resolver's work (units read again, per-rule entries and
 * output-chain links visited), which `workOf` counts. These tests bound it and
 * check that doubling the text doubles it.
 */
import { describe, expect, it } from 'vitest';
import { compilePhraseMatcher, PHRASE_EVIDENCE_LIMIT } from './index.js';
import { workOf } from './matcher.js';

/** One rule whose phrases are a, aa, …, a^k. */
const nested = (k: number, id = 'r') => ({ id, phrases: Array.from({ length: k }, (_, i) => 'a'.repeat(i + 1)) });

describe('nested phrase lists are linear', () => {
  it('K = 100 over 200,000 units: a^100 back to back, resolver work ≤ 4 per unit', () => {
    const m = compilePhraseMatcher([nested(100)]);
    const n = 200_000;
    const hits = m.matchText('a'.repeat(n));
    // Leftmost-longest, non-overlapping: a^100 at 0, 100, 200 … → 200,000 / 100 = 2,000 hits.
    expect(hits).toHaveLength(2000);
    expect(hits[0]).toEqual({ ruleId: 'r', phrase: 'a'.repeat(100), start: 0, end: 100 });
    expect(hits[1999]).toEqual({ ruleId: 'r', phrase: 'a'.repeat(100), start: 199_900, end: 200_000 });
    // Before the fix this stretch meant 100 raw matches per unit (20 million records).
    // Now: each unit is read twice by the resolver plus one entry (one rule) per start: ≈ 3n.
    expect(workOf(m)).toBeLessThanOrEqual(4 * n);
  });

  it('doubling the text doubles the work (not ×4)', () => {
    const work = (n: number): number => {
      const m = compilePhraseMatcher([nested(100)]);
      m.matchText('a'.repeat(n));
      return workOf(m);
    };
    const w1 = work(50_000);
    const w2 = work(100_000);
    // 3n each (2 reads + 1 entry per unit): exactly 2× up to the last partial hit.
    expect(w2 / w1).toBeGreaterThan(1.9);
    expect(w2 / w1).toBeLessThan(2.1);
  });

  it('K = 1,000 over 100,000 units finishes with a^1000 × 100', () => {
    const m = compilePhraseMatcher([nested(1000)]);
    const t0 = performance.now();
    const hits = m.matchText('a'.repeat(100_000));
    const ms = performance.now() - t0;
    expect(hits).toHaveLength(100); // 100,000 / 1,000
    expect(hits.every((h, k) => h.start === k * 1000 && h.end === h.start + 1000)).toBe(true);
    expect(workOf(m)).toBeLessThanOrEqual(4 * 100_000);
    // Generous bound for a loaded 2-core machine: it used to take more than 2 minutes.
    expect(ms).toBeLessThan(5000);
  });

  it('counts per rule when several rules share one chain of nested nodes', () => {
    // short: a; long: a … a^50; both: aaa. Over a^1000 each rule is independent:
    // short takes every a (1,000), long takes a^50 twenty times, both takes aaa 333 times (a 1 left over).
    const m = compilePhraseMatcher([{ id: 'short', phrases: ['a'] }, nested(50, 'long'), { id: 'both', phrases: ['aaa'] }]);
    const tallies = m.tallyText('a'.repeat(1000), { limit: Infinity });
    expect(tallies.map((t) => [t.ruleId, t.count])).toEqual([
      ['short', 1000],
      ['long', 20],
      ['both', 333],
    ]);
    expect(tallies[1]?.hits[19]).toEqual({ ruleId: 'long', phrase: 'a'.repeat(50), start: 950, end: 1000 });
    expect(workOf(m)).toBeLessThanOrEqual(5 * 1000); // 2 reads + ≤ 3 entries (one per rule) per unit
  });

  it('a million hits are counted, not kept: 喂 × 1,000,000', () => {
    const m = compilePhraseMatcher([{ id: 'forbidden', phrases: ['喂'] }]);
    const [t] = m.tallyText('喂'.repeat(1_000_000));
    expect(t?.count).toBe(1_000_000);
    expect(t?.hits).toHaveLength(PHRASE_EVIDENCE_LIMIT);
    expect(t?.hits[99]).toEqual({ ruleId: 'forbidden', phrase: '喂', start: 99, end: 100 });
    expect(t?.truncated).toBe(true);
    expect(t?.phrases).toEqual(['喂']);
  });
});
