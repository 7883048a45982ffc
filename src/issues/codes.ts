/**
 * The codes every input-reading `safe*` function may report, whatever its
 * domain: the bounds stage (bounds.ts), the number checks (numbers.ts), the one
 * zod mapping (zod-issues.ts) and the last line of defence (safe.ts). Each
 * domain's `…IssueCode` union includes this one where its input goes through
 * those stages. docs/issue-codes.md is built from these unions.
 */

/** The shared bad-input codes. Listed with their meanings in docs/issue-codes.md. */
export type BadInputIssueCode =
  /** nested more than the depth limit; the path leads to the first value beyond it */
  | 'too_deep'
  /** a string or key longer than the length limit */
  | 'too_long'
  /** an array with more elements than the limit */
  | 'too_many_items'
  /** an object with more keys than the limit */
  | 'too_many_keys'
  /** more values in the whole input than the limit */
  | 'too_large_input'
  /** a string or key holding a lone UTF-16 surrogate */
  | 'invalid_unicode'
  /** a number above 10^9 in size, or numbers that combine beyond exact range */
  | 'too_large'
  /** a number with more than 6 decimal places */
  | 'too_precise'
  /** NaN or ±Infinity where a finite number is needed */
  | 'not_finite'
  /** a required field is missing */
  | 'required'
  /** a key the format does not have */
  | 'unknown_key'
  /** a whole number was expected */
  | 'not_integer'
  /** a value of the wrong type */
  | 'invalid_type'
  /** a number below zero where it must not be negative */
  | 'negative'
  /** a number, string or list below its minimum */
  | 'too_small'
  /** a number, string or list above its maximum */
  | 'too_big'
  /** a string that does not match its format (a date, an id pattern) */
  | 'invalid_format'
  /** a value that is not one of the allowed ones */
  | 'invalid_value'
  /** a value the schema rejected without a more specific code */
  | 'invalid'
  /** an object key that does not match its pattern (e.g. a plan's metric name) */
  | 'invalid_key'
  /** the cross-field checks did not run because of the shape problems listed */
  | 'checks_skipped'
  /** an unforeseen failure caught by the last line of defence (a callqa defect) */
  | 'internal';

/** The codes of reading a JSON file at the Node edge (`readJsonFile`, the `*File` loaders). */
export type FileIssueCode =
  /** the file does not exist */
  | 'not_found'
  /** the file could not be read (permissions, a directory, an I/O error) */
  | 'read_error'
  /** the file is not valid JSON; the message gives its line and column */
  | 'invalid_json';
