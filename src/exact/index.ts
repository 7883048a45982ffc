export * from './rational.js';
export type { ArithmeticIssueCode } from './issue-codes.js';
