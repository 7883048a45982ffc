/**
 * Reading callqa's own timed-call JSON: `{ transcript, events?, duration? }`
 * (an evaluation, which has the same three fields, reads too; its other fields
 * are ignored). Turns are `{ speaker, text, start, end }` in seconds.
 */
import type { Issue } from '../issues/issues.js';
import { jsonWithArray, timingIssuesAt, type ReadResult } from './read-common.js';
import { turnShapeIssues } from './validate.js';
import type { CallEvent, TimedCall, TimedTurn } from './types.js';
import type { TimingIssueCode } from './issue-codes.js';

/**
 * Reads callqa's timed-call JSON (parsed, or its text), or every problem with its path.
 *
 * @example
 * ```ts
 * const r = readTimedCall({ transcript: [{ speaker: 'agent', text: '您好', start: 0, end: 1 }], events: [{ type: 'hold', start: 2, end: 40 }] });
 * r.success && r.call.events?.length; // 1
 * ```
 */
export function readTimedCall(json: unknown): ReadResult {
  const parsed = jsonWithArray(json, 'transcript', 'a timed call is { transcript: [...], events?, duration? }');
  if ('issues' in parsed) return { success: false, issues: parsed.issues };
  const doc = parsed.doc;
  const turns = doc['transcript'] as unknown[];
  const issues: Issue<TimingIssueCode>[] = turnShapeIssues(turns);
  const call = doc as unknown as TimedCall;
  issues.push(...timingIssuesAt(call, (turn, field) => ['transcript', turn, field]));
  if (issues.length > 0) return { success: false, issues };
  const out: { transcript: TimedTurn[]; events?: CallEvent[]; duration?: number } = {
    transcript: turns.map((t) => {
      const o = t as TimedTurn;
      return { speaker: o.speaker, text: o.text, start: o.start, end: o.end };
    }),
  };
  if (Array.isArray(doc['events'])) out.events = (doc['events'] as CallEvent[]).map((e) => (e.end === undefined ? { type: e.type, start: e.start } : { type: e.type, start: e.start, end: e.end }));
  if (typeof doc['duration'] === 'number') out.duration = doc['duration'];
  return { success: true, call: out };
}
