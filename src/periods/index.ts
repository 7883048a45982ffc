export { PeriodError, localDate, localDateIssues, timeZoneIssues } from './dates.js';
export * from './periods.js';
export * from './versions.js';
export type { PeriodIssueCode } from './issue-codes.js';
