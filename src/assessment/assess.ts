/**
 * The monthly assessment, end to end: resolve the period, read the metrics
 * records and build the roster (records.ts), read the calls once (calls.ts),
 * compute each agent's metrics (records.ts) and the comparison references
 * (references.ts), score every agent on one path (score.ts, by the rules of
 * components.ts), rank and tier (ranking.ts), roll up teams and the centre
 * (rollups.ts), and return plain results whose components are written out
 * when first read (explain.ts). Exact throughout; each printed figure is
 * rounded once, from its exact value, as the plan declares.
 */
import { Ratio, sum } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import { PeriodError } from '../periods/dates.js';
import { period as makePeriod, type Period } from '../periods/index.js';
import { CallPass } from './calls.js';
import { agentResult, type Explainer } from './explain.js';
import { figures } from './figures.js';
import { Ledger } from './ledger.js';
import type { Plan } from './load.js';
import { prepare } from './prepare.js';
import { assignTiers, movementOf, rankAgents } from './ranking.js';
import { buildRoster, gatherMetrics, readRecords, type Records } from './records.js';
import type { Roster } from './roster.js';
import { computeReferences } from './references.js';
import { movementSummary, rollUps, type Standing } from './rollups.js';
import { gradeLookup, scoreAgent, type Scoring } from './score.js';
import { AssessmentError, type AgentAssessment, type AssessInput, type AssessmentResult, type CallInput, type ExcludedRecord } from './types.js';
import type { AssessmentIssueCode } from './issue-codes.js';

export { AssessmentError } from './types.js';
export type { AgentAssessment, AssessInput, AssessmentResult, CallInput, ComponentResult, ComponentStatus, ExcludedRecord, RollUp, TierMovement } from './types.js';

function resolvePeriod(plan: Plan, input: Omit<AssessInput, 'calls'>): Period {
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


/** Throws unless the plan is in force for the whole period. */
function checkInForce(plan: Plan, period: Period): void {
  if ((plan.effectiveFrom !== undefined && plan.effectiveFrom > period.firstDay) || (plan.effectiveTo !== undefined && plan.effectiveTo < period.lastDay)) {
    throw new AssessmentError([
      {
        code: 'plan_not_in_force',
        path: ['period'],
        message: `plan ${plan.id}@${plan.version} (${plan.effectiveFrom ?? '…'} – ${plan.effectiveTo ?? 'open-ended'}) is not in force for all of ${period.id} (${period.firstDay} – ${period.lastDay}); use selectPlan`,
      },
    ]);
  }
}

function countZeros(xs: Int32Array): number {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] === 0) n++;
  return n;
}

/** The plan as the result reports it. */
function planSummary(plan: Plan, show: (r: Ratio) => number): AssessmentResult['plan'] {
  return {
    id: plan.id,
    version: plan.version,
    label: plan.label,
    locale: plan.locale,
    decimals: plan.decimals,
    totalRange: { min: show(plan.totalRange.min), max: show(plan.totalRange.max) },
    components: plan.components.map((c) => ({ id: c.id, type: c.type, label: c.label, weight: c.weight.toNumber(), max: c.max.toNumber() })),
    grades: plan.grades.map((g) => ({ id: g.id, label: g.label, range: g.range.text, passing: g.passing })),
    tiers: (plan.tiers?.tiers ?? []).map((t) => ({ id: t.id, label: t.label })),
  };
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
  const run = new Run(plan, input);
  const calls = input.calls;
  run.addAll(calls);
  return run.finish();
}

/**
 * A streaming assessment: the calls are added one at a time (in any number,
 * e.g. read from a file of millions of scored calls), then {@link finish}
 * gives the same result as {@link assessAgents} on the same calls in the same
 * order, byte for byte. Only the roster's running sums are kept, never the
 * calls.
 *
 * @example
 * ```ts
 * const run = startAssessment(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics });
 * for await (const call of calls) run.add(call);
 * const result = run.finish();
 * ```
 */
export interface AssessmentRun {
  /** Adds the next call (its index in `excluded` and issue paths is the number of calls added before it). */
  add(call: CallInput): void;
  /** Calls added so far. */
  readonly received: number;
  /** Scores, ranks and rolls up every agent; throws {@link AssessmentError} (`already_finished`) when called twice. */
  finish(): AssessmentResult;
}

/**
 * Starts a streaming assessment: checks the period and the plan, reads the
 * metrics records and builds the roster now (throwing {@link AssessmentError}
 * as {@link assessAgents} does), then takes the calls one by one through
 * {@link AssessmentRun.add}; {@link AssessmentRun.finish} returns the result.
 * `assessAgents` is this with every call of `input.calls` added in order.
 *
 * @example
 * ```ts
 * const run = startAssessment(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics });
 * for (const call of calls) run.add(call);
 * console.log(formatAssessment(run.finish()));
 * ```
 */
export function startAssessment(plan: Plan, input: Omit<AssessInput, 'calls'>): AssessmentRun {
  return new Run(plan, input);
}

/** The state of one assessment between its start and its result: the roster's sums, never the calls. */
class Run implements AssessmentRun {
  received = 0;
  private readonly pass: CallPass;
  private readonly period: Period;
  private readonly issues: Issue<AssessmentIssueCode>[] = [];
  private readonly excluded: ExcludedRecord[] = [];
  private readonly teamOf: ReadonlyMap<string, string>;
  private readonly rec: Records;
  private readonly roster: Roster;
  private readonly recordOf: Int32Array;
  private done = false;

  constructor(
    private readonly plan: Plan,
    private readonly input: Omit<AssessInput, 'calls'>,
  ) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new AssessmentError([{ code: 'invalid_type', path: [], message: 'the input must be an object: { period, calls, metrics, … }' }]);
    }
    this.period = resolvePeriod(plan, input);
    checkInForce(plan, this.period);
    this.teamOf = mapOf(input.team);
    const qa = plan.components.filter((c) => c.def.type === 'qa');
    this.rec = readRecords(input, this.issues, this.excluded);
    const { roster, recordOf } = buildRoster(input, this.teamOf, qa.length, this.rec, this.excluded);
    this.roster = roster;
    this.recordOf = recordOf;
    this.pass = new CallPass({ period: this.period, qa, roster, issues: this.issues, excluded: this.excluded });
  }

  add(call: CallInput): void {
    if (this.done) throw finished();
    this.pass.add(call, this.received++);
  }

  /** {@link add} for every call of a list, in order: one loop in which the pass's short path is inlined. */
  addAll(calls: readonly CallInput[]): void {
    if (this.done) throw finished();
    const pass = this.pass;
    const base = this.received;
    for (let i = 0; i < calls.length; i++) pass.add(calls[i]!, base + i);
    this.received = base + calls.length;
  }

  finish(): AssessmentResult {
    if (this.done) throw finished();
    this.done = true;
    const { plan, input, period, issues, excluded, roster, rec, teamOf } = this;
    const used = this.pass.finish();
    const { table, metricIndex, unusedFields } = gatherMetrics(plan, roster, this.recordOf, rec, issues);
    const { refValue, references } = computeReferences(plan, roster, table, metricIndex);
    const sc = scoring(plan, issues, roster, table, refValue, metricIndex);
    const ids = roster.ids;
    const nAgents = ids.length;
    for (let a = 0; a < nAgents; a++) scoreAgent(a, sc);
    const ranked = rankAgents(plan, ids, sc.roundeds, sc.keys, sc.ties);
    const tierOf = assignTiers(plan, ranked, sc.roundeds, nAgents);
    const results = agentResults(plan, input, sc, ranked, tierOf);
    const standing: Standing = { plan, fig: sc.fig, totals: sc.totals, roundeds: sc.roundeds, grades: sc.grades, tierOf };
    const { teams, centre } = rollUps(standing, roster, teamOf.size > 0);
    const received = this.received;
    return {
      plan: planSummary(plan, sc.fig.show),
      period: { id: period.id, timeZone: period.timeZone, firstDay: period.firstDay, lastDay: period.lastDay },
      agents: results,
      teams,
      centre,
      references,
      movement: input.previous && plan.tiers ? movementSummary(plan, results) : null,
      usage: {
        calls: { received, used, excluded: received - used, byReason: this.pass.byReason },
        agents: { roster: nAgents, complete: ranked.length, incomplete: nAgents - ranked.length, withoutCalls: countZeros(roster.calls) },
        metrics: { records: rec.records, used: rec.records - rec.excluded, excluded: rec.excluded, unusedFields: [...unusedFields].sort(cmpStr) },
      },
      excluded,
      issues,
    };
  }
}

function finished(): AssessmentError {
  return new AssessmentError([{ code: 'already_finished', path: [], message: 'this assessment has already finished; start another with startAssessment' }]);
}

/**
 * The scoring context: every string and constant that does not depend on the
 * agent is built once per plan here (prepare.ts), and the per-agent figures go
 * into the ledger's typed arrays.
 */
function scoring(plan: Plan, issues: Issue<AssessmentIssueCode>[], roster: Scoring['roster'], table: Scoring['table'], refValue: Scoring['refValue'], metricIndex: Scoring['metricIndex']): Scoring {
  const fig = figures(plan.decimals, plan.roundingMode);
  const comps = plan.components;
  const nAgents = roster.ids.length;
  const prep = comps.map((c) => prepare(c, plan, fig.fmt));
  const allWeight = sum(comps.map((c) => c.weight));
  // When every component is scored (the common case) the renormalising scale is the same for all.
  const allScale = allWeight.isZero() ? Ratio.ONE : Ratio.HUNDRED.div(allWeight);
  return {
    plan,
    issues,
    roster,
    table,
    refValue,
    metricIndex,
    fig,
    prep,
    allWeight,
    allScale,
    allFactor: prep.map((p) => p.perPoint.mul(allScale)),
    tieComponent: plan.tieBreak.map((t) => ('component' in t ? comps.findIndex((c) => c.id === t.component) : -1)),
    componentMetric: comps.map((c) => (c.metric === null ? -1 : metricIndex.get(c.metric)!)),
    tieMetric: plan.tieBreak.map((t) => ('metric' in t ? metricIndex.get(t.metric)! : -1)),
    gradeOf: gradeLookup(plan),
    ledger: new Ledger(comps.length, nAgents),
    totals: new Array<Ratio | null>(nAgents),
    roundeds: new Array<Ratio | null>(nAgents),
    keys: new Float64Array(nAgents),
    grades: new Array<Scoring['grades'][number]>(nAgents),
    notes: new Array<string[]>(nAgents),
    ties: new Array<Ratio | null>(nAgents * plan.tieBreak.length),
    points: new Array<Ratio | null>(comps.length).fill(null),
    pendingNotes: [],
    values: new Array<Ratio | null>(table.metrics).fill(null),
  };
}

/** The agents' results: ranked agents by rank, then incomplete ones by id. */
function agentResults(plan: Plan, input: Omit<AssessInput, 'calls'>, sc: Scoring, ranked: readonly number[], tierOf: Int32Array): AgentAssessment[] {
  const { roster, totals, roundeds } = sc;
  const ids = roster.ids;
  const tierDefs = plan.tiers?.tiers ?? [];
  const tierIndex = new Map(tierDefs.map((t, i) => [t.id, i] as const));
  const tierObjects = tierDefs.map((t, index) => Object.freeze({ id: t.id, index }));
  const prevTier = new Map<string, string | null>();
  if (input.previous) for (const a of input.previous.agents) prevTier.set(a.agentId, a.tier?.id ?? null);
  const explainer: Explainer = { plan, prep: sc.prep, fig: sc.fig, ledger: sc.ledger, roster, refValue: sc.refValue };
  const resultOf = (a: number, rank: number | null): AgentAssessment => {
    const ti = tierOf[a]!;
    const tier = ti < 0 ? null : tierObjects[ti]!;
    const movement = input.previous && plan.tiers ? movementOf(prevTier.get(ids[a]!) ?? null, tier, tierIndex) : null;
    const total = totals[a]!;
    const rounded = roundeds[a]!;
    const status = total === null ? 'incomplete' : 'complete';
    return agentResult(explainer, a, ids[a]!, roster.teams[a]!, status, rounded === null ? null : rounded.toNumber(), total === null ? null : total.toString(), sc.grades[a]!, rank, tier, movement, sc.notes[a]!);
  };
  const results: AgentAssessment[] = new Array<AgentAssessment>(ranked.length);
  for (let i = 0; i < ranked.length; i++) results[i] = resultOf(ranked[i]!, i + 1);
  for (let a = 0; a < ids.length; a++) if (roundeds[a] === null) results.push(resultOf(a, null));
  return results;
}
