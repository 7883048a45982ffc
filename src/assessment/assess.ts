/**
 * The monthly assessment: every agent's components, blended total, grade,
 * rank and tier, team and centre roll-ups, and a record of every input that
 * was used or left out, and why. Exact throughout; each printed figure is
 * rounded once, from its exact value, as the plan declares.
 */
import { inInterval } from '../bands/interval.js';
import * as P from '../exact/pair.js';
import { ArithmeticOverflowError, Ratio, sum } from '../exact/rational.js';
import { CallqaError, type Issue, type PathSegment } from '../issues/issues.js';
import type { Locale, LocalizedText } from '../localize/localize.js';
import { PeriodError } from '../periods/dates.js';
import { period as makePeriod, type Period } from '../periods/index.js';
import type { CompiledComponent, Plan, PlanBand } from './load.js';
import type { CompiledMetric, MetricsRecord, MetricValue } from './metrics.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import { isoInstant, localDay } from '../periods/day-number.js';
import { agentResult, Ledger, STATUS_CODE, bandOf, comparisonMet, gateHit, prepare, putRatio, referenceOf, thresholdOf, type Explainer, type Prepared } from './explain.js';
import { bigMean, figures, meanRounded, median, sortExact, type Figures } from './figures.js';
import { internal } from './internal.js';
import { MetricTable, Roster } from './roster.js';

/**
 * Thrown by {@link assessAgents} when the input as a whole cannot be assessed
 * (no usable period, a plan not in force). Problems with single records never
 * throw: they are reported in the result.
 *
 * @example
 * ```ts
 * try { assessAgents(plan, input); } catch (e) { if (e instanceof AssessmentError) console.error(e.issues); }
 * ```
 */
export class AssessmentError extends CallqaError {
  constructor(issues: readonly Issue[]) {
    super('Cannot assess', issues);
    this.name = 'AssessmentError';
  }
}

/**
 * A scored call as the assessment reads it. A `CallScore` fits as is; the
 * minimal form is `{ agentId, date, score }`.
 *
 * @example
 * ```ts
 * const c: CallInput = { id: 'C1', agentId: 'A001', date: '2026-10-08', score: 86.5, rubricId: 'callcenter-qc-7' };
 * ```
 */
export interface CallInput {
  readonly id?: string;
  readonly agentId: string;
  /** `YYYY-MM-DD` (a local date in the centre's zone) or an ISO date-time with offset. */
  readonly date: string;
  /** The call's published score (as rounded by its rubric). */
  readonly score: number;
  readonly rubric?: { readonly id: string; readonly version?: string };
  readonly rubricId?: string;
  /** The score's scale; when given it must match the qa component's `max`. */
  readonly maxScore?: number;
}

/**
 * The input of {@link assessAgents}.
 *
 * @example
 * ```ts
 * const input: AssessInput = {
 *   period: '2026-10', timeZone: 'Asia/Shanghai',
 *   calls: [{ agentId: 'A001', date: '2026-10-08', score: 90 }],
 *   metrics: { A001: { missedCalls: 3, inboundCalls: 100 } },
 *   team: { A001: 'T1' },
 * };
 * ```
 */
export interface AssessInput {
  /** A period from src/periods, or its id (cut by the plan's `period`, in `timeZone`). */
  readonly period: Period | string;
  /** The centre's IANA zone when `period` is an id (default: the plan's `timeZone`). */
  readonly timeZone?: string;
  readonly calls: readonly CallInput[];
  /** Per-agent raw data, by agent id, or records carrying `agentId`. */
  readonly metrics: Readonly<Record<string, MetricsRecord>> | readonly (MetricsRecord & { readonly agentId: string })[];
  /** Agent → team. */
  readonly team?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /** The roster; default: every agent with metrics or a team. */
  readonly agents?: readonly string[];
  /** Last period's result, for tier movement. */
  readonly previous?: AssessmentResult;
}

/** How a component fared for one agent. @example `const s: ComponentStatus = 'insufficient';` */
export type ComponentStatus = 'scored' | 'insufficient' | 'excluded' | 'missing' | 'invalid' | 'no_data' | 'error';

/**
 * One component of one agent's assessment.
 *
 * @example
 * ```ts
 * const c: ComponentResult = { id: 'missed', type: 'banded', status: 'scored', raw: 6.25, points: 4, max: 5,
 *   weight: 5, contribution: 4, exact: { raw: '25/4', points: '4', contribution: '4' },
 *   reason: 'missedRate 6.25 in (5, 10] → 4 of 5' };
 * ```
 */
export interface ComponentResult {
  readonly id: string;
  readonly type: CompiledComponent['type'];
  readonly status: ComponentStatus;
  /** The metric value (qa: the mean call score), rounded for display. */
  readonly raw: number | null;
  readonly points: number | null;
  readonly max: number;
  readonly weight: number;
  /** Points × weight / max, in total points (after renormalisation, if any). */
  readonly contribution: number | null;
  /** Exact values as fractions, for audit. */
  readonly exact: { readonly raw: string | null; readonly points: string | null; readonly contribution: string | null };
  /** One line, in English, saying how the points came about. */
  readonly reason: string;
  /** qa: calls used. */
  readonly calls?: number;
  /** comparison: the reference value, rounded. */
  readonly reference?: number;
}

/**
 * A tier change against the previous period.
 *
 * @example
 * ```ts
 * const m: TierMovement = { from: 'C', to: 'B', change: 'up' };
 * ```
 */
export interface TierMovement {
  readonly from: string | null;
  readonly to: string | null;
  readonly change: 'up' | 'down' | 'same' | 'new' | 'left';
}

/**
 * One agent's assessment.
 *
 * @example
 * ```ts
 * const a = result.agents[0]!;
 * console.log(a.agentId, a.total, a.grade?.id, a.tier?.id, a.rank);
 * ```
 */
export interface AgentAssessment {
  readonly agentId: string;
  readonly team: string | null;
  readonly status: 'complete' | 'incomplete';
  readonly components: readonly ComponentResult[];
  /** The blended total, rounded once; null when incomplete. */
  readonly total: number | null;
  readonly exactTotal: string | null;
  readonly grade: { readonly id: string; readonly passing: boolean } | null;
  readonly rank: number | null;
  readonly tier: { readonly id: string; readonly index: number } | null;
  readonly movement: TierMovement | null;
  /** Why the assessment is incomplete (empty when complete). */
  readonly notes: readonly string[];
}

/**
 * Mean, median and distributions of the totals of a team or the centre.
 *
 * @example
 * ```ts
 * result.centre.mean; // 82.41
 * result.centre.grades; // { A: 3, B: 10, C: 4, D: 1, E: 0 }
 * ```
 */
export interface RollUp {
  readonly id: string;
  readonly agents: number;
  readonly assessed: number;
  readonly incomplete: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly grades: Readonly<Record<string, number>>;
  readonly tiers: Readonly<Record<string, number>>;
}

/**
 * An input record that was not used, and why.
 *
 * @example
 * ```ts
 * const x: ExcludedRecord = { kind: 'call', index: 17, id: 'C-18', agentId: 'A009', code: 'outside_period', message: '2026-11-01 is after 2026-10-31' };
 * ```
 */
export interface ExcludedRecord {
  readonly kind: 'call' | 'metrics';
  readonly index: number;
  readonly id?: string;
  readonly agentId?: string;
  readonly code: 'outside_period' | 'unknown_agent' | 'other_rubric' | 'invalid' | 'duplicate_agent' | 'scale_mismatch';
  readonly message: string;
}

/**
 * The whole month's assessment.
 *
 * @example
 * ```ts
 * const r = assessAgents(plan, input);
 * r.usage.calls; // { received: 2000, used: 1990, excluded: 10, byReason: { outside_period: 8, unknown_agent: 2 } }
 * ```
 */
export interface AssessmentResult {
  readonly plan: {
    readonly id: string;
    readonly version: string;
    readonly label: LocalizedText;
    readonly locale: Locale;
    readonly decimals: number;
    readonly totalRange: { readonly min: number; readonly max: number };
    readonly components: readonly { readonly id: string; readonly type: string; readonly label: LocalizedText; readonly weight: number; readonly max: number }[];
    readonly grades: readonly { readonly id: string; readonly label: LocalizedText; readonly range: string; readonly passing: boolean }[];
    readonly tiers: readonly { readonly id: string; readonly label: LocalizedText }[];
  };
  readonly period: { readonly id: string; readonly timeZone: string; readonly firstDay: string; readonly lastDay: string };
  /** Ranked agents first (by rank), then incomplete ones (by id). */
  readonly agents: readonly AgentAssessment[];
  readonly teams: readonly RollUp[];
  readonly centre: RollUp;
  /** Team and centre references used by comparison components, rounded. */
  readonly references: readonly { readonly component: string; readonly scope: string; readonly value: number | null; readonly agents: number }[];
  readonly movement: {
    readonly up: readonly string[];
    readonly down: readonly string[];
    readonly same: number;
    readonly new: number;
    /** PDCA check: of last period's lowest tier, how many moved up. */
    readonly lowestTier: { readonly id: string; readonly previous: number; readonly movedUp: number; readonly share: number | null } | null;
  } | null;
  readonly usage: {
    readonly calls: { readonly received: number; readonly used: number; readonly excluded: number; readonly byReason: Readonly<Record<string, number>> };
    readonly agents: { readonly roster: number; readonly complete: number; readonly incomplete: number; readonly withoutCalls: number };
    readonly metrics: { readonly records: number; readonly used: number; readonly excluded: number; readonly unusedFields: readonly string[] };
  };
  readonly excluded: readonly ExcludedRecord[];
  /** Problems with input records, with paths (`['calls', 17, 'score']`, `['metrics', 'A003', 'missedCalls']`). */
  readonly issues: readonly Issue[];
}

/** What {@link groupCalls} reads and where it reports. */
interface CallPass {
  readonly period: Period;
  readonly qa: readonly CompiledComponent[];
  readonly roster: Roster;
  readonly issues: Issue[];
  readonly exclude: (i: number, c: Partial<CallInput> | null, code: ExcludedRecord['code'], message: string) => void;
}

function exactScore(score: number): Ratio | null {
  try {
    return Ratio.from(score);
  } catch {
    return null;
  }
}

// Why a call is left out. Each its own function: the loops below stay small, and
// both say exactly the same thing about the same call.

function refuseRecord(pass: CallPass, i: number): void {
  pass.exclude(i, null, 'invalid', 'not a call record');
  pass.issues.push({ code: 'invalid_record', path: ['calls', i], message: 'a call must be an object with agentId, date and score' });
}

function refuseFields(pass: CallPass, i: number, c: CallInput): void {
  const { agentId, date, score } = c as { agentId: unknown; date: unknown; score: unknown };
  const field = typeof agentId !== 'string' ? 'agentId' : typeof date !== 'string' ? 'date' : 'score';
  pass.exclude(i, c, 'invalid', `${field} is missing or invalid`);
  pass.issues.push({
    code: field === 'score' && typeof score === 'number' ? 'invalid_value' : 'required',
    path: ['calls', i, field],
    message: `call ${c.id ?? `#${i}`}: ${field} is missing or not a ${field === 'score' ? 'finite number' : 'string'}`,
  });
}

function badDate(pass: CallPass, i: number, c: CallInput, date: string): void {
  const msg = `date "${date}" is not a real YYYY-MM-DD day or an ISO date-time (YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM)`;
  pass.exclude(i, c, 'invalid', msg);
  pass.issues.push({ code: 'invalid_date', path: ['calls', i, 'date'], message: `call ${c.id ?? `#${i}`}: ${msg}` });
}

/**
 * Whether a call whose date is not a plain in-period day is left out (and
 * reported): a day outside the period, a malformed date, or an instant
 * outside the period's [start, end) in the centre's zone.
 */
function refuseDate(pass: CallPass, i: number, c: CallInput, date: string, day: number): boolean {
  const { period } = pass;
  if (day === -2) {
    badDate(pass, i, c, date);
    return true;
  }
  if (day >= 0) {
    pass.exclude(i, c, 'outside_period', `${date} is outside ${period.id} (${period.firstDay} – ${period.lastDay})`);
    return true;
  }
  const t = isoInstant(date);
  if (Number.isNaN(t)) {
    badDate(pass, i, c, date);
    return true;
  }
  if (t < period.start.getTime() || t >= period.end.getTime()) {
    pass.exclude(i, c, 'outside_period', `${date} is outside ${period.id} in ${period.timeZone}`);
    return true;
  }
  return false;
}

function refuseUnknown(pass: CallPass, i: number, c: CallInput, agentId: string): void {
  pass.exclude(i, c, 'unknown_agent', `agent ${agentId} is not on the roster`);
}

function refuseOffScale(pass: CallPass, i: number, c: CallInput, score: number, k: number, max: number): void {
  const msg = `score ${score} is outside the scale 0–${max} of the component "${pass.qa[k]!.id}"`;
  pass.exclude(i, c, 'invalid', msg);
  pass.issues.push({ code: 'out_of_range', path: ['calls', i, 'score'], message: `call ${c.id ?? `#${i}`}: ${msg}` });
}

function refuseTooPrecise(pass: CallPass, i: number, c: CallInput, score: number): void {
  // e.g. 32.230000000000004: float noise that no rubric publishes.
  pass.exclude(i, c, 'invalid', `score ${score} has too many digits to be used exactly`);
  pass.issues.push({ code: 'too_precise', path: ['calls', i, 'score'], message: `call ${c.id ?? `#${i}`}: score ${score} has too many digits to be used exactly; round it as its rubric does` });
}

function refuseScale(pass: CallPass, i: number, c: CallInput, k: number, max: number): void {
  pass.exclude(i, c, 'scale_mismatch', `the call is scored out of ${c.maxScore}, the component "${pass.qa[k]!.id}" out of ${max}`);
}

/**
 * The calls, in one pass: each is checked (a record with string agentId and
 * date and a finite score, a date in the period in the centre's zone, an agent
 * on the roster, a score on the scale that sums exactly) and its score added
 * to its agent's qa sums in the roster; the rest are excluded with the
 * reason. Returns the number of calls used. This loop is the assessment's hot
 * path (millions of calls): the checks are inline, and a plan with one qa
 * component reading every rubric (the common case) skips the per-component
 * matching and sums each run of one agent's calls in locals.
 */
function groupCalls(calls: readonly CallInput[], pass: CallPass): number {
  const { qa, roster } = pass;
  const agents = roster.index;
  const qaMax = qa.map((c) => c.max.toNumber());
  const wants = qa.map((c) => (c.def as { rubric?: string }).rubric);
  const oneQa = qa.length === 1 && wants[0] === undefined;
  const max0 = qaMax[0] ?? 0;
  const first = localDay(pass.period.firstDay);
  const last = localDay(pass.period.lastDay);
  // Exports often list an agent's calls together: remember the last agent found.
  let lastId: string | null = null;
  let agent: number | undefined;
  let used = 0;
  // One qa component: a run of the same agent's calls is summed in locals and
  // added to the roster when the agent changes (exports usually group calls by agent).
  let runMilli = 0;
  let runCount = 0;
  const flush = (): void => {
    if (runCount > 0) {
      const slot = agent! * roster.qa;
      roster.milli[slot]! += runMilli;
      roster.count[slot]! += runCount;
      roster.calls[agent!]! += runCount;
      runMilli = 0;
      runCount = 0;
    }
  };
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as CallInput | null | undefined;
    if (typeof c !== 'object' || c === null) {
      refuseRecord(pass, i);
      continue;
    }
    const agentId = c.agentId;
    const date = c.date;
    const score = c.score;
    if (typeof agentId !== 'string' || typeof date !== 'string' || typeof score !== 'number' || !Number.isFinite(score)) {
      refuseFields(pass, i, c);
      continue;
    }
    // Period membership: a local date compares as a number (as its text
    // would); anything else is an instant, checked against [start, end).
    const day = localDay(date);
    if ((day < first || day > last) && refuseDate(pass, i, c, date, day)) continue;
    if (agentId !== lastId) {
      flush();
      lastId = agentId;
      agent = agents.get(agentId);
    }
    if (agent === undefined) {
      refuseUnknown(pass, i, c, agentId);
      continue;
    }
    // A score off the scale would be clamped away only in the mean: refuse the
    // call before any bucket is touched (a plan may have several qa components).
    const maxScore = c.maxScore;
    const rubricId = oneQa ? undefined : (c.rubric?.id ?? c.rubricId);
    let outOfRange = -1;
    if (oneQa) {
      if ((maxScore === undefined || maxScore === max0) && (score < 0 || score > max0)) outOfRange = 0;
    } else {
      for (let k = 0; k < qa.length; k++) {
        const want = wants[k];
        if ((want !== undefined && rubricId !== want) || (maxScore !== undefined && maxScore !== qaMax[k])) continue;
        if (score < 0 || score > qaMax[k]!) {
          outOfRange = k;
          break;
        }
      }
    }
    if (outOfRange >= 0) {
      refuseOffScale(pass, i, c, score, outOfRange, qaMax[outOfRange]!);
      continue;
    }
    // Published scores have at most the rubric's decimals: sum them as whole thousandths.
    const m = Math.round(score * 1000);
    let exact: Ratio | null = null;
    if (!(m / 1000 === score && Math.abs(m) < 1e12)) {
      exact = exactScore(score);
      if (exact === null) {
        refuseTooPrecise(pass, i, c, score);
        continue;
      }
    }
    let counted = false;
    let mismatch = -1;
    if (oneQa) {
      if (maxScore !== undefined && maxScore !== max0) mismatch = 0;
      else if (exact === null) {
        runMilli += m;
        runCount++;
        used++;
        continue;
      } else {
        roster.add(agent, 0, m, exact);
        counted = true;
      }
    } else {
      for (let k = 0; k < qa.length; k++) {
        const want = wants[k];
        if (want !== undefined && rubricId !== want) continue;
        if (maxScore !== undefined && maxScore !== qaMax[k]) {
          mismatch = k;
          continue;
        }
        roster.add(agent, k, m, exact);
        counted = true;
      }
    }
    if (!counted) {
      if (mismatch >= 0) refuseScale(pass, i, c, mismatch, qaMax[mismatch]!);
      else pass.exclude(i, c, 'other_rubric', `scored with rubric ${rubricId ?? '(none)'}, which no qa component reads`);
      continue;
    }
    roster.calls[agent]!++;
    used++;
  }
  flush();
  return used;
}

function resolvePeriod(plan: Plan, input: AssessInput): Period {
  if (typeof input.period !== 'string') {
    const p = input.period as Period | undefined;
    if (!p || !(p.start instanceof Date) || !(p.end instanceof Date) || typeof p.firstDay !== 'string') {
      throw new AssessmentError([{ code: 'invalid_period', path: ['period'], message: 'period must be a Period (e.g. calendarMonth(…)) or a period id' }]);
    }
    return p;
  }
  const timeZone = input.timeZone ?? plan.timeZone;
  if (timeZone === undefined) {
    throw new AssessmentError([{ code: 'required', path: ['timeZone'], message: 'a period given by id needs a timeZone (or the plan’s timeZone)' }]);
  }
  try {
    return makePeriod(input.period, plan.period.kind === 'cycle' ? { kind: 'cycle', startDay: plan.period.startDay, timeZone } : { kind: 'month', timeZone });
  } catch (e) {
    if (e instanceof PeriodError) throw new AssessmentError(e.issues.map((i) => ({ ...i, path: ['period', ...i.path.slice(1)] })));
    throw e;
  }
}

function mapOf(team: AssessInput['team']): ReadonlyMap<string, string> {
  if (team === undefined) return new Map();
  if (team instanceof Map) return team;
  return new Map(Object.entries(team as Record<string, string>));
}

/**
 * Assesses every agent of the roster for one period under a plan.
 *
 * Calls outside the period (read in the centre's zone), of unknown agents or
 * of other rubrics, and metrics records of unknown shape, are left out and
 * listed in `excluded` with the reason; problems inside records are `issues`
 * with paths. An agent missing a metric, or short of evaluated calls under an
 * `incomplete` policy, is reported `incomplete` with no total rather than a
 * wrong one. Throws {@link AssessmentError} only when the period is unusable or
 * the plan is not in force for the whole period.
 *
 * @example
 * ```ts
 * const plan = loadPlan(JSON.parse(readFileSync('rubrics/monthly-assessment.zh-CN.json', 'utf8')));
 * const result = assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls, metrics });
 * console.log(formatAssessment(result, { locale: 'zh-CN' }));
 * ```
 */
export function assessAgents(plan: Plan, input: AssessInput): AssessmentResult {
  const period = resolvePeriod(plan, input);
  if ((plan.effectiveFrom !== undefined && plan.effectiveFrom > period.firstDay) || (plan.effectiveTo !== undefined && plan.effectiveTo < period.lastDay)) {
    throw new AssessmentError([
      {
        code: 'plan_not_in_force',
        path: ['period'],
        message: `plan ${plan.id}@${plan.version} (${plan.effectiveFrom ?? '…'} – ${plan.effectiveTo ?? 'open-ended'}) is not in force for all of ${period.id} (${period.firstDay} – ${period.lastDay}); use selectPlan`,
      },
    ]);
  }
  const issues: Issue[] = [];
  const excluded: ExcludedRecord[] = [];
  const teamOf = mapOf(input.team);
  const qa = plan.components.filter((c) => c.def.type === 'qa');

  // --- metrics records and the roster -----------------------------------
  // The usable records in input order; a record's path (`['metrics', key]`) is built only when it has a problem.
  const recIds: string[] = [];
  const recs: MetricsRecord[] = [];
  const recKeys: (string | number)[] = [];
  let metricRecords = 0;
  let metricExcluded = 0;
  const badRecord = (index: number, key: string | number): void => {
    metricExcluded++;
    excluded.push({ kind: 'metrics', index, code: 'invalid', message: 'a metrics record must be an object with an agentId' });
    issues.push({ code: 'invalid_record', path: ['metrics', key], message: 'a metrics record must be an object with an agent id' });
  };
  const isRecord = (r: unknown): r is MetricsRecord => typeof r === 'object' && r !== null && !Array.isArray(r);
  if (Array.isArray(input.metrics)) {
    const list = input.metrics as readonly (MetricsRecord & { agentId: string })[];
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      // A hole is not a record (as forEach, which this loop replaced, skipped it).
      if (!(i in list)) continue;
      metricRecords++;
      const r = list[i];
      const agentId: unknown = r?.agentId;
      if (typeof agentId !== 'string' || agentId === '' || !isRecord(r)) {
        badRecord(i, i);
        continue;
      }
      if (seen.has(agentId)) {
        metricExcluded++;
        excluded.push({ kind: 'metrics', index: i, agentId, code: 'duplicate_agent', message: `a second metrics record for ${agentId}; the first is used` });
        issues.push({ code: 'duplicate_agent', path: ['metrics', i], message: `a second metrics record for agent ${agentId}` });
        continue;
      }
      seen.add(agentId);
      recIds.push(agentId);
      recs.push(r);
      recKeys.push(i);
    }
  } else if (typeof input.metrics === 'object' && input.metrics !== null) {
    // Keys of an object are unique: no duplicates to look for.
    const byId = input.metrics as Record<string, MetricsRecord>;
    const keys = Object.keys(byId);
    for (let i = 0; i < keys.length; i++) {
      metricRecords++;
      const agentId = keys[i]!;
      const r = byId[agentId];
      if (agentId === '' || !isRecord(r)) {
        badRecord(i, agentId);
        continue;
      }
      recIds.push(agentId);
      recs.push(r);
      recKeys.push(agentId);
    }
  } else {
    throw new AssessmentError([{ code: 'invalid_type', path: ['metrics'], message: 'metrics must be an object by agent id or a list of records with agentId' }]);
  }
  // The roster: the given agents, or every agent with a metrics record or a team, by id.
  let ids: string[];
  if (input.agents !== undefined) ids = [...new Set(input.agents)];
  else {
    ids = recIds.slice();
    if (teamOf.size > 0) {
      const hasRecord = new Set(recIds);
      for (const id of teamOf.keys()) if (!hasRecord.has(id)) ids.push(id);
    }
  }
  ids.sort(cmpStr);
  const roster = new Roster(ids, teamOf.size === 0 ? new Array<null>(ids.length).fill(null) : ids.map((id) => teamOf.get(id) ?? null), qa.length);
  // Each agent's record (−1: none). Records already in roster order (the usual export) need no lookups.
  const recordOf = new Int32Array(ids.length).fill(-1);
  if (input.agents === undefined && ids.length === recIds.length && sameIds(ids, recIds)) for (let a = 0; a < ids.length; a++) recordOf[a] = a;
  else {
    for (let r = 0; r < recIds.length; r++) {
      const a = roster.index.get(recIds[r]!);
      if (a !== undefined) recordOf[a] = r;
      else {
        // Only a given roster can leave a metrics record out.
        metricExcluded++;
        excluded.push({ kind: 'metrics', index: -1, agentId: recIds[r]!, code: 'unknown_agent', message: `${recIds[r]} is not on the roster` });
      }
    }
  }

  // --- calls: one pass, grouped by agent ----------------------------------
  const byReason: Record<string, number> = {};
  const exclude = (i: number, c: Partial<CallInput> | null, code: ExcludedRecord['code'], message: string): void => {
    byReason[code] = (byReason[code] ?? 0) + 1;
    const rec: { -readonly [K in keyof ExcludedRecord]: ExcludedRecord[K] } = { kind: 'call', index: i, code, message };
    if (typeof c?.id === 'string') rec.id = c.id;
    if (typeof c?.agentId === 'string') rec.agentId = c.agentId;
    excluded.push(rec);
  };
  const calls = input.calls;
  const used = groupCalls(calls, { period, qa, roster, issues, exclude });

  // --- metrics per agent ----------------------------------------------------
  const neededMetrics = new Set<string>();
  for (const c of plan.components) {
    if (c.metric) neededMetrics.add(c.metric);
    if (c.formula) for (const s of c.formula.symbols) neededMetrics.add(s);
  }
  for (const t of plan.tieBreak) if ('metric' in t) neededMetrics.add(t.metric);
  const readFields = new Set<string>(['agentId']);
  for (const name of neededMetrics) for (const f of plan.metrics.get(name)!.fields) readFields.add(f);
  const unusedFields = new Set<string>();
  const needed = [...neededMetrics].map((name) => plan.metrics.get(name)!);
  const metricIndex = new Map(needed.map((m, i) => [m.name, i] as const));
  const nAgents = ids.length;
  const table = new MetricTable(nAgents, needed.length);
  const fieldsSeen: { last: readonly string[] | null } = { last: null };
  for (let a = 0; a < nAgents; a++) {
    const r = recordOf[a]!;
    agentMetrics(ids[a]!, a, r < 0 ? undefined : recs[r], r < 0 ? '' : recKeys[r]!, needed, table, readFields, unusedFields, fieldsSeen, issues);
  }

  // --- references for comparisons ------------------------------------------
  const references: { component: string; scope: string; value: number | null; agents: number }[] = [];
  // Per component: the reference by team ('*' for the centre).
  const refValue = plan.components.map(() => new Map<string, Ratio | null>());
  for (const c of plan.components) {
    if (c.def.type !== 'comparison' || !('scope' in c.def.reference)) continue;
    const m = plan.metrics.get(c.def.metric)!;
    const j = metricIndex.get(m.name)!;
    const aggregate = c.def.reference.aggregate ?? (m.poolable ? 'pooled' : 'mean');
    const groups = new Map<string, number[]>();
    for (let a = 0; a < nAgents; a++) {
      const key = c.def.reference.scope === 'centre' ? '*' : roster.teams[a]!;
      if (key === null) continue;
      const g = groups.get(key);
      if (g) g.push(a);
      else groups.set(key, [a]);
    }
    for (const [key, members] of groups) {
      const slots: number[] = [];
      for (const a of members) if (table.failure(a * needed.length + j) === undefined) slots.push(a * needed.length + j);
      let value: Ratio | null = null;
      if (slots.length > 0) {
        try {
          if (aggregate === 'pooled') value = m.fromPooled(sumAt(table.numN, table.numD, slots), sumAt(table.denN, table.denD, slots));
          else if (aggregate === 'mean') value = exactMean(slots.map((s) => table.value(s)));
          else value = median(slots.map((s) => table.value(s)));
        } catch (e) {
          if (!(e instanceof ArithmeticOverflowError)) throw e;
          // E.g. the mean of thousands of AHTs, each over its own number of calls: its denominator has no safe-integer form.
          throw new AssessmentError([
            {
              code: 'reference_not_exact',
              path: ['components', c.index, 'reference'],
              message: `the ${aggregate} of ${slots.length} agents' ${m.name} (${key === '*' ? 'centre' : `team ${key}`}) cannot be held as an exact fraction of safe integers${aggregate === 'mean' ? '; a pooled reference (the KPI over the summed raw data) or a median usually can' : ''}`,
            },
          ]);
        }
      }
      refValue[c.index]!.set(key, value);
      references.push({ component: c.id, scope: key === '*' ? 'centre' : `team ${key}`, value: value === null ? null : value.round(plan.decimals, plan.roundingMode), agents: slots.length });
    }
  }

  // --- components and totals ------------------------------------------------
  // Per agent, the work is a handful of exact operations whose figures go into
  // the ledger's typed arrays: every string that does not depend on the agent
  // is built once per plan here, scratch space is reused from agent to agent,
  // and the per-component text is written only when read (see explain.ts).
  const d = plan.decimals;
  const mode = plan.roundingMode;
  const fig = figures(d, mode);
  const show = fig.show;
  const comps = plan.components;
  const nComp = comps.length;
  const prep = comps.map((c) => prepare(c, plan, fig.fmt));
  const allWeight = sum(comps.map((c) => c.weight));
  // When every component is scored (the common case) the renormalising scale is the same for all.
  const allScale = allWeight.isZero() ? Ratio.ONE : Ratio.HUNDRED.div(allWeight);
  const allFactor = prep.map((p) => p.perPoint.mul(allScale));
  const tieComponent = plan.tieBreak.map((t) => ('component' in t ? comps.findIndex((c) => c.id === t.component) : -1));
  const gradeCache = new Map<PlanBand, { id: string; passing: boolean }>();
  const gradeOf = (r: Ratio): { id: string; passing: boolean } | null => {
    let g: PlanBand | undefined;
    for (const x of plan.grades) {
      if (inInterval(x.range, r)) {
        g = x;
        break;
      }
    }
    if (!g) return null;
    // One object per grade, shared by the agents who have it.
    let o = gradeCache.get(g);
    if (!o) gradeCache.set(g, (o = Object.freeze({ id: g.id, passing: g.passing })));
    return o;
  };
  const ledger = new Ledger(nComp, nAgents);
  const totals = new Array<Ratio | null>(nAgents);
  const roundeds = new Array<Ratio | null>(nAgents);
  const keys = new Float64Array(nAgents);
  const grades = new Array<{ id: string; passing: boolean } | null>(nAgents);
  const notesOf = new Array<string[]>(nAgents);
  const ties = new Array<Ratio | null>(nAgents * plan.tieBreak.length);
  const sc: Scoring = {
    plan,
    issues,
    roster,
    table,
    refValue,
    metricIndex,
    metricOf: Int32Array.from(comps, (c) => (c.metric === null ? -1 : metricIndex.get(c.metric)!)),
    fig,
    prep,
    allScale,
    allFactor,
    tieComponent,
    gradeOf,
    status: new Array<ComponentStatus>(nComp),
    points: new Array<Ratio | null>(nComp),
    scratch: { rawN: new Float64Array(nComp), rawD: new Float64Array(nComp), ptsN: new Float64Array(nComp), ptsD: new Float64Array(nComp), conN: new Float64Array(nComp), conD: new Float64Array(nComp) },
    ledger,
    totals,
    roundeds,
    keys,
    grades,
    notes: notesOf,
    ties,
  };
  // The fast path gives up at a formula component: with one in the plan, every agent goes the general way from the start.
  const fast = internal.fastPath && !comps.some((c) => c.def.type === 'formula');
  for (let a = 0; a < nAgents; a++) {
    if (!(fast && scoreAgentFast(a, sc))) scoreAgent(a, sc);
  }

  // --- ranking ------------------------------------------------------------
  const nTie = plan.tieBreak.length;
  const ranked: number[] = [];
  for (let a = 0; a < nAgents; a++) if (roundeds[a] !== null) ranked.push(a);
  ranked.sort((a, b) => {
    // Integer keys compare exactly; a NaN key (out of the safe range) falls back to the fractions.
    const ka = keys[a]!;
    const kb = keys[b]!;
    const c = ka === ka && kb === kb ? (kb > ka ? 1 : kb < ka ? -1 : 0) : roundeds[b]!.cmp(roundeds[a]!);
    if (c !== 0) return c;
    for (let k = 0; k < nTie; k++) {
      const x = ties[a * nTie + k]!;
      const y = ties[b * nTie + k]!;
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const r = plan.tieBreak[k]!.order === 'desc' ? y.cmp(x) : x.cmp(y);
      if (r !== 0) return r;
    }
    return cmpStr(ids[a]!, ids[b]!);
  });

  // --- grades, tiers, movement ---------------------------------------------
  const tierDefs = plan.tiers?.tiers ?? [];
  const tierIndex = new Map(tierDefs.map((t, i) => [t.id, i] as const));
  const tierOf = new Int32Array(nAgents).fill(-1);
  if (plan.tiers?.by === 'band') {
    const tiers = plan.tiers.tiers;
    for (const a of ranked) tierOf[a] = tiers.findIndex((t) => inInterval(t.range, roundeds[a]!));
  } else if (plan.tiers?.by === 'quantile') {
    const n = ranked.length;
    const cum: Ratio[] = [];
    let acc = Ratio.ZERO;
    for (const t of plan.tiers.tiers) cum.push((acc = acc.add(t.share).mul(Ratio.ONE)));
    const bounds = cum.map((c) => c.mul(Ratio.of(n)));
    // Ranks only grow: the tier index never goes back, so one pass suffices.
    let i = 0;
    ranked.forEach((a, r) => {
      // Rank r+1 is in the first tier whose cumulative share covers it: (r+1)·100 ≤ cum·n.
      const pos = Ratio.of((r + 1) * 100);
      while (i < bounds.length && !pos.lte(bounds[i]!)) i++;
      tierOf[a] = i < bounds.length ? i : cum.length - 1;
    });
  }
  const tierObjects = tierDefs.map((t, index) => Object.freeze({ id: t.id, index }));
  const prevTier = new Map<string, string | null>();
  if (input.previous) for (const a of input.previous.agents) prevTier.set(a.agentId, a.tier?.id ?? null);

  const explainer: Explainer = { plan, prep, fig, ledger, roster, refValue };
  const resultOf = (a: number, rank: number | null): AgentAssessment => {
    const ti = tierOf[a]!;
    const tier = ti < 0 ? null : tierObjects[ti]!;
    let movement: TierMovement | null = null;
    if (input.previous && plan.tiers) {
      const from = prevTier.get(ids[a]!) ?? null;
      const fi = from === null ? undefined : tierIndex.get(from);
      const change: TierMovement['change'] =
        tier === null ? (from === null ? 'same' : 'left') : fi === undefined ? 'new' : tier.index < fi ? 'up' : tier.index > fi ? 'down' : 'same';
      movement = { from, to: tier?.id ?? null, change };
    }
    const total = totals[a]!;
    const rounded = roundeds[a]!;
    return agentResult(
      explainer,
      a,
      ids[a]!,
      roster.teams[a]!,
      total === null ? 'incomplete' : 'complete',
      rounded === null ? null : rounded.toNumber(),
      total === null ? null : total.toString(),
      grades[a]!,
      rank,
      tier,
      movement,
      notesOf[a]!,
    );
  };
  const results: AgentAssessment[] = new Array<AgentAssessment>(ranked.length);
  for (let i = 0; i < ranked.length; i++) results[i] = resultOf(ranked[i]!, i + 1);
  for (let a = 0; a < nAgents; a++) if (roundeds[a] === null) results.push(resultOf(a, null));

  let movement: AssessmentResult['movement'] = null;
  if (input.previous && plan.tiers) {
    const up = results.filter((a) => a.movement?.change === 'up').map((a) => a.agentId);
    const down = results.filter((a) => a.movement?.change === 'down').map((a) => a.agentId);
    const lowest = tierDefs[tierDefs.length - 1]!;
    const wasLowest = results.filter((a) => a.movement?.from === lowest.id);
    const movedUp = wasLowest.filter((a) => a.movement?.change === 'up').length;
    movement = {
      up,
      down,
      same: results.filter((a) => a.movement?.change === 'same' && a.tier !== null).length,
      new: results.filter((a) => a.movement?.change === 'new').length,
      lowestTier: {
        id: lowest.id,
        previous: wasLowest.length,
        movedUp,
        share: wasLowest.length === 0 ? null : Ratio.of(movedUp * 100, wasLowest.length).round(d, mode),
      },
    };
  }

  // --- roll-ups -----------------------------------------------------------------
  const rollUp = (id: string, members: readonly number[]): RollUp => {
    const gradeCounts: Record<string, number> = {};
    for (const g of plan.grades) gradeCounts[g.id] = 0;
    const tierCounts: Record<string, number> = {};
    for (const t of tierDefs) tierCounts[t.id] = 0;
    const xs: Ratio[] = [];
    for (const a of members) {
      const total = totals[a]!;
      if (total !== null) xs.push(total);
      if (roundeds[a] === null) continue;
      const g = grades[a];
      if (g) gradeCounts[g.id] = (gradeCounts[g.id] ?? 0) + 1;
      const ti = tierOf[a]!;
      if (ti >= 0) tierCounts[tierDefs[ti]!.id] = (tierCounts[tierDefs[ti]!.id] ?? 0) + 1;
    }
    const sorted = sortExact(xs);
    return {
      id,
      agents: members.length,
      assessed: xs.length,
      incomplete: members.length - xs.length,
      mean: xs.length === 0 ? null : meanRounded(xs, d, mode),
      median: sorted.length === 0 ? null : sorted.length % 2 === 1 ? show(sorted[sorted.length >> 1]!) : meanRounded(sorted.slice((sorted.length >> 1) - 1, (sorted.length >> 1) + 1), d, mode),
      min: sorted.length === 0 ? null : show(sorted[0]!),
      max: sorted.length === 0 ? null : show(sorted[sorted.length - 1]!),
      grades: gradeCounts,
      tiers: tierCounts,
    };
  };
  const byTeam = new Map<string, number[]>();
  const noTeam: number[] = [];
  const everyone: number[] = new Array<number>(nAgents);
  for (let a = 0; a < nAgents; a++) {
    everyone[a] = a;
    const t = roster.teams[a]!;
    if (t === null) noTeam.push(a);
    else {
      const g = byTeam.get(t);
      if (g) g.push(a);
      else byTeam.set(t, [a]);
    }
  }
  const teams = [...byTeam.keys()].sort(cmpStr).map((t) => rollUp(t, byTeam.get(t)!));
  if (teamOf.size > 0 && noTeam.length > 0) teams.push(rollUp('(no team)', noTeam));

  const callExcluded = calls.length - used;
  return {
    plan: {
      id: plan.id,
      version: plan.version,
      label: plan.label,
      locale: plan.locale,
      decimals: d,
      totalRange: { min: show(plan.totalRange.min), max: show(plan.totalRange.max) },
      components: plan.components.map((c) => ({ id: c.id, type: c.type, label: c.label, weight: c.weight.toNumber(), max: c.max.toNumber() })),
      grades: plan.grades.map((g) => ({ id: g.id, label: g.label, range: g.range.text, passing: g.passing })),
      tiers: tierDefs.map((t) => ({ id: t.id, label: t.label })),
    },
    period: { id: period.id, timeZone: period.timeZone, firstDay: period.firstDay, lastDay: period.lastDay },
    agents: results,
    teams,
    centre: rollUp('centre', everyone),
    references,
    movement,
    usage: {
      calls: { received: calls.length, used, excluded: callExcluded, byReason },
      agents: {
        roster: nAgents,
        complete: ranked.length,
        incomplete: nAgents - ranked.length,
        withoutCalls: countZeros(roster.calls),
      },
      metrics: { records: metricRecords, used: metricRecords - metricExcluded, excluded: metricExcluded, unusedFields: [...unusedFields].sort(cmpStr) },
    },
    excluded,
    issues,
  };
}

/** Agent `a`'s metric values, into the table (its own function, so that the engine optimises it on its own). */
function agentMetrics(
  agentId: string,
  a: number,
  record: MetricsRecord | undefined,
  key: string | number,
  needed: readonly CompiledMetric[],
  table: MetricTable,
  readFields: ReadonlySet<string>,
  unusedFields: Set<string>,
  fieldsSeen: { last: readonly string[] | null },
  issues: Issue[],
): void {
  const base = a * needed.length;
  if (!record) {
    for (let i = 0; i < needed.length; i++) table.set(base + i, { ok: false, status: 'missing', message: 'no metrics record', issues: [] });
    if (needed.length > 0) issues.push({ code: 'missing_metrics', path: ['metrics', agentId], message: `no metrics record for agent ${agentId}` });
    return;
  }
  let path: PathSegment[] | null = null;
  for (let i = 0; i < needed.length; i++) {
    const m = needed[i]!;
    if (m.computeInto(record, table, base + i)) continue;
    // Off the common path: the full computation, with issues at the record's path.
    const v = m.compute(record, (path ??= ['metrics', key]));
    if (!v.ok) issues.push(...v.issues);
    table.set(base + i, v);
  }
  // Records of one shape (the usual export) need their field names checked once.
  const last = fieldsSeen.last;
  let i = 0;
  let same = last !== null;
  for (const k in record) {
    if (!Object.hasOwn(record, k)) continue;
    if (same && last![i] !== k) same = false;
    i++;
  }
  if (same && i === last!.length) return;
  const keys = Object.keys(record);
  for (const k of keys) if (!readFields.has(k)) unusedFields.add(k);
  fieldsSeen.last = keys;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The exact mean as a Ratio; throws ArithmeticOverflowError when it has no safe-integer form. */
function exactMean(xs: readonly Ratio[]): Ratio {
  const { n, d } = bigMean(xs);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (n > max || -n > max || d > max) throw new ArithmeticOverflowError('mean');
  return Ratio.of(Number(n), Number(d));
}

/**
 * The sum of the fractions at `slots` of a numerator/denominator pair of
 * columns (an absent one counts as 0), added as number pairs; where a partial
 * sum leaves the safe range, the same additions in Ratio report the overflow.
 */
function sumAt(ns: Float64Array, ds: Float64Array, slots: readonly number[]): Ratio {
  let n = 0;
  let d = 1;
  for (const s of slots) {
    const sd = ds[s]!;
    if (sd !== sd) continue;
    if (!P.add(n, d, ns[s]!, sd)) return sum(slots.map((x) => (ds[x]! !== ds[x]! ? Ratio.ZERO : Ratio.of(ns[x]!, ds[x]!))));
    n = P.out.n;
    d = P.out.d;
  }
  return Ratio.of(n, d);
}

function countZeros(xs: Int32Array): number {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] === 0) n++;
  return n;
}

/** What {@link scoreAgent} reads: the plan prepared once, and scratch space reused across agents. */
interface Scoring {
  readonly plan: Plan;
  readonly issues: Issue[];
  readonly roster: Roster;
  readonly table: MetricTable;
  readonly refValue: readonly ReadonlyMap<string, Ratio | null>[];
  readonly metricIndex: ReadonlyMap<string, number>;
  /** Per component: its metric's index in the metric table (−1: none). */
  readonly metricOf: Int32Array;
  readonly fig: Figures;
  readonly prep: readonly Prepared[];
  readonly allScale: Ratio;
  readonly allFactor: readonly Ratio[];
  readonly tieComponent: readonly number[];
  readonly gradeOf: (r: Ratio) => { id: string; passing: boolean } | null;
  /** Scratch, reused from agent to agent. */
  readonly status: ComponentStatus[];
  readonly points: (Ratio | null)[];
  readonly scratch: { readonly rawN: Float64Array; readonly rawD: Float64Array; readonly ptsN: Float64Array; readonly ptsD: Float64Array; readonly conN: Float64Array; readonly conD: Float64Array };
  /** Out: per component (the ledger) and per agent. */
  readonly ledger: Ledger;
  readonly totals: (Ratio | null)[];
  readonly roundeds: (Ratio | null)[];
  /** The rounded total in units of 10^-decimals (NaN when it left the safe range): the ranking key. */
  readonly keys: Float64Array;
  readonly grades: ({ id: string; passing: boolean } | null)[];
  readonly notes: string[][];
  /** Tie-break values, `agent × tieBreaks + k`. */
  readonly ties: (Ratio | null)[];
}

/**
 * The common case of {@link scoreAgent}, with the figures as number pairs
 * (src/exact/pair.ts) instead of a Ratio per operation: every component
 * scored (enough calls, every metric present and in its domain, a reference
 * to compare with) and no formula. Returns false, having written nothing,
 * for anything else, and scoreAgent then decides, issues, notes and overflow
 * included; where this returns true, the two write the same figures.
 */
function scoreAgentFast(a: number, sc: Scoring): boolean {
  const { plan, roster, table, refValue, prep, allFactor, scratch: s } = sc;
  const comps = plan.components;
  const nComp = comps.length;
  const mBase = a * table.metrics;
  const team = roster.teams[a]!;
  const failed = table.failed.size > 0;
  let qaIndex = 0;
  for (let i = 0; i < nComp; i++) {
    const c = comps[i]!;
    const p = prep[i]!;
    const def = c.def;
    let xn: number;
    let xd: number;
    if (def.type === 'qa') {
      const slot = a * roster.qa + qaIndex++;
      const count = roster.count[slot]!;
      const milli = roster.milli[slot]!;
      // The mean as milli / (1000 × count), not reduced: the ledger reduces a figure when it is read.
      if (count < (def.minCalls ?? 1) || (roster.extra.size > 0 && roster.extra.has(slot)) || !Number.isSafeInteger(milli) || !Number.isSafeInteger(1000 * count)) return false;
      xn = milli;
      xd = 1000 * count;
      s.rawN[i] = xn;
      s.rawD[i] = xd;
      // The mean, clamped to [0, max].
      if (xn < 0) {
        s.ptsN[i] = 0;
        s.ptsD[i] = 1;
      } else if (P.cmpTo(xn, xd, c.max) > 0) {
        s.ptsN[i] = c.max.n;
        s.ptsD[i] = c.max.d;
      } else {
        s.ptsN[i] = xn;
        s.ptsD[i] = xd;
      }
      continue;
    }
    if (def.type === 'formula') return false;
    const ms = mBase + sc.metricOf[i]!;
    if (failed && table.failed.has(ms)) return false;
    xn = table.valueN[ms]!;
    xd = table.valueD[ms]!;
    s.rawN[i] = xn;
    s.rawD[i] = xd;
    let pts: Ratio;
    switch (def.type) {
      case 'banded': {
        const k = bandOf(c, xn, xd);
        if (k === c.bands.length) return false;
        pts = c.bands[k]!.points;
        break;
      }
      case 'deduction': {
        if (xn < 0) return false;
        const k = thresholdOf(c, xn, xd);
        if (k < c.thresholds.length) pts = c.thresholds[k]!.points;
        else {
          // max − perOccurrence × x, floored.
          const per = p.perOccurrence!;
          if (!P.mul(per.n, per.d, xn, xd) || !P.add(c.max.n, c.max.d, -P.out.n, P.out.d)) return false;
          if (P.cmpTo(P.out.n, P.out.d, p.floor!) >= 0) {
            s.ptsN[i] = P.out.n;
            s.ptsD[i] = P.out.d;
            continue;
          }
          pts = p.floor!;
        }
        break;
      }
      case 'comparison': {
        const ref = referenceOf(c, p, refValue, team);
        if (ref === null) return false;
        pts = comparisonMet(c, p, P.cmpTo(xn, xd, ref)) ? c.max : p.otherwise!;
        break;
      }
      case 'gate': {
        pts = gateHit(c, P.cmpTo(xn, xd, p.gateValue!)) ? Ratio.ZERO : c.max;
        break;
      }
    }
    s.ptsN[i] = pts.n;
    s.ptsD[i] = pts.d;
  }
  // Every component scored: each contributes points × weight / max × 100 / Σweights. Products and
  // the sum are kept unreduced (one reduction, of the total, at the end); every product and sum is
  // checked, and should one leave the safe range, scoreAgent redoes the agent reducing as it goes.
  let tn = 0;
  let td = 1;
  for (let i = 0; i < nComp; i++) {
    const f = allFactor[i]!;
    const cn = s.ptsN[i]! * f.n;
    const cd = s.ptsD[i]! * f.d;
    if (!Number.isSafeInteger(cn) || !Number.isSafeInteger(cd)) return false;
    s.conN[i] = cn;
    s.conD[i] = cd;
    if (cd === td) tn += cn;
    else if (cd === 1) {
      const scaled = cn * td;
      if (!Number.isSafeInteger(scaled)) return false;
      tn += scaled;
    } else if (td === 1) {
      const scaled = tn * cd;
      if (!Number.isSafeInteger(scaled)) return false;
      tn = scaled + cn;
      td = cd;
    } else {
      if (!P.add(tn, td, cn, cd)) return false;
      tn = P.out.n;
      td = P.out.d;
    }
    if (!Number.isSafeInteger(tn)) return false;
  }
  if (!P.reduce(tn, td)) return false;
  tn = P.out.n;
  td = P.out.d;
  // Commit: the same figures scoreAgent writes.
  const L = sc.ledger;
  const base = a * nComp;
  for (let i = 0; i < nComp; i++) {
    const slot = base + i;
    L.status[slot] = 0; // scored
    L.rawN[slot] = s.rawN[i]!;
    L.rawD[slot] = s.rawD[i]!;
    L.ptsN[slot] = s.ptsN[i]!;
    L.ptsD[slot] = s.ptsD[i]!;
    L.conN[slot] = s.conN[i]!;
    L.conD[slot] = s.conD[i]!;
  }
  const total = Ratio.of(tn, td);
  const rounded = sc.fig.rounded(total);
  sc.totals[a] = total;
  sc.roundeds[a] = rounded;
  sc.keys[a] = sc.fig.key(rounded);
  sc.grades[a] = sc.gradeOf(rounded);
  sc.notes[a] = NO_NOTES;
  const nTie = plan.tieBreak.length;
  for (let k = 0; k < nTie; k++) {
    const t = plan.tieBreak[k]!;
    const ci = sc.tieComponent[k]!;
    let value: Ratio | null;
    if (ci >= 0) value = Ratio.of(s.ptsN[ci]!, s.ptsD[ci]!);
    else if ('component' in t) value = Ratio.ZERO;
    else {
      const ms = mBase + sc.metricIndex.get(t.metric)!;
      value = failed && table.failed.has(ms) ? null : table.value(ms);
    }
    sc.ties[a * nTie + k] = value;
  }
  return true;
}

/**
 * Agent `a`'s components, contributions and total, written to `sc`. Its own
 * function (not a loop body inside assessAgents) so that the engine optimises
 * it on its own. A reason is written here only off the common path; the rest
 * are derived from the ledger's figures when read.
 */
function scoreAgent(a: number, sc: Scoring): void {
  const { plan, issues, roster, table, refValue, metricIndex, fig, prep, allScale, allFactor, tieComponent, status, points, ledger: L } = sc;
  const { fmt } = fig;
  const comps = plan.components;
  const nComp = comps.length;
  const base = a * nComp;
  const mBase = a * table.metrics;
  const agentId = roster.ids[a]!;
  const team = roster.teams[a]!;
  const text = L.text;
  let notes: string[] | null = null;
  let qaIndex = 0;
  for (let i = 0; i < nComp; i++) {
    const slot = base + i;
    const c = comps[i]!;
    const p = prep[i]!;
    const def = c.def;
    if (def.type === 'qa') {
      const k = qaIndex++;
      const count = roster.count[a * roster.qa + k]!;
      const minCalls = def.minCalls ?? 1;
      if (count < minCalls) {
        const policy = def.insufficient ?? 'incomplete';
        const why = `${count} evaluated call${count === 1 ? '' : 's'}, fewer than the ${minCalls} required`;
        if (policy === 'zero') {
          status[i] = 'scored';
          points[i] = Ratio.ZERO;
          text.set(slot, `insufficient sample: ${why} → 0 of ${p.max}`);
        } else if (policy === 'renormalise') {
          status[i] = 'excluded';
          points[i] = null;
          text.set(slot, `insufficient sample: ${why}; left out, the other weights rescaled to 100`);
        } else {
          status[i] = 'insufficient';
          points[i] = null;
          text.set(slot, `insufficient sample: ${why}; the assessment is incomplete`);
          (notes ??= []).push(`${c.id}: ${why}`);
        }
        continue;
      }
      const mean = roster.mean(a, k);
      status[i] = 'scored';
      putRatio(L.rawN, L.rawD, slot, mean);
      points[i] = mean.max(Ratio.ZERO).min(c.max);
      continue;
    }
    if (def.type === 'formula') {
      const vals = new Map<string, Ratio>();
      let bad: Extract<MetricValue, { ok: false }> | null = null;
      for (const s of c.formula!.symbols) {
        const ms = mBase + metricIndex.get(s)!;
        const f = table.failure(ms);
        if (f === undefined) vals.set(s, table.value(ms));
        else bad = f;
      }
      points[i] = null;
      if (bad) {
        status[i] = bad.status;
        text.set(slot, bad.message);
        (notes ??= []).push(`${c.id}: ${bad.message}`);
        continue;
      }
      let value: Ratio;
      try {
        value = c.formula!.evaluate(vals);
      } catch (e) {
        const msg = `the formula failed: ${(e as Error).message}`;
        status[i] = 'error';
        text.set(slot, msg);
        (notes ??= []).push(`${c.id}: ${msg}`);
        issues.push({ code: 'formula_error', path: ['metrics', agentId], message: `${c.id}: ${msg}` });
        continue;
      }
      status[i] = 'scored';
      putRatio(L.rawN, L.rawD, slot, value);
      points[i] = value.max(c.min).min(c.max);
      continue;
    }
    const metricName = c.metric!;
    const ms = mBase + metricIndex.get(metricName)!;
    const v = table.failure(ms);
    if (v !== undefined) {
      status[i] = v.status;
      points[i] = null;
      text.set(slot, `${metricName}: ${v.message}`);
      (notes ??= []).push(`${c.id}: ${metricName} ${v.status === 'no_data' ? 'has no data' : v.status} (${v.message})`);
      continue;
    }
    const x = table.value(ms);
    putRatio(L.rawN, L.rawD, slot, x);
    switch (def.type) {
      case 'banded': {
        const k = bandOf(c, x.n, x.d);
        if (k === c.bands.length) {
          const msg = `${metricName} ${fmt(x)} is outside the domain ${def.domain}`;
          status[i] = 'invalid';
          points[i] = null;
          text.set(slot, msg);
          (notes ??= []).push(`${c.id}: ${msg}`);
          issues.push({ code: 'out_of_domain', path: ['metrics', agentId, metricName], message: msg });
          break;
        }
        status[i] = 'scored';
        points[i] = c.bands[k]!.points;
        break;
      }
      case 'deduction': {
        if (x.lt(Ratio.ZERO)) {
          const msg = `${metricName} is negative (${fmt(x)}); occurrences are counts`;
          status[i] = 'invalid';
          points[i] = null;
          text.set(slot, msg);
          (notes ??= []).push(`${c.id}: ${msg}`);
          issues.push({ code: 'negative', path: ['metrics', agentId, metricName], message: msg });
          break;
        }
        const k = thresholdOf(c, x.n, x.d);
        status[i] = 'scored';
        points[i] = k < c.thresholds.length ? c.thresholds[k]!.points : c.max.sub(p.perOccurrence!.mul(x)).max(p.floor!);
        break;
      }
      case 'comparison': {
        const ref = referenceOf(c, p, refValue, team);
        if (ref === null) {
          const msg = team === null && 'scope' in def.reference && def.reference.scope === 'team' ? 'the agent has no team to compare with' : 'no reference value (no agent has data)';
          status[i] = 'no_data';
          points[i] = null;
          text.set(slot, msg);
          (notes ??= []).push(`${c.id}: ${msg}`);
          break;
        }
        status[i] = 'scored';
        points[i] = comparisonMet(c, p, x.cmp(ref)) ? c.max : p.otherwise!;
        break;
      }
      case 'gate': {
        status[i] = 'scored';
        points[i] = gateHit(c, x.cmp(p.gateValue!)) ? Ratio.ZERO : c.max;
        break;
      }
    }
  }

  // The total, and each component's contribution to it (renormalised when some were left out).
  let total: Ratio | null = null;
  let allScored = true;
  let scoredWeight = Ratio.ZERO;
  for (let i = 0; i < nComp; i++) {
    if (status[i] === 'scored') scoredWeight = scoredWeight.add(comps[i]!.weight);
    else allScored = false;
  }
  let scale: Ratio | null = null;
  if (notes === null) {
    if (scoredWeight.isZero()) (notes ??= []).push('every component was left out');
    else scale = allScored ? allScale : Ratio.HUNDRED.div(scoredWeight);
  }
  for (let i = 0; i < nComp; i++) {
    const slot = base + i;
    const pts = points[i]!;
    const scored = status[i] === 'scored' && pts !== null;
    const contribution = !scored ? null : scale === null ? pts.mul(prep[i]!.perPoint) : allScored ? pts.mul(allFactor[i]!) : pts.mul(prep[i]!.perPoint).mul(scale);
    if (contribution !== null && scale !== null) total = total === null ? contribution : total.add(contribution);
    L.status[slot] = STATUS_CODE[status[i]!];
    putRatio(L.ptsN, L.ptsD, slot, pts);
    putRatio(L.conN, L.conD, slot, contribution);
  }
  if (scale !== null && total === null) total = Ratio.ZERO;
  const rounded = total === null ? null : fig.rounded(total);
  sc.totals[a] = total;
  sc.roundeds[a] = rounded;
  sc.keys[a] = rounded === null ? NaN : fig.key(rounded);
  sc.grades[a] = rounded === null ? null : sc.gradeOf(rounded);
  sc.notes[a] = notes ?? NO_NOTES;
  const nTie = plan.tieBreak.length;
  for (let k = 0; k < nTie; k++) {
    const t = plan.tieBreak[k]!;
    const ci = tieComponent[k]!;
    let value: Ratio | null;
    if (ci >= 0) value = points[ci] ?? Ratio.ZERO;
    else if ('component' in t) value = Ratio.ZERO;
    else {
      const ms = mBase + metricIndex.get(t.metric)!;
      value = table.failure(ms) === undefined ? table.value(ms) : null;
    }
    sc.ties[a * nTie + k] = value;
  }
}

/** Shared by every complete agent: notes are only allocated when there is one. */
const NO_NOTES: string[] = Object.freeze([]) as unknown as string[];
