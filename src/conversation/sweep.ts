/**
 * Conversation measures from a timed transcript, in one sweep over the turns
 * in order of start: linear time, pure, integer milliseconds throughout.
 *
 * The sweep keeps, for each side, the turn that reaches furthest so far
 * ("active"). A turn that starts before the other side's active turn ends
 * overlaps it from its start to the earlier of the two ends — that piece,
 * clipped at what was already counted, is exactly the new overlap time (the
 * clipped part was counted by an earlier-starting turn). The same test, with
 * the other side having started strictly earlier and the overlap reaching the
 * threshold, is an interruption unless the turn is a backchannel. Gaps in the
 * union of all speech are collected here and measured in gaps.ts.
 * Only the parts asked for are built (scoring asks for what its rubric reads).
 */
import {
  DEFAULT_BACKCHANNELS,
  type Interruption,
  type MetricsOptions,
  type SideMetrics,
  type Span,
  type SpanSummary,
  type TimedCall,
  type TimedTurn,
  type TranscriptMetrics,
  type TurnRate,
} from './types.js';
import { medianInPlace, pct, round2, summary, type Interval } from './intervals.js';
import { eventSpans, gapMeasures, toMs } from './gaps.js';
import { backchannelKey, speechUnits, speechUnitsUpTo } from './units.js';
import { perObject } from '../cache/per-object.js';

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

/** Options with their defaults, worked out once per options object (scoring measures call after call with its plan's one). */
const resolve = perObject((o: MetricsOptions): Resolved => {
  const list = o.backchannels ?? DEFAULT_BACKCHANNELS;
  return {
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
});

/** One side's running state in the sweep: numbers only (the evidence objects are made once, at the end). */
interface SideWork {
  talk: number;
  segS: number;
  segE: number;
  activeEnd: number;
  activeStart: number;
  activeTurn: number;
  units: number;
  ms: number;
  /** The per-turn rate records, when asked for (made on the first). */
  rates: TurnRate[] | null;
  /** The fastest and slowest counted turns so far (-1: none), with their units and ms, and their records when per-turn rates are built. */
  fastest: TurnRate | null;
  slowest: TurnRate | null;
  /** The open monologue (monoA: its first turn, -1 none; monoL its last) and the longest closed one. */
  monoS: number;
  monoE: number;
  monoA: number;
  monoL: number;
  bestS: number;
  bestE: number;
  bestA: number;
  bestL: number;
  interruptions: Interruption[] | null;
}

// A literal, not a class: V8 defines class fields one by one (define semantics), a literal in one go.
const newSide = (): SideWork => ({
  talk: 0,
  segS: 0,
  segE: -1,
  activeEnd: -1,
  activeStart: -1,
  activeTurn: -1,
  units: 0,
  ms: 0,
  rates: null,
  fastest: null,
  slowest: null,
  monoS: 0,
  monoE: 0,
  monoA: -1,
  monoL: -1,
  bestS: 0,
  bestE: 0,
  bestA: -1,
  bestL: -1,
  interruptions: null,
});

/** Closes a side's open monologue, keeping it when it is the longest so far (the first of equals). */
function closeMono(w: SideWork): void {
  if (w.monoA >= 0 && (w.bestA < 0 || w.monoE - w.monoS > w.bestE - w.bestS)) {
    w.bestS = w.monoS;
    w.bestE = w.monoE;
    w.bestA = w.monoA;
    w.bestL = w.monoL;
  }
  w.monoA = -1;
}

/**
 * Per-turn scratch, reused from call to call (the sweep is synchronous and
 * never re-entered): each turn's side and whether it was a backchannel, from
 * which the longest monologue's turns are listed at the end; and the response
 * latencies, whose median is selected in place. Grown on demand, and given
 * back when a call was very long.
 */
const SIDE_CUSTOMER = 1;
const BACKCHANNEL = 2;
const SCRATCH_KEEP = 1 << 16;
let turnFlags = new Uint8Array(256);
let latencyBuf: number[] = [];

/** The turns of a side's monologue: its non-backchannel turns from the first to the last (every one between joined it). */
function monologueTurns(flags: Uint8Array, side: number, first: number, last: number): number[] {
  const out: number[] = [];
  for (let j = first; j <= last; j++) if ((flags[j] as number) === side) out.push(j);
  return out;
}

/**
 * Which optional parts of the measures to build. Scoring asks only for what its
 * rubric's measure rules read (src/scoring/measures.ts); the parts left out are
 * empty in the result and must not be read. Every other measure is always built.
 */
export interface MeasureParts {
  /** Silences, non-talk, holds, mutes, transfers and waits (the gaps between speech and the events). */
  readonly gaps: boolean;
  /** The overlap instances. */
  readonly overlaps: boolean;
  /** Each side's interruptions. */
  readonly interruptions: boolean;
  /** The response latency (customer stops → agent starts). */
  readonly latency: boolean;
  /** Each side's per-turn speech rates (`speechRate.turns`). */
  readonly turnRates: boolean;
  /** The agent's speech rate (whole call, fastest and slowest turn). */
  readonly agentRate: boolean;
  /** The customer's speech rate (whole call, fastest and slowest turn). */
  readonly customerRate: boolean;
}

/** Every part: what {@link transcriptMetrics} returns. */
export const ALL_PARTS: MeasureParts = Object.freeze({ gaps: true, overlaps: true, interruptions: true, latency: true, turnRates: true, agentRate: true, customerRate: true });

const NO_SPANS: SpanSummary = Object.freeze({ count: 0, totalMs: 0, longestMs: 0, instances: Object.freeze([]) as unknown as Span[] });
// The parts left out, made once (not spread afresh per call).
const NO_NON_TALK: TranscriptMetrics['nonTalk'] = Object.freeze({ ...NO_SPANS, percent: 0 });
const NO_WAITS: TranscriptMetrics['waits'] = Object.freeze({ ...NO_SPANS, long: NO_SPANS });
const NO_HOLDS: readonly Interval[] = Object.freeze([]);
const NO_INTERRUPTIONS: SideMetrics['interruptions'] = Object.freeze({ count: 0, totalMs: 0, instances: NO_SPANS.instances as unknown as Interruption[] });
const NO_LATENCY: TranscriptMetrics['responseLatency'] = Object.freeze({ count: 0, medianMs: null, maxMs: null, max: null });
const NO_RATE: SideMetrics['speechRate'] = Object.freeze({ perMinute: null, units: 0, ms: 0, turns: Object.freeze([]) as readonly TurnRate[], fastest: null, slowest: null });

/**
 * {@link measureValidCall} building only the given parts (the parts left out
 * are empty in the result and must not be read): what scoring calls with the
 * parts its rubric's measure rules read. Internal (not exported from the package).
 *
 * @example
 * ```ts
 * const m = measureParts(call, {}, { gaps: false, overlaps: false, interruptions: false, latency: false, turnRates: false, agentRate: true, customerRate: false });
 * ```
 */
export function measureParts(call: TimedCall, options: MetricsOptions, parts: MeasureParts): TranscriptMetrics {
  const o = resolve(options);
  const sides: readonly [SideWork, SideWork] = [newSide(), newSide()];
  const events = call.events;
  const { gaps: wantGaps, overlaps: wantOverlaps, interruptions: wantInts, latency: wantLatency, turnRates: wantRates, agentRate, customerRate } = parts;
  // Holds are read by the gaps and the response latency only.
  const holds = wantGaps || wantLatency ? eventSpans(call, 'hold') : NO_HOLDS;
  const overlaps: Interval[] = [];
  const gaps: Interval[] = [];
  const turns = call.transcript;
  const n = turns.length;
  if (turnFlags.length < n || turnFlags.length > SCRATCH_KEEP) turnFlags = new Uint8Array(Math.max(256, n));
  const flags = turnFlags;
  if (latencyBuf.length > SCRATCH_KEEP) latencyBuf = [];
  let nLat = 0;
  // The longest response latency so far (latA: the customer's turn, -1 none).
  let latS = 0;
  let latE = 0;
  let latA = -1;
  let latB = -1;
  let ovEnd = -1;
  let gEnd = 0;
  let gTurn = -1;
  // The customer's turn a response is pending to (-1 none), and where it ended.
  let pendE = 0;
  let pendI = -1;
  let hp = 0;
  let lastHoldStart = -1;
  // The last speaker seen on each side (speakers repeat turn after turn: no lookup for them).
  let agentSp: string | null = null;
  let customerSp: string | null = null;
  const { minUnits, minOverlapMs, nonTalkMinMs, backchannelMaxUnits, backchannelListUnits } = o;
  // A turn whose side's rate is not built is counted only as far as telling a backchannel needs.
  const shortUnits = Math.max(backchannelMaxUnits, backchannelListUnits);

  for (let i = 0; i < n; i++) {
    const turn = turns[i] as TimedTurn;
    const s = toMs(turn.start);
    const e = toMs(turn.end);
    const sp = turn.speaker;
    let x: 0 | 1;
    if (sp === agentSp) x = 0;
    else if (sp === customerSp) x = 1;
    else if (memo(o.isAgent, sp, (v) => o.agent.has(v.toLowerCase()))) {
      x = 0;
      agentSp = sp;
    } else {
      x = 1;
      customerSp = sp;
    }
    const X = sides[x];
    const Y = sides[1 - x] as SideWork;
    const text = turn.text;
    const rated = x === 0 ? agentRate : customerRate;
    const units = rated ? speechUnits(text) : speechUnitsUpTo(text, shortUnits);
    const bc = units <= backchannelMaxUnits || (units <= backchannelListUnits && memo(o.isBackchannel, text, (t) => o.backchannels.has(backchannelKey(t))));
    flags[i] = bc ? x | BACKCHANNEL : x;

    // Overlap with the other side, and interruptions.
    if (Y.activeEnd > s) {
      const to = e < Y.activeEnd ? e : Y.activeEnd;
      if (wantOverlaps) {
        const from = s > ovEnd ? s : ovEnd;
        if (to > from) {
          const last = overlaps[overlaps.length - 1];
          if (last && from <= last.e) {
            last.e = to;
            if (!last.turns.includes(Y.activeTurn)) last.turns.push(Y.activeTurn);
            if (!last.turns.includes(i)) last.turns.push(i);
          } else overlaps.push({ s: from, e: to, turns: [Y.activeTurn, i] });
          if (to > ovEnd) ovEnd = to;
        }
      }
      const over = to - s;
      if (wantInts && !bc && Y.activeStart < s && over >= minOverlapMs) {
        (X.interruptions ??= []).push({ by: x === 0 ? 'agent' : 'customer', turn: i, interrupted: Y.activeTurn, startMs: s, endMs: s + over, turns: [Y.activeTurn, i] });
      }
    }
    // This side's talk time: the union of its turns.
    if (s > X.segE) {
      if (X.segE >= 0) X.talk += X.segE - X.segS;
      X.segS = s;
      X.segE = e;
    } else if (e > X.segE) X.segE = e;
    // Silences: gaps in the union of everyone's speech. Only a gap of at least the non-talk threshold is kept:
    // every measure built from gaps (non-talk, silence = gap − hold, waits) drops the shorter ones, and most
    // pauses between turns are shorter (an object and an array per turn otherwise).
    if (wantGaps && s > gEnd && s - gEnd >= nonTalkMinMs) gaps.push({ s: gEnd, e: s, turns: gTurn >= 0 ? [gTurn, i] : [i] });
    if (e > gEnd || gTurn < 0) {
      if (e > gEnd) gEnd = e;
      gTurn = i;
    }
    if (e > X.activeEnd) {
      X.activeEnd = e;
      X.activeStart = s;
      X.activeTurn = i;
    }
    // Speech rate over turns long enough to judge (the fastest and slowest kept as numbers; a record per turn only when asked for).
    if (rated && units >= minUnits && e > s) {
      const ms = e - s;
      X.units += units;
      X.ms += ms;
      const faster = !X.fastest || units * X.fastest.ms > X.fastest.units * ms;
      const slower = !X.slowest || units * X.slowest.ms < X.slowest.units * ms;
      // The turn's record is made only when something keeps it.
      if (wantRates || faster || slower) {
        const r: TurnRate = { turn: i, startMs: s, endMs: e, units, ms, perMinute: round2(units * 60000, ms) };
        if (wantRates) (X.rates ??= []).push(r);
        if (faster) X.fastest = r;
        if (slower) X.slowest = r;
      }
    }
    if (bc) continue;
    // Monologues: broken by the other side's (non-backchannel) turn or a long pause.
    if (X.monoA >= 0 && s - X.monoE < nonTalkMinMs) {
      if (e > X.monoE) X.monoE = e;
      X.monoL = i;
    } else {
      closeMono(X);
      X.monoS = s;
      X.monoE = e;
      X.monoA = i;
      X.monoL = i;
    }
    closeMono(Y);
    // Response latency: the customer stops, the agent starts (not across a hold).
    if (!wantLatency) continue;
    if (x === 1) {
      if (pendI < 0 || e >= pendE) {
        pendE = e;
        pendI = i;
      }
    } else if (pendI >= 0) {
      while (hp < holds.length && (holds[hp] as Interval).s < s) lastHoldStart = (holds[hp++] as Interval).s;
      const gap = s - pendE;
      if (gap >= 0 && lastHoldStart < pendE) {
        latencyBuf[nLat++] = gap;
        if (latA < 0 || gap > latE - latS) {
          latS = pendE;
          latE = s;
          latA = pendI;
          latB = i;
        }
      }
      pendI = -1;
    }
  }
  for (const w of sides) {
    if (w.segE >= 0) w.talk += w.segE - w.segS;
    closeMono(w);
  }

  let durationMs = call.duration !== undefined ? toMs(call.duration) : gEnd;
  if (events !== undefined) for (const ev of events) durationMs = Math.max(durationMs, toMs(ev.end ?? ev.start));
  const g = wantGaps ? gapMeasures(call, o, n, gaps, holds, gEnd, gTurn, durationMs) : null;
  const side = (w: SideWork, x: number): SideMetrics => {
    const ints = w.interruptions;
    let total = 0;
    if (ints) for (const it of ints) total += it.endMs - it.startMs;
    const { fastest, slowest } = w;
    return {
      talkMs: w.talk,
      talkPercent: pct(w.talk, durationMs),
      speechRate: (x === 0 ? agentRate : customerRate)
        ? { perMinute: w.ms > 0 ? round2(w.units * 60000, w.ms) : null, units: w.units, ms: w.ms, turns: w.rates ?? [], fastest, slowest }
        : NO_RATE,
      longestMonologue: w.bestA >= 0 ? { startMs: w.bestS, endMs: w.bestE, turns: monologueTurns(flags, x, w.bestA, w.bestL) } : null,
      interruptions: ints ? { count: ints.length, totalMs: total, instances: ints } : NO_INTERRUPTIONS,
    };
  };
  const [a, c] = sides;
  return {
    durationMs,
    hasEvents: events !== undefined,
    agent: side(a, 0),
    customer: side(c, SIDE_CUSTOMER),
    agentTalkRatio: a.talk + c.talk > 0 ? pct(a.talk, a.talk + c.talk) : null,
    overlap: wantOverlaps ? summary(overlaps) : NO_SPANS,
    nonTalk: g ? g.nonTalk : NO_NON_TALK,
    silence: g ? g.silence : NO_SPANS,
    hold: g ? g.hold : NO_SPANS,
    mute: g ? g.mute : NO_SPANS,
    transfers: g ? g.transfers : [],
    waits: g ? g.waits : NO_WAITS,
    responseLatency:
      latA >= 0
        ? { count: nLat, medianMs: medianInPlace(latencyBuf, nLat), maxMs: latE - latS, max: { startMs: latS, endMs: latE, turns: [latA, latB] } }
        : NO_LATENCY,
  };
}
