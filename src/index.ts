/**
 * callqa — a contact centre's written quality standard as exact, explainable numbers.
 *
 * The pure core: rubrics, call scores, phrases, KPIs, periods, plans and
 * assessments, formatting, and the quality programme's statistics (sampling,
 * calibration, early warning, problem analysis, validity). Synchronous, no Node
 * built-in anywhere in its module graph: it runs in browsers, Web Workers, edge
 * runtimes and Node. Files, streams and worker threads are in `callqa/node`.
 *
 * Every value exported here is public and documented; each folder's other
 * exports are its internals. Every type reachable from these is exported too.
 *
 * @packageDocumentation
 */

// Issues and errors: one `{ code, path, message }` shape, one error base class.
export {
  CallqaError,
  formatPath,
  prettifyIssues,
  checkBounds,
  numberProblem,
  DOCUMENT_LIMITS,
  EVALUATION_LIMITS,
  MAX_DECIMALS,
  MAX_MAGNITUDE,
} from './issues/index.js';
export type * from './issues/index.js';

// Exact arithmetic, labels, conditions, intervals.
export { Ratio, ArithmeticOverflowError } from './exact/index.js';
export type * from './exact/index.js';
export { LOCALES, localize } from './localize/index.js';
export type * from './localize/index.js';
export { matchesCondition } from './conditions/index.js';
export type * from './conditions/index.js';
export { parseInterval, inInterval } from './bands/index.js';
export type * from './bands/index.js';

// Rubrics, call scores, phrases, measures of timed transcripts, formatting.
export { loadRubric, safeLoadRubric, RubricError } from './rubric/index.js';
export type * from './rubric/index.js';
export { rubricJsonSchema, planJsonSchema } from './schema-json/json-schema.js';
export { scoreCall, safeScoreCall, EvaluationError } from './scoring/index.js';
export type * from './scoring/index.js';
export { compilePhraseMatcher, normalizeText, PhraseError, PHRASE_EVIDENCE_LIMIT } from './phrases/index.js';
export type * from './phrases/index.js';
export {
  transcriptMetrics,
  safeTranscriptMetrics,
  validateTimings,
  isTimedTranscript,
  readWebVtt,
  readTranscribeCallAnalytics,
  readTimedCall,
  speechUnits,
  TimingError,
  METRICS,
  METRIC_NAMES,
  METRIC_DESCRIPTIONS,
  DEFAULT_BACKCHANNELS,
} from './conversation/index.js';
export type * from './conversation/index.js';
export { formatCallScore, formatRubric, itemReason, deductionReason, scaleLegend } from './format/index.js';
export type * from './format/index.js';

// KPIs and periods.
export {
  KPI_NAMES,
  KPI_FORMULAS,
  KpiError,
  computeKpis,
  kpiInputIssues,
  abandonRate,
  answerRate,
  attendance,
  attrition,
  averageHandleTime,
  averageSpeedOfAnswer,
  firstContactResolution,
  missedCallRate,
  notReadyOccurrences,
  notReadyRate,
  occupancy,
  scheduleAdherence,
  serviceLevel,
  shrinkage,
} from './kpis/index.js';
export type * from './kpis/index.js';
export {
  PeriodError,
  period,
  calendarMonth,
  cycle,
  isoWeek,
  quarter,
  periodOf,
  inPeriod,
  parsePeriodId,
  safeParsePeriodId,
  monthsOfQuarter,
  quarterOfMonth,
  localDate,
  inForceOn,
  selectVersion,
  versionForPeriod,
  validateVersionTimeline,
} from './periods/index.js';
export type * from './periods/index.js';

// Monthly assessments.
export {
  loadPlan,
  safeLoadPlan,
  PlanError,
  assessAgents,
  startAssessment,
  AssessmentError,
  formatAssessment,
  metricsFromRows,
  provideMathjs,
  selectPlan,
  FORMULA_FUNCTIONS,
  KPI_METRICS,
} from './assessment/index.js';
export type * from './assessment/index.js';

// The quality programme.
export { SamplingError, allocateStrata, checkBalance, sampleSizeForMean, sampleSizeForProportion, selectSample } from './sampling/index.js';
export type * from './sampling/index.js';
export {
  CalibrationError,
  calibrate,
  cohenKappa,
  cohenKappaFromTable,
  consensusDrift,
  fleissKappa,
  fleissKappaFromCounts,
  icc,
  krippendorffAlpha,
  toRatingMatrix,
} from './calibration/index.js';
export type * from './calibration/index.js';
export {
  EarlyWarningError,
  EARLY_WARNING_DEFAULTS,
  MIN_OWN_POINTS,
  createMonitor,
  resumeMonitor,
  detectDecline,
  watchCentre,
  CentreCollector,
  phaseOneBaseline,
  chooseBaseline,
  individualsChart,
  ewmaChart,
  cusumChart,
  ewmaStep,
  cusumStep,
  runRules,
  alertReason,
  alertsSince,
  cusumArl,
  ewmaArl,
  siegmundArl,
} from './early-warning/index.js';
export { simulateCentre, type CentreSimulation, type CentreResult } from './early-warning/simulation.js';
export type * from './early-warning/index.js';
export { ProblemError, ProblemTally, analyzeProblems, itemFailed, lostPoints, pdcaTiers, quantileCuts, reviewCalls } from './problems/index.js';
export type * from './problems/index.js';
export { ValidityError, rubricValidity, qaVersusExams } from './validity/index.js';
export type * from './validity/index.js';
export { CorrelationError, pearson, spearman, pointBiserial, itemPredictiveness } from './correlation/index.js';
export type * from './correlation/index.js';
export { DistributionError } from './distributions/index.js';
export type { DistributionIssueCode } from './distributions/index.js';

// The monthly QA report: one self-contained HTML page (inline SVG charts, no script).
export { renderReport } from './report/index.js';
export type * from './report/index.js';

// The synthetic centre (seeded, reproducible): for demos, tests and benchmarks.
export { GenerateError, KPI_COLUMNS, generateEvaluations, generateKpis } from './generate/index.js';
export type * from './generate/index.js';
