export { EarlyWarningError } from './errors.js';
export * from './types.js';
export * from './xmr.js';
export * from './ewma.js';
export * from './cusum.js';
export * from './rules.js';
export { type DeclineReport, type DetectDeclineOptions, alertsSince, detectDecline } from './detect.js'; // detectDeclineOver is internal (watchCentre's)
export * from './arl.js';
export * from './phase1.js';
export * from './monitor.js';
export * from './reason.js';
export * from './centre.js';
export type { EarlyWarningIssueCode } from './errors.js';
