export * from './localize.js';
