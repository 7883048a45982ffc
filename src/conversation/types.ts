/**
 * The shapes of a timed call: turns with start and end (seconds from the
 * call's start, like the `start` transcripts already carry), telephony events
 * (hold, mute, transfer), and the measures derived from them (milliseconds,
 * like Amazon Transcribe and Contact Lens report them).
 */

/**
 * One turn of a timed transcript: who spoke, what, and when (seconds).
 *
 * @example
 * ```ts
 * const t: TimedTurn = { speaker: 'agent', text: '您好，请问有什么可以帮您？', start: 0.5, end: 3.1 };
 * ```
 */
export interface TimedTurn {
  readonly speaker: string;
  readonly text: string;
  /** Seconds from the call's start. */
  readonly start: number;
  /** Seconds from the call's start; at or after `start`. */
  readonly end: number;
}

/** The kinds of telephony event callqa reads. */
export type CallEventType = 'hold' | 'mute' | 'transfer';

/**
 * An event from the telephony side. `hold` and `mute` are spans (start and
 * end); `transfer` is an instant (start only).
 *
 * @example
 * ```ts
 * const hold: CallEvent = { type: 'hold', start: 30, end: 65 };
 * ```
 */
export interface CallEvent {
  readonly type: CallEventType;
  readonly start: number;
  readonly end?: number;
}

/**
 * A timed call as the readers return it and `transcriptMetrics` takes it.
 *
 * @example
 * ```ts
 * const call: TimedCall = { transcript: [{ speaker: 'agent', text: '您好', start: 0, end: 1 }], events: [] };
 * ```
 */
export interface TimedCall {
  readonly transcript: readonly TimedTurn[];
  readonly events?: readonly CallEvent[];
  /** The call's length in seconds; default: the last turn's or event's end. */
  readonly duration?: number;
}

/**
 * A span of time with the turns it concerns (evidence for a measure).
 *
 * @example
 * ```ts
 * const s: Span = { startMs: 30000, endMs: 65000, turns: [6, 7] };
 * ```
 */
export interface Span {
  readonly startMs: number;
  readonly endMs: number;
  /** Indices into the transcript (the turns either side of a silence, the turns that overlap…). */
  readonly turns: readonly number[];
}

/** One side of a two-party call. */
export type Side = 'agent' | 'customer';

/**
 * Options of `transcriptMetrics`. Every default is a published product's
 * (named beside it) or the seed's; docs/timed-transcripts.md gives the sources.
 *
 * @example
 * ```ts
 * const o: MetricsOptions = { agentSpeakers: ['agent'], nonTalkMinMs: 5000 };
 * ```
 */
export interface MetricsOptions {
  /** Speakers on the agent's side (case-insensitive); everyone else is the customer's side. Default `['agent']`. */
  readonly agentSpeakers?: readonly string[];
  /** Non-talk instances are spans of at least this many ms where nobody speaks. Default 3000 (Contact Lens, NICE). */
  readonly nonTalkMinMs?: number;
  /** Do non-talk instances include time on hold? Default true (Contact Lens); false follows NICE. */
  readonly nonTalkIncludesHold?: boolean;
  /** A wait longer than this many ms is a long wait. Default 30000 (the seed: 等待超过30秒). */
  readonly longWaitMs?: number;
  /** An interruption overlaps the other side by at least this many ms. Default 500 (callqa's choice). */
  readonly interruptionMinOverlapMs?: number;
  /** Backchannels: turns whose text (without punctuation, spaces, case) is one of these. Default {@link DEFAULT_BACKCHANNELS}. */
  readonly backchannels?: readonly string[];
  /** Turns of at most this many speech units are backchannels too. Default 1. */
  readonly backchannelMaxUnits?: number;
  /** Speech rate skips turns shorter than this many units. Default 4 (Aliyun's example). */
  readonly speechRateMinUnits?: number;
}

/**
 * Backchannels by default: short acknowledgements that show listening, not
 * taking the floor (Chinese and English).
 *
 * @example
 * ```ts
 * DEFAULT_BACKCHANNELS.includes('嗯'); // true
 * ```
 */
export const DEFAULT_BACKCHANNELS: readonly string[] = [
  '嗯', '嗯嗯', '嗯嗯嗯', '对', '对对', '对对对', '好', '好的', '好好', '是', '是的', '是是', '哦', '噢', '喔', '行', '明白', '嗯好', '嗯对', '对的', '好嘞',
  'uh-huh', 'mm-hmm', 'mhm', 'mm', 'okay', 'ok', 'yeah', 'yes', 'yep', 'right', 'sure', 'i see', 'got it',
];

/** Instances, total and longest of a kind of span. */
export interface SpanSummary {
  readonly count: number;
  readonly totalMs: number;
  readonly longestMs: number;
  readonly instances: readonly Span[];
}

/** One interruption: who cut in, on which turn, and for how long they overlapped. */
export interface Interruption extends Span {
  readonly by: Side;
  /** The turn that cut in. */
  readonly turn: number;
  /** The turn that was cut into. */
  readonly interrupted: number;
}

/** A turn's speech rate. */
export interface TurnRate {
  readonly turn: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly units: number;
  readonly ms: number;
  /** Units per minute, rounded to 2 decimals. */
  readonly perMinute: number;
}

/** A side's speech rate: whole call (Σ units ÷ Σ turn time) and per turn. */
export interface SpeechRate {
  /** Units per minute over the counted turns, rounded to 2 decimals; null when no turn counted. */
  readonly perMinute: number | null;
  readonly units: number;
  readonly ms: number;
  readonly turns: readonly TurnRate[];
  readonly fastest: TurnRate | null;
  readonly slowest: TurnRate | null;
}

/** One side's measures. */
export interface SideMetrics {
  /** Time this side spoke (the union of its turns: overlap counts for both sides). */
  readonly talkMs: number;
  /** talkMs ÷ call duration × 100, 2 decimals (Contact Lens talk time percent; CCAI speaking percentage). */
  readonly talkPercent: number;
  readonly speechRate: SpeechRate;
  /** The longest stretch of this side's turns, not broken by the other side (backchannels aside) or by a pause ≥ the non-talk threshold. */
  readonly longestMonologue: Span | null;
  /** Interruptions this side made. */
  readonly interruptions: { readonly count: number; readonly totalMs: number; readonly instances: readonly Interruption[] };
}

/**
 * Everything `transcriptMetrics` measures, in milliseconds.
 *
 * @example
 * ```ts
 * const m: TranscriptMetrics = transcriptMetrics(call);
 * m.agent.interruptions.count;
 * ```
 */
export interface TranscriptMetrics {
  readonly durationMs: number;
  /** Were telephony events given? Without them, hold figures are unknown rather than zero. */
  readonly hasEvents: boolean;
  readonly agent: SideMetrics;
  readonly customer: SideMetrics;
  /** Agent talk ÷ (agent + customer talk) × 100, 2 decimals (Gong's talk ratio); null when nobody spoke. */
  readonly agentTalkRatio: number | null;
  /** Both sides at once (Genesys overtalk; Contact Lens counts it in both sides' talk). */
  readonly overlap: SpanSummary;
  /** Nobody speaking for at least `nonTalkMinMs` (Contact Lens non-talk time). */
  readonly nonTalk: SpanSummary & { readonly percent: number };
  /** Non-talk instances with hold time taken out (NICE's notable silence), whatever `nonTalkIncludesHold` says: the waits with no word and no hold. */
  readonly silence: SpanSummary;
  readonly hold: SpanSummary;
  readonly mute: SpanSummary;
  readonly transfers: readonly number[];
  /** Holds and silences of at least `nonTalkMinMs`, merged where they touch (the trailing silence after the last word excluded). */
  readonly waits: SpanSummary & { readonly long: SpanSummary };
  /** Customer stops → agent starts, for each hand-over with a gap (not across a hold). */
  readonly responseLatency: { readonly count: number; readonly medianMs: number | null; readonly maxMs: number | null; readonly max: Span | null };
}
