/**
 * The synthetic centre: seeded, pure generators of evaluations and KPI rows.
 */
export { GenerateError, KPI_COLUMNS, agentId, generateEvaluations, generateKpis, type GenerateOptions, type KpiRow } from './generate.js';
export { randomFor, type Random } from './random.js';
export { EN, ZH_CN, type SentenceBank } from './text.js';
export type { GenerateIssueCode } from './issue-codes.js';
