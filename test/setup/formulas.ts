/**
 * Vitest setup file: the tests run as a Node program does with `callqa/node`,
 * whose entry (src/node.ts) provides mathjs for formula components, loaded on the
 * first formula only. The pure core alone refuses a formula without it
 * (`formula_needs_mathjs`), which the browser test checks.
 */
import '../../src/node.js';
