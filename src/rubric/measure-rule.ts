/**
 * Measure rules: a rubric item decided from a timed transcript's measures
 * (docs/timed-transcripts.md). The zod schema (shown in the rubric's JSON
 * Schema) and the load-time checks: which item kinds take which form of rule,
 * measure names from the catalogue, and ranges or tests the measure can never
 * (or always) satisfy.
 *
 * Forms: `{ metric }` — the measure's value is the answer (a numeric item's
 * value, a penalty's count of occurrences); `{ metric, op, value }` or
 * `{ any: [tests] }` — a test, true when it (or any of them) holds (a yes/no
 * item's answer, a penalty's one occurrence, a fatal item's breach).
 */
import * as z from 'zod/mini';
import { hullOf, parseInterval, type Interval } from '../bands/interval.js';
import { METRIC_NAMES, METRICS, type MetricName } from '../conversation/catalogue.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { documented } from '../issues/zod.js';
import type { RubricIssueCode } from './issue-codes.js';

const metric = documented(z.enum(METRIC_NAMES), 'measure:metric');
const op = documented(z.enum(['<', '<=', '=', '>=', '>']), 'measure:op');
const value = documented(z.number(), 'measure:value');

const testSchema = documented(z.strictObject({ metric, op, value }), 'measure:testSchema');

/**
 * The zod schema of an item's measure rule.
 *
 * @example
 * ```ts
 * measureRuleSchema.parse({ metric: 'interruptions.byAgent.count', op: '=', value: 0 });
 * ```
 */
export const measureRuleSchema = documented(
  z.strictObject({
    metric: z.optional(metric),
    op: z.optional(op),
    value: z.optional(value),
    any: documented(z.optional(z.array(testSchema).check(z.minLength(1))), 'measure:measureRuleSchema.any'),
    all: documented(z.optional(z.array(testSchema).check(z.minLength(1))), 'measure:measureRuleSchema.all'),
  }),
  'measure:measureRuleSchema',
);

/** A measure rule as written. */
export type MeasureRuleDefinition = z.output<typeof measureRuleSchema>;
/** One test of a measure rule. */
export type MeasureTest = z.output<typeof testSchema>;

/**
 * The tests of a rule (none for a bare `{ metric }`).
 *
 * @example
 * ```ts
 * testsOf({ metric: 'hold.count', op: '=', value: 0 }); // [{ metric: 'hold.count', op: '=', value: 0 }]
 * ```
 */
export function testsOf(rule: MeasureRuleDefinition): MeasureTest[] {
  if (rule.any) return rule.any;
  if (rule.all) return rule.all;
  if (rule.metric !== undefined && rule.op !== undefined && rule.value !== undefined) return [{ metric: rule.metric, op: rule.op, value: rule.value }];
  return [];
}

/** Can `x op v` hold for some x in [lo, hi] (integers only when `integer`), and can it fail? */
function possible(t: MeasureTest): { canHold: boolean; canFail: boolean } {
  const def = METRICS[t.metric];
  const lo = 0;
  const hi = def.max ?? Infinity;
  const v = t.value;
  // The smallest and largest admissible value on each side of v.
  switch (t.op) {
    case '<':
      return { canHold: v > lo, canFail: v <= hi };
    case '<=':
      return { canHold: v >= lo, canFail: v < hi };
    case '>':
      return { canHold: v < hi, canFail: v >= lo };
    case '>=':
      return { canHold: v <= hi, canFail: v > lo };
    case '=':
      return { canHold: v >= lo && v <= hi && (!def.integer || Number.isInteger(v)), canFail: true };
  }
}

/** Does the interval hold any admissible value of the measure? */
function rangeReachable(iv: Interval, name: MetricName): boolean {
  const def = METRICS[name];
  let lo = iv.min === null ? -Infinity : iv.min.toNumber();
  let hi = iv.max === null ? Infinity : iv.max.toNumber();
  const top = def.max ?? Infinity;
  if (hi < 0 || (hi === 0 && !iv.maxInclusive) || lo > top || (lo === top && !iv.minInclusive)) return false;
  if (!def.integer) return true;
  lo = Math.max(lo, 0);
  hi = Math.min(hi, top);
  let k = Math.ceil(lo);
  if (k === lo && !iv.minInclusive && iv.min !== null) k++;
  return k < hi || (k === hi && (iv.maxInclusive || iv.max === null));
}

const opText = (t: MeasureTest): string => `${t.metric} ${t.op} ${t.value}`;

/**
 * The load-time problems of one item's measure rule (path: the item's).
 *
 * @example
 * ```ts
 * checkMeasureRule({ id: 'pace', kind: 'yes-no', label: '语速', points: 2, measure: { metric: 'agent.speechRate' } }, ['sections', 1, 'items', 4]);
 * // [{ code: 'invalid_measure_rule', … 'a yes/no item needs a test' }]
 * ```
 */
export function checkMeasureRule(
  item: { readonly kind: string; readonly measure?: MeasureRuleDefinition | undefined; readonly phrases?: unknown; readonly ranges?: readonly { readonly range: string }[] | undefined },
  ip: readonly PathSegment[],
): Issue<RubricIssueCode>[] {
  const rule = item.measure;
  if (!rule) return [];
  const issues: Issue<RubricIssueCode>[] = [];
  const mp: PathSegment[] = [...ip, 'measure'];
  const push = (code: RubricIssueCode, path: PathSegment[], message: string): void => void issues.push({ code, path, message });
  if (item.phrases !== undefined) push('conflicting_rules', mp, 'an item is decided by phrases or by a measure, not both');
  const partial = rule.op !== undefined || rule.value !== undefined;
  const list = rule.any ?? rule.all;
  if (rule.any && rule.all) push('invalid_measure_rule', mp, 'write `any` or `all`, not both');
  else if (list && (rule.metric !== undefined || partial)) push('invalid_measure_rule', mp, 'write either { metric, op?, value? } or { any | all: [...] }, not both');
  else if (!list && rule.metric === undefined) push('required', [...mp, 'metric'], 'a measure rule names a metric (or lists tests in `any`)');
  else if (!list && (rule.op === undefined) !== (rule.value === undefined)) {
    push('required', [...mp, rule.op === undefined ? 'op' : 'value'], 'a test needs both op and value');
  }
  const tests = testsOf(rule);
  const isTest = tests.length > 0;
  const bare = !list && rule.metric !== undefined && !partial;
  if (item.kind === 'numeric' && isTest) push('invalid_measure_rule', mp, 'a numeric item takes the measure’s value: write { metric } and let its ranges give the points');
  if ((item.kind === 'yes-no' || item.kind === 'fatal') && bare) push('invalid_measure_rule', mp, `a ${item.kind} item needs a test: { metric, op, value } or { any: [...] }`);
  if (item.kind === 'penalty' && bare && rule.metric !== undefined && !METRICS[rule.metric].integer) {
    push('invalid_measure_rule', [...mp, 'metric'], `a penalty counts occurrences: ${rule.metric} is not a count; use a test ({ metric, op, value }) for one occurrence`);
  }
  tests.forEach((t, ti) => {
    const tp: PathSegment[] = rule.any ? [...mp, 'any', ti] : rule.all ? [...mp, 'all', ti] : mp;
    const p = possible(t);
    const unit = METRICS[t.metric];
    if (!p.canHold) push('impossible_test', [...tp, 'value'], `${opText(t)} can never hold: ${t.metric} is ${unit.integer ? 'a whole number ' : ''}from 0${unit.max !== null ? ` to ${unit.max}` : ''}`);
    else if (!p.canFail) push('impossible_test', [...tp, 'value'], `${opText(t)} always holds, so it decides nothing`);
  });
  if (item.kind === 'numeric' && bare && rule.metric !== undefined && item.ranges) {
    const name = rule.metric;
    // Every value the measure can take must fall in some range (the ranges tile their hull, checked elsewhere).
    const parsed = item.ranges.map((rg) => parseInterval(rg.range));
    const hull = parsed.every((x) => x !== null) ? hullOf(parsed as Interval[]) : null;
    const top = METRICS[name].max;
    if (hull) {
      const lowOk = hull.min === null || hull.min.toNumber() < 0 || (hull.min.toNumber() === 0 && hull.minInclusive);
      const highOk = hull.max === null || (top !== null && (hull.max.toNumber() > top || (hull.max.toNumber() === top && hull.maxInclusive)));
      if (!lowOk || !highOk) {
        push('measure_not_covered', [...ip, 'ranges'], `the ranges (${hull.text}) must cover every value ${name} can take, [0, ${top ?? 'inf'}${top === null ? ')' : ']'}, so that every call gets points`);
      }
    }
    item.ranges.forEach((rg, ri) => {
      const iv = parseInterval(rg.range);
      if (iv && !rangeReachable(iv, name)) {
        push('impossible_range', [...ip, 'ranges', ri, 'range'], `${name} never falls in ${rg.range} (it is ${METRICS[name].integer ? 'a whole number ' : ''}from 0${METRICS[name].max !== null ? ` to ${METRICS[name].max}` : ''})`);
      }
    });
  }
  return issues;
}
