/**
 * The issue codes of the batch's errors (callqa/node): a union per error, so the
 * compiler checks every code raised against the documented list
 * (docs/issue-codes.md is built from it).
 */
import type { PeriodIssueCode } from '../periods/issue-codes.js';

/** The codes of the issues reported by `BatchOptionsError`. Listed with their meanings in docs/issue-codes.md. */
export type BatchOptionsIssueCode =
  /** an output field that is not a field, a section or an item of the rubric */
  | 'unknown_field'
  /** a CSV column that is not a known column, an attribute or an item of the rubric */
  | 'unknown_column';

/** The codes of the issues reported by `VersionsError`. Listed with their meanings in docs/issue-codes.md. */
export type VersionsIssueCode =
  /** no rubric was given */
  | 'required'
  /** the rubrics' effective dates as a version timeline (malformed dates, inverted ranges, overlaps) */
  | PeriodIssueCode;

/** The codes of the issues reported by `OutputError`. Listed with their meanings in docs/issue-codes.md. */
export type OutputIssueCode =
  /** the output could not be written (the message says why) */
  'output_failed';
