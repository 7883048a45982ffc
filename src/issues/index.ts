export * from './issues.js';
