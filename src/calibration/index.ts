export { CalibrationError, type DegenerateReason, type Estimate } from './errors.js';
export type { RatingValue, RatingMatrix } from './matrix.js';
export * from './icc.js';
export * from './krippendorff.js';
export * from './kappa.js';
export * from './drift.js';
export * from './calibrate.js';
export type { CalibrationIssueCode } from './errors.js';
