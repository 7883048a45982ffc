/**
 * What running on Node adds to the pure core: formula components get mathjs
 * from Node's own loader (on the first formula only), and phrase matchers their
 * RegExp prefilter (kept out of the browser bundle: docs/phrases.md). One
 * function, called by `callqa/node` on import and by the CLI at start, so that
 * the CLI need not load the whole library to get it.
 */
import { provideMathjs } from '../assessment/formula.js';
import { nodeMathjs } from './mathjs.js';
import { enablePhrasePrefilter } from '../phrases/enable-prefilter.js';

/**
 * Gives the core what Node has (idempotent). Internal (not exported from the package).
 *
 * @example
 * ```ts
 * setUpNode(); // then formula plans evaluate, and phrase matchers use the prefilter
 * ```
 */
export function setUpNode(): void {
  provideMathjs(nodeMathjs);
  enablePhrasePrefilter();
}
