export { scoreCall, safeScoreCall, EvaluationError, type SafeScoreResult } from './score.js';
export { evaluationSchema, answerSchema, turnSchema, type Evaluation, type AnswerInput, type AnswerValue, type Turn } from './evaluation.js';
export type * from './types.js';
export { callEventSchema } from './evaluation.js';
export type { MeasureEvidence } from './measures.js';
export type { EvaluationIssueCode } from './issue-codes.js';
