export { DistributionError } from './errors.js';
export { inverseNormalCdf, logGamma, regularizedGammaQ, chiSquareSurvival } from './normal-gamma.js';
export { regularizedIncompleteBeta, studentTTwoSidedP } from './beta.js';
export type { DistributionIssueCode } from './errors.js';
