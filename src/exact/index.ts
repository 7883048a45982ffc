export * from './rational.js';
