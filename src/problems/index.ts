/**
 * Problem analysis: failure rates, Pareto, common vs individual problems,
 * coaching lists with evidence, root causes, PDCA tiers and the monthly
 * review's best and worst calls.
 */
export { ProblemError } from './errors.js';
export { type FailureRule, isEvaluated, defaultFailed, itemFailed, lostPoints } from './failure.js';
export {
  analyzeProblems,
  type ProblemOptions,
  type ProblemReport,
  type ProblemClass,
  type ItemProblem,
  type ParetoRow,
  type TrainingNeed,
  type CoachingPlan,
  type CoachingItem,
  type CoachingCall,
  type CoachingEvidence,
  type CauseCount,
} from './analyze.js';
export { ProblemTally } from './tally.js';
export { pdcaTiers, quantileCuts, type TierScheme, type PdcaInput, type PdcaAgent, type PdcaResult } from './pdca.js';
export { reviewCalls, type ReviewOptions, type ReviewCall, type AgentReview } from './review.js';
export type { ProblemIssueCode } from './errors.js';
