export { PeriodError, localDate, localDateIssues, timeZoneIssues } from './dates.js';
export * from './periods.js';
export * from './versions.js';
