export * from './errors.js';
export * from './ranks.js';
export * from './correlation.js';
export * from './predictiveness.js';
