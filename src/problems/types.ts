/**
 * The shapes of a problem analysis: its options and its report (see
 * analyze.ts for the rules, tally.ts for the one-pass accumulation).
 */
import type { ItemKind } from '../rubric/index.js';
import type { FailureRule } from './failure.js';

/**
 * Options for `analyzeProblems`.
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
  /** Per item id: when it counts as failed. Default: `defaultFailed`. */
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
  /** Points lost on the item over the period (see `lostPoints`). */
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
 * The result of `analyzeProblems`.
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

