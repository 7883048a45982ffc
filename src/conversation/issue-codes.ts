/**
 * The issue codes of conversation: a union per error, so the compiler checks every
 * code raised against the documented list (docs/issue-codes.md is built from it).
 */

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
  /** a turn that starts before the turn listed ahead of it */
  | 'unsorted_turns'
  /** one speaker's turns that overlap in time */
  | 'overlapping_turns'
  /** an event that starts before the event listed ahead of it */
  | 'unsorted_events'
  /** two events that overlap in time */
  | 'overlapping_events'
  /** a required field (a turn's start, a participant role) is missing */
  | 'required'
  /** a value of the wrong type */
  | 'invalid_type'
  /** an event field the format does not have */
  | 'unknown_key'
  /** an event type that is not one of the known ones */
  | 'invalid_value';
