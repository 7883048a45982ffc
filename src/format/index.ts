export { formatCallScore, scaleLegend, type FormatCallScoreOptions } from './call-score.js';
export { itemReason, deductionReason } from './reason.js';
export { formatRubric, type FormatRubricOptions } from './rubric-doc.js';
export { displayWidth, table } from './text.js';
