/**
 * The issue codes of generate: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */

/** The codes of the issues reported by `GenerateError`. Listed with their meanings in docs/issue-codes.md. */
export type GenerateIssueCode =
  /** an option outside its allowed values */
  | 'invalid_option';
