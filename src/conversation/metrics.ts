/**
 * Conversation measures of a timed call, the public functions: the timings
 * are checked first (validate.ts: every problem by turn or event index), then
 * the call is measured in one sweep (sweep.ts, with the gap measures of
 * gaps.ts): linear time, pure, integer milliseconds throughout.
 */
import { CallqaError, type Issue } from '../issues/issues.js';
import type { MetricsOptions, TimedCall, TranscriptMetrics } from './types.js';
import { ALL_PARTS, measureParts } from './sweep.js';
import { turnShapeIssues, validateTimings } from './validate.js';
import type { TimingIssueCode } from './issue-codes.js';

/**
 * Thrown by {@link transcriptMetrics} for a call whose timings are wrong; `issues` names each turn or event.
 *
 * @example
 * ```ts
 * try { transcriptMetrics(call); } catch (e) { if (e instanceof TimingError) console.error(e.issues); }
 * ```
 */
export class TimingError extends CallqaError<TimingIssueCode> {
  constructor(issues: readonly Issue<TimingIssueCode>[]) {
    super('Invalid call timings', issues);
    this.name = 'TimingError';
  }
}

/** The default options, one object, so that the resolved-options cache (keyed by the object) hits. */
const NO_OPTIONS: MetricsOptions = Object.freeze({});

/**
 * The measures of a call whose timings are known to be valid (no checks).
 * Used by scoring, which has already validated the evaluation.
 *
 * @example
 * ```ts
 * const m = measureValidCall(call, {});
 * ```
 */
export function measureValidCall(call: TimedCall, options: MetricsOptions = NO_OPTIONS): TranscriptMetrics {
  return measureParts(call, options, ALL_PARTS);
}

/** The result of {@link safeTranscriptMetrics}. */
export type SafeMetricsResult = { readonly success: true; readonly metrics: TranscriptMetrics } | { readonly success: false; readonly issues: readonly Issue<TimingIssueCode>[] };

/**
 * {@link transcriptMetrics} without throwing: the measures, or every timing issue.
 *
 * @example
 * ```ts
 * const r = safeTranscriptMetrics({ transcript: turns, events });
 * if (r.success) console.log(r.metrics.nonTalk.count);
 * ```
 */
export function safeTranscriptMetrics(call: TimedCall, options: MetricsOptions = NO_OPTIONS): SafeMetricsResult {
  const issues: Issue<TimingIssueCode>[] = [];
  if (!Array.isArray(call.transcript)) issues.push({ code: 'invalid_type', path: ['transcript'], message: 'transcript must be an array of turns' });
  else {
    issues.push(...turnShapeIssues(call.transcript));
    issues.push(...validateTimings(call.transcript, call.events, call.duration));
  }
  if (issues.length > 0) return { success: false, issues };
  return { success: true, metrics: measureValidCall(call, options) };
}

/**
 * Conversation measures of a timed call: each side's talk time and share,
 * overlap, non-talk (silence) instances, holds, waits, interruptions by each
 * side, speech rate (whole call and per turn), longest monologue and response
 * latency — each with the spans and turn indices that are its evidence.
 * Linear in the number of turns and events. Throws {@link TimingError} when
 * the timings are wrong.
 *
 * @example
 * ```ts
 * const m = transcriptMetrics({
 *   transcript: [
 *     { speaker: 'agent', text: '您好，请问有什么可以帮您？', start: 0, end: 2.5 },
 *     { speaker: 'customer', text: '我想查一下话费。', start: 3, end: 4.8 },
 *   ],
 * });
 * m.agent.talkMs; // 2500
 * ```
 */
export function transcriptMetrics(call: TimedCall, options: MetricsOptions = NO_OPTIONS): TranscriptMetrics {
  const r = safeTranscriptMetrics(call, options);
  if (!r.success) throw new TimingError(r.issues);
  return r.metrics;
}
