/**
 * The report's input, and everything computed from it once before the sections
 * are written: the assessment (src/assessment), the calls that belong to the
 * period (the ones the assessment used — one rule decides that), the problem
 * analysis and best/worst calls (src/problems), the calibration
 * (src/calibration), and what is wrong with the data, said in words.
 */
import { assessAgents, type AssessInput, type AssessmentResult, type Plan } from '../assessment/index.js';
import { calibrate, type CalibrateOptions, type CalibrationRating, type CalibrationReport } from '../calibration/index.js';
import { CallqaError } from '../issues/issues.js';
import { localize } from '../localize/localize.js';
import { analyzeProblems, reviewCalls, type AgentReview, type ProblemOptions, type ProblemReport } from '../problems/index.js';
import type { Rubric } from '../rubric/index.js';
import type { CallScore } from '../scoring/types.js';
import { compareCodeUnits as cmp } from '../order/compare.js';
import { exclusionLabel, fill, wordsFor, type ReportLocale, type Words } from './words.js';
import { dayLabel, periodLabel } from './format.js';

/**
 * What {@link renderReport} reads: one month of one centre.
 *
 * @example
 * ```ts
 * const input: ReportInput = { rubric, plan, period: '2026-10', calls, metrics, team };
 * ```
 */
export interface ReportInput {
  /** The rubric the calls were scored with (labels, grade bands, maximum). */
  readonly rubric: Rubric;
  /** The monthly-assessment plan. */
  readonly plan: Plan;
  /** The month, e.g. `'2026-10'`. */
  readonly period: string;
  /** The centre's IANA time zone (default: the plan's). */
  readonly timeZone?: string;
  /** Scored calls (as `scoreCall` returns them); calls outside the period are left out and counted. */
  readonly calls: readonly CallScore[];
  /** Per-agent KPI records, as {@link assessAgents} reads them. */
  readonly metrics: AssessInput['metrics'];
  /** Agent → team. */
  readonly team?: AssessInput['team'];
  /** Last month, for the comparison in the headline and the tier movement. */
  readonly previous?: { readonly period: string; readonly calls: readonly CallScore[]; readonly metrics: AssessInput['metrics'] };
  /** Calibration sessions' ratings, and how to read them. */
  readonly calibration?: { readonly ratings: readonly CalibrationRating[]; readonly options?: CalibrateOptions };
  /** Problem-analysis options (failure rules, common share, owners). */
  readonly problems?: ProblemOptions;
}

/**
 * Options of {@link renderReport}.
 *
 * @example
 * ```ts
 * const o: ReportOptions = { locale: 'en', centre: 'Hangzhou hotline', maxTrendAgents: 12 };
 * ```
 */
export interface ReportOptions {
  /** Language of every label, number and date (default `'zh-CN'`). */
  readonly locale?: ReportLocale;
  /** The centre's name in the title (default: none). */
  readonly centre?: string;
  /** Agents drawn as XmR charts, alarms first (default 24; the table lists all). */
  readonly maxTrendAgents?: number;
  /** Agents drawn in the heat map, lowest total first (default 40; the table lists all). */
  readonly maxHeatmapAgents?: number;
  /** Rows of each Pareto chart (default 15). */
  readonly maxParetoRows?: number;
  /** Best and worst calls listed per agent (default 1 each). */
  readonly reviewCalls?: number;
}

/** Everything the sections read. */
export interface Context {
  readonly input: ReportInput;
  readonly locale: ReportLocale;
  readonly w: Words;
  readonly options: Required<Omit<ReportOptions, 'centre'>> & { readonly centre: string | null };
  readonly assessment: AssessmentResult;
  readonly previousAssessment: AssessmentResult | null;
  /** The period's calls, in date then id order. */
  readonly calls: readonly CallScore[];
  readonly previousCalls: readonly CallScore[] | null;
  readonly problems: ProblemReport | null;
  readonly reviews: readonly AgentReview[];
  readonly calibration: CalibrationReport | { readonly error: string } | null;
  /** Sentences about the data (calls left out, missing KPIs, single calls). */
  readonly notes: readonly string[];
  readonly sectionLabel: (id: string) => string;
  readonly itemLabel: (id: string) => string;
  readonly agentTeam: ReadonlyMap<string, string | null>;
}

/** The calls the assessment used: `assessAgents` excludes by index, and that is the one rule. */
function usedCalls(calls: readonly CallScore[], result: AssessmentResult): CallScore[] {
  const out = new Set<number>();
  for (const e of result.excluded) if (e.kind === 'call') out.add(e.index);
  return calls.filter((_, i) => !out.has(i)).sort((a, b) => cmp(a.date, b.date) || cmp(a.id, b.id));
}

function errorText(e: unknown): string {
  if (e instanceof CallqaError) return e.issues.map((i) => i.message).join('; ') || e.message;
  return e instanceof Error ? e.message : String(e);
}

function dataNotes(ctx: Omit<Context, 'notes'>): string[] {
  const { w, assessment: a, locale } = ctx;
  const notes: string[] = [];
  const period = periodLabel(a.period.id, locale);
  const outside = a.excluded.filter((e) => e.kind === 'call' && e.code === 'outside_period');
  if (outside.length > 0) {
    const dates = outside.map((e) => ctx.input.calls[e.index]?.date ?? '').filter(Boolean).sort(cmp);
    notes.push(fill(w.outsidePeriod, { n: outside.length, period, from: dayLabel(dates[0] ?? '', locale, true), to: dayLabel(dates[dates.length - 1] ?? '', locale, true) }));
  }
  const other = a.excluded.filter((e) => e.kind === 'call' && e.code !== 'outside_period');
  if (other.length > 0) {
    const by = new Map<string, number>();
    for (const e of other) by.set(e.code, (by.get(e.code) ?? 0) + 1);
    notes.push(fill(w.excludedCalls, { n: other.length, reasons: [...by].map(([k, v]) => `${exclusionLabel(k, locale)} ${v}`).join(locale === 'en' ? ', ' : '，') }));
  }
  const withMetrics = new Set(Array.isArray(ctx.input.metrics) ? ctx.input.metrics.map((m) => m.agentId) : Object.keys(ctx.input.metrics));
  const noKpi = a.agents.filter((g) => !withMetrics.has(g.agentId)).map((g) => g.agentId);
  if (noKpi.length > 0) notes.push(fill(w.missingKpi, { n: noKpi.length, agents: list(noKpi, locale) }));
  const perAgent = new Map<string, number>();
  for (const c of ctx.calls) perAgent.set(c.agentId, (perAgent.get(c.agentId) ?? 0) + 1);
  const single = [...perAgent].filter(([, n]) => n === 1).map(([id]) => id).sort(cmp);
  if (single.length > 0) notes.push(fill(w.oneCall, { n: single.length, agents: list(single, locale) }));
  const from = ctx.input.plan.effectiveFrom;
  if (from !== undefined && from > a.period.lastDay) notes.push(fill(w.planPeriodMismatch, { from: dayLabel(from, locale, true), period }));
  return notes;
}

/**
 * The first few of a list, then a count of the rest.
 *
 * @example
 * ```ts
 * list(['A001', 'A002'], 'zh-CN'); // 'A001、A002'
 * ```
 */
export function list(ids: readonly string[], locale: ReportLocale, max = 10): string {
  const sep = locale === 'en' ? ', ' : '、';
  return ids.length <= max ? ids.join(sep) : `${ids.slice(0, max).join(sep)}${locale === 'en' ? ` and ${ids.length - max} more` : ` 等 ${ids.length} 名`}`;
}

/**
 * Computes everything once.
 *
 * @example
 * ```ts
 * const ctx = buildContext(input, { locale: 'en' });
 * ctx.assessment.centre.mean;
 * ```
 */
export function buildContext(input: ReportInput, options: ReportOptions = {}): Context {
  const locale = options.locale ?? 'zh-CN';
  const w = wordsFor(locale);
  const opts = {
    locale,
    centre: options.centre ?? null,
    maxTrendAgents: options.maxTrendAgents ?? 24,
    maxHeatmapAgents: options.maxHeatmapAgents ?? 40,
    maxParetoRows: options.maxParetoRows ?? 15,
    reviewCalls: options.reviewCalls ?? 1,
  };
  const base = { period: input.period, ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}), ...(input.team !== undefined ? { team: input.team } : {}) };
  let previousAssessment: AssessmentResult | null = null;
  let previousCalls: CallScore[] | null = null;
  if (input.previous) {
    previousAssessment = assessAgents(input.plan, { ...base, period: input.previous.period, calls: input.previous.calls, metrics: input.previous.metrics });
    previousCalls = usedCalls(input.previous.calls, previousAssessment);
  }
  const assessment = assessAgents(input.plan, { ...base, calls: input.calls, metrics: input.metrics, ...(previousAssessment ? { previous: previousAssessment } : {}) });
  const calls = usedCalls(input.calls, assessment);
  const problems = calls.length > 0 ? analyzeProblems(calls, input.rubric, input.problems ?? {}) : null;
  const reviews = calls.length > 0 ? reviewCalls(calls, { n: opts.reviewCalls, periodOf: () => assessment.period.id }) : [];
  let calibration: Context['calibration'] = null;
  if (input.calibration && input.calibration.ratings.length > 0) {
    try {
      calibration = calibrate(input.calibration.ratings, input.calibration.options ?? {});
    } catch (e) {
      calibration = { error: errorText(e) };
    }
  }
  const rubric = input.rubric;
  const sectionLabel = (id: string): string => {
    const s = rubric.sections.find((x) => x.id === id);
    return s ? localize(s.def.label, locale, rubric.locale) : id;
  };
  const itemLabel = (id: string): string => {
    const i = rubric.items.get(id);
    return i ? localize(i.def.label, locale, rubric.locale) : id;
  };
  const agentTeam = new Map(assessment.agents.map((a) => [a.agentId, a.team]));
  const ctx = { input, locale, w, options: opts, assessment, previousAssessment, calls, previousCalls, problems, reviews, calibration, sectionLabel, itemLabel, agentTeam };
  return { ...ctx, notes: dataNotes(ctx) };
}
