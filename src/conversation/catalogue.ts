/**
 * The measures a rubric item may name (`measure.metric`), each with its unit,
 * the values it can take (so that a rubric asking for the impossible is
 * refused at load) and how to read it, with its evidence spans, from
 * {@link TranscriptMetrics}; what each means, in words, is in
 * catalogue.docs.ts (`METRIC_DESCRIPTIONS`), kept out of the scoring
 * bundle. Times are in seconds here (rubric authors write
 * "30 s", "2 minutes"); milliseconds are exact in a decimal of 3 places.
 */
import type { SideMetrics, Span, TranscriptMetrics, TurnRate } from './types.js';

/** The unit of a measure. */
export type MetricUnit = 'seconds' | 'count' | 'percent' | 'per-minute';

/** How a value of each unit is written after the number (`240/min`, `35 s`, `62.5%`). */
export const UNIT_TEXT: Readonly<Record<MetricUnit, string>> = { seconds: ' s', count: '', percent: '%', 'per-minute': '/min' };

/** A measure as read for a rubric: its value (null when the call cannot show it) and its evidence. */
export interface MetricReading {
  readonly value: number | null;
  readonly spans: readonly Span[];
}

/** One entry of the catalogue. */
export interface MetricDefinition {
  readonly unit: MetricUnit;
  /** True for counts: the value is a whole number. */
  readonly integer: boolean;
  /** The largest value possible (100 for percentages), or null. */
  readonly max: number | null;
  readonly read: (m: TranscriptMetrics) => MetricReading;
}

/** An entry: counts are whole, percentages at most 100. */
const def = (unit: MetricUnit, read: MetricDefinition['read']): MetricDefinition => ({ unit, integer: unit === 'count', max: unit === 'percent' ? 100 : null, read });

const sec = (ms: number): number => ms / 1000;
const secOrNull = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

function sideMetrics(name: 'agent' | 'customer'): Record<string, MetricDefinition> {
  // A reader per side (not m[name]): a keyed load shared by both sides' closures would see two keys on every call.
  const side = name === 'agent' ? (m: TranscriptMetrics): SideMetrics => m.agent : (m: TranscriptMetrics): SideMetrics => m.customer;
  return {
    [`${name}.talkSeconds`]: def('seconds', (m) => ({ value: sec(side(m).talkMs), spans: [] })),
    [`${name}.talkPercent`]: def('percent', (m) => ({ value: side(m).talkPercent, spans: [] })),
    [`${name}.speechRate`]: def('per-minute', (m) => {
      // The slowest and the fastest turn (one span when they are the same turn).
      const { slowest, fastest, perMinute } = side(m).speechRate;
      const spans: Span[] = [];
      if (slowest !== null) spans.push(turnSpan(slowest));
      if (fastest !== null && fastest !== slowest) spans.push(turnSpan(fastest));
      return { value: perMinute, spans };
    }),
    [`${name}.speechRate.fastestTurn`]: def('per-minute', (m) => {
      const f = side(m).speechRate.fastest;
      return { value: f?.perMinute ?? null, spans: f ? [turnSpan(f)] : [] };
    }),
    [`${name}.longestMonologueSeconds`]: def('seconds', (m) => {
      const x = side(m).longestMonologue;
      return { value: x ? sec(x.endMs - x.startMs) : 0, spans: x ? [x] : [] };
    }),
    [`interruptions.by${name === 'agent' ? 'Agent' : 'Customer'}.count`]: def('count', (m) => ({ value: side(m).interruptions.count, spans: side(m).interruptions.instances })),
    [`interruptions.by${name === 'agent' ? 'Agent' : 'Customer'}.seconds`]: def('seconds', (m) => ({ value: sec(side(m).interruptions.totalMs), spans: side(m).interruptions.instances })),
  };
}

const turnSpan = (t: TurnRate): Span => ({ startMs: t.startMs, endMs: t.endMs, turns: [t.turn] });

/**
 * Reads a measure for a call.
 *
 * @example
 * ```ts
 * readMetric(metrics, 'waits.long.count'); // { value: 1, spans: [{ startMs: 26500, endMs: 63000, turns: [6, 7] }] }
 * ```
 */
export function readMetric(m: TranscriptMetrics, name: MetricName): MetricReading {
  return METRICS[name].read(m);
}

function summaryMetrics(prefix: string, get: (m: TranscriptMetrics) => TranscriptMetrics['hold']): Record<string, MetricDefinition> {
  return {
    [`${prefix}.count`]: def('count', (m) => ({ value: get(m).count, spans: get(m).instances })),
    [`${prefix}.seconds`]: def('seconds', (m) => ({ value: sec(get(m).totalMs), spans: get(m).instances })),
    [`${prefix}.longestSeconds`]: def('seconds', (m) => {
      const g = get(m);
      const top = g.instances.find((x) => x.endMs - x.startMs === g.longestMs);
      return { value: sec(g.longestMs), spans: top ? [top] : [] };
    }),
  };
}

/** Hold figures need the telephony events: without them they are unknown, not zero. */
function withoutEvents(defs: Record<string, MetricDefinition>): Record<string, MetricDefinition> {
  const out: Record<string, MetricDefinition> = {};
  for (const [k, d] of Object.entries(defs)) out[k] = { ...d, read: (m) => (m.hasEvents ? d.read(m) : { value: null, spans: [] }) };
  return out;
}

const DEFS = {
  ...sideMetrics('agent'),
  ...sideMetrics('customer'),
  'agent.talkRatio': def('percent', (m: TranscriptMetrics) => ({ value: m.agentTalkRatio, spans: [] })),
  ...summaryMetrics('overlap', (m) => m.overlap),
  ...summaryMetrics('nonTalk', (m) => m.nonTalk),
  'nonTalk.percent': def('percent', (m: TranscriptMetrics) => ({ value: m.nonTalk.percent, spans: m.nonTalk.instances })),
  ...summaryMetrics('silence', (m) => m.silence),
  ...withoutEvents(summaryMetrics('hold', (m) => m.hold)),
  ...summaryMetrics('waits', (m) => m.waits),
  ...summaryMetrics('waits.long', (m) => m.waits.long),
  'responseLatency.medianSeconds': def('seconds', (m: TranscriptMetrics) => ({ value: secOrNull(m.responseLatency.medianMs), spans: [] })),
  'responseLatency.maxSeconds': def('seconds', (m: TranscriptMetrics) => ({ value: secOrNull(m.responseLatency.maxMs), spans: m.responseLatency.max ? [m.responseLatency.max] : [] })),
} as unknown as Record<MetricName, MetricDefinition>; // the spread parts are typed by string; the test checks every name is there

type SideName = 'agent' | 'customer';
type SpanKind = 'overlap' | 'nonTalk' | 'silence' | 'hold' | 'waits' | 'waits.long';
/** The name of a measure a rubric item may use. */
export type MetricName =
  | `${SideName}.${'talkSeconds' | 'talkPercent' | 'speechRate' | 'speechRate.fastestTurn' | 'longestMonologueSeconds'}`
  | `interruptions.by${'Agent' | 'Customer'}.${'count' | 'seconds'}`
  | `${SpanKind}.${'count' | 'seconds' | 'longestSeconds'}`
  | 'agent.talkRatio'
  | 'nonTalk.percent'
  | 'responseLatency.medianSeconds'
  | 'responseLatency.maxSeconds';

/**
 * Every measure by name.
 *
 * @example
 * ```ts
 * METRICS['agent.speechRate'].unit; // 'per-minute'
 * ```
 */
export const METRICS: Readonly<Record<MetricName, MetricDefinition>> = DEFS;

/**
 * The names, sorted (for the JSON Schema enum and messages).
 *
 * @example
 * ```ts
 * METRIC_NAMES.includes('waits.long.count'); // true
 * ```
 */
export const METRIC_NAMES = Object.keys(DEFS).sort() as [MetricName, ...MetricName[]];
