/**
 * The issue codes of conversation: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */
import type { BadInputIssueCode } from '../issues/codes.js';

/** The codes of the issues reported by `TimingError` and `safeTranscriptMetrics`. Listed with their meanings in docs/issue-codes.md. */
export type TimingIssueCode =
  /** a turn or event ends before it starts */
  | 'end_before_start'
  /** a turn lacks start or end while others have them */
  | 'missing_time'
  /** a turn or event ends after the call has ended */
  | 'beyond_call'
  /** text that is not valid JSON */
  | 'invalid_json'
  /** a WebVTT cue without a timing line */
  | 'invalid_cue'
  /** a WebVTT file that does not start with WEBVTT */
  | 'invalid_header'
  /** a WebVTT timing line that cannot be read */
  | 'invalid_timing'
  /** a WebVTT cue without a voice span, and no default speaker */
  | 'missing_voice'
  /** one WebVTT cue with several voices */
  | 'multiple_voices'
  /** a speaker or participant role not in the speaker map */
  | 'unknown_speaker'
  /** the shared bad-input codes (bounds, numbers, schema, `internal`) */
  | BadInputIssueCode;
