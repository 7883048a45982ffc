/**
 * Conversation measures from a timed transcript, in one sweep over the turns
 * in order of start (plus linear merges with the hold events): linear time,
 * pure, integer milliseconds throughout.
 *
 * The sweep keeps, for each side, the turn that reaches furthest so far
 * ("active"). A turn that starts before the other side's active turn ends
 * overlaps it from its start to the earlier of the two ends — that piece,
 * clipped at what was already counted, is exactly the new overlap time (the
 * clipped part was counted by an earlier-starting turn). The same test, with
 * the other side having started strictly earlier and the overlap reaching the
 * threshold, is an interruption unless the turn is a backchannel. Gaps in the
 * union of all speech are the silences; holds are subtracted from or merged
 * with them by a two-pointer walk over both sorted lists.
 */
import { CallqaError, type Issue } from '../issues/issues.js';
import {
  DEFAULT_BACKCHANNELS,
  type Interruption,
  type MetricsOptions,
  type SideMetrics,
  type Span,
  type SpanSummary,
  type TimedCall,
  type TranscriptMetrics,
  type TurnRate,
} from './types.js';
import { median, pct, round2, span, subtract, summary, union, type Interval } from './intervals.js';
import { backchannelKey, speechUnits } from './units.js';
import { turnShapeIssues, validateTimings } from './validate.js';
import type { TimingIssueCode } from './issue-codes.js';

/**
 * Thrown by {@link transcriptMetrics} for a call whose timings are wrong; `issues` names each turn or event.
 *
 * @example
 * ```ts
 * try { transcriptMetrics(call); } catch (e) { if (e instanceof TimingError) console.error(e.issues); }
 * ```
 */
export class TimingError extends CallqaError<TimingIssueCode> {
  constructor(issues: readonly Issue<TimingIssueCode>[]) {
    super('Invalid call timings', issues);
    this.name = 'TimingError';
  }
}

interface Resolved {
  agent: Set<string>;
  nonTalkMinMs: number;
  includeHold: boolean;
  longWaitMs: number;
  minOverlapMs: number;
  backchannels: Set<string>;
  /** The most units any listed backchannel has: longer turns are not looked up. */
  backchannelListUnits: number;
  backchannelMaxUnits: number;
  minUnits: number;
  /** Answers already worked out for these options: is this speaker the agent, is this short text a backchannel (speakers and short replies repeat on every call). */
  isAgent: Map<string, boolean>;
  isBackchannel: Map<string, boolean>;
}

/** The most entries a memo keeps; past it, answers are worked out afresh (memory stays bounded on any input). */
const MEMO_LIMIT = 4096;

function memo(m: Map<string, boolean>, key: string, work: (key: string) => boolean): boolean {
  let v = m.get(key);
  if (v === undefined) {
    v = work(key);
    if (m.size < MEMO_LIMIT) m.set(key, v);
  }
  return v;
}

const DEFAULT_KEYS = new Set(DEFAULT_BACKCHANNELS.map(backchannelKey));
const resolvedCache = new WeakMap<MetricsOptions, Resolved>();

function resolve(o: MetricsOptions): Resolved {
  let r = resolvedCache.get(o);
  if (!r) {
    const list = o.backchannels ?? DEFAULT_BACKCHANNELS;
    r = {
      agent: new Set((o.agentSpeakers ?? ['agent']).map((s) => s.toLowerCase())),
      nonTalkMinMs: o.nonTalkMinMs ?? 3000,
      includeHold: o.nonTalkIncludesHold ?? true,
      longWaitMs: o.longWaitMs ?? 30000,
      minOverlapMs: o.interruptionMinOverlapMs ?? 500,
      backchannels: o.backchannels ? new Set(o.backchannels.map(backchannelKey)) : DEFAULT_KEYS,
      backchannelListUnits: Math.max(0, ...list.map(speechUnits)),
      backchannelMaxUnits: o.backchannelMaxUnits ?? 1,
      minUnits: o.speechRateMinUnits ?? 4,
      isAgent: new Map(),
      isBackchannel: new Map(),
    };
    resolvedCache.set(o, r);
  }
  return r;
}

const toMs = (s: number): number => Math.round(s * 1000);

/** Sorted, disjoint spans of one event type. */
function eventSpans(call: TimedCall, type: string): Interval[] {
  const out: Interval[] = [];
  for (const ev of call.events ?? []) if (ev.type === type && ev.end !== undefined) out.push({ s: toMs(ev.start), e: toMs(ev.end), turns: [] });
  return out;
}

interface SideWork {
  talk: number;
  segS: number;
  segE: number;
  activeEnd: number;
  activeStart: number;
  activeTurn: number;
  units: number;
  ms: number;
  rates: TurnRate[];
  fastest: TurnRate | null;
  slowest: TurnRate | null;
  mono: Interval | null;
  best: Interval | null;
  interruptions: Interruption[];
}

const newSide = (): SideWork => ({
  talk: 0,
  segS: 0,
  segE: -1,
  activeEnd: -1,
  activeStart: -1,
  activeTurn: -1,
  units: 0,
  ms: 0,
  rates: [],
  fastest: null,
  slowest: null,
  mono: null,
  best: null,
  interruptions: [],
});

function closeMono(w: SideWork): void {
  if (w.mono && (!w.best || w.mono.e - w.mono.s > w.best.e - w.best.s)) w.best = w.mono;
  w.mono = null;
}

/** The default options, one object, so that the resolved-options cache (keyed by the object) hits. */
const NO_OPTIONS: MetricsOptions = Object.freeze({});

/**
 * Which optional parts of the measures to build. Scoring asks only for what its
 * rubric's measure rules read (src/scoring/measures.ts); the parts left out are
 * empty in the result and must not be read. Every other measure is always built.
 */
export interface MeasureParts {
  /** Silences, non-talk, holds, mutes, transfers and waits (the gaps between speech and the events). */
  readonly gaps: boolean;
  /** The overlap instances (interruptions are always measured). */
  readonly overlaps: boolean;
  /** Each side's per-turn speech rates (`speechRate.turns`); the whole-call rate, fastest and slowest turn are always measured. */
  readonly turnRates: boolean;
}

/** Every part: what {@link transcriptMetrics} returns. */
export const ALL_PARTS: MeasureParts = Object.freeze({ gaps: true, overlaps: true, turnRates: true });

const NO_SPANS: SpanSummary = Object.freeze({ count: 0, totalMs: 0, longestMs: 0, instances: Object.freeze([]) as unknown as Span[] });

/**
 * The measures of a call whose timings are known to be valid (no checks).
 * Used by scoring, which has already validated the evaluation.
 *
 * @example
 * ```ts
 * const m = measureValidCall(call, {});
 * ```
 */
export function measureValidCall(call: TimedCall, options: MetricsOptions = NO_OPTIONS): TranscriptMetrics {
  return measureParts(call, options, ALL_PARTS);
}

/**
 * {@link measureValidCall} building only the given parts (the parts left out
 * are empty in the result and must not be read): what scoring calls with the
 * parts its rubric's measure rules read. Internal (not exported from the package).
 *
 * @example
 * ```ts
 * const m = measureParts(call, {}, { gaps: false, overlaps: false, turnRates: false });
 * ```
 */
export function measureParts(call: TimedCall, options: MetricsOptions, parts: MeasureParts): TranscriptMetrics {
  const o = resolve(options);
  const sides: [SideWork, SideWork] = [newSide(), newSide()];
  const holds = eventSpans(call, 'hold');
  const { gaps: wantGaps, overlaps: wantOverlaps, turnRates: wantRates } = parts;
  const overlaps: Interval[] = [];
  const gaps: Interval[] = [];
  const latencies: number[] = [];
  let maxLatency: Interval | null = null;
  let ovEnd = -1;
  let gEnd = 0;
  let gTurn = -1;
  let pending: { e: number; i: number } | null = null;
  let hp = 0;
  let lastHoldStart = -1;

  const turns = call.transcript;
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    const s = toMs(turn.start);
    const e = toMs(turn.end);
    const x = memo(o.isAgent, turn.speaker, (sp) => o.agent.has(sp.toLowerCase())) ? 0 : 1;
    const X = sides[x];
    const Y = sides[1 - x]!;
    const units = speechUnits(turn.text);
    const bc = units <= o.backchannelMaxUnits || (units <= o.backchannelListUnits && memo(o.isBackchannel, turn.text, (t) => o.backchannels.has(backchannelKey(t))));

    // Overlap with the other side, and interruptions.
    if (Y.activeEnd > s) {
      const from = Math.max(s, ovEnd);
      const to = Math.min(e, Y.activeEnd);
      if (wantOverlaps && to > from) {
        const last = overlaps[overlaps.length - 1];
        if (last && from <= last.e) {
          last.e = to;
          for (const t of [Y.activeTurn, i]) if (!last.turns.includes(t)) last.turns.push(t);
        } else overlaps.push({ s: from, e: to, turns: [Y.activeTurn, i] });
        ovEnd = Math.max(ovEnd, to);
      }
      const over = Math.min(e, Y.activeEnd) - s;
      if (!bc && Y.activeStart < s && over >= o.minOverlapMs) {
        X.interruptions.push({ by: x === 0 ? 'agent' : 'customer', turn: i, interrupted: Y.activeTurn, startMs: s, endMs: s + over, turns: [Y.activeTurn, i] });
      }
    }
    // This side's talk time: the union of its turns.
    if (s > X.segE) {
      if (X.segE >= 0) X.talk += X.segE - X.segS;
      X.segS = s;
      X.segE = e;
    } else if (e > X.segE) X.segE = e;
    // Silences: gaps in the union of everyone's speech.
    if (wantGaps && s > gEnd) gaps.push({ s: gEnd, e: s, turns: gTurn >= 0 ? [gTurn, i] : [i] });
    if (e > gEnd || gTurn < 0) {
      gEnd = Math.max(gEnd, e);
      gTurn = i;
    }
    if (e > X.activeEnd) {
      X.activeEnd = e;
      X.activeStart = s;
      X.activeTurn = i;
    }
    // Speech rate over turns long enough to judge.
    if (units >= o.minUnits && e > s) {
      X.units += units;
      X.ms += e - s;
      const ms = e - s;
      const faster = !X.fastest || units * X.fastest.ms > X.fastest.units * ms;
      const slower = !X.slowest || units * X.slowest.ms < X.slowest.units * ms;
      // The turn's record is made only when something keeps it.
      if (wantRates || faster || slower) {
        const r: TurnRate = { turn: i, startMs: s, endMs: e, units, ms, perMinute: round2(units * 60000, ms) };
        if (wantRates) X.rates.push(r);
        if (faster) X.fastest = r;
        if (slower) X.slowest = r;
      }
    }
    if (bc) continue;
    // Monologues: broken by the other side's (non-backchannel) turn or a long pause.
    if (X.mono && s - X.mono.e < o.nonTalkMinMs) {
      X.mono.e = Math.max(X.mono.e, e);
      X.mono.turns.push(i);
    } else {
      closeMono(X);
      X.mono = { s, e, turns: [i] };
    }
    closeMono(Y);
    // Response latency: the customer stops, the agent starts (not across a hold).
    if (x === 1) {
      if (!pending || e >= pending.e) pending = { e, i };
    } else if (pending) {
      while (hp < holds.length && (holds[hp] as Interval).s < s) lastHoldStart = (holds[hp++] as Interval).s;
      const gap = s - pending.e;
      if (gap >= 0 && lastHoldStart < pending.e) {
        latencies.push(gap);
        if (!maxLatency || gap > maxLatency.e - maxLatency.s) maxLatency = { s: pending.e, e: s, turns: [pending.i, i] };
      }
      pending = null;
    }
  }
  for (const w of sides) {
    if (w.segE >= 0) w.talk += w.segE - w.segS;
    closeMono(w);
  }

  let durationMs = call.duration !== undefined ? toMs(call.duration) : gEnd;
  for (const ev of call.events ?? []) durationMs = Math.max(durationMs, toMs(ev.end ?? ev.start));
  const g = wantGaps ? gapMeasures(call, o, turns.length, gaps, holds, gEnd, gTurn, durationMs) : null;
  const side = (w: SideWork): SideMetrics => {
    let total = 0;
    for (const x of w.interruptions) total += x.endMs - x.startMs;
    return {
      talkMs: w.talk,
      talkPercent: pct(w.talk, durationMs),
      speechRate: {
        perMinute: w.ms > 0 ? round2(w.units * 60000, w.ms) : null,
        units: w.units,
        ms: w.ms,
        turns: w.rates,
        fastest: w.fastest,
        slowest: w.slowest,
      },
      longestMonologue: w.best ? span(w.best) : null,
      interruptions: { count: w.interruptions.length, totalMs: total, instances: w.interruptions },
    };
  };
  const [a, c] = sides;
  return {
    durationMs,
    hasEvents: call.events !== undefined,
    agent: side(a),
    customer: side(c),
    agentTalkRatio: a.talk + c.talk > 0 ? pct(a.talk, a.talk + c.talk) : null,
    overlap: wantOverlaps ? summary(overlaps) : NO_SPANS,
    nonTalk: g ? g.nonTalk : { ...NO_SPANS, percent: 0 },
    silence: g ? g.silence : NO_SPANS,
    hold: g ? g.hold : NO_SPANS,
    mute: g ? g.mute : NO_SPANS,
    transfers: g ? g.transfers : [],
    waits: g ? g.waits : { ...NO_SPANS, long: NO_SPANS },
    responseLatency: {
      count: latencies.length,
      medianMs: median(latencies),
      maxMs: maxLatency ? maxLatency.e - maxLatency.s : null,
      max: maxLatency ? span(maxLatency) : null,
    },
  };
}

/** The measures built from the gaps in speech and the telephony events (the `gaps` part). */
function gapMeasures(
  call: TimedCall,
  o: Resolved,
  turnCount: number,
  gaps: Interval[],
  holds: Interval[],
  gEnd: number,
  gTurn: number,
  durationMs: number,
): Pick<TranscriptMetrics, 'nonTalk' | 'silence' | 'hold' | 'mute' | 'transfers' | 'waits'> {
  const trailing = durationMs > gEnd && turnCount > 0 ? { s: gEnd, e: durationMs, turns: [gTurn] } : null;
  const allGaps = turnCount === 0 ? [{ s: 0, e: durationMs, turns: [] }] : trailing ? [...gaps, trailing] : gaps;
  const silence = subtract(allGaps, holds).filter((g) => g.e - g.s >= o.nonTalkMinMs);
  const nonTalk = o.includeHold ? allGaps.filter((g) => g.e - g.s >= o.nonTalkMinMs) : silence;
  const waitGaps = gaps.filter((g) => g.e - g.s >= o.nonTalkMinMs);
  const waits = union(waitGaps, holds);
  const nonTalkSummary = summary(nonTalk);

  return {
    nonTalk: { ...nonTalkSummary, percent: pct(nonTalkSummary.totalMs, durationMs) },
    silence: summary(silence),
    hold: summary(holds),
    mute: summary(eventSpans(call, 'mute')),
    transfers: (call.events ?? []).filter((ev) => ev.type === 'transfer').map((ev) => toMs(ev.start)),
    waits: { ...summary(waits), long: summary(waits.filter((w) => w.e - w.s > o.longWaitMs)) },
  };
}

/** The result of {@link safeTranscriptMetrics}. */
export type SafeMetricsResult = { readonly success: true; readonly metrics: TranscriptMetrics } | { readonly success: false; readonly issues: readonly Issue<TimingIssueCode>[] };

/**
 * {@link transcriptMetrics} without throwing: the measures, or every timing issue.
 *
 * @example
 * ```ts
 * const r = safeTranscriptMetrics({ transcript: turns, events });
 * if (r.success) console.log(r.metrics.nonTalk.count);
 * ```
 */
export function safeTranscriptMetrics(call: TimedCall, options: MetricsOptions = NO_OPTIONS): SafeMetricsResult {
  const issues: Issue<TimingIssueCode>[] = [];
  if (!Array.isArray(call.transcript)) issues.push({ code: 'invalid_type', path: ['transcript'], message: 'transcript must be an array of turns' });
  else {
    issues.push(...turnShapeIssues(call.transcript));
    issues.push(...validateTimings(call.transcript, call.events, call.duration));
  }
  if (issues.length > 0) return { success: false, issues };
  return { success: true, metrics: measureValidCall(call, options) };
}

/**
 * Conversation measures of a timed call: each side's talk time and share,
 * overlap, non-talk (silence) instances, holds, waits, interruptions by each
 * side, speech rate (whole call and per turn), longest monologue and response
 * latency — each with the spans and turn indices that are its evidence.
 * Linear in the number of turns and events. Throws {@link TimingError} when
 * the timings are wrong.
 *
 * @example
 * ```ts
 * const m = transcriptMetrics({
 *   transcript: [
 *     { speaker: 'agent', text: '您好，请问有什么可以帮您？', start: 0, end: 2.5 },
 *     { speaker: 'customer', text: '我想查一下话费。', start: 3, end: 4.8 },
 *   ],
 * });
 * m.agent.talkMs; // 2500
 * ```
 */
export function transcriptMetrics(call: TimedCall, options: MetricsOptions = NO_OPTIONS): TranscriptMetrics {
  const r = safeTranscriptMetrics(call, options);
  if (!r.success) throw new TimingError(r.issues);
  return r.metrics;
}
