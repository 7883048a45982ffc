/**
 * mathjs from Node's own loader, for formula components (`provideMathjs`).
 * Called on the first formula only: loading mathjs costs ~80 MB and seconds,
 * which most plans and every `callqa score` never need.
 */
import { createRequire } from 'node:module';

declare const __filename: string | undefined;

/**
 * Loads mathjs with Node's `require` (from this file, so the package's own dependency is found).
 *
 * @example
 * ```ts
 * provideMathjs(nodeMathjs); // called on the first formula
 * ```
 */
export function nodeMathjs(): typeof import('mathjs') {
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url)('mathjs') as typeof import('mathjs');
}
