/**
 * The monthly review the seeds describe: per agent and period, the best and
 * the worst evaluated calls, so feedback is balanced (positives and negatives).
 */
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import type { CallScore } from '../scoring/types.js';
import { checkCalls } from './analyze.js';
import { ProblemError } from './errors.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import type { ProblemIssueCode } from './errors.js';

/**
 * Options for {@link reviewCalls}.
 *
 * @example
 * ```ts
 * const o: ReviewOptions = { n: 2, periodOf: (c) => c.date.slice(0, 10) }; // per day
 * ```
 */
export interface ReviewOptions {
  /** Calls listed on each side. Default 3. */
  readonly n?: number;
  /** The period a call belongs to. Default: its month, the first 7 characters of `date` (the centre's local date as written). */
  readonly periodOf?: (call: CallScore) => string;
}

/**
 * A call as listed for the review.
 *
 * @example
 * ```ts
 * const c: ReviewCall = { callId: 'C-1002', date: '2026-10-09', score: 92.5, grade: 'Excellent', failed: false };
 * ```
 */
export interface ReviewCall {
  readonly callId: string;
  readonly date: string;
  readonly score: number;
  /** The grade's label, or null when the rubric has no grades. */
  readonly grade: string | null;
  readonly failed: boolean;
}

/**
 * One agent's review in one period.
 *
 * @example
 * ```ts
 * const r: AgentReview = reviewCalls(scores)[0]!;
 * r.best.map((c) => c.callId); r.worst.map((c) => c.callId);
 * ```
 */
export interface AgentReview {
  readonly agentId: string;
  readonly period: string;
  /** Evaluated calls of the agent in the period. */
  readonly calls: number;
  /** Highest first. */
  readonly best: readonly ReviewCall[];
  /** Lowest first. */
  readonly worst: readonly ReviewCall[];
}


/** Internal: the exact score ('250/3' or '83.5'), falling back to the rounded one. */
function exact(c: CallScore): Ratio {
  const m = typeof c.exactScore === 'string' ? /^(-?\d+)\/(\d+)$/.exec(c.exactScore) : null;
  if (m) return Ratio.of(Number(m[1]), Number(m[2]));
  try {
    return Ratio.from(typeof c.exactScore === 'string' && c.exactScore !== '' ? c.exactScore : c.score);
  } catch {
    return Ratio.from(c.score);
  }
}

/**
 * Per agent and period, the `n` best and `n` worst evaluated calls. A failed
 * call (fatal rule or failing grade) ranks below every passing call, whatever
 * its score, since a flag-scope fatal keeps a high score. Equal calls are
 * ordered by date, then id. The two lists never share a call: with fewer than
 * 2n calls the best get ⌈k/2⌉ and the worst ⌊k/2⌋ (one call → best only).
 *
 * @param calls - scored calls, any order
 * @param options - n and the period key
 * @returns one entry per (agent, period), sorted by agent id then period
 * @throws {ProblemError} duplicate call ids, n not a whole number ≥ 1
 *
 * @example
 * ```ts
 * reviewCalls(scores, { n: 2 }).map((r) => `${r.agentId} ${r.period}: best ${r.best[0]?.callId}, worst ${r.worst[0]?.callId}`);
 * ```
 */
export function reviewCalls(calls: readonly CallScore[], options: ReviewOptions = {}): AgentReview[] {
  const issues: Issue<ProblemIssueCode>[] = [];
  checkCalls(calls, undefined, issues);
  const n = options.n ?? 3;
  if (!Number.isInteger(n) || n < 1) issues.push({ code: 'invalid_option', path: ['n'], message: `n must be a whole number ≥ 1, got ${String(n)}` });
  if (issues.length > 0) throw new ProblemError('invalid review input', issues);

  const periodOf = options.periodOf ?? ((c: CallScore) => c.date.slice(0, 7));
  const groups = new Map<string, { agentId: string; period: string; calls: { call: CallScore; value: Ratio }[] }>();
  for (const call of calls) {
    const period = periodOf(call);
    const key = JSON.stringify([call.agentId, period]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { agentId: call.agentId, period, calls: [] }));
    g.calls.push({ call, value: exact(call) });
  }
  const tie = (a: CallScore, b: CallScore): number => cmpStr(a.date, b.date) || cmpStr(a.id, b.id);
  const view = (c: CallScore): ReviewCall => ({ callId: c.id, date: c.date, score: c.score, grade: c.grade?.label ?? null, failed: c.failed });
  return [...groups.values()]
    .sort((a, b) => cmpStr(a.agentId, b.agentId) || cmpStr(a.period, b.period))
    .map((g) => {
      const k = g.calls.length;
      const bestOrder = [...g.calls].sort(
        (a, b) => Number(a.call.failed) - Number(b.call.failed) || b.value.cmp(a.value) || tie(a.call, b.call),
      );
      const worstOrder = [...g.calls].sort(
        (a, b) => Number(b.call.failed) - Number(a.call.failed) || a.value.cmp(b.value) || tie(a.call, b.call),
      );
      const nb = Math.min(n, Math.ceil(k / 2));
      const best = bestOrder.slice(0, nb);
      const taken = new Set(best.map((x) => x.call.id));
      const worst = worstOrder.filter((x) => !taken.has(x.call.id)).slice(0, Math.min(n, Math.floor(k / 2)));
      return { agentId: g.agentId, period: g.period, calls: k, best: best.map((x) => view(x.call)), worst: worst.map((x) => view(x.call)) };
    });
}
