/**
 * Compiling a plan's metrics and components: each metric's options checked
 * against its KPI and compiled (metrics.ts), each component's rule checked
 * (bands tiling their domain, deduction floors and thresholds, comparison
 * references, formulas inside the whitelist) and compiled into a frozen
 * {@link CompiledComponent} with its exact points range. Problems are pushed
 * to the caller's list, with their JSON paths, so that every one is reported
 * in one round.
 */
import { checkTiling, parseInterval, type Interval } from '../bands/interval.js';
import { Ratio } from '../exact/rational.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { compileFormula, RESERVED_NAMES, type CompiledFormula } from './formula.js';
import { compileMetric, kpiKind, type CompiledMetric } from './metrics.js';
import type { CompiledComponent } from './plan.js';
import type { ComponentDefinition, PlanDefinition } from './schema.js';
import type { PlanIssueCode } from './issue-codes.js';

/** Where compilation reports a problem: its code, JSON path and message. */
export type Report = (code: PlanIssueCode, path: PathSegment[], message: string) => void;

/** A decimal as written in the plan, exactly. */
export const R = (x: number): Ratio => Ratio.from(x);

type Def<T extends ComponentDefinition['type']> = Extract<ComponentDefinition, { type: T }>;

/** What a component's rule compiles to, besides its identity. */
interface RuleParts {
  max: Ratio;
  min: Ratio;
  bands: CompiledComponent['bands'];
  thresholds: CompiledComponent['thresholds'];
  formula: CompiledFormula | null;
}

/**
 * The plan's metrics, compiled, with the options that do not apply to their
 * KPI reported.
 *
 * @example
 * ```ts
 * compileMetrics(def, push).get('missedRate')!.fields; // ['missedCalls', 'inboundCalls']
 * ```
 */
export function compileMetrics(def: PlanDefinition, push: Report): Map<string, CompiledMetric> {
  const metrics = new Map<string, CompiledMetric>();
  for (const [name, m] of Object.entries(def.metrics ?? {})) {
    const mp: PathSegment[] = ['metrics', name];
    if (RESERVED_NAMES.has(name)) push('reserved_name', mp, `"${name}" is a reserved word or formula function; name the metric differently`);
    if ('kpi' in m) {
      const kind = kpiKind(m.kpi);
      if (m.unit !== undefined && kind !== 'rate') push('invalid_option', [...mp, 'unit'], `unit applies to rates; ${m.kpi} is ${kind === 'average' ? 'an average in seconds' : 'a count'}`);
      if (m.thresholdMinutes !== undefined && m.kpi !== 'notReadyOccurrences') push('invalid_option', [...mp, 'thresholdMinutes'], 'thresholdMinutes applies to notReadyOccurrences only');
      if (m.excludeShortAbandons !== undefined && !(m.kpi === 'abandonRate' || m.kpi.startsWith('serviceLevel'))) {
        push('invalid_option', [...mp, 'excludeShortAbandons'], 'excludeShortAbandons applies to abandonRate and the service levels only');
      }
    }
    metrics.set(name, compileMetric(name, m));
  }
  return metrics;
}

function metricOf(c: ComponentDefinition): string | null {
  switch (c.type) {
    case 'banded':
    case 'deduction':
    case 'comparison':
      return c.metric;
    case 'gate':
      return c.zeroWhen.metric;
    default:
      return null;
  }
}

/**
 * The plan's components, compiled and frozen, with the ids seen (id →
 * index) and the sum of their weights.
 *
 * @example
 * ```ts
 * const { components, weights } = compileComponents(def, metrics, push, issues);
 * weights.toString(); // '100'
 * ```
 */
export function compileComponents(def: PlanDefinition, metrics: ReadonlyMap<string, CompiledMetric>, push: Report, issues: Issue<PlanIssueCode>[]): { components: CompiledComponent[]; ids: Map<string, number>; weights: Ratio } {
  const metricNames = new Set(metrics.keys());
  const ids = new Map<string, number>();
  let weights = Ratio.ZERO;
  const components = def.components.map((c, ci): CompiledComponent => {
    const cp: PathSegment[] = ['components', ci];
    if (ids.has(c.id)) push('duplicate_id', [...cp, 'id'], `component id "${c.id}" is used twice (first at components[${ids.get(c.id)}])`);
    else ids.set(c.id, ci);
    weights = weights.add(R(c.weight));
    const metric = metricOf(c);
    if (metric !== null && !metricNames.has(metric)) {
      push('unknown_metric', [...cp, ...(c.type === 'gate' ? ['zeroWhen', 'metric'] : ['metric'])], `metric "${metric}" is not declared in metrics (declared: ${[...metricNames].join(', ') || 'none'})`);
    }
    const { max, min, bands, thresholds, formula } = ruleParts(c, cp, metrics, metricNames, push, issues);
    return Object.freeze({ id: c.id, index: ci, type: c.type, def: c, label: c.label, weight: R(c.weight), max, min, bands, thresholds, formula, metric });
  });
  return { components, ids, weights };
}

/** A component's rule, by its type. */
function ruleParts(c: ComponentDefinition, cp: PathSegment[], metrics: ReadonlyMap<string, CompiledMetric>, metricNames: ReadonlySet<string>, push: Report, issues: Issue<PlanIssueCode>[]): RuleParts {
  const none = { bands: [], thresholds: [], formula: null };
  switch (c.type) {
    case 'qa':
      return { ...none, max: c.max !== undefined ? R(c.max) : Ratio.HUNDRED, min: Ratio.ZERO };
    case 'banded':
      return bandedParts(c, cp, push, issues);
    case 'deduction':
      return deductionParts(c, cp, push);
    case 'comparison':
      return { ...none, ...comparisonRange(c, cp, metrics, push) };
    case 'gate':
      return { ...none, max: R(c.points), min: Ratio.ZERO };
    case 'formula': {
      const max = R(c.max);
      const min = R(c.min ?? 0);
      if (!min.lt(max)) push('invalid_range', [...cp, 'min'], `min (${c.min}) must be below max (${c.max})`);
      if (min.lt(Ratio.ZERO) && c.allowNegative !== true) push('negative_not_allowed', [...cp, 'min'], 'a negative min needs "allowNegative": true');
      const f = compileFormula(c.expression, metricNames, [...cp, 'expression']);
      if (Array.isArray(f)) issues.push(...f);
      return { ...none, max, min, formula: Array.isArray(f) ? null : f };
    }
  }
}

/** banded: the bands must tile the domain; points from 0 up, some above 0. */
function bandedParts(c: Def<'banded'>, cp: PathSegment[], push: Report, issues: Issue<PlanIssueCode>[]): RuleParts {
  let bands: CompiledComponent['bands'] = [];
  const parsed = c.bands.map((b) => parseInterval(b.range));
  const domain = parseInterval(c.domain);
  if (domain && parsed.every((p): p is Interval => p !== null)) {
    issues.push(...checkTiling(parsed, domain, (i) => [...cp, 'bands', i, 'range']));
    bands = parsed.map((range, i) => ({ range, points: R(c.bands[i]!.points) }));
  }
  const pts = c.bands.map((b) => R(b.points));
  const max = pts.reduce((a, b) => a.max(b));
  const min = pts.reduce((a, b) => a.min(b));
  if (!max.gt(Ratio.ZERO)) push('no_points', [...cp, 'bands'], 'no band gives any points: the component can never count');
  if (min.lt(Ratio.ZERO)) push('negative_points', [...cp, 'bands'], 'banded components give 0 or more points; use a deduction with allowNegative for negative results');
  return { max, min, bands, thresholds: [], formula: null };
}

/** deduction: a floor and thresholds at or below the start, negative only when allowed; thresholds kept highest first. */
function deductionParts(c: Def<'deduction'>, cp: PathSegment[], push: Report): RuleParts {
  const max = R(c.start);
  let min = R(c.floor ?? 0);
  const neg = c.allowNegative === true;
  if (min.gt(max)) push('floor_above_start', [...cp, 'floor'], `floor ${c.floor} is above start ${c.start}`);
  if (min.lt(Ratio.ZERO) && !neg) push('negative_not_allowed', [...cp, 'floor'], 'a negative floor needs "allowNegative": true');
  const seen = new Set<number>();
  (c.thresholds ?? []).forEach((t, ti) => {
    const tp: PathSegment[] = [...cp, 'thresholds', ti];
    if (seen.has(t.atLeast)) push('duplicate_threshold', [...tp, 'atLeast'], `two thresholds start at ${t.atLeast}`);
    seen.add(t.atLeast);
    if (t.points > c.start) push('threshold_above_start', [...tp, 'points'], `threshold points ${t.points} are above start ${c.start}`);
    if (t.points < 0 && !neg) push('negative_not_allowed', [...tp, 'points'], 'a negative threshold needs "allowNegative": true');
    min = min.min(R(t.points));
  });
  const thresholds = [...(c.thresholds ?? [])].sort((a, b) => b.atLeast - a.atLeast).map((t) => ({ atLeast: R(t.atLeast), points: R(t.points) }));
  return { max, min, bands: [], thresholds, formula: null };
}

/** comparison: `otherwise` within [0, points]; a pooled reference only for a poolable metric. */
function comparisonRange(c: Def<'comparison'>, cp: PathSegment[], metrics: ReadonlyMap<string, CompiledMetric>, push: Report): { max: Ratio; min: Ratio } {
  const max = R(c.points);
  const other = R(c.otherwise ?? 0);
  if (other.lt(Ratio.ZERO) || other.gt(max)) push('otherwise_out_of_range', [...cp, 'otherwise'], `otherwise (${c.otherwise}) must be from 0 to points (${c.points})`);
  const ref = c.reference;
  const m = metrics.get(c.metric);
  if ('scope' in ref && m && (ref.aggregate ?? (m.poolable ? 'pooled' : 'mean')) === 'pooled' && !m.poolable) {
    push('invalid_option', [...cp, 'reference', 'aggregate'], `"${c.metric}" cannot be pooled (only rate and average KPIs can); use mean or median`);
  }
  return { max, min: other.min(max).max(Ratio.ZERO) };
}
