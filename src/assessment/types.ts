/**
 * The shapes of an assessment: what assessAgents reads (calls, metrics,
 * teams, a period) and what it returns (each agent's components, total,
 * grade, rank and tier; team and centre roll-ups; what was used or left out),
 * and the error it throws when the input as a whole cannot be assessed.
 * Types only, and the one error class: every other file of the engine
 * imports from here, and this file imports from none of them but load.ts's types.
 */
import { CallqaError, type Issue } from '../issues/issues.js';
import type { Locale, LocalizedText } from '../localize/localize.js';
import type { Period } from '../periods/index.js';
import type { CompiledComponent } from './load.js';
import type { MetricsRecord } from './metrics.js';
import type { AssessmentIssueCode } from './issue-codes.js';

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
export class AssessmentError extends CallqaError<AssessmentIssueCode> {
  constructor(issues: readonly Issue<AssessmentIssueCode>[]) {
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
  readonly issues: readonly Issue<AssessmentIssueCode>[];
}

