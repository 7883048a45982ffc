export * from './issues.js';
export { checkBounds, DOCUMENT_LIMITS, EVALUATION_LIMITS, type InputLimits } from './bounds.js';
export { numberProblem, decimalPlaces, MAX_MAGNITUDE, MAX_DECIMALS, type NumberProblem } from './numbers.js';
export type { BadInputIssueCode, FileIssueCode } from './codes.js';
