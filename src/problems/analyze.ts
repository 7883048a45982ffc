/**
 * Problem analysis over a period: which items fail, how often, for how many
 * agents; which failures are the process's (common → training, process owner)
 * and which are one agent's (individual → coaching with the evidence).
 */
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import type { ItemKind, Rubric } from '../rubric/index.js';
import type { CallScore, ItemScore } from '../scoring/types.js';
import { ProblemError } from './errors.js';
import { checkRules, type FailureRule, isEvaluated, itemFailed, lostPoints } from './failure.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import type { ProblemIssueCode } from './errors.js';

/**
 * Options for {@link analyzeProblems}.
 *
 * @example
 * ```ts
 * const o: ProblemOptions = {
 *   failWhen: { accurate: { atMost: 4 } },
 *   commonShare: 0.3,
 *   owners: { accurate: 'knowledge-base team', language: 'training' },
 * };
 * ```
 */
export interface ProblemOptions {
  /** Per item id: when it counts as failed. Default: {@link defaultFailed}. */
  readonly failWhen?: Readonly<Record<string, FailureRule>>;
  /** An item failed by at least this share of the agents it was evaluated for is common. Default 0.3; 0 < share ≤ 1. */
  readonly commonShare?: number;
  /**
   * …and by at least this many agents (default 2), so that with one or two
   * agents in the period every problem is an individual one, not a "common" one.
   */
  readonly minCommonAgents?: number;
  /** Process owners by item id, or by section id for every item of the section (the item wins). */
  readonly owners?: Readonly<Record<string, string>>;
  /** Pareto rows up to (and including) the one that crosses this cumulative share are the vital few. Default 0.8. */
  readonly vitalShare?: number;
}

/**
 * How often a root-cause tag was attached to lost points.
 *
 * @example
 * ```ts
 * const c: CauseCount = { cause: 'training', count: 3, pointsLost: 10 };
 * ```
 */
export interface CauseCount {
  readonly cause: string;
  /** Item results (call × item) carrying the tag. */
  readonly count: number;
  /** Points those results lost; each tag is charged the whole loss, so tags of one result may double-count. */
  readonly pointsLost: number;
}

/**
 * An item's problem classification: `common` (→ training, process owner),
 * `individual` (→ coaching), `none` (never failed).
 *
 * @example
 * ```ts
 * const c: ProblemClass = report.items[0]!.classification;
 * ```
 */
export type ProblemClass = 'common' | 'individual' | 'none';

/**
 * One item over the period.
 *
 * @example
 * ```ts
 * const p: ItemProblem = analyzeProblems(calls, rubric).items[0]!;
 * p.failureRate; // failures / evaluated, null when never evaluated
 * ```
 */
export interface ItemProblem {
  readonly itemId: string;
  readonly sectionId: string;
  readonly kind: ItemKind;
  /** Calls in which the item was scored (not N/A, not applicable). */
  readonly evaluated: number;
  readonly failures: number;
  /** failures / evaluated; null when the item was never evaluated. */
  readonly failureRate: number | null;
  /** Agents with at least one evaluation of the item. */
  readonly agentsEvaluated: number;
  /** Agents who failed it at least once. */
  readonly agentsFailed: number;
  /** agentsFailed / agentsEvaluated; null when never evaluated. */
  readonly agentShare: number | null;
  /** Points lost on the item over the period (see {@link lostPoints}). */
  readonly pointsLost: number;
  readonly classification: ProblemClass;
  /** The process owner from `options.owners`, else null. */
  readonly owner: string | null;
  /** Root-cause tags on this item's lost points, most frequent first. */
  readonly causes: readonly CauseCount[];
  /** Failed or point-losing results without any tag. */
  readonly untagged: number;
}

/**
 * One row of the Pareto table.
 *
 * @example
 * ```ts
 * const row: ParetoRow = { itemId: 'accurate', sectionId: 'service', failures: 6, share: 0.5, cumulativeShare: 0.5, vital: true };
 * ```
 */
export interface ParetoRow {
  readonly itemId: string;
  readonly sectionId: string;
  readonly failures: number;
  /** failures / all failures in the period. */
  readonly share: number;
  /** Running total of `share`; the last row is exactly 1. */
  readonly cumulativeShare: number;
  /** Among the vital few (see `vitalShare`). */
  readonly vital: boolean;
}

/**
 * A common problem: a training need, or a process to fix.
 *
 * @example
 * ```ts
 * const t: TrainingNeed = analyzeProblems(calls, rubric).training[0]!;
 * `${t.itemId}: ${t.agents.length} agents → ${t.owner ?? 'training'}`;
 * ```
 */
export interface TrainingNeed {
  readonly itemId: string;
  readonly sectionId: string;
  readonly owner: string | null;
  readonly failures: number;
  readonly agentsFailed: number;
  readonly agentsEvaluated: number;
  readonly agentShare: number;
  /** The agents who failed it, sorted. */
  readonly agents: readonly string[];
}

/**
 * A phrase hit a coach can play back.
 *
 * @example
 * ```ts
 * const e: CoachingEvidence = { turn: 2, time: 41.5, phrase: '不知道', snippet: '这个不知道呢', speaker: 'agent', decided: true };
 * ```
 */
export interface CoachingEvidence {
  readonly turn: number;
  /** Seconds from the call's start, when the transcript had times. */
  readonly time: number | null;
  readonly phrase: string;
  readonly snippet: string;
  readonly speaker: string;
  /** False when the evaluator's own answer decided the item instead of the phrase. */
  readonly decided: boolean;
}

/**
 * One failed call of a coaching item.
 *
 * @example
 * ```ts
 * const c: CoachingCall = { callId: 'C-1', date: '2026-10-08', score: 72, points: 4, max: 8, note: null, causes: ['training'], evidence: [] };
 * ```
 */
export interface CoachingCall {
  readonly callId: string;
  readonly date: string;
  /** The call's final score. */
  readonly score: number;
  /** The item's points in the call (negative for penalties) and maximum. */
  readonly points: number;
  readonly max: number;
  readonly note: string | null;
  readonly causes: readonly string[];
  readonly evidence: readonly CoachingEvidence[];
}

/**
 * One individual problem of one agent.
 *
 * @example
 * ```ts
 * const i: CoachingItem = plan.items[0]!;
 * i.calls.map((c) => c.callId);
 * ```
 */
export interface CoachingItem {
  readonly itemId: string;
  readonly sectionId: string;
  readonly failures: number;
  /** Calls where the agent failed the item, by date then id. */
  readonly calls: readonly CoachingCall[];
}

/**
 * One agent's coaching list.
 *
 * @example
 * ```ts
 * const plan: CoachingPlan = analyzeProblems(calls, rubric).coaching[0]!;
 * plan.items.map((i) => i.itemId); // most failures first
 * ```
 */
export interface CoachingPlan {
  readonly agentId: string;
  /** The agent's calls in the period. */
  readonly calls: number;
  readonly items: readonly CoachingItem[];
}

/**
 * The result of {@link analyzeProblems}.
 *
 * @example
 * ```ts
 * const r: ProblemReport = analyzeProblems(calls, rubric);
 * r.pareto.at(-1)?.cumulativeShare; // 1
 * ```
 */
export interface ProblemReport {
  readonly rubric: { readonly id: string; readonly version: string };
  readonly calls: number;
  readonly agents: number;
  readonly commonShare: number;
  readonly minCommonAgents: number;
  /** Every non-comment item, in rubric order (items unknown to the rubric last, by id). */
  readonly items: readonly ItemProblem[];
  /** Items with failures, most first (ties in rubric order). Empty when nothing failed. */
  readonly pareto: readonly ParetoRow[];
  /** Common problems, most agents first (ties in rubric order). */
  readonly training: readonly TrainingNeed[];
  /** Agents with individual problems, by agent id. */
  readonly coaching: readonly CoachingPlan[];
  /** Root-cause tags over the whole period (declared tags included at 0), most frequent first. */
  readonly causes: readonly CauseCount[];
  readonly untagged: number;
}

/** Call order inside lists: by date, then id (string order: the dates are ISO 8601). */
const byDateId = (a: { date: string; id: string }, b: { date: string; id: string }): number => cmpStr(a.date, b.date) || cmpStr(a.id, b.id);

/** Internal: exact running sums of decimals, as numbers only at the end. */
class Tally {
  count = 0;
  lost = Ratio.ZERO;
  add(points: number): void {
    this.count++;
    this.lost = this.lost.add(Ratio.from(points));
  }
}

/** Internal: sorts cause tallies, most frequent, then most points, then by name. */
function causeList(tallies: ReadonlyMap<string, Tally>): CauseCount[] {
  return [...tallies]
    .map(([cause, t]) => ({ cause, count: t.count, lost: t.lost }))
    .sort((a, b) => b.count - a.count || b.lost.cmp(a.lost) || cmpStr(a.cause, b.cause))
    .map(({ cause, count, lost }) => ({ cause, count, pointsLost: lost.toNumber() }));
}

/**
 * Internal (not exported from the package): checks call scores — an array,
 * unique ids, scored with `rubric` when given — and pushes issues.
 *
 * @example
 * ```ts
 * const issues: Issue<ProblemIssueCode>[] = [];
 * checkCalls(calls, rubric, issues); // then throw if issues.length > 0
 * ```
 */
export function checkCalls<C extends string>(calls: readonly CallScore[], rubric: Rubric | undefined, issues: Issue<C | ProblemIssueCode>[]): void {
  if (!Array.isArray(calls)) {
    issues.push({ code: 'not_an_array', path: ['calls'], message: 'calls must be an array of call scores' });
    return;
  }
  const seen = new Map<string, number>();
  calls.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || typeof c.id !== 'string' || typeof c.agentId !== 'string' || !Array.isArray(c.items)) {
      issues.push({ code: 'invalid_call', path: ['calls', i], message: 'not a call score (id, agentId and items are required)' });
      return;
    }
    const first = seen.get(c.id);
    if (first !== undefined) issues.push({ code: 'duplicate_call', path: ['calls', i, 'id'], message: `call ${c.id} appears twice (also at ${first})` });
    else seen.set(c.id, i);
    if (rubric && c.rubric?.id !== rubric.id) {
      issues.push({ code: 'rubric_mismatch', path: ['calls', i, 'rubric'], message: `call ${c.id} was scored with rubric ${c.rubric?.id ?? '?'}, not ${rubric.id}` });
    }
  });
}

function share(name: string, v: number | undefined, def: number, issues: Issue<ProblemIssueCode>[]): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !(v > 0 && v <= 1)) issues.push({ code: 'invalid_option', path: [name], message: `${name} must be a number in (0, 1], got ${String(v)}` });
  return v;
}

/**
 * Analyses a period's scored calls: per item, the failure rate across calls
 * and across agents; a Pareto table; each failing item classified as a
 * **common** problem (failed by at least `commonShare` of the agents it was
 * evaluated for, and by at least `minCommonAgents` agents → a training need,
 * with its process owner) or an **individual** one (→ each failing agent's
 * coaching list, with the call ids and the phrase evidence from those calls);
 * and the root-cause tags evaluators attached to lost points.
 *
 * Deterministic and independent of the order of `calls`.
 *
 * @param calls - the period's call scores (filter the period beforehand)
 * @param rubric - the rubric they were scored with (item order, root causes)
 * @param options - failure rules, thresholds, owners
 * @returns the report; with no calls every item has `evaluated: 0` and the lists are empty
 * @throws {ProblemError} duplicate call ids, another rubric's calls, bad options
 *
 * @example
 * ```ts
 * const report = analyzeProblems(scores, rubric, { owners: { accurate: 'knowledge base' } });
 * report.pareto.filter((r) => r.vital).map((r) => r.itemId);
 * report.training.map((t) => `${t.itemId} → ${t.owner ?? 'training'}`);
 * report.coaching.map((p) => `${p.agentId}: ${p.items.map((i) => i.itemId).join(', ')}`);
 * ```
 */
export function analyzeProblems(calls: readonly CallScore[], rubric: Rubric, options: ProblemOptions = {}): ProblemReport {
  const issues: Issue<ProblemIssueCode>[] = [];
  checkCalls(calls, rubric, issues);
  const commonShare = share('commonShare', options.commonShare, 0.3, issues);
  const vitalShare = share('vitalShare', options.vitalShare, 0.8, issues);
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
  if (issues.length > 0) throw new ProblemError('invalid problem-analysis input', issues);

  // Sorting first makes every list below independent of the input order.
  const sorted = [...calls].sort(byDateId);
  const order = new Map<string, number>();
  for (const s of rubric.sections) for (const it of s.items) if (it.kind !== 'comment') order.set(it.id, order.size);

  interface Acc {
    itemId: string;
    sectionId: string;
    kind: ItemKind;
    evaluated: number;
    failures: number;
    lost: Ratio;
    agentsEvaluated: Set<string>;
    /** agent → failed (call, item result) pairs, in date/id order. */
    failedBy: Map<string, { call: CallScore; item: ItemScore }[]>;
    causes: Map<string, Tally>;
    untagged: number;
  }
  const acc = new Map<string, Acc>();
  const get = (item: ItemScore): Acc => {
    let a = acc.get(item.id);
    if (!a) {
      const compiled = rubric.items.get(item.id);
      const sectionId = compiled ? (rubric.sections[compiled.sectionIndex]?.id ?? item.sectionId) : item.sectionId;
      a = { itemId: item.id, sectionId, kind: compiled?.kind ?? item.kind, evaluated: 0, failures: 0, lost: Ratio.ZERO, agentsEvaluated: new Set(), failedBy: new Map(), causes: new Map(), untagged: 0 };
      acc.set(item.id, a);
    }
    return a;
  };
  for (const s of rubric.sections) {
    for (const it of s.items) {
      if (it.kind !== 'comment') acc.set(it.id, { itemId: it.id, sectionId: s.id, kind: it.kind, evaluated: 0, failures: 0, lost: Ratio.ZERO, agentsEvaluated: new Set(), failedBy: new Map(), causes: new Map(), untagged: 0 });
    }
  }
  const overall = new Map<string, Tally>();
  for (const tag of rubric.rootCauses ?? []) overall.set(tag, new Tally());
  let untaggedAll = 0;
  const agentCalls = new Map<string, number>();

  for (const call of sorted) {
    agentCalls.set(call.agentId, (agentCalls.get(call.agentId) ?? 0) + 1);
    for (const item of call.items) {
      if (item.kind === 'comment' || !isEvaluated(item)) continue;
      const a = get(item);
      a.evaluated++;
      a.agentsEvaluated.add(call.agentId);
      const failed = itemFailed(item, call, options.failWhen?.[item.id]);
      const lost = lostPoints(item);
      a.lost = a.lost.add(Ratio.from(lost));
      if (failed) {
        a.failures++;
        const list = a.failedBy.get(call.agentId);
        if (list) list.push({ call, item });
        else a.failedBy.set(call.agentId, [{ call, item }]);
      }
      if (failed || lost > 0) {
        const tags = [...new Set(item.causes ?? [])];
        if (tags.length === 0) {
          a.untagged++;
          untaggedAll++;
        }
        for (const tag of tags) {
          for (const m of [a.causes, overall]) {
            let t = m.get(tag);
            if (!t) m.set(tag, (t = new Tally()));
            t.add(lost);
          }
        }
      }
    }
  }

  const rank = (id: string): number => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const accs = [...acc.values()].sort((a, b) => rank(a.itemId) - rank(b.itemId) || cmpStr(a.itemId, b.itemId));
  const threshold = Ratio.from(commonShare);
  const ownerOf = (a: Acc): string | null => options.owners?.[a.itemId] ?? options.owners?.[a.sectionId] ?? null;
  const classify = (a: Acc): ProblemClass => {
    const failedAgents = a.failedBy.size;
    if (failedAgents === 0) return 'none';
    return failedAgents >= minCommonAgents && Ratio.of(failedAgents, a.agentsEvaluated.size).gte(threshold) ? 'common' : 'individual';
  };

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
    pointsLost: a.lost.toNumber(),
    classification: classify(a),
    owner: ownerOf(a),
    causes: causeList(a.causes),
    untagged: a.untagged,
  }));

  const totalFailures = accs.reduce((s, a) => s + a.failures, 0);
  const vital = Ratio.from(vitalShare);
  let running = 0;
  const pareto: ParetoRow[] = accs
    .filter((a) => a.failures > 0)
    .sort((a, b) => b.failures - a.failures || rank(a.itemId) - rank(b.itemId) || cmpStr(a.itemId, b.itemId))
    .map((a) => {
      // Exact fractions: the last row is exactly 1 and the running share never goes down.
      const before = Ratio.of(running, totalFailures);
      running += a.failures;
      return {
        itemId: a.itemId,
        sectionId: a.sectionId,
        failures: a.failures,
        share: Ratio.of(a.failures, totalFailures).toNumber(),
        cumulativeShare: Ratio.of(running, totalFailures).toNumber(),
        vital: before.lt(vital),
      };
    });

  const training: TrainingNeed[] = accs
    .filter((a) => classify(a) === 'common')
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

  const plans = new Map<string, CoachingItem[]>();
  for (const a of accs) {
    if (classify(a) !== 'individual') continue;
    for (const [agentId, fails] of a.failedBy) {
      const entry: CoachingItem = {
        itemId: a.itemId,
        sectionId: a.sectionId,
        failures: fails.length,
        calls: fails.map(({ call, item }) => ({
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
        })),
      };
      const list = plans.get(agentId);
      if (list) list.push(entry);
      else plans.set(agentId, [entry]);
    }
  }
  const coaching: CoachingPlan[] = [...plans]
    .sort(([x], [y]) => cmpStr(x, y))
    .map(([agentId, list]) => ({
      agentId,
      calls: agentCalls.get(agentId) ?? 0,
      items: list.sort((a, b) => b.failures - a.failures || rank(a.itemId) - rank(b.itemId) || cmpStr(a.itemId, b.itemId)),
    }));

  return {
    rubric: { id: rubric.id, version: rubric.version },
    calls: calls.length,
    agents: agentCalls.size,
    commonShare,
    minCommonAgents,
    items,
    pareto,
    training,
    coaching,
    causes: causeList(overall),
    untagged: untaggedAll,
  };
}
