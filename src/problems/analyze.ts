/**
 * Problem analysis over a period: which items fail, how often, for how many
 * agents; which failures are the process's (common → training, process owner)
 * and which are one agent's (individual → coaching with the evidence).
 * The counting itself is {@link ProblemTally} (tally.ts), which also streams.
 */
import type { Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/index.js';
import type { CallScore } from '../scoring/types.js';
import { ProblemError } from './errors.js';
import type { ProblemIssueCode } from './errors.js';
import { ProblemTally, checkProblemOptions } from './tally.js';
import type { ProblemOptions, ProblemReport } from './types.js';

export type { CauseCount, CoachingCall, CoachingEvidence, CoachingItem, CoachingPlan, ItemProblem, ParetoRow, ProblemClass, ProblemOptions, ProblemReport, TrainingNeed } from './types.js';

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
  checkProblemOptions(rubric, options, issues);
  if (issues.length > 0) throw new ProblemError('invalid problem-analysis input', issues);
  const tally = new ProblemTally(rubric, options);
  for (const c of calls) tally.add(c);
  const again = tally.coachingAgents();
  if (again.size > 0) for (const c of calls) if (again.has(c.agentId)) tally.addCoaching(c);
  return tally.report();
}
