/**
 * Items decided by measures, in scoring: when a rubric has measure rules and
 * the evaluation's transcript is timed, the call is measured once (linear in
 * its turns) and each unanswered item with a rule gets its answer from it —
 * a numeric item the measure's value, a yes/no item whether the test holds, a
 * penalty the count (or one occurrence when the test holds), a fatal item a
 * breach when the test holds. The evaluator's own answer always wins; the
 * measure is still shown as evidence (`decided: false`).
 */
import { readMetric, METRICS, UNIT_TEXT, type MetricName, type MetricUnit } from '../conversation/catalogue.js';
import { measureValidCall } from '../conversation/metrics.js';
import type { CallEvent, MetricsOptions, Span, TimedCall, TranscriptMetrics } from '../conversation/types.js';
import { isTimedTranscript } from '../conversation/validate.js';
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
}

const measureItems = new WeakMap<Rubric, { any: boolean; options: MetricsOptions }>();

function rubricInfo(rubric: Rubric): { any: boolean; options: MetricsOptions } {
  let info = measureItems.get(rubric);
  if (!info) {
    let any = false;
    for (const item of rubric.items.values()) if (ruleOf(item)) any = true;
    info = { any, options: { agentSpeakers: rubric.speakers } };
    measureItems.set(rubric, info);
  }
  return info;
}

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
 * before measures existed.
 *
 * @example
 * ```ts
 * const measured = measureCall(rubric, ev.transcript, ev.events, ev.duration);
 * ```
 */
export function measureCall(rubric: Rubric, transcript: readonly Turn[] | undefined, events: unknown, duration: unknown): MeasuredCall | null {
  if (!transcript || !rubricInfo(rubric).any || !isTimedTranscript(transcript)) return null;
  const call: { transcript: TimedCall['transcript']; events?: CallEvent[]; duration?: number } = { transcript: transcript as TimedCall['transcript'] };
  if (Array.isArray(events)) call.events = events as CallEvent[];
  if (typeof duration === 'number') call.duration = duration;
  return { metrics: measureValidCall(call, rubricInfo(rubric).options) };
}

const cmp: Record<MeasureTest['op'], (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

const show = (name: MetricName, v: number | null): string => (v === null ? 'not available' : `${v}${UNIT_TEXT[METRICS[name].unit]}`);

const toSeconds = (s: Span): MeasureEvidence['spans'][number] => ({ start: s.startMs / 1000, end: s.endMs / 1000, turns: s.turns });

/**
 * What an item's measure rule says about a measured call, each measure read
 * once: the answer it gives (with the reason shown in the breakdown; null when
 * the item has no rule, the evaluator answered, or a measure it needs is not
 * available for this call) and the evidence (every measure the rule reads,
 * its value and spans; `decided` tells whether it decided the item).
 *
 * @example
 * ```ts
 * const m = applyMeasure(item, measured, false);
 * m.decided; // { value: true, reason: 'interruptions.byAgent.count = 0 holds (0)' }
 * ```
 */
export function applyMeasure(
  item: CompiledItem,
  measured: MeasuredCall,
  answered: boolean,
): { decided: { value: AnswerValue; reason: string } | null; evidence: MeasureEvidence[] } {
  const rule = ruleOf(item);
  if (!rule) return { decided: null, evidence: [] };
  const tests = testsOf(rule);
  const names: MetricName[] = tests.length === 0 ? (rule.metric !== undefined ? [rule.metric] : []) : tests.map((t) => t.metric);
  const readings = new Map<MetricName, ReturnType<typeof readMetric>>();
  for (const n of names) if (!readings.has(n)) readings.set(n, readMetric(measured.metrics, n));
  const decided = answered ? null : decide(rule, tests, readings, item.kind);
  const evidence: MeasureEvidence[] = [];
  for (const [metric, r] of readings) evidence.push({ itemId: item.id, metric, value: r.value, unit: METRICS[metric].unit, spans: r.spans.map(toSeconds), decided: decided !== null });
  return { decided, evidence };
}

function decide(
  rule: MeasureRuleDefinition,
  tests: readonly MeasureTest[],
  readings: ReadonlyMap<MetricName, { value: number | null }>,
  kind: CompiledItem['kind'],
): { value: AnswerValue; reason: string } | null {
  if (tests.length === 0) {
    if (rule.metric === undefined) return null;
    const v = readings.get(rule.metric)?.value ?? null;
    return v === null ? null : { value: v, reason: `${rule.metric} = ${show(rule.metric, v)}` };
  }
  // `all`: every test must be known and hold; `any`: one known test holding is enough.
  const every = rule.all !== undefined;
  let holds = every;
  let known = false;
  const parts: string[] = [];
  for (const t of tests) {
    const v = readings.get(t.metric)?.value ?? null;
    if (v === null) {
      if (every) return null;
      continue;
    }
    known = true;
    const h = cmp[t.op](v, t.value);
    holds = every ? holds && h : holds || h;
    parts.push(`${t.metric} ${t.op} ${t.value}${UNIT_TEXT[METRICS[t.metric].unit]} ${h ? 'holds' : 'fails'} (${show(t.metric, v)})`);
  }
  if (!known) return null;
  return { value: kind === 'penalty' ? (holds ? 1 : 0) : holds, reason: parts.join('; ') };
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
  if (!rubricInfo(rubric).any || timingsSound(issues)) return;
  let w = 0;
  for (const i of issues) {
    const item = i.code === 'missing_answer' && i.path[0] === 'answers' ? rubric.items.get(String(i.path[1])) : undefined;
    if (!(item && ruleOf(item))) issues[w++] = i;
  }
  issues.length = w;
}
