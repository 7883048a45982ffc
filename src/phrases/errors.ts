import { CallqaError, type Issue } from '../issues/issues.js';

/**
 * Thrown by {@link compilePhraseMatcher} (and by the normalisation functions for
 * bad options). It carries every problem found, each with a path such as
 * `[ruleIndex, 'phrases', phraseIndex]`, so a rubric author can fix them all at once.
 *
 * Issue codes: `empty_phrase` (nothing left after normalisation), `invalid_phrase`
 * (not a string), `invalid_rule`, `empty_rule_id`, `duplicate_rule_id`,
 * `invalid_phrases`, `invalid_option`.
 *
 * @example
 * ```ts
 * try {
 *   compilePhraseMatcher([{ id: 'forbidden', phrases: ['喂', '  '] }]);
 * } catch (e) {
 *   if (e instanceof PhraseError) e.issues[0]; // { code: 'empty_phrase', path: [0, 'phrases', 1], … }
 * }
 * ```
 */
export class PhraseError extends CallqaError {
  constructor(issues: readonly Issue[]) {
    super('invalid phrase rules', issues);
    this.name = 'PhraseError';
  }
}
