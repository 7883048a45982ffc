/**
 * A problem analysis accumulated one call at a time, in any order, with
 * state per item and per (item, agent) — never per call — so that a month of
 * millions of calls streams through it. Two passes: `add` counts every call
 * (evaluations, failures, agents, lost points, root-cause tags); then the
 * classification (common vs individual) is known, and `addCoaching` takes
 * the calls of the agents with individual problems again to list their
 * failed calls with the evidence. Lists are sorted at the end (by date, then
 * id), and points are summed exactly per distinct value, so the report does
 * not depend on the order of the calls. `analyzeProblems` is this tally over
 * an array.
 */
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import type { ItemKind, Rubric } from '../rubric/index.js';
import type { CallScore, ItemScore } from '../scoring/types.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import { ProblemError, type ProblemIssueCode } from './errors.js';
import { checkRules, isEvaluated, itemFailed, lostPoints } from './failure.js';
import type { CauseCount, CoachingCall, CoachingItem, CoachingPlan, ItemProblem, ParetoRow, ProblemClass, ProblemOptions, ProblemReport, TrainingNeed } from './types.js';

/** Exact sums of decimals, kept as counts per distinct value (a handful per item) and added once at the end. */
class Tally {
  count = 0;
  private readonly values = new Map<number, number>();
  add(points: number): void {
    this.count++;
    this.values.set(points, (this.values.get(points) ?? 0) + 1);
  }
  lost(): Ratio {
    let sum = Ratio.ZERO;
    for (const [v, n] of this.values) sum = sum.add(Ratio.from(v).mul(Ratio.of(n)));
    return sum;
  }
}

/** Sorts cause tallies: most frequent, then most points, then by name. */
function causeList(tallies: ReadonlyMap<string, Tally>): CauseCount[] {
  return [...tallies]
    .map(([cause, t]) => ({ cause, count: t.count, lost: t.lost() }))
    .sort((a, b) => b.count - a.count || b.lost.cmp(a.lost) || cmpStr(a.cause, b.cause))
    .map(({ cause, count, lost }) => ({ cause, count, pointsLost: lost.toNumber() }));
}

function share(name: string, v: number | undefined, def: number, issues: Issue<ProblemIssueCode>[]): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !(v > 0 && v <= 1)) issues.push({ code: 'invalid_option', path: [name], message: `${name} must be a number in (0, 1], got ${String(v)}` });
  return v;
}

/**
 * Internal: checks the options of a problem analysis and pushes every issue.
 *
 * @example
 * ```ts
 * const issues: Issue<ProblemIssueCode>[] = [];
 * checkProblemOptions(rubric, { commonShare: 2 }, issues); // one invalid_option issue
 * ```
 */
export function checkProblemOptions(rubric: Rubric, options: ProblemOptions, issues: Issue<ProblemIssueCode>[]): void {
  share('commonShare', options.commonShare, 0.3, issues);
  share('vitalShare', options.vitalShare, 0.8, issues);
  const minCommonAgents = options.minCommonAgents ?? 2;
  if (!Number.isInteger(minCommonAgents) || minCommonAgents < 1) {
    issues.push({ code: 'invalid_option', path: ['minCommonAgents'], message: `minCommonAgents must be a whole number ≥ 1, got ${String(minCommonAgents)}` });
  }
  checkRules(options.failWhen, rubric, ['failWhen'], issues);
  const sectionIds = new Set(rubric.sections.map((s) => s.id));
  for (const [key, owner] of Object.entries(options.owners ?? {})) {
    if (!rubric.items.has(key) && !sectionIds.has(key)) issues.push({ code: 'unknown_item', path: ['owners', key], message: `the rubric ${rubric.id} has no item or section "${key}"` });
    if (typeof owner !== 'string' || owner === '') issues.push({ code: 'invalid_option', path: ['owners', key], message: 'an owner is a non-empty string' });
  }
}

/** One item's counters over the period. */
interface Acc {
  readonly itemId: string;
  sectionId: string;
  kind: ItemKind;
  /** For an item the rubric does not know: the (date, id) of the call its section and kind come from (the earliest). */
  from: { date: string; id: string } | null;
  evaluated: number;
  failures: number;
  lost: Tally;
  agentsEvaluated: Set<string>;
  /** agent → failures. */
  failedBy: Map<string, number>;
  causes: Map<string, Tally>;
  untagged: number;
  /** Set by {@link ProblemTally.classify}. */
  classification: ProblemClass;
}

/** Call order inside lists: by date, then id (string order: the dates are ISO 8601). */
const byDateId = (a: { date: string; callId: string }, b: { date: string; callId: string }): number => cmpStr(a.date, b.date) || cmpStr(a.callId, b.callId);

/**
 * The accumulating problem analysis; see the file header.
 *
 * @example
 * ```ts
 * const t = new ProblemTally(rubric, { owners: { accurate: 'knowledge base' } });
 * for (const c of calls) t.add(c);
 * const again = t.coachingAgents();
 * for (const c of calls) if (again.has(c.agentId)) t.addCoaching(c);
 * const report = t.report();
 * ```
 */
export class ProblemTally {
  private readonly acc = new Map<string, Acc>();
  private readonly order = new Map<string, number>();
  private readonly overall = new Map<string, Tally>();
  private readonly agentCalls = new Map<string, number>();
  private readonly plans = new Map<string, Map<string, CoachingCall[]>>();
  private untaggedAll = 0;
  private calls = 0;
  private classified = false;
  readonly commonShare: number;
  readonly vitalShare: number;
  readonly minCommonAgents: number;

  /** @throws {ProblemError} for bad options (every issue at once) */
  constructor(private readonly rubric: Rubric, private readonly options: ProblemOptions = {}) {
    const issues: Issue<ProblemIssueCode>[] = [];
    checkProblemOptions(rubric, options, issues);
    if (issues.length > 0) throw new ProblemError('invalid problem-analysis input', issues);
    this.commonShare = options.commonShare ?? 0.3;
    this.vitalShare = options.vitalShare ?? 0.8;
    this.minCommonAgents = options.minCommonAgents ?? 2;
    for (const s of rubric.sections) {
      for (const it of s.items) {
        if (it.kind === 'comment') continue;
        this.order.set(it.id, this.order.size);
        this.acc.set(it.id, this.fresh(it.id, s.id, it.kind, null));
      }
    }
    for (const tag of rubric.rootCauses ?? []) this.overall.set(tag, new Tally());
  }

  private fresh(itemId: string, sectionId: string, kind: ItemKind, from: Acc['from']): Acc {
    return { itemId, sectionId, kind, from, evaluated: 0, failures: 0, lost: new Tally(), agentsEvaluated: new Set(), failedBy: new Map(), causes: new Map(), untagged: 0, classification: 'none' };
  }

  private get(item: ItemScore, call: CallScore): Acc {
    let a = this.acc.get(item.id);
    const compiled = this.rubric.items.get(item.id);
    const sectionId = compiled ? (this.rubric.sections[compiled.sectionIndex]?.id ?? item.sectionId) : item.sectionId;
    const kind = compiled?.kind ?? item.kind;
    if (!a) this.acc.set(item.id, (a = this.fresh(item.id, sectionId, kind, { date: call.date, id: call.id })));
    else if (a.from !== null && (cmpStr(call.date, a.from.date) || cmpStr(call.id, a.from.id)) < 0) {
      // An item outside the rubric takes its section and kind from the earliest call, whatever the order.
      a.sectionId = sectionId;
      a.kind = kind;
      a.from = { date: call.date, id: call.id };
    }
    return a;
  }

  /** Pass 1: counts one call. */
  add(call: CallScore): void {
    this.calls++;
    this.agentCalls.set(call.agentId, (this.agentCalls.get(call.agentId) ?? 0) + 1);
    for (const item of call.items) {
      if (item.kind === 'comment' || !isEvaluated(item)) continue;
      const a = this.get(item, call);
      a.evaluated++;
      a.agentsEvaluated.add(call.agentId);
      const failed = itemFailed(item, call, this.options.failWhen?.[item.id]);
      const lost = lostPoints(item);
      a.lost.add(lost);
      if (failed) {
        a.failures++;
        a.failedBy.set(call.agentId, (a.failedBy.get(call.agentId) ?? 0) + 1);
      }
      if (failed || lost > 0) {
        const tags = [...new Set(item.causes ?? [])];
        if (tags.length === 0) {
          a.untagged++;
          this.untaggedAll++;
        }
        for (const tag of tags) {
          for (const m of [a.causes, this.overall]) {
            let t = m.get(tag);
            if (!t) m.set(tag, (t = new Tally()));
            t.add(lost);
          }
        }
      }
    }
  }

  /** Classifies every item (once pass 1 is over). */
  private classify(): void {
    if (this.classified) return;
    this.classified = true;
    const threshold = Ratio.from(this.commonShare);
    for (const a of this.acc.values()) {
      const n = a.failedBy.size;
      a.classification = n === 0 ? 'none' : n >= this.minCommonAgents && Ratio.of(n, a.agentsEvaluated.size).gte(threshold) ? 'common' : 'individual';
    }
  }

  /** After pass 1: the agents with individual problems, whose calls pass 2 must see again. */
  coachingAgents(): ReadonlySet<string> {
    this.classify();
    const out = new Set<string>();
    for (const a of this.acc.values()) if (a.classification === 'individual') for (const agent of a.failedBy.keys()) out.add(agent);
    return out;
  }

  /** Pass 2: lists the call under each individual problem it failed (calls of other agents are ignored). */
  addCoaching(call: CallScore): void {
    this.classify();
    for (const item of call.items) {
      if (item.kind === 'comment' || !isEvaluated(item)) continue;
      const a = this.acc.get(item.id);
      if (a?.classification !== 'individual' || !itemFailed(item, call, this.options.failWhen?.[item.id])) continue;
      let byItem = this.plans.get(call.agentId);
      if (!byItem) this.plans.set(call.agentId, (byItem = new Map()));
      let list = byItem.get(item.id);
      if (!list) byItem.set(item.id, (list = []));
      list.push({
        callId: call.id,
        date: call.date,
        score: call.score,
        points: item.points,
        max: item.max,
        note: item.note ?? null,
        causes: [...(item.causes ?? [])],
        evidence: (call.evidence ?? [])
          .filter((e) => e.itemId === item.id)
          .map((e) => ({ turn: e.turn, time: e.time ?? null, phrase: e.phrase, snippet: e.snippet, speaker: e.speaker, decided: e.decided })),
      });
    }
  }

  /** The report (after both passes). */
  report(): ProblemReport {
    this.classify();
    const rank = (id: string): number => this.order.get(id) ?? Number.MAX_SAFE_INTEGER;
    const accs = [...this.acc.values()].sort((a, b) => rank(a.itemId) - rank(b.itemId) || cmpStr(a.itemId, b.itemId));
    const ownerOf = (a: Acc): string | null => this.options.owners?.[a.itemId] ?? this.options.owners?.[a.sectionId] ?? null;
    const items: ItemProblem[] = accs.map((a) => ({
      itemId: a.itemId,
      sectionId: a.sectionId,
      kind: a.kind,
      evaluated: a.evaluated,
      failures: a.failures,
      failureRate: a.evaluated === 0 ? null : Ratio.of(a.failures, a.evaluated).toNumber(),
      agentsEvaluated: a.agentsEvaluated.size,
      agentsFailed: a.failedBy.size,
      agentShare: a.agentsEvaluated.size === 0 ? null : Ratio.of(a.failedBy.size, a.agentsEvaluated.size).toNumber(),
      pointsLost: a.lost.lost().toNumber(),
      classification: a.classification,
      owner: ownerOf(a),
      causes: causeList(a.causes),
      untagged: a.untagged,
    }));

    const totalFailures = accs.reduce((s, a) => s + a.failures, 0);
    const vital = Ratio.from(this.vitalShare);
    let running = 0;
    const pareto: ParetoRow[] = accs
      .filter((a) => a.failures > 0)
      .sort((a, b) => b.failures - a.failures || rank(a.itemId) - rank(b.itemId) || cmpStr(a.itemId, b.itemId))
      .map((a) => {
        // Exact fractions: the last row is exactly 1 and the running share never goes down.
        const before = Ratio.of(running, totalFailures);
        running += a.failures;
        return { itemId: a.itemId, sectionId: a.sectionId, failures: a.failures, share: Ratio.of(a.failures, totalFailures).toNumber(), cumulativeShare: Ratio.of(running, totalFailures).toNumber(), vital: before.lt(vital) };
      });

    const training: TrainingNeed[] = accs
      .filter((a) => a.classification === 'common')
      .map((a) => ({
        itemId: a.itemId,
        sectionId: a.sectionId,
        owner: ownerOf(a),
        failures: a.failures,
        agentsFailed: a.failedBy.size,
        agentsEvaluated: a.agentsEvaluated.size,
        agentShare: Ratio.of(a.failedBy.size, a.agentsEvaluated.size).toNumber(),
        agents: [...a.failedBy.keys()].sort(cmpStr),
      }))
      .sort((a, b) => b.agentsFailed - a.agentsFailed || rank(a.itemId) - rank(b.itemId) || cmpStr(a.itemId, b.itemId));

    const coaching: CoachingPlan[] = [...this.plans]
      .sort(([x], [y]) => cmpStr(x, y))
      .map(([agentId, byItem]) => ({
        agentId,
        calls: this.agentCalls.get(agentId) ?? 0,
        items: [...byItem]
          .map(([itemId, calls]): CoachingItem => ({ itemId, sectionId: (this.acc.get(itemId) as Acc).sectionId, failures: calls.length, calls: calls.sort(byDateId) }))
          .sort((a, b) => b.failures - a.failures || rank(a.itemId) - rank(b.itemId) || cmpStr(a.itemId, b.itemId)),
      }));

    return {
      rubric: { id: this.rubric.id, version: this.rubric.version },
      calls: this.calls,
      agents: this.agentCalls.size,
      commonShare: this.commonShare,
      minCommonAgents: this.minCommonAgents,
      items,
      pareto,
      training,
      coaching,
      causes: causeList(this.overall),
      untagged: this.untaggedAll,
    };
  }
}
