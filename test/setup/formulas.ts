/**
 * Vitest setup file: formula components get mathjs as `callqa/node` gives it to
 * Node programs (src/node.ts does exactly this), loaded on the first formula
 * only. Importing all of src/node.ts here instead cost ~0.5 s per test file.
 * The pure core alone refuses a formula without it (`formula_needs_mathjs`),
 * which the browser test checks.
 */
import { provideMathjs } from '../../src/assessment/formula.js';
import { nodeMathjs } from '../../src/files/mathjs.js';

provideMathjs(nodeMathjs);
