/**
 * Items decided by measures, in scoring: when a rubric has measure rules and
 * the evaluation's transcript is timed, the call is measured once (linear in
 * its turns) and each unanswered item with a rule gets its answer from it —
 * a numeric item the measure's value, a yes/no item whether the test holds, a
 * penalty the count (or one occurrence when the test holds), a fatal item a
 * breach when the test holds. The evaluator's own answer always wins; the
 * measure is still shown as evidence (`decided: false`).
 */
import { METRICS, UNIT_TEXT, type MetricDefinition, type MetricName, type MetricReading, type MetricUnit } from '../conversation/catalogue.js';
import { measureParts, type MeasureParts } from '../conversation/sweep.js';
import type { CallEvent, MetricsOptions, Span, TimedCall, TranscriptMetrics } from '../conversation/types.js';
import { isTimedTranscript } from '../conversation/validate.js';
import { perObject } from '../cache/per-object.js';
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import { testsOf, type MeasureRuleDefinition, type MeasureTest } from '../rubric/measure-rule.js';
import type { Issue } from '../issues/issues.js';
import type { AnswerValue, Turn } from './evaluation.js';
import type { EvaluationIssueCode } from './issue-codes.js';

/**
 * A measure that decided (or, with `decided: false`, was overruled for) an
 * item, with the time spans (seconds) and turn indices it rests on.
 *
 * @example
 * ```ts
 * const e: MeasureEvidence = { itemId: 'long-wait', metric: 'waits.long.count', value: 1, unit: 'count', spans: [{ start: 26.5, end: 63, turns: [6, 7] }], decided: true };
 * ```
 */
export interface MeasureEvidence {
  readonly itemId: string;
  readonly metric: MetricName;
  /** The measure's value (null when the call cannot show it, e.g. no agent turn long enough for a speech rate). */
  readonly value: number | null;
  readonly unit: MetricUnit;
  readonly spans: readonly { readonly start: number; readonly end: number; readonly turns: readonly number[] }[];
  /** False when the evaluator's own answer decided the item. */
  readonly decided: boolean;
}

/** A measured call, ready to decide items. */
export interface MeasuredCall {
  readonly metrics: TranscriptMetrics;
  readonly plan: MeasurePlan;
}

/** An item's measure rule, compiled once per rubric: its tests, and the measures it reads (each once, in order). */
interface CompiledRule {
  readonly item: CompiledItem;
  readonly rule: MeasureRuleDefinition;
  readonly tests: readonly CompiledTest[];
  readonly names: readonly MetricName[];
  /** Each name's reader and unit, looked up once here rather than by name on every call. */
  readonly reads: readonly MetricDefinition['read'][];
  readonly units: readonly MetricUnit[];
}

/** A test with its reading's index in `names` and the fixed start of its words ('agent.speechRate >= 150/min'). */
interface CompiledTest {
  readonly metric: MetricName;
  readonly op: MeasureTest['op'];
  readonly value: number;
  readonly at: number;
  readonly head: string;
  /** What follows a value of the measure ('/min', ' s'). */
  readonly unitText: string;
}

/**
 * What a rubric needs measured, decided once per rubric: the items' compiled
 * rules, and only the parts of the measures those rules read (a rubric that
 * reads the speech rate and the longest monologue never builds silences,
 * waits or overlap lists; `transcriptMetrics` itself always builds everything).
 */
interface MeasurePlan {
  readonly rules: ReadonlyMap<string, CompiledRule>;
  /** The same rules by the item's place (section, then item): scoring asks for every item of every call, and most have none. */
  readonly bySection: readonly (readonly (CompiledRule | undefined)[])[];
  readonly options: MetricsOptions;
  readonly parts: MeasureParts;
}


/**
 * The parts of the measures that reading these measures needs (no measure reads
 * the per-turn rates; the gap and overlap lists and each side's speech rate
 * only their own measures).
 *
 * @example
 * ```ts
 * measurePartsFor(['agent.speechRate']); // { gaps: false, overlaps: false, interruptions: false, latency: false, turnRates: false, agentRate: true, customerRate: false }
 * ```
 */
export function measurePartsFor(names: Iterable<MetricName>): MeasureParts {
  const all = [...names];
  const reads = (...prefixes: string[]): boolean => all.some((n) => prefixes.some((p) => n.startsWith(p)));
  return {
    // Silences, non-talk, holds and waits come from the gaps between speech and the telephony events.
    gaps: reads('nonTalk.', 'silence.', 'hold.', 'waits.'),
    overlaps: reads('overlap.'),
    interruptions: reads('interruptions.'),
    latency: reads('responseLatency.'),
    turnRates: false,
    agentRate: reads('agent.speechRate'),
    customerRate: reads('customer.speechRate'),
  };
}

/** Each rubric's plan, made once (a batch scores call after call with one rubric: found without a lookup). */
const planOf = perObject((rubric: Rubric): MeasurePlan => {
  const rules = new Map<string, CompiledRule>();
  for (const item of rubric.items.values()) {
    const rule = ruleOf(item);
    if (!rule) continue;
    const tests = testsOf(rule);
    const all = tests.length === 0 ? (rule.metric !== undefined ? [rule.metric] : []) : tests.map((t) => t.metric);
    const names = [...new Set(all)];
    const compiled = tests.map((t) => {
      const unitText = UNIT_TEXT[METRICS[t.metric].unit];
      return { ...t, at: names.indexOf(t.metric), head: `${t.metric} ${t.op} ${t.value}${unitText}`, unitText };
    });
    const reads = names.map((n) => METRICS[n].read);
    const units = names.map((n) => METRICS[n].unit);
    rules.set(item.id, { item, rule, tests: compiled, names, reads, units });
  }
  const bySection = rubric.sections.map((sec) => sec.items.map((item) => rules.get(item.id)));
  const parts = measurePartsFor([...rules.values()].flatMap((r) => r.names));
  return { rules, bySection, options: { agentSpeakers: rubric.speakers }, parts };
});

/**
 * An item's measure rule, if it has one.
 *
 * @example
 * ```ts
 * ruleOf(rubric.items.get('pace')!); // { all: [{ metric: 'agent.speechRate', op: '>=', value: 150 }, …] }
 * ```
 */
export function ruleOf(item: CompiledItem): MeasureRuleDefinition | undefined {
  const def = item.def as { measure?: MeasureRuleDefinition };
  return def.measure;
}

/**
 * Measures the call when the rubric has measure rules and the transcript is
 * timed (and already validated); null otherwise — items then behave as
 * before measures existed. Only the parts the rubric's rules read are built.
 *
 * @example
 * ```ts
 * const measured = measureCall(rubric, ev.transcript, ev.events, ev.duration);
 * ```
 */
export function measureCall(rubric: Rubric, transcript: readonly Turn[] | undefined, events: unknown, duration: unknown): MeasuredCall | null {
  if (!transcript) return null;
  const plan = planOf(rubric);
  if (plan.rules.size === 0 || !isTimedTranscript(transcript)) return null;
  const call: { transcript: TimedCall['transcript']; events?: CallEvent[]; duration?: number } = { transcript: transcript as TimedCall['transcript'] };
  if (Array.isArray(events)) call.events = events as CallEvent[];
  if (typeof duration === 'number') call.duration = duration;
  return { metrics: measureParts(call, plan.options, plan.parts), plan };
}

const cmp: Record<MeasureTest['op'], (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

/**
 * `String(v)` for a measure's value, without the general double-to-text search
 * in the common case: measures are whole, or ms / 1000 and rates to 2 decimals,
 * so v = n / 1000 exactly for an integer n, and the shortest text that reads
 * back as v is n / 1000 written out, trailing zeros dropped (any shorter
 * decimal is ≥ 0.001 away, far more than a double's spacing below 10^9).
 * Internal (not exported from the package).
 *
 * @example
 * ```ts
 * numberText(215.3); // '215.3'
 * ```
 */
export function numberText(v: number): string {
  if (Number.isInteger(v) || !(Math.abs(v) < 1e9)) return String(v);
  const n = Math.round(v * 1000);
  if (n / 1000 !== v) return String(v);
  const a = Math.abs(n);
  // The 1–3 decimals, trailing zeros dropped (f is not 0: v is not whole).
  const f = a % 1000;
  const frac = f % 10 !== 0 ? String(1000 + f).slice(1) : f % 100 !== 0 ? String(100 + f / 10).slice(1) : String(f / 100);
  return `${n < 0 ? '-' : ''}${Math.floor(a / 1000)}.${frac}`;
}

const show = (name: MetricName, v: number | null): string => (v === null ? 'not available' : numberText(v) + UNIT_TEXT[METRICS[name].unit]);

const toSeconds = (s: Span): MeasureEvidence['spans'][number] => ({ start: s.startMs / 1000, end: s.endMs / 1000, turns: s.turns });

/**
 * What an item's measure rule says about a measured call, each measure read
 * once: null when the item has no rule; otherwise the answer it gives (with the
 * reason shown in the breakdown; null when the evaluator answered, or a measure
 * it needs is not available for this call) and the evidence (every measure the
 * rule reads, its value and spans; `decided` tells whether it decided the item).
 *
 * @example
 * ```ts
 * const m = applyMeasure(item, measured, false);
 * m?.decided; // { value: true, reason: 'interruptions.byAgent.count = 0 holds (0)' }
 * ```
 */
export function applyMeasure(
  item: CompiledItem,
  measured: MeasuredCall,
  answered: boolean,
): { decided: { value: AnswerValue; reason: string } | null; evidence: MeasureEvidence[] } | null {
  // Small enough to be inlined where scoring asks it of every item; most items have no rule.
  const compiled = measured.plan.bySection[item.sectionIndex]?.[item.index];
  return compiled === undefined || compiled.item !== item ? null : applyRule(compiled, measured.metrics, answered);
}

/** {@link applyMeasure} for an item with a rule. */
function applyRule(compiled: CompiledRule, metrics: TranscriptMetrics, answered: boolean): { decided: { value: AnswerValue; reason: string } | null; evidence: MeasureEvidence[] } {
  const { item, names, reads, units } = compiled;
  const readings: MetricReading[] = [];
  for (const read of reads) readings.push(read(metrics));
  const decided = answered ? null : decide(compiled, readings, item.kind);
  const evidence: MeasureEvidence[] = [];
  for (let k = 0; k < names.length; k++) {
    const r = readings[k] as MetricReading;
    const spans: MeasureEvidence['spans'][number][] = [];
    for (const x of r.spans) spans.push(toSeconds(x));
    evidence.push({ itemId: item.id, metric: names[k] as MetricName, value: r.value, unit: units[k] as MetricUnit, spans, decided: decided !== null });
  }
  return { decided, evidence };
}

function decide(compiled: CompiledRule, readings: readonly MetricReading[], kind: CompiledItem['kind']): { value: AnswerValue; reason: string } | null {
  const { rule, tests } = compiled;
  if (tests.length === 0) {
    if (rule.metric === undefined) return null;
    const v = readings[0]?.value ?? null;
    return v === null ? null : { value: v, reason: `${rule.metric} = ${show(rule.metric, v)}` };
  }
  // `all`: every test must be known and hold; `any`: one known test holding is enough.
  const every = rule.all !== undefined;
  let holds = every;
  let known = false;
  let reason = '';
  // Each reading's value as text, once (a range reads one measure twice).
  let shownAt = -1;
  let shown = '';
  for (const t of tests) {
    const v = readings[t.at]?.value ?? null;
    if (v === null) {
      if (every) return null;
      continue;
    }
    known = true;
    const h = cmp[t.op](v, t.value);
    holds = every ? holds && h : holds || h;
    if (t.at !== shownAt) {
      shownAt = t.at;
      shown = numberText(v) + t.unitText;
    }
    reason += `${reason === '' ? '' : '; '}${t.head} ${h ? 'holds' : 'fails'} (${shown})`;
  }
  if (!known) return null;
  return { value: kind === 'penalty' ? (holds ? 1 : 0) : holds, reason };
}

const TIMING_ROOTS = new Set(['transcript', 'events', 'duration']);

/**
 * Are the transcript, events and duration free of issues (so the call can be
 * measured, whatever else is wrong with the evaluation)?
 *
 * @example
 * ```ts
 * timingsSound([{ code: 'unknown_item', path: ['answers', 'x'], message: '' }]); // true
 * ```
 */
export function timingsSound(issues: readonly Issue<EvaluationIssueCode>[]): boolean {
  return !issues.some((i) => TIMING_ROOTS.has(String(i.path[0])));
}

/**
 * When a call's timings are wrong, its items with measure rules could not be
 * measured: their "needs an answer" issues only repeat the timing issues, so
 * they are dropped (in place) and the timing issues speak for them.
 *
 * @example
 * ```ts
 * dropMeasureCascade(issues, rubric);
 * ```
 */
export function dropMeasureCascade(issues: Issue<EvaluationIssueCode>[], rubric: Rubric): void {
  const { rules } = planOf(rubric);
  if (rules.size === 0 || timingsSound(issues)) return;
  let w = 0;
  for (const i of issues) {
    const item = i.code === 'missing_answer' && i.path[0] === 'answers' ? rubric.items.get(String(i.path[1])) : undefined;
    if (!(item && rules.has(item.id))) issues[w++] = i;
  }
  issues.length = w;
}
