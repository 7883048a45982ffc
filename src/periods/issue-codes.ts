/**
 * The issue codes of periods: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */

/** The codes of the issues reported by `PeriodError`. Listed with their meanings in docs/issue-codes.md. */
export type PeriodIssueCode =
  /** versions leave dates with no version in force */
  | 'gap'
  /** not a valid calendar date or instant */
  | 'invalid_date'
  /** a period specification that cannot be read */
  | 'invalid_spec'
  /** not an IANA time zone */
  | 'invalid_time_zone'
  /** a version entry that is malformed */
  | 'invalid_version'
  /** the version list is not a list */
  | 'invalid_versions'
  /** a version ends before it starts */
  | 'inverted_range'
  /** a period id that cannot be parsed */
  | 'malformed_period'
  /** no version is in force on the date */
  | 'no_version'
  /** two versions are in force on the same date */
  | 'overlap'
  /** versions cover only part of the period */
  | 'partial_cover'
  /** the version in force changes within the period */
  | 'version_change_in_period';
