export * from './errors.js';
export { inverseNormalCdf, studentTTwoSidedP } from './distributions.js';
export * from './ranks.js';
export * from './correlation.js';
export * from './predictiveness.js';
