/**
 * Loading a plan: zod for the shape, then the checks no schema can express
 * (weights summing to 100, bands tiling their domain, references to declared
 * metrics, formulas inside the whitelist), then compilation into a frozen
 * object. Every problem is reported at once, with its JSON path.
 */
import * as z from 'zod/mini';
import { checkTiling, parseInterval, type Interval } from '../bands/interval.js';
import { Ratio, sum } from '../exact/rational.js';
import { checkBounds, DOCUMENT_LIMITS } from '../issues/bounds.js';
import { CallqaError, type Issue, type PathSegment } from '../issues/issues.js';
import { guard, parseStaged } from '../issues/safe.js';
import { localize, type Locale, type LocalizedText } from '../localize/localize.js';
import { timeZoneIssues } from '../periods/dates.js';
import { versionForPeriod, type Period } from '../periods/index.js';
import { fromZodIssues } from '../issues/zod-issues.js';
import { compileFormula, RESERVED_NAMES, type CompiledFormula } from './formula.js';
import { compileMetric, kpiKind, type CompiledMetric } from './metrics.js';
import { planSchema, type ComponentDefinition, type PlanDefinition } from './schema.js';
import type { PlanIssueCode } from './issue-codes.js';

/**
 * Thrown by {@link loadPlan}; `issues` lists every problem in the plan.
 *
 * @example
 * ```ts
 * try { loadPlan({ kind: 'plan' }); } catch (e) {
 *   if (e instanceof PlanError) console.error(prettifyIssues(e.issues));
 * }
 * ```
 */
export class PlanError extends CallqaError<PlanIssueCode> {
  constructor(issues: readonly Issue<PlanIssueCode>[]) {
    super('Invalid assessment plan', issues);
    this.name = 'PlanError';
  }
}

/**
 * The result of {@link safeLoadPlan}.
 *
 * @example
 * ```ts
 * const r: SafePlanResult = safeLoadPlan(json);
 * if (!r.success) console.error(r.issues);
 * ```
 */
export type SafePlanResult =
  | { readonly success: true; readonly plan: Plan }
  | { readonly success: false; readonly issues: readonly Issue<PlanIssueCode>[] };

/**
 * A compiled component: its definition plus everything precomputed at load.
 *
 * @example
 * ```ts
 * plan.components.map((c) => `${c.id}: ${c.weight} %, max ${c.max} points`);
 * ```
 */
export interface CompiledComponent {
  readonly id: string;
  readonly index: number;
  readonly type: ComponentDefinition['type'];
  readonly def: ComponentDefinition;
  readonly label: LocalizedText;
  /** Percent of the total. */
  readonly weight: Ratio;
  /** The most points it can give (contribution = points × weight / max). */
  readonly max: Ratio;
  /** The fewest points it can give (negative only where declared). */
  readonly min: Ratio;
  /** Banded: the parsed bands. */
  readonly bands: readonly { readonly range: Interval; readonly points: Ratio }[];
  /** Deduction: thresholds, highest first. */
  readonly thresholds: readonly { readonly atLeast: Ratio; readonly points: Ratio }[];
  /** Formula: the compiled expression. */
  readonly formula: CompiledFormula | null;
  /** The metric it reads (banded, deduction, comparison, gate). */
  readonly metric: string | null;
}

/**
 * A grade or band tier, compiled.
 *
 * @example
 * ```ts
 * plan.grades.find((g) => inInterval(g.range, total))?.id;
 * ```
 */
export interface PlanBand {
  readonly id: string;
  readonly label: LocalizedText;
  readonly range: Interval;
  readonly passing: boolean;
}

/**
 * A loaded plan: validated, compiled, frozen; reuse it for every month it governs.
 *
 * @example
 * ```ts
 * const plan = loadPlan(JSON.parse(readFileSync('rubrics/monthly-assessment.zh-CN.json', 'utf8')));
 * plan.totalRange.min.toString(); // '-10'
 * ```
 */
export interface Plan {
  readonly kind: 'plan';
  readonly id: string;
  readonly version: string;
  readonly label: LocalizedText;
  readonly locale: Locale;
  readonly definition: PlanDefinition;
  readonly effectiveFrom: string | undefined;
  readonly effectiveTo: string | undefined;
  readonly timeZone: string | undefined;
  readonly period: { readonly kind: 'month' } | { readonly kind: 'cycle'; readonly startDay: number };
  readonly decimals: number;
  readonly roundingMode: 'half-up' | 'half-even';
  readonly metrics: ReadonlyMap<string, CompiledMetric>;
  readonly components: readonly CompiledComponent[];
  readonly grades: readonly PlanBand[];
  readonly tiers:
    | { readonly by: 'band'; readonly tiers: readonly PlanBand[] }
    | { readonly by: 'quantile'; readonly tiers: readonly { readonly id: string; readonly label: LocalizedText; readonly share: Ratio }[] }
    | null;
  readonly tieBreak: readonly ({ readonly component: string; readonly order: 'asc' | 'desc' } | { readonly metric: string; readonly order: 'asc' | 'desc' })[];
  /** The lowest and highest total the plan can give, renormalisation included. */
  readonly totalRange: { readonly min: Ratio; readonly max: Ratio };
}

const R = (x: number): Ratio => Ratio.from(x);

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

function rangeText(min: Ratio, max: Ratio): string {
  return `[${min.toFixed(6).replace(/\.?0+$/, '')}, ${max.toFixed(6).replace(/\.?0+$/, '')}]`;
}

function compile(def: PlanDefinition): { plan: Plan } | { issues: Issue<PlanIssueCode>[] } {
  const issues: Issue<PlanIssueCode>[] = [];
  const push = (code: PlanIssueCode, path: PathSegment[], message: string): void => {
    issues.push({ code, path, message });
  };

  if (def.effectiveFrom && def.effectiveTo && def.effectiveTo < def.effectiveFrom) {
    push('invalid_dates', ['effectiveTo'], `effectiveTo ${def.effectiveTo} is before effectiveFrom ${def.effectiveFrom}`);
  }
  if (def.timeZone !== undefined) issues.push(...timeZoneIssues(def.timeZone, ['timeZone']));

  // Metrics.
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
  const metricNames = new Set(metrics.keys());

  // Components.
  const ids = new Map<string, number>();
  let weights = Ratio.ZERO;
  const components: CompiledComponent[] = def.components.map((c, ci) => {
    const cp: PathSegment[] = ['components', ci];
    if (ids.has(c.id)) push('duplicate_id', [...cp, 'id'], `component id "${c.id}" is used twice (first at components[${ids.get(c.id)}])`);
    else ids.set(c.id, ci);
    weights = weights.add(R(c.weight));
    const metric = metricOf(c);
    if (metric !== null && !metricNames.has(metric)) {
      push('unknown_metric', [...cp, ...(c.type === 'gate' ? ['zeroWhen', 'metric'] : ['metric'])], `metric "${metric}" is not declared in metrics (declared: ${[...metricNames].join(', ') || 'none'})`);
    }
    let max = Ratio.ZERO;
    let min = Ratio.ZERO;
    let bands: CompiledComponent['bands'] = [];
    let thresholds: CompiledComponent['thresholds'] = [];
    let formula: CompiledFormula | null = null;
    switch (c.type) {
      case 'qa':
        max = c.max !== undefined ? R(c.max) : Ratio.HUNDRED;
        break;
      case 'banded': {
        const parsed = c.bands.map((b) => parseInterval(b.range));
        const domain = parseInterval(c.domain);
        if (domain && parsed.every((p): p is Interval => p !== null)) {
          issues.push(...checkTiling(parsed, domain, (i) => [...cp, 'bands', i, 'range']));
          bands = parsed.map((range, i) => ({ range, points: R(c.bands[i]!.points) }));
        }
        const pts = c.bands.map((b) => R(b.points));
        max = pts.reduce((a, b) => a.max(b));
        min = pts.reduce((a, b) => a.min(b));
        if (!max.gt(Ratio.ZERO)) push('no_points', [...cp, 'bands'], 'no band gives any points: the component can never count');
        if (min.lt(Ratio.ZERO)) push('negative_points', [...cp, 'bands'], 'banded components give 0 or more points; use a deduction with allowNegative for negative results');
        break;
      }
      case 'deduction': {
        max = R(c.start);
        min = R(c.floor ?? 0);
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
        thresholds = [...(c.thresholds ?? [])]
          .sort((a, b) => b.atLeast - a.atLeast)
          .map((t) => ({ atLeast: R(t.atLeast), points: R(t.points) }));
        break;
      }
      case 'comparison': {
        max = R(c.points);
        const other = R(c.otherwise ?? 0);
        if (other.lt(Ratio.ZERO) || other.gt(max)) push('otherwise_out_of_range', [...cp, 'otherwise'], `otherwise (${c.otherwise}) must be from 0 to points (${c.points})`);
        min = other.min(max).max(Ratio.ZERO);
        const ref = c.reference;
        const m = metrics.get(c.metric);
        if ('scope' in ref && m && (ref.aggregate ?? (m.poolable ? 'pooled' : 'mean')) === 'pooled' && !m.poolable) {
          push('invalid_option', [...cp, 'reference', 'aggregate'], `"${c.metric}" cannot be pooled (only rate and average KPIs can); use mean or median`);
        }
        break;
      }
      case 'gate':
        max = R(c.points);
        break;
      case 'formula': {
        max = R(c.max);
        min = R(c.min ?? 0);
        if (!min.lt(max)) push('invalid_range', [...cp, 'min'], `min (${c.min}) must be below max (${c.max})`);
        if (min.lt(Ratio.ZERO) && c.allowNegative !== true) push('negative_not_allowed', [...cp, 'min'], 'a negative min needs "allowNegative": true');
        const f = compileFormula(c.expression, metricNames, [...cp, 'expression']);
        if (Array.isArray(f)) issues.push(...f);
        else formula = f;
        break;
      }
    }
    return Object.freeze({ id: c.id, index: ci, type: c.type, def: c, label: c.label, weight: R(c.weight), max, min, bands, thresholds, formula, metric });
  });
  if (!weights.eq(Ratio.HUNDRED)) push('weights_sum', ['components'], `component weights sum to ${weights.toFixed(6).replace(/\.?0+$/, '')}, not 100`);

  // The total's range: each component from min to max contribution, and the
  // same for every way renormalisation can drop qa components.
  const contrib = (c: CompiledComponent, p: Ratio): Ratio => (c.max.isZero() ? Ratio.ZERO : p.mul(c.weight).div(c.max));
  const droppable = components.filter((c) => c.def.type === 'qa' && c.def.insufficient === 'renormalise');
  let lo: Ratio | null = null;
  let hi: Ratio | null = null;
  if (droppable.length <= 10) {
    for (let mask = 0; mask < 1 << droppable.length; mask++) {
      const dropped = new Set(droppable.filter((_, i) => mask & (1 << i)));
      const kept = components.filter((c) => !dropped.has(c));
      const w = sum(kept.map((c) => c.weight));
      if (w.isZero()) continue;
      const f = Ratio.HUNDRED.div(w);
      const a = sum(kept.map((c) => contrib(c, c.min))).mul(f);
      const b = sum(kept.map((c) => contrib(c, c.max))).mul(f);
      lo = lo === null ? a : lo.min(a);
      hi = hi === null ? b : hi.max(b);
    }
  } else push('too_many_renormalised', ['components'], 'at most 10 qa components may use "renormalise"');
  const totalRange = { min: lo ?? Ratio.ZERO, max: hi ?? Ratio.HUNDRED };
  const domain: Interval = { min: totalRange.min, minInclusive: true, max: totalRange.max, maxInclusive: true, text: rangeText(totalRange.min, totalRange.max) };

  const bandsOf = (list: readonly { id: string; label: LocalizedText; range: string; passing?: boolean | undefined }[], key: string): PlanBand[] => {
    const seen = new Set<string>();
    list.forEach((g, gi) => {
      if (seen.has(g.id)) push('duplicate_id', [key, ...(key === 'tiers' ? ['tiers'] : []), gi, 'id'], `${key === 'tiers' ? 'tier' : 'grade'} id "${g.id}" is used twice`);
      seen.add(g.id);
    });
    const parsed = list.map((g) => parseInterval(g.range));
    if (!parsed.every((p): p is Interval => p !== null)) return [];
    issues.push(...checkTiling(parsed, domain, (i) => (key === 'tiers' ? ['tiers', 'tiers', i, 'range'] : ['grades', i, 'range'])));
    return list.map((g, i) => ({ id: g.id, label: g.label, range: parsed[i]!, passing: g.passing ?? true }));
  };
  const grades = bandsOf(def.grades ?? [], 'grades');

  let tiers: Plan['tiers'] = null;
  if (def.tiers?.by === 'band') tiers = { by: 'band', tiers: bandsOf(def.tiers.tiers, 'tiers') };
  else if (def.tiers?.by === 'quantile') {
    const shares = sum(def.tiers.tiers.map((t) => R(t.share)));
    if (!shares.eq(Ratio.HUNDRED)) push('shares_sum', ['tiers', 'tiers'], `tier shares sum to ${shares.toFixed(6).replace(/\.?0+$/, '')}, not 100`);
    const seen = new Set<string>();
    def.tiers.tiers.forEach((t, ti) => {
      if (seen.has(t.id)) push('duplicate_id', ['tiers', 'tiers', ti, 'id'], `tier id "${t.id}" is used twice`);
      seen.add(t.id);
    });
    tiers = { by: 'quantile', tiers: def.tiers.tiers.map((t) => ({ id: t.id, label: t.label, share: R(t.share) })) };
  }

  const tieBreak: Plan['tieBreak'] = (def.ranking?.tieBreak ?? []).map((t, ti) => {
    if ('component' in t) {
      if (!ids.has(t.component)) push('unknown_component', ['ranking', 'tieBreak', ti, 'component'], `component "${t.component}" is not in components`);
      return { component: t.component, order: t.order ?? 'desc' };
    }
    const m = metrics.get(t.metric);
    if (!m) push('unknown_metric', ['ranking', 'tieBreak', ti, 'metric'], `metric "${t.metric}" is not declared in metrics`);
    return { metric: t.metric, order: t.order ?? (m?.better === 'lower' ? 'asc' : 'desc') };
  });

  if (issues.length > 0) return { issues };
  const plan: Plan = {
    kind: 'plan',
    id: def.id,
    version: def.version,
    label: def.label,
    locale: def.locale ?? 'zh-CN',
    definition: def,
    effectiveFrom: def.effectiveFrom,
    effectiveTo: def.effectiveTo,
    timeZone: def.timeZone,
    period: def.period ?? { kind: 'month' },
    decimals: def.rounding?.decimals ?? 2,
    roundingMode: def.rounding?.mode ?? 'half-up',
    metrics,
    components: Object.freeze(components),
    grades: Object.freeze(grades),
    tiers,
    tieBreak,
    totalRange,
  };
  return { plan: Object.freeze(plan) };
}

/**
 * Validates and compiles a plan, returning every problem instead of throwing.
 *
 * @example
 * ```ts
 * const res = safeLoadPlan(JSON.parse(text));
 * if (res.success) assessAgents(res.plan, input);
 * else console.error(prettifyIssues(res.issues));
 * ```
 */
export function safeLoadPlan(json: unknown): SafePlanResult {
  return guard<SafePlanResult, PlanIssueCode>((): SafePlanResult => {
    const bounds = checkBounds(json, DOCUMENT_LIMITS);
    if (bounds.length > 0) return { success: false, issues: bounds };
    // Unknown keys alone do not stop the cross-field checks: every problem in one round.
    const { data, issues } = parseStaged(planSchema, json, fromZodIssues<PlanIssueCode>);
    if (data === null) return { success: false, issues };
    const compiled = compile(data);
    if ('issues' in compiled) issues.push(...compiled.issues);
    if (issues.length > 0 || 'issues' in compiled) return { success: false, issues };
    return { success: true, plan: compiled.plan };
  });
}

/**
 * Validates a plan (the parsed JSON) and compiles it once — formulas included —
 * into a frozen, reusable object. Throws {@link PlanError} listing every problem.
 *
 * @example
 * ```ts
 * const plan = loadPlan(JSON.parse(readFileSync('rubrics/monthly-assessment.zh-CN.json', 'utf8')));
 * plan.components.length; // 6
 * ```
 */
export function loadPlan(json: unknown): Plan {
  const res = safeLoadPlan(json);
  if (!res.success) throw new PlanError(res.issues);
  return res.plan;
}

/**
 * The JSON Schema (draft 2020-12) of a plan file, as committed at rubrics/plan.schema.json.
 *
 * @example
 * ```ts
 * writeFileSync('rubrics/plan.schema.json', JSON.stringify(planJsonSchema(), null, 2) + '\n');
 * ```
 */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://callqa.dev/schemas/plan.schema.json', ...schema };
}

/**
 * The plan version that governs a period: the one in force on every day of it
 * (plans without `effectiveFrom` are in force from the beginning of time).
 * Throws PeriodError (`no_version`, `version_change_in_period`, `partial_cover`).
 *
 * @example
 * ```ts
 * const oct = calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' });
 * selectPlan([plan2025, plan2026], oct).version; // '2026.1'
 * ```
 */
export function selectPlan(plans: readonly Plan[], period: Period): Plan {
  const versions = plans.map((plan) => ({
    effectiveFrom: plan.effectiveFrom ?? '0001-01-01',
    ...(plan.effectiveTo !== undefined ? { effectiveTo: plan.effectiveTo } : {}),
    plan,
  }));
  return versionForPeriod(versions, period).plan;
}

/**
 * A component's label in a locale (falling back to the plan's locale).
 *
 * @example
 * ```ts
 * componentLabel(plan, plan.components[0]!, 'en'); // 'Not-ready time'
 * ```
 */
export function componentLabel(plan: Plan, c: CompiledComponent, locale: Locale): string {
  return localize(c.label, locale, plan.locale);
}
