export { SamplingError } from './errors.js';
export * from './sample-size.js';
export * from './hash.js';
export * from './allocation.js';
export * from './types.js';
export * from './select.js';
export * from './columns.js';
export * from './balance.js';
export type { SamplingIssueCode } from './errors.js';
