/**
 * A loaded plan as the engine reads it: the compiled plan, its components,
 * grades and tiers (all frozen at load), the error that lists a plan's
 * problems, and the result of a safe load. Loading and checking are in
 * load.ts, compile-components.ts and compile-standing.ts.
 */
import type { Interval } from '../bands/interval.js';
import type { Ratio } from '../exact/rational.js';
import { CallqaError, type Issue } from '../issues/issues.js';
import type { Locale, LocalizedText } from '../localize/localize.js';
import type { CompiledFormula } from './formula.js';
import type { CompiledMetric } from './metrics.js';
import type { ComponentDefinition, PlanDefinition } from './schema.js';
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
