/**
 * Loading a plan: zod for the shape, then the checks no schema can express
 * (weights summing to 100, bands tiling their domain, references to declared
 * metrics, formulas inside the whitelist), then compilation into a frozen
 * object. Every problem is reported at once, with its JSON path. The checks
 * and compilation are by concept: metrics and components in
 * compile-components.ts, the range of totals, grades, tiers and tie-breaks
 * in compile-standing.ts; the compiled plan's types are in plan.ts.
 */
import { checkBounds, DOCUMENT_LIMITS } from '../issues/bounds.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { guard, parseStaged } from '../issues/safe.js';
import { localize, type Locale } from '../localize/localize.js';
import { timeZoneIssues } from '../periods/dates.js';
import { versionForPeriod, type Period } from '../periods/index.js';
import { fromZodIssues } from '../issues/zod-issues.js';
import { Ratio } from '../exact/rational.js';
import { compileComponents, compileMetrics, type Report } from './compile-components.js';
import { compileStanding, compileTieBreaks, totalRange } from './compile-standing.js';
import { PlanError, type CompiledComponent, type Plan, type SafePlanResult } from './plan.js';
import { planSchema, type PlanDefinition } from './schema.js';
import type { PlanIssueCode } from './issue-codes.js';

export { PlanError } from './plan.js';
export type { CompiledComponent, Plan, PlanBand, SafePlanResult } from './plan.js';

function compile(def: PlanDefinition): { plan: Plan } | { issues: Issue<PlanIssueCode>[] } {
  const issues: Issue<PlanIssueCode>[] = [];
  const push: Report = (code, path: PathSegment[], message) => {
    issues.push({ code, path, message });
  };
  if (def.effectiveFrom && def.effectiveTo && def.effectiveTo < def.effectiveFrom) {
    push('invalid_dates', ['effectiveTo'], `effectiveTo ${def.effectiveTo} is before effectiveFrom ${def.effectiveFrom}`);
  }
  if (def.timeZone !== undefined) issues.push(...timeZoneIssues(def.timeZone, ['timeZone']));
  const metrics = compileMetrics(def, push);
  const { components, ids, weights } = compileComponents(def, metrics, push, issues);
  if (!weights.eq(Ratio.HUNDRED)) push('weights_sum', ['components'], `component weights sum to ${weights.toFixed(6).replace(/\.?0+$/, '')}, not 100`);
  const range = totalRange(components, push);
  const { grades, tiers } = compileStanding(def, range, push, issues);
  const tieBreak = compileTieBreaks(def, ids, metrics, push);
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
    totalRange: range,
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
