/**
 * Checking the timings of a call before anything is measured: each turn's
 * start and end, their order, one speaker's turns not overlapping, events
 * (hold, mute, transfer) well formed, and nothing beyond the call's end.
 * Every problem is an issue naming the turn or event by index
 * (`['transcript', 3, 'end']`); nothing is reordered or dropped silently.
 * One pass over the turns (a map of each speaker's last end), one over the events.
 */
import type { Issue, PathSegment } from '../issues/issues.js';
import type { TimingIssueCode } from './issue-codes.js';

const EVENT_TYPES = new Set(['hold', 'mute', 'transfer']);
const EVENT_KEYS = new Set(['type', 'start', 'end']);

/**
 * A plain JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * isObject({}); // true
 * ```
 */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/**
 * Does this transcript carry timings to measure? True when any turn has an
 * `end` (then every turn must have `start` and `end`, which
 * {@link validateTimings} checks).
 *
 * @example
 * ```ts
 * isTimedTranscript([{ speaker: 'agent', text: '您好', start: 0, end: 1.2 }]); // true
 * isTimedTranscript([{ speaker: 'agent', text: '您好', start: 0 }]); // false
 * ```
 */
export function isTimedTranscript(transcript: unknown): boolean {
  if (!Array.isArray(transcript)) return false;
  for (const t of transcript) if (isObject(t) && t['end'] !== undefined) return true;
  return false;
}

const fmt = (s: number): string => `${s} s`;

/**
 * The timing issues of a call: turns (when timed), events and duration.
 * Structural problems of a turn (not an object, no speaker, a `start` that is
 * not a number) are left to the caller's own checks and skipped here.
 *
 * @example
 * ```ts
 * validateTimings([{ speaker: 'agent', text: '您好', start: 2, end: 1 }]);
 * // [{ code: 'end_before_start', path: ['transcript', 0, 'end'], message: 'turn 0 ends at 1 s, before it starts (2 s)' }]
 * ```
 */
export function validateTimings(transcript: unknown, events?: unknown, duration?: unknown): Issue<TimingIssueCode>[] {
  const issues: Issue<TimingIssueCode>[] = [];
  // The path last: its segments as arguments, so that an issue's path is built only for an issue.
  const push = (code: TimingIssueCode, message: string, ...path: PathSegment[]): void => void issues.push({ code, path, message });
  let callEnd: number | null = null;
  if (duration !== undefined) {
    if (isTime(duration)) callEnd = duration;
    else push('invalid_type', 'duration is the call’s length in seconds (a number ≥ 0)', 'duration');
  }

  if (isTimedTranscript(transcript)) {
    const turns = transcript as unknown[];
    // Each speaker's turn that ends last so far, by index (a number per entry, no object per turn).
    const lastEnd = new Map<string, number>();
    let prevStart: number | null = null;
    let prevIndex = -1;
    turns.forEach((t, i) => {
      if (!isObject(t) || typeof t['speaker'] !== 'string') return;
      const start = t['start'];
      const end = t['end'];
      if (start === undefined) push('missing_time', `turn ${i} has no start: when any turn has an end, every turn needs start and end (seconds)`, 'transcript', i, 'start');
      if (end === undefined) push('missing_time', `turn ${i} has no end: when any turn has an end, every turn needs start and end (seconds)`, 'transcript', i, 'end');
      else if (!isTime(end)) push('invalid_type', 'end is seconds from the call’s start (≥ 0)', 'transcript', i, 'end');
      if (!isTime(start)) return;
      if (prevStart !== null && start < prevStart) {
        push('unsorted_turns', `turn ${i} starts at ${fmt(start)}, before turn ${prevIndex} (${fmt(prevStart)}): turns must be in order of start; callqa does not reorder them`, 'transcript', i, 'start');
      } else {
        prevStart = start;
        prevIndex = i;
      }
      if (!isTime(end)) return;
      if (end < start) {
        push('end_before_start', `turn ${i} ends at ${fmt(end)}, before it starts (${fmt(start)})`, 'transcript', i, 'end');
        return;
      }
      if (callEnd !== null && end > callEnd) push('beyond_call', `turn ${i} ends at ${fmt(end)}, after the call's end (${fmt(callEnd)})`, 'transcript', i, 'end');
      const speaker = t['speaker'];
      const last = lastEnd.get(speaker);
      // A kept turn's end is a time (it was kept after the checks above); -1 (none yet) is before any.
      const lastEndAt = last === undefined ? -1 : ((turns[last] as Record<string, number>)['end'] as number);
      if (start < lastEndAt) {
        push('overlapping_turns', `turn ${i} (${speaker}) starts at ${fmt(start)}, before the same speaker's turn ${last} ends (${fmt(lastEndAt)})`, 'transcript', i, 'start');
      }
      if (end >= lastEndAt) lastEnd.set(speaker, i);
    });
  }

  if (events !== undefined) {
    if (!Array.isArray(events)) push('invalid_type', 'events must be an array of { type, start, end? }', 'events');
    else {
      const lastOfType = new Map<string, { end: number; start: number; index: number }>();
      events.forEach((e: unknown, i) => {
        if (!isObject(e)) return push('invalid_type', 'an event is { type: "hold" | "mute" | "transfer", start, end? } (seconds)', 'events', i);
        for (const k of Object.keys(e)) if (!EVENT_KEYS.has(k)) push('unknown_key', `unknown key "${k}"`, 'events', i, k);
        const type = e['type'];
        if (typeof type !== 'string' || !EVENT_TYPES.has(type)) push('invalid_value', 'type is "hold", "mute" or "transfer"', 'events', i, 'type');
        const start = e['start'];
        const end = e['end'];
        if (!isTime(start)) push(start === undefined ? 'required' : 'invalid_type', 'start is seconds from the call’s start (≥ 0)', 'events', i, 'start');
        const span = type === 'hold' || type === 'mute';
        if (span && end === undefined) push('required', `a ${String(type)} event needs an end`, 'events', i, 'end');
        else if (end !== undefined && !isTime(end)) push('invalid_type', 'end is seconds from the call’s start (≥ 0)', 'events', i, 'end');
        if (!isTime(start) || typeof type !== 'string' || !EVENT_TYPES.has(type)) return;
        const stop = isTime(end) ? end : start;
        if (stop < start) return push('end_before_start', `event ${i} ends at ${fmt(stop)}, before it starts (${fmt(start)})`, 'events', i, 'end');
        if (callEnd !== null && stop > callEnd) push('beyond_call', `event ${i} ends at ${fmt(stop)}, after the call's end (${fmt(callEnd)})`, 'events', i, isTime(end) ? 'end' : 'start');
        const last = lastOfType.get(type);
        if (last && start < last.start) push('unsorted_events', `${type} event ${i} starts before ${type} event ${last.index}: events of a type must be in order of start`, 'events', i, 'start');
        else if (last && start < last.end) push('overlapping_events', `${type} event ${i} starts at ${fmt(start)}, before ${type} event ${last.index} ends (${fmt(last.end)})`, 'events', i, 'start');
        else lastOfType.set(type, { start, end: stop, index: i });
      });
    }
  }
  return issues;
}

/**
 * The shape problems of timed turns (each `{ speaker, text, start, end }`),
 * for callers that have not checked the shape themselves (the readers,
 * `safeTranscriptMetrics`); {@link validateTimings} then checks the times.
 *
 * @example
 * ```ts
 * turnShapeIssues([{ speaker: 'agent', text: '您好' }]); // [{ code: 'missing_time', path: ['transcript', 0, 'start'], … }]
 * ```
 */
export function turnShapeIssues(turns: readonly unknown[]): Issue<TimingIssueCode>[] {
  const issues: Issue<TimingIssueCode>[] = [];
  turns.forEach((t, i) => {
    if (!isObject(t) || typeof t['speaker'] !== 'string' || typeof t['text'] !== 'string') {
      issues.push({ code: 'invalid_type', path: ['transcript', i], message: 'a timed turn is { speaker: string, text: string, start, end } (seconds)' });
    } else if (!isTime(t['start'])) {
      issues.push({ code: t['start'] === undefined ? 'missing_time' : 'invalid_type', path: ['transcript', i, 'start'], message: 'start is seconds from the call’s start (≥ 0)' });
    } else if (t['end'] === undefined) {
      issues.push({ code: 'missing_time', path: ['transcript', i, 'end'], message: `turn ${i} has no end` });
    }
  });
  return issues;
}
