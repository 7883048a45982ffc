/**
 * Monthly assessments: plans as data, exact blended totals, grades, ranks,
 * PDCA tiers and roll-ups.
 */
export * from './schema.js';
export * from './formula.js';
export * from './metrics.js';
export * from './load.js';
export * from './assess.js';
export * from './format.js';
export * from './rows.js';
export type { PlanIssueCode, AssessmentIssueCode } from './issue-codes.js';
