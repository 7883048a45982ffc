/**
 * The issue codes of rubric: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */
import type { BadInputIssueCode, FileIssueCode } from '../issues/codes.js';

/** The codes of the issues reported by `RubricError` and `safeLoadRubric`. Listed with their meanings in docs/issue-codes.md. */
export type RubricIssueCode =
  /** a bonus item cannot be critical */
  | 'bonus_critical'
  /** two entries share one id */
  | 'duplicate_id'
  /** a fatal (critical) item needs points to lose */
  | 'fatal_without_points'
  /** the score floor is above the cap */
  | 'floor_above_cap'
  /** an answer of a kind the item does not take */
  | 'invalid_answer_kind'
  /** effectiveFrom is after effectiveTo, or a date is not a calendar date */
  | 'invalid_dates'
  /** an option outside its allowed values */
  | 'invalid_option'
  /** the score scale is not usable (e.g. not positive) */
  | 'invalid_scale'
  /** a level awards more points than the item has */
  | 'level_above_max'
  /** a section needs a weight when any section has one */
  | 'missing_weight'
  /** a bonus of negative points */
  | 'negative_bonus'
  /** an item whose points are zero or negative */
  | 'non_positive_points'
  /** two phrase rules of one item can match the same text */
  | 'overlapping_phrases'
  /** a penalty item with no points to deduct */
  | 'penalty_without_points'
  /** a section whose items carry no points */
  | 'section_without_points'
  /** an option that does not apply to this kind of item */
  | 'unexpected_option'
  /** a weight where weights are not used */
  | 'unexpected_weight'
  /** a level id that the item does not have */
  | 'unknown_level'
  /** a root cause id that the rubric does not list */
  | 'unknown_root_cause'
  /** weights or shares that do not sum to 100 */
  | 'weights_sum'
  /** a measure-decided item whose rule is unusable */
  | 'invalid_measure_rule'
  /** an item decided both by phrases and by a measure */
  | 'conflicting_rules'
  /** score bands leave a gap */
  | 'band_gap'
  /** score bands overlap */
  | 'band_overlap'
  /** a band interval is not written like [0, 60) */
  | 'invalid_interval'
  /** the shared bad-input codes (bounds, numbers, schema, `internal`) */
  | BadInputIssueCode
  /** a measure test that can never hold, or always holds */
  | 'impossible_test'
  /** measure ranges that do not cover every value the measure can take */
  | 'measure_not_covered'
  /** a measure range the measure can never fall in */
  | 'impossible_range'
  /** when read from a file (callqa/node): the file's read and JSON codes */
  | FileIssueCode;
