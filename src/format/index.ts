export { formatCallScore, type FormatCallScoreOptions } from './call-score.js';
export { formatRubric, type FormatRubricOptions } from './rubric-doc.js';
export { displayWidth, table } from './text.js';
