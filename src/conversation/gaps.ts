/**
 * The measures built from the gaps in speech and the telephony events (the
 * sweep's `gaps` part): the gaps in the union of all speech are the silences
 * before holds are taken out; holds are subtracted from them (silence) or
 * merged with them (waits) by a two-pointer walk over both sorted lists
 * (intervals.ts); non-talk is the gaps with or without holds, by the option.
 * Each list keeps only spans of at least the non-talk threshold, long waits
 * those over the long-wait threshold. Linear in the gaps and events.
 */
import type { TimedCall, TranscriptMetrics } from './types.js';
import { pct, subtract, summary, union, type Interval } from './intervals.js';

/** The options the gap measures read (resolved, defaults applied). */
export interface GapOptions {
  readonly nonTalkMinMs: number;
  readonly includeHold: boolean;
  readonly longWaitMs: number;
}

/**
 * Seconds to integer milliseconds (the measures' unit throughout).
 *
 * @example
 * ```ts
 * toMs(26.5); // 26500
 * ```
 */
export const toMs = (s: number): number => Math.round(s * 1000);

/**
 * Sorted, disjoint spans of one event type (the events were validated: sorted, not overlapping within a type).
 *
 * @example
 * ```ts
 * eventSpans({ transcript: [], events: [{ type: 'hold', start: 20, end: 55 }] }, 'hold'); // [{ s: 20000, e: 55000, turns: [] }]
 * ```
 */
export function eventSpans(call: TimedCall, type: string): Interval[] {
  const out: Interval[] = [];
  for (const ev of call.events ?? []) if (ev.type === type && ev.end !== undefined) out.push({ s: toMs(ev.start), e: toMs(ev.end), turns: [] });
  return out;
}

/**
 * The gap measures of a call: the sweep's gaps (each at least the non-talk
 * threshold), the trailing gap to the call's end, and the events.
 *
 * @example
 * ```ts
 * const g = gapMeasures(call, { nonTalkMinMs: 3000, includeHold: true, longWaitMs: 30000 }, turns.length, gaps, holds, gEnd, gTurn, durationMs);
 * ```
 */
export function gapMeasures(
  call: TimedCall,
  o: GapOptions,
  turnCount: number,
  gaps: Interval[],
  holds: readonly Interval[],
  gEnd: number,
  gTurn: number,
  durationMs: number,
): Pick<TranscriptMetrics, 'nonTalk' | 'silence' | 'hold' | 'mute' | 'transfers' | 'waits'> {
  const trailing = durationMs > gEnd && turnCount > 0 ? { s: gEnd, e: durationMs, turns: [gTurn] } : null;
  const allGaps = turnCount === 0 ? [{ s: 0, e: durationMs, turns: [] }] : trailing ? [...gaps, trailing] : gaps;
  const silence = subtract(allGaps, holds).filter((g) => g.e - g.s >= o.nonTalkMinMs);
  const nonTalk = o.includeHold ? allGaps.filter((g) => g.e - g.s >= o.nonTalkMinMs) : silence;
  // The sweep keeps only gaps of at least the non-talk threshold: every one is a wait.
  const waits = union(gaps, holds);
  const nonTalkSummary = summary(nonTalk);
  // Object.assign, not `{ ...summary, key }`: in Node 20 a spread followed by a new key costs microseconds an object (runs per call).
  return {
    nonTalk: Object.assign(nonTalkSummary, { percent: pct(nonTalkSummary.totalMs, durationMs) }),
    silence: summary(silence),
    hold: summary(holds),
    mute: summary(eventSpans(call, 'mute')),
    transfers: (call.events ?? []).filter((ev) => ev.type === 'transfer').map((ev) => toMs(ev.start)),
    waits: Object.assign(summary(waits), { long: summary(waits.filter((w) => w.e - w.s > o.longWaitMs)) }),
  };
}
