/**
 * Timed transcripts: readers (callqa JSON, WebVTT, Amazon Transcribe Call
 * Analytics), timing validation, and the conversation measures (talk time,
 * overlap, non-talk, holds, waits, interruptions, speech rate, monologues,
 * response latency) that rubric items can be decided by.
 */
export * from './types.js';
export { speechUnits, backchannelKey } from './units.js';
export { isTimedTranscript, validateTimings, turnShapeIssues } from './validate.js';
export { TimingError, transcriptMetrics, safeTranscriptMetrics, measureValidCall, type SafeMetricsResult } from './metrics.js';
export { METRICS, METRIC_NAMES, readMetric, type MetricName, type MetricDefinition as MeasureDefinition, type MetricReading, type MetricUnit } from './catalogue.js';
export { METRIC_DESCRIPTIONS } from './catalogue.docs.js';
export { readWebVtt, type WebVttOptions } from './read-webvtt.js';
export { readTranscribeCallAnalytics, type TranscribeOptions } from './read-transcribe.js';
export { readTimedCall } from './read-callqa.js';
export type { ReadResult } from './read-common.js';
export type { TimingIssueCode } from './issue-codes.js';
