/**
 * The issue codes of scoring: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */
import type { BadInputIssueCode } from '../issues/codes.js';
import type { TimingIssueCode } from '../conversation/issue-codes.js';

/** The codes of the issues reported by `EvaluationError` and `safeScoreCall`. Listed with their meanings in docs/issue-codes.md. */
export type EvaluationIssueCode =
  /** an answer of a kind the item does not take */
  | 'invalid_answer_kind'
  /** not a valid calendar date or instant */
  | 'invalid_date'
  /** an applicable item has no answer */
  | 'missing_answer'
  /** N/A given for an item that does not allow it */
  | 'na_not_allowed'
  /** the rubric argument is not a compiled rubric (e.g. its JSON) */
  | 'not_a_rubric'
  /** every item was N/A, so there is no score */
  | 'nothing_applicable'
  /** a number outside its allowed range */
  | 'out_of_range'
  /** an item id that the rubric does not have */
  | 'unknown_item'
  /** a level id that the item does not have */
  | 'unknown_level'
  /** a root cause id that the rubric does not list */
  | 'unknown_root_cause'
  /** the shared bad-input codes (bounds, numbers, schema, `internal`) */
  | BadInputIssueCode
  /** a timed transcript's and the call events' timings */
  | TimingIssueCode;
