export * from './types.js';
export * from './kpis.js';
export * from './compute.js';
export { KpiError, kpiInputIssues, KPI_FIELDS } from './validate.js';
