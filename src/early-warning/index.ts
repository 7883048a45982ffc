export { EarlyWarningError } from './errors.js';
export * from './types.js';
export * from './xmr.js';
export * from './ewma.js';
export * from './cusum.js';
export * from './rules.js';
export * from './detect.js';
