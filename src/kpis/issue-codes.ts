/**
 * The issue codes of kpis: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */
import type { BadInputIssueCode } from '../issues/codes.js';

/** The codes of the issues reported by `KpiError` and `kpiInputIssues`. Listed with their meanings in docs/issue-codes.md. */
export type KpiIssueCode =
  /** a count larger than the total it belongs to */
  | 'exceeds'
  /** an option outside its allowed values */
  | 'invalid_option'
  /** the shared bad-input codes (bounds, numbers, schema, `internal`) */
  | BadInputIssueCode;
