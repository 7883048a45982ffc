/**
 * The issue codes of assessment: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */
import type { BadInputIssueCode, FileIssueCode } from '../issues/codes.js';
import type { PeriodIssueCode } from '../periods/issue-codes.js';
import type { KpiIssueCode } from '../kpis/issue-codes.js';

/** The codes of the issues reported by `PlanError` and `safeLoadPlan`. Listed with their meanings in docs/issue-codes.md. */
export type PlanIssueCode =
  /** two entries share one id */
  | 'duplicate_id'
  /** two tiers share one threshold */
  | 'duplicate_threshold'
  /** a floor above the starting points */
  | 'floor_above_start'
  /** a formula function called with an argument it does not take */
  | 'formula_argument'
  /** a formula function called with the wrong number of arguments */
  | 'formula_arity'
  /** a formula construct that is not allowed */
  | 'formula_forbidden'
  /** a function that formulas may not call */
  | 'formula_forbidden_function'
  /** a formula that cannot be parsed */
  | 'formula_syntax'
  /** a formula beyond the size limit */
  | 'formula_too_complex'
  /** a formula naming a metric or symbol that does not exist */
  | 'formula_unknown_symbol'
  /** effectiveFrom is after effectiveTo, or a date is not a calendar date */
  | 'invalid_dates'
  /** an option outside its allowed values */
  | 'invalid_option'
  /** a range with its bounds reversed or unusable */
  | 'invalid_range'
  /** a negative value where the component forbids it */
  | 'negative_not_allowed'
  /** negative points where points must be at least zero */
  | 'negative_points'
  /** a component that can award no points */
  | 'no_points'
  /** an otherwise value outside the allowed range */
  | 'otherwise_out_of_range'
  /** an id that is a reserved name */
  | 'reserved_name'
  /** shares that do not sum to 100 */
  | 'shares_sum'
  /** a threshold above the starting value */
  | 'threshold_above_start'
  /** more components renormalised than the plan allows */
  | 'too_many_renormalised'
  /** a component id that the plan does not have */
  | 'unknown_component'
  /** a metric name that is not known */
  | 'unknown_metric'
  /** weights or shares that do not sum to 100 */
  | 'weights_sum'
  /** score bands leave a gap */
  | 'band_gap'
  /** score bands overlap */
  | 'band_overlap'
  /** a band interval is not written like [0, 60) */
  | 'invalid_interval'
  /** the shared bad-input codes (bounds, numbers, schema, `internal`) */
  | BadInputIssueCode
  /** when read from a file (callqa/node): the file's read and JSON codes */
  | FileIssueCode
  /** a formula component compiled without mathjs provided (see provideMathjs) */
  | 'formula_needs_mathjs'
  /** the plan's timeZone is not an IANA time zone */
  | 'invalid_time_zone';

/** The codes of the issues reported by `AssessmentError`, `assessAgents` and its excluded records. Listed with their meanings in docs/issue-codes.md. */
export type AssessmentIssueCode =
  /** one agent listed twice */
  | 'duplicate_agent'
  /** a count larger than the total it belongs to */
  | 'exceeds'
  /** a formula that failed when evaluated */
  | 'formula_error'
  /** not a valid calendar date or instant */
  | 'invalid_date'
  /** text that is not valid JSON */
  | 'invalid_json'
  /** not a period id */
  | 'invalid_period'
  /** a record that is malformed */
  | 'invalid_record'
  /** a metric the plan needs is absent */
  | 'missing_metric'
  /** an agent has no metrics at all */
  | 'missing_metrics'
  /** no data for the metric in the period */
  | 'no_data'
  /** a row belongs to a different period */
  | 'other_period'
  /** a value outside the domain the formula accepts */
  | 'out_of_domain'
  /** a number outside its allowed range */
  | 'out_of_range'
  /** a call dated outside the assessed period */
  | 'outside_period'
  /** the plan is not in force in the period */
  | 'plan_not_in_force'
  /** a reference value that cannot be held exactly */
  | 'reference_not_exact'
  /** an agent that is not on the roster */
  | 'unknown_agent'
  /** a call scored with a rubric no qa component reads */
  | 'other_rubric'
  /** a call scored on a different scale than its component */
  | 'scale_mismatch'
  /** a call added to (or a result asked again of) a streaming assessment that has already finished */
  | 'already_finished'
  /** the shared bad-input codes (bounds, numbers, schema, `internal`) */
  | BadInputIssueCode
  /** the assessed period's own problems (its id, time zone), under path period */
  | PeriodIssueCode
  /** a metrics record's raw KPI input */
  | KpiIssueCode;
