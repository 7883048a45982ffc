export * from './types.js';
export * from './kpis.js';
export * from './compute.js';
export { KPI_FORMULAS, countNotReadyDays, isNotReadyDay, notReadyDays, type KpiFormula, type KpiFormulaOptions, type KpiFraction } from './core.js';
export { KpiError, kpiInputIssues, kpiFieldOk, kpiCheck, kpiInputOk, KPI_FIELDS, type KpiCheck } from './validate.js';
export type { KpiIssueCode } from './issue-codes.js';
