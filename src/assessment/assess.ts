/**
 * The monthly assessment: every agent's components, blended total, grade,
 * rank and tier, team and centre roll-ups, and a record of every input that
 * was used or left out, and why. Exact throughout; each printed figure is
 * rounded once, from its exact value, as the plan declares.
 */
import { inInterval } from '../bands/interval.js';
import { Ratio, sum } from '../exact/rational.js';
import { CallqaError, type Issue, type PathSegment } from '../issues/issues.js';
import type { Locale, LocalizedText } from '../localize/localize.js';
import { PeriodError } from '../periods/dates.js';
import { period as makePeriod, type Period } from '../periods/index.js';
import type { CompiledComponent, Plan } from './load.js';
import type { MetricsRecord, MetricValue } from './metrics.js';

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

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

interface Bucket {
  /** Sum of scores in thousandths, exact while every score has ≤ 3 decimals. */
  milli: number;
  /** Scores with more decimals, summed exactly. */
  extra: Ratio;
  count: number;
}

interface AgentState {
  readonly id: string;
  readonly team: string | null;
  readonly buckets: Bucket[];
  metrics: Map<string, MetricValue> | null;
  callCount: number;
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
  const records = new Map<string, { record: MetricsRecord; path: PathSegment[] }>();
  let metricRecords = 0;
  let metricExcluded = 0;
  const addRecord = (agentId: unknown, record: unknown, index: number, path: PathSegment[]): void => {
    metricRecords++;
    if (typeof agentId !== 'string' || agentId === '' || typeof record !== 'object' || record === null || Array.isArray(record)) {
      metricExcluded++;
      excluded.push({ kind: 'metrics', index, code: 'invalid', message: 'a metrics record must be an object with an agentId' });
      issues.push({ code: 'invalid_record', path, message: 'a metrics record must be an object with an agent id' });
      return;
    }
    if (records.has(agentId)) {
      metricExcluded++;
      excluded.push({ kind: 'metrics', index, agentId, code: 'duplicate_agent', message: `a second metrics record for ${agentId}; the first is used` });
      issues.push({ code: 'duplicate_agent', path, message: `a second metrics record for agent ${agentId}` });
      return;
    }
    records.set(agentId, { record: record as MetricsRecord, path });
  };
  if (Array.isArray(input.metrics)) {
    (input.metrics as readonly (MetricsRecord & { agentId: string })[]).forEach((r, i) => addRecord(r?.agentId, r, i, ['metrics', i]));
  } else if (typeof input.metrics === 'object' && input.metrics !== null) {
    let i = 0;
    for (const [agentId, r] of Object.entries(input.metrics as Record<string, MetricsRecord>)) addRecord(agentId, r, i++, ['metrics', agentId]);
  } else {
    throw new AssessmentError([{ code: 'invalid_type', path: ['metrics'], message: 'metrics must be an object by agent id or a list of records with agentId' }]);
  }
  const rosterIds = new Set<string>(input.agents ?? [...records.keys(), ...teamOf.keys()]);
  const agents = new Map<string, AgentState>();
  for (const id of [...rosterIds].sort(cmpStr)) {
    agents.set(id, { id, team: teamOf.get(id) ?? null, buckets: qa.map(() => ({ milli: 0, extra: Ratio.ZERO, count: 0 })), metrics: null, callCount: 0 });
  }
  for (const [agentId] of records) {
    if (!agents.has(agentId)) {
      metricExcluded++;
      excluded.push({ kind: 'metrics', index: -1, agentId, code: 'unknown_agent', message: `${agentId} is not on the roster` });
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
  const first = period.firstDay;
  const last = period.lastDay;
  const startMs = period.start.getTime();
  const endMs = period.end.getTime();
  const calls = input.calls;
  const oneQa = qa.length === 1 && qa[0]!.def.type === 'qa' && qa[0]!.def.rubric === undefined;
  const qaMax = qa.map((c) => c.max.toNumber());
  let used = 0;
  // A month has few distinct local dates: classify each once (1 in, 2 out, 0 an instant or malformed).
  const dateCache = new Map<string, 0 | 1 | 2>();
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as CallInput | null | undefined;
    if (typeof c !== 'object' || c === null) {
      exclude(i, null, 'invalid', 'not a call record');
      issues.push({ code: 'invalid_record', path: ['calls', i], message: 'a call must be an object with agentId, date and score' });
      continue;
    }
    const { agentId, date, score } = c;
    if (typeof agentId !== 'string' || typeof date !== 'string' || typeof score !== 'number' || !Number.isFinite(score)) {
      const field = typeof agentId !== 'string' ? 'agentId' : typeof date !== 'string' ? 'date' : 'score';
      exclude(i, c, 'invalid', `${field} is missing or invalid`);
      issues.push({ code: field === 'score' && typeof score === 'number' ? 'invalid_value' : 'required', path: ['calls', i, field], message: `call ${c.id ?? `#${i}`}: ${field} is missing or not a ${field === 'score' ? 'finite number' : 'string'}` });
      continue;
    }
    // Period membership in the centre's zone: a local date compares as text,
    // an instant against the period's [start, end).
    let local = dateCache.get(date);
    if (local === undefined) {
      local = date.length === 10 && DATE_RE.test(date) ? (date < first || date > last ? 2 : 1) : 0;
      if (dateCache.size < 4096) dateCache.set(date, local);
    }
    if (local !== 0) {
      if (local === 2) {
        exclude(i, c, 'outside_period', `${date} is outside ${period.id} (${first} – ${last})`);
        continue;
      }
    } else {
      const t = Date.parse(date);
      if (Number.isNaN(t) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(date)) {
        exclude(i, c, 'invalid', `date "${date}" is not YYYY-MM-DD or an ISO date-time with an offset`);
        issues.push({ code: 'invalid_date', path: ['calls', i, 'date'], message: `call ${c.id ?? `#${i}`}: date "${date}" is not YYYY-MM-DD or an ISO date-time with an offset` });
        continue;
      }
      if (t < startMs || t >= endMs) {
        exclude(i, c, 'outside_period', `${date} is outside ${period.id} in ${period.timeZone}`);
        continue;
      }
    }
    const agent = agents.get(agentId);
    if (agent === undefined) {
      exclude(i, c, 'unknown_agent', `agent ${agentId} is not on the roster`);
      continue;
    }
    let counted = false;
    let mismatch = -1;
    let tooPrecise = false;
    for (let k = 0; k < qa.length; k++) {
      if (!oneQa) {
        const want = (qa[k]!.def as { rubric?: string }).rubric;
        if (want !== undefined && (c.rubric?.id ?? c.rubricId) !== want) continue;
      }
      if (c.maxScore !== undefined && c.maxScore !== qaMax[k]) {
        mismatch = k;
        continue;
      }
      const b = agent.buckets[k]!;
      const m = Math.round(score * 1000);
      if (m / 1000 === score && Math.abs(m) < 1e12) b.milli += m;
      else {
        let exact: Ratio;
        try {
          exact = Ratio.from(score);
        } catch {
          // e.g. 32.230000000000004: float noise that no rubric publishes.
          tooPrecise = true;
          break;
        }
        b.extra = b.extra.add(exact);
      }
      b.count++;
      counted = true;
    }
    if (tooPrecise) {
      exclude(i, c, 'invalid', `score ${score} has too many digits to be used exactly`);
      issues.push({ code: 'too_precise', path: ['calls', i, 'score'], message: `call ${c.id ?? `#${i}`}: score ${score} has too many digits to be used exactly; round it as its rubric does` });
      continue;
    }
    if (!counted) {
      if (mismatch >= 0) exclude(i, c, 'scale_mismatch', `the call is scored out of ${c.maxScore}, the component "${qa[mismatch]!.id}" out of ${qaMax[mismatch]}`);
      else exclude(i, c, 'other_rubric', `scored with rubric ${c.rubric?.id ?? c.rubricId ?? '(none)'}, which no qa component reads`);
      continue;
    }
    agent.callCount++;
    used++;
  }

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
  for (const agent of agents.values()) {
    const rec = records.get(agent.id);
    const values = new Map<string, MetricValue>();
    for (const name of neededMetrics) {
      const m = plan.metrics.get(name)!;
      if (!rec) {
        values.set(name, { ok: false, status: 'missing', message: 'no metrics record', issues: [] });
        continue;
      }
      const v = m.compute(rec.record, rec.path);
      if (!v.ok) issues.push(...v.issues);
      values.set(name, v);
    }
    if (rec) for (const k of Object.keys(rec.record)) if (!readFields.has(k)) unusedFields.add(k);
    if (!rec && neededMetrics.size > 0) issues.push({ code: 'missing_metrics', path: ['metrics', agent.id], message: `no metrics record for agent ${agent.id}` });
    agent.metrics = values;
  }

  // --- references for comparisons ------------------------------------------
  const references: { component: string; scope: string; value: number | null; agents: number }[] = [];
  const refValue = new Map<string, Ratio | null>(); // key: component id + '|' + team
  for (const c of plan.components) {
    if (c.def.type !== 'comparison' || !('scope' in c.def.reference)) continue;
    const m = plan.metrics.get(c.def.metric)!;
    const aggregate = c.def.reference.aggregate ?? (m.poolable ? 'pooled' : 'mean');
    const groups = new Map<string, AgentState[]>();
    for (const a of agents.values()) {
      const key = c.def.reference.scope === 'centre' ? '*' : a.team;
      if (key === null) continue;
      const g = groups.get(key);
      if (g) g.push(a);
      else groups.set(key, [a]);
    }
    for (const [key, members] of groups) {
      const vals = members.map((a) => a.metrics!.get(m.name)!).filter((v): v is Extract<MetricValue, { ok: true }> => v.ok);
      let value: Ratio | null = null;
      if (vals.length > 0) {
        if (aggregate === 'pooled') value = m.fromPooled(sum(vals.map((v) => v.num ?? Ratio.ZERO)), sum(vals.map((v) => v.den ?? Ratio.ZERO)));
        else if (aggregate === 'mean') value = sum(vals.map((v) => v.value)).div(Ratio.of(vals.length));
        else value = median(vals.map((v) => v.value));
      }
      refValue.set(`${c.id}|${key}`, value);
      references.push({ component: c.id, scope: key === '*' ? 'centre' : `team ${key}`, value: value === null ? null : value.round(plan.decimals, plan.roundingMode), agents: vals.length });
    }
  }

  // --- components and totals ------------------------------------------------
  const d = plan.decimals;
  const mode = plan.roundingMode;
  const show = (r: Ratio): number => Number(fixed(r, d, mode));
  const fmt = (r: Ratio): string => fixed(r, d, mode);
  interface Working {
    agent: AgentState;
    comps: { c: CompiledComponent; status: ComponentStatus; raw: Ratio | null; points: Ratio | null; reason: string; calls?: number; reference?: Ratio }[];
    total: Ratio | null;
    rounded: Ratio | null;
    notes: string[];
  }
  const work: Working[] = [];
  for (const agent of agents.values()) {
    const comps: Working['comps'] = [];
    const notes: string[] = [];
    let qaIndex = 0;
    for (const c of plan.components) {
      const def = c.def;
      if (def.type === 'qa') {
        const b = agent.buckets[qaIndex++]!;
        const minCalls = def.minCalls ?? 1;
        if (b.count < minCalls) {
          const policy = def.insufficient ?? 'incomplete';
          const why = `${b.count} evaluated call${b.count === 1 ? '' : 's'}, fewer than the ${minCalls} required`;
          if (policy === 'zero') comps.push({ c, status: 'scored', raw: null, points: Ratio.ZERO, reason: `insufficient sample: ${why} → 0 of ${fmt(c.max)}`, calls: b.count });
          else if (policy === 'renormalise') comps.push({ c, status: 'excluded', raw: null, points: null, reason: `insufficient sample: ${why}; left out, the other weights rescaled to 100`, calls: b.count });
          else {
            comps.push({ c, status: 'insufficient', raw: null, points: null, reason: `insufficient sample: ${why}; the assessment is incomplete`, calls: b.count });
            notes.push(`${c.id}: ${why}`);
          }
          continue;
        }
        const mean = Ratio.of(b.milli, 1000).add(b.extra).div(Ratio.of(b.count));
        const points = mean.max(Ratio.ZERO).min(c.max);
        comps.push({ c, status: 'scored', raw: mean, points, reason: `mean of ${b.count} call scores ${fmt(mean)} → ${fmt(points)} of ${fmt(c.max)}`, calls: b.count });
        continue;
      }
      if (def.type === 'formula') {
        const vals = new Map<string, Ratio>();
        let bad: MetricValue | null = null;
        for (const s of c.formula!.symbols) {
          const v = agent.metrics!.get(s)!;
          if (v.ok) vals.set(s, v.value);
          else bad = v;
        }
        if (bad && !bad.ok) {
          comps.push({ c, status: bad.status, raw: null, points: null, reason: `${bad.message}` });
          notes.push(`${c.id}: ${bad.message}`);
          continue;
        }
        let value: Ratio;
        try {
          value = c.formula!.evaluate(vals);
        } catch (e) {
          const msg = `the formula failed: ${(e as Error).message}`;
          comps.push({ c, status: 'error', raw: null, points: null, reason: msg });
          notes.push(`${c.id}: ${msg}`);
          issues.push({ code: 'formula_error', path: ['metrics', agent.id], message: `${c.id}: ${msg}` });
          continue;
        }
        const points = value.max(c.min).min(c.max);
        const clamp = points.eq(value) ? '' : ` (clamped to [${fmt(c.min)}, ${fmt(c.max)}])`;
        comps.push({ c, status: 'scored', raw: value, points, reason: `${def.expression} = ${fmt(value)}${clamp} → ${fmt(points)} of ${fmt(c.max)}` });
        continue;
      }
      const metricName = c.metric!;
      const v = agent.metrics!.get(metricName)!;
      if (!v.ok) {
        comps.push({ c, status: v.status, raw: null, points: null, reason: `${metricName}: ${v.message}` });
        notes.push(`${c.id}: ${metricName} ${v.status === 'no_data' ? 'has no data' : v.status} (${v.message})`);
        continue;
      }
      const x = v.value;
      switch (def.type) {
        case 'banded': {
          const band = c.bands.find((bd) => inInterval(bd.range, x));
          if (!band) {
            const msg = `${metricName} ${fmt(x)} is outside the domain ${def.domain}`;
            comps.push({ c, status: 'invalid', raw: x, points: null, reason: msg });
            notes.push(`${c.id}: ${msg}`);
            issues.push({ code: 'out_of_domain', path: ['metrics', agent.id, metricName], message: msg });
            break;
          }
          comps.push({ c, status: 'scored', raw: x, points: band.points, reason: `${metricName} ${fmt(x)} in ${band.range.text} → ${fmt(band.points)} of ${fmt(c.max)}` });
          break;
        }
        case 'deduction': {
          if (x.lt(Ratio.ZERO)) {
            const msg = `${metricName} is negative (${fmt(x)}); occurrences are counts`;
            comps.push({ c, status: 'invalid', raw: x, points: null, reason: msg });
            notes.push(`${c.id}: ${msg}`);
            issues.push({ code: 'negative', path: ['metrics', agent.id, metricName], message: msg });
            break;
          }
          const t = c.thresholds.find((th) => x.gte(th.atLeast));
          const def2 = def;
          let points: Ratio;
          let how: string;
          if (t) {
            points = t.points;
            how = `${fmt(x)} occurrences, at least ${t.atLeast.toString()} → ${fmt(points)}`;
          } else {
            const raw = c.max.sub(Ratio.from(def2.perOccurrence).mul(x));
            points = raw.max(c.min.max(Ratio.from(def2.floor ?? 0)));
            how = `${fmt(x)} occurrences × −${def2.perOccurrence} from ${def2.start}${points.eq(raw) ? '' : `, floored at ${def2.floor ?? 0}`} → ${fmt(points)}`;
          }
          comps.push({ c, status: 'scored', raw: x, points, reason: `${how} of ${fmt(c.max)}` });
          break;
        }
        case 'comparison': {
          const ref = 'constant' in def.reference ? Ratio.from(def.reference.constant) : (refValue.get(`${c.id}|${def.reference.scope === 'centre' ? '*' : (agent.team ?? '')}`) ?? null);
          if (ref === null) {
            const msg = agent.team === null && 'scope' in def.reference && def.reference.scope === 'team' ? 'the agent has no team to compare with' : 'no reference value (no agent has data)';
            comps.push({ c, status: 'no_data', raw: x, points: null, reason: msg });
            notes.push(`${c.id}: ${msg}`);
            break;
          }
          const cmp = x.cmp(ref);
          const better = plan.metrics.get(metricName)!.better;
          const ok = def.strict ? (better === 'lower' ? cmp < 0 : cmp > 0) : better === 'lower' ? cmp <= 0 : cmp >= 0;
          const points = ok ? c.max : Ratio.from(def.otherwise ?? 0);
          const sign = cmp < 0 ? '<' : cmp > 0 ? '>' : '=';
          const refName = 'constant' in def.reference ? 'target' : def.reference.scope === 'centre' ? 'centre' : `team ${agent.team}`;
          comps.push({ c, status: 'scored', raw: x, points, reference: ref, reason: `${metricName} ${fmt(x)} ${sign} ${refName} ${fmt(ref)} (${better} is better) → ${fmt(points)} of ${fmt(c.max)}` });
          break;
        }
        case 'gate': {
          const z = def.zeroWhen;
          const cmp = x.cmp(Ratio.from(z.value));
          const hit = z.op === '>' ? cmp > 0 : z.op === '>=' ? cmp >= 0 : z.op === '<' ? cmp < 0 : z.op === '<=' ? cmp <= 0 : z.op === '==' ? cmp === 0 : cmp !== 0;
          const points = hit ? Ratio.ZERO : c.max;
          comps.push({ c, status: 'scored', raw: x, points, reason: `${metricName} ${fmt(x)}${hit ? '' : ' not'} ${z.op} ${z.value} → ${fmt(points)} of ${fmt(c.max)}` });
          break;
        }
      }
    }
    let total: Ratio | null = null;
    if (notes.length === 0) {
      const kept = comps.filter((x) => x.status === 'scored');
      const w = sum(kept.map((x) => x.c.weight));
      if (w.isZero()) notes.push('every component was left out');
      else total = sum(kept.map((x) => x.points!.mul(x.c.weight).div(x.c.max))).mul(Ratio.HUNDRED).div(w);
    }
    work.push({ agent, comps, total, rounded: total === null ? null : Ratio.from(fixed(total, d, mode)), notes });
  }

  // --- ranking ------------------------------------------------------------
  const ranked = work.filter((w) => w.rounded !== null);
  const compPoints = (w: Working, id: string): Ratio => w.comps.find((x) => x.c.id === id)?.points ?? Ratio.ZERO;
  const metricVal = (w: Working, name: string): Ratio | null => {
    const v = w.agent.metrics!.get(name);
    return v && v.ok ? v.value : null;
  };
  ranked.sort((a, b) => {
    const c = b.rounded!.cmp(a.rounded!);
    if (c !== 0) return c;
    for (const t of plan.tieBreak) {
      let x: Ratio | null;
      let y: Ratio | null;
      if ('component' in t) {
        x = compPoints(a, t.component);
        y = compPoints(b, t.component);
      } else {
        x = metricVal(a, t.metric);
        y = metricVal(b, t.metric);
      }
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const k = t.order === 'desc' ? y.cmp(x) : x.cmp(y);
      if (k !== 0) return k;
    }
    return cmpStr(a.agent.id, b.agent.id);
  });

  // --- grades, tiers, movement ---------------------------------------------
  const tierDefs = plan.tiers?.tiers ?? [];
  const tierIndex = new Map(tierDefs.map((t, i) => [t.id, i] as const));
  const tierOf = new Map<Working, number>();
  if (plan.tiers?.by === 'band') {
    const tiers = plan.tiers.tiers;
    for (const w of ranked) {
      const i = tiers.findIndex((t) => inInterval(t.range, w.rounded!));
      if (i >= 0) tierOf.set(w, i);
    }
  } else if (plan.tiers?.by === 'quantile') {
    const n = ranked.length;
    const cum: Ratio[] = [];
    let acc = Ratio.ZERO;
    for (const t of plan.tiers.tiers) cum.push((acc = acc.add(t.share).mul(Ratio.ONE)));
    const bounds = cum.map((c) => c.mul(Ratio.of(n)));
    ranked.forEach((w, r) => {
      // Rank r+1 is in the first tier whose cumulative share covers it: (r+1)·100 ≤ cum·n.
      const pos = Ratio.of((r + 1) * 100);
      const i = bounds.findIndex((b) => pos.lte(b));
      tierOf.set(w, i < 0 ? cum.length - 1 : i);
    });
  }
  const prevTier = new Map<string, string | null>();
  if (input.previous) for (const a of input.previous.agents) prevTier.set(a.agentId, a.tier?.id ?? null);
  const gradeOf = (r: Ratio): { id: string; passing: boolean } | null => {
    const g = plan.grades.find((x) => inInterval(x.range, r));
    return g ? { id: g.id, passing: g.passing } : null;
  };

  const resultOf = (w: Working, rank: number | null): AgentAssessment => {
    const ti = tierOf.get(w);
    const tier = ti === undefined ? null : { id: tierDefs[ti]!.id, index: ti };
    let movement: TierMovement | null = null;
    if (input.previous && plan.tiers) {
      const from = prevTier.get(w.agent.id) ?? null;
      const fi = from === null ? undefined : tierIndex.get(from);
      const change: TierMovement['change'] =
        tier === null ? (from === null ? 'same' : 'left') : fi === undefined ? 'new' : tier.index < fi ? 'up' : tier.index > fi ? 'down' : 'same';
      movement = { from, to: tier?.id ?? null, change };
    }
    const w100 = sum(w.comps.filter((x) => x.status === 'scored').map((x) => x.c.weight));
    const scale = w.total !== null && !w100.isZero() ? Ratio.HUNDRED.div(w100) : Ratio.ONE;
    return {
      agentId: w.agent.id,
      team: w.agent.team,
      status: w.total === null ? 'incomplete' : 'complete',
      components: w.comps.map((x) => {
        const contribution = x.points === null || x.status !== 'scored' ? null : x.points.mul(x.c.weight).div(x.c.max).mul(scale);
        const res: ComponentResult = {
          id: x.c.id,
          type: x.c.type,
          status: x.status,
          raw: x.raw === null ? null : show(x.raw),
          points: x.points === null ? null : show(x.points),
          max: x.c.max.toNumber(),
          weight: x.c.weight.toNumber(),
          contribution: contribution === null ? null : show(contribution),
          exact: { raw: x.raw?.toString() ?? null, points: x.points?.toString() ?? null, contribution: contribution?.toString() ?? null },
          reason: x.reason,
          ...(x.calls !== undefined ? { calls: x.calls } : {}),
          ...(x.reference !== undefined ? { reference: show(x.reference) } : {}),
        };
        return res;
      }),
      total: w.rounded === null ? null : w.rounded.toNumber(),
      exactTotal: w.total?.toString() ?? null,
      grade: w.rounded === null ? null : gradeOf(w.rounded),
      rank,
      tier,
      movement,
      notes: w.notes,
    };
  };
  const results: AgentAssessment[] = ranked.map((w, i) => resultOf(w, i + 1));
  for (const w of work) if (w.rounded === null) results.push(resultOf(w, null));

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
  const rollUp = (id: string, members: readonly Working[]): RollUp => {
    const totals = members.filter((w) => w.total !== null).map((w) => w.total!);
    const grades: Record<string, number> = {};
    for (const g of plan.grades) grades[g.id] = 0;
    const tiers: Record<string, number> = {};
    for (const t of tierDefs) tiers[t.id] = 0;
    for (const w of members) {
      if (w.rounded === null) continue;
      const g = gradeOf(w.rounded);
      if (g) grades[g.id] = (grades[g.id] ?? 0) + 1;
      const ti = tierOf.get(w);
      if (ti !== undefined) tiers[tierDefs[ti]!.id] = (tiers[tierDefs[ti]!.id] ?? 0) + 1;
    }
    const sorted = [...totals].sort((a, b) => a.cmp(b));
    return {
      id,
      agents: members.length,
      assessed: totals.length,
      incomplete: members.length - totals.length,
      mean: totals.length === 0 ? null : meanRounded(totals, d, mode),
      median: sorted.length === 0 ? null : sorted.length % 2 === 1 ? show(sorted[sorted.length >> 1]!) : meanRounded(sorted.slice((sorted.length >> 1) - 1, (sorted.length >> 1) + 1), d, mode),
      min: sorted.length === 0 ? null : show(sorted[0]!),
      max: sorted.length === 0 ? null : show(sorted[sorted.length - 1]!),
      grades,
      tiers,
    };
  };
  const teamIds = [...new Set(work.map((w) => w.agent.team).filter((t): t is string => t !== null))].sort(cmpStr);
  const teams = teamIds.map((t) => rollUp(t, work.filter((w) => w.agent.team === t)));
  if (teamOf.size > 0 && work.some((w) => w.agent.team === null)) teams.push(rollUp('(no team)', work.filter((w) => w.agent.team === null)));

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
    centre: rollUp('centre', work),
    references,
    movement,
    usage: {
      calls: { received: calls.length, used, excluded: callExcluded, byReason },
      agents: {
        roster: agents.size,
        complete: ranked.length,
        incomplete: work.length - ranked.length,
        withoutCalls: [...agents.values()].filter((a) => a.callCount === 0).length,
      },
      metrics: { records: metricRecords, used: metricRecords - metricExcluded, excluded: metricExcluded, unusedFields: [...unusedFields].sort(cmpStr) },
    },
    excluded,
    issues,
  };
}

function median(sorted: readonly Ratio[]): Ratio {
  const s = [...sorted].sort((a, b) => a.cmp(b));
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : s[mid - 1]!.add(s[mid]!).div(Ratio.of(2));
}

const bgcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/**
 * The mean of many exact totals, rounded once. In BigInt: the common
 * denominator of thousands of agents' totals leaves the safe-integer range.
 */
function meanRounded(xs: readonly Ratio[], decimals: number, mode: 'half-up' | 'half-even'): number {
  let n = 0n;
  let d = 1n;
  for (const x of xs) {
    const xd = BigInt(x.d);
    n = n * xd + BigInt(x.n) * d;
    d *= xd;
    const g = bgcd(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
  }
  d *= BigInt(xs.length);
  const scale = 10n ** BigInt(decimals);
  const neg = n < 0n;
  const num = (neg ? -n : n) * scale;
  let q = num / d;
  const twice = (num % d) * 2n;
  if (twice > d || (twice === d && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  const v = Number(q) / Number(scale);
  return neg ? -v : v;
}

/**
 * `r.toFixed(decimals, mode)` without BigInt while the scaled numerator is a
 * safe integer (every real figure): the same digits, many times faster.
 */
function fixed(r: Ratio, decimals: number, mode: 'half-up' | 'half-even'): string {
  if (r.d === 1 && Number.isSafeInteger(r.n)) return decimals === 0 ? String(r.n) : `${r.n}.${'0'.repeat(decimals)}`;
  const scale = 10 ** decimals;
  const num = Math.abs(r.n) * scale;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(num + r.d)) return r.toFixed(decimals, mode);
  let q = Math.floor(num / r.d);
  let rem = num - q * r.d;
  if (rem < 0) {
    q--;
    rem += r.d;
  } else if (rem >= r.d) {
    q++;
    rem -= r.d;
  }
  const twice = rem * 2;
  if (twice > r.d || (twice === r.d && (mode === 'half-up' || q % 2 === 1))) q++;
  let digits = String(q);
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, '0');
    digits = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }
  return r.n < 0 && q !== 0 ? `-${digits}` : digits;
}
