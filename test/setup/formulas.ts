/**
 * Vitest setup file: formula components get mathjs as `callqa/node` gives it to
 * Node programs (src/node.ts), loaded on the first formula only. The pure core
 * alone refuses a formula without it (`formula_needs_mathjs`), which the browser
 * test checks.
 */
import { createRequire } from 'node:module';
import { provideMathjs } from '../../src/assessment/formula.js';

provideMathjs(() => createRequire(import.meta.url)('mathjs') as typeof import('mathjs'));
