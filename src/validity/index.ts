/**
 * Is the rubric measuring what matters? QA scores against customer
 * satisfaction, complaints and training-exam results.
 */
export { ValidityError } from './errors.js';
export {
  rubricValidity,
  qaVersusExams,
  type CallOutcome,
  type Outcomes,
  type ValidityOptions,
  type ScoreCorrelation,
  type ItemVerdict,
  type ItemValidity,
  type OutcomeValidity,
  type ValidityReport,
  type AgentExam,
  type ExamComparison,
} from './validity.js';
export type { ValidityIssueCode } from './errors.js';
