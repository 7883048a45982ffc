/**
 * callqa — a contact centre's written quality standard as exact, explainable numbers.
 *
 * The core (rubrics, call scores, formatting) is pure and synchronous: load and
 * compile a rubric once, score many calls. I/O lives in the CLI and batch modules.
 */
export * from './issues/index.js';
export { Ratio, ratio, sum, ArithmeticOverflowError, type RoundingMode } from './exact/index.js';
export { LOCALES, localize, type Locale, type LocalizedText } from './localize/index.js';
export { matchesCondition, type Condition, type AttributeValue } from './conditions/index.js';
export { parseInterval, inInterval, checkTiling, hullOf, type Interval } from './bands/index.js';
export * from './rubric/index.js';
export * from './scoring/index.js';
export * from './format/index.js';
export * from './phrases/index.js';
export { rubricJsonSchema } from './schema-json/json-schema.js';
export * from './distributions/index.js';
export * from './kpis/index.js';
export * from './periods/index.js';
export * from './sampling/index.js';
export * from './early-warning/index.js';
export * from './calibration/index.js';
export * from './correlation/index.js';
export * from './problems/index.js';
export * from './validity/index.js';
export * from './assessment/index.js';
export * from './batch/index.js';
export * from './generate/index.js';
export * from './report/index.js';
export { compareCodeUnits } from './order/compare.js';
