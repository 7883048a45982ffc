/**
 * The monthly QA report: `renderReport` turns a month's scored calls, KPI
 * records and plan into one self-contained HTML page with inline SVG charts.
 */
export { renderReport } from './render.js';
export type { ReportInput, ReportOptions } from './context.js';
export type { ReportLocale } from './words.js';
