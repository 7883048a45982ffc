import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transcriptMetrics, TimingError } from './metrics.js';
import type { TimedTurn } from './types.js';

/** Random valid calls on a 100 ms grid: each speaker's turns are sorted and disjoint, then merged by start. */
const callArb = fc
  .array(fc.record({ agent: fc.boolean(), gap: fc.integer({ min: -20, max: 40 }), len: fc.integer({ min: 1, max: 40 }), text: fc.constantFrom('好的，我帮您查一下。', '嗯', 'Okay, let me check that.', '我想查一下话费') }), { maxLength: 25 })
  .map((specs) => {
    const next = { agent: 0, customer: 0 };
    const turns: TimedTurn[] = [];
    for (const sp of specs) {
      const who = sp.agent ? 'agent' : 'customer';
      const start = Math.max(next[who], (turns[turns.length - 1]?.start ?? 0) * 10 + sp.gap, 0);
      turns.push({ speaker: who, text: sp.text, start: start / 10, end: (start + sp.len) / 10 });
      next[who] = start + sp.len;
    }
    turns.sort((a, b) => a.start - b.start);
    return turns;
  });

describe('transcriptMetrics against a brute-force timeline (100 ms cells)', () => {
  it('talk per side, overlap and non-talk (no threshold) match counting cells', () => {
    fc.assert(
      fc.property(callArb, (turns) => {
        const end = Math.max(0, ...turns.map((t) => Math.round(t.end * 10)));
        const a = new Uint8Array(end);
        const c = new Uint8Array(end);
        for (const t of turns) for (let k = Math.round(t.start * 10); k < Math.round(t.end * 10); k++) (t.speaker === 'agent' ? a : c)[k] = 1;
        let at = 0, ct = 0, ov = 0, quiet = 0;
        for (let k = 0; k < end; k++) {
          at += a[k]!;
          ct += c[k]!;
          ov += a[k]! & c[k]!;
          quiet += a[k]! | c[k]! ? 0 : 1;
        }
        const m = transcriptMetrics({ transcript: turns }, { nonTalkMinMs: 1 });
        expect(m.agent.talkMs).toBe(at * 100);
        expect(m.customer.talkMs).toBe(ct * 100);
        expect(m.overlap.totalMs).toBe(ov * 100);
        expect(m.nonTalk.totalMs).toBe(quiet * 100);
        // Interruptions are overlaps: never more time than the overlap.
        expect(m.agent.interruptions.totalMs + m.customer.interruptions.totalMs).toBeLessThanOrEqual(m.overlap.totalMs * 2);
      }),
      { numRuns: 300 },
    );
  });

  it('a threshold keeps exactly the quiet spans that reach it (with and without a hold inside them)', () => {
    // The sweep keeps only gaps of at least the threshold: non-talk and silence must be the no-threshold spans
    // filtered (waits are not: a shorter gap touching a hold joins it when nothing drops it).
    fc.assert(
      fc.property(callArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 60 }), (turns, tenths, holdAt) => {
        const threshold = tenths * 100;
        const events = [{ type: 'hold' as const, start: holdAt / 10, end: holdAt / 10 + 1.5 }];
        for (const call of [{ transcript: turns }, { transcript: turns, events }]) {
          const all = transcriptMetrics(call, { nonTalkMinMs: 1 });
          const some = transcriptMetrics(call, { nonTalkMinMs: threshold });
          const reach = (xs: readonly { startMs: number; endMs: number }[]): unknown[] => xs.filter((x) => x.endMs - x.startMs >= threshold);
          expect(some.nonTalk.instances).toEqual(reach(all.nonTalk.instances));
          expect(some.silence.instances).toEqual(reach(all.silence.instances));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('throws TimingError naming the turn for bad timings', () => {
    expect(() => transcriptMetrics({ transcript: [{ speaker: 'agent', text: 'x', start: 2, end: 1 }] })).toThrow(TimingError);
  });
});
