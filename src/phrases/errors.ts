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
export class PhraseError extends CallqaError<PhraseIssueCode> {
  constructor(issues: readonly Issue<PhraseIssueCode>[]) {
    super('invalid phrase rules', issues);
    this.name = 'PhraseError';
  }
}

/** The codes of the issues reported by `PhraseError`. Listed with their meanings in docs/issue-codes.md. */
export type PhraseIssueCode =
  /** two phrase rules share one id */
  | 'duplicate_rule_id'
  /** a phrase that is empty after normalization */
  | 'empty_phrase'
  /** a phrase rule with an empty id */
  | 'empty_rule_id'
  /** an option outside its allowed values */
  | 'invalid_option'
  /** a phrase that is not a string */
  | 'invalid_phrase'
  /** a rule whose phrase list is not a list of strings */
  | 'invalid_phrases'
  /** a rule that is malformed */
  | 'invalid_rule'
  /** a transcript turn that is malformed */
  | 'invalid_turn';
