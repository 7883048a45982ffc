/**
 * What the transcript readers share: their result type, and the timing
 * checks of `validate.ts` with each issue's path moved to where the reader's
 * own input says it (a line of a WebVTT file, an entry of Transcribe's
 * `Transcript[]`).
 */
import type { Issue, PathSegment } from '../issues/issues.js';
import type { TimedCall } from './types.js';
import { validateTimings } from './validate.js';
import type { TimingIssueCode } from './issue-codes.js';

/**
 * The result of a reader: a timed call, or every problem found.
 *
 * @example
 * ```ts
 * const r: ReadResult = readWebVtt(text);
 * if (!r.success) console.error(r.issues);
 * ```
 */
export type ReadResult = { readonly success: true; readonly call: TimedCall } | { readonly success: false; readonly issues: readonly Issue<TimingIssueCode>[] };

/**
 * The timing issues of a call, with turn paths rewritten by `pathOf(turn, field)`.
 *
 * @example
 * ```ts
 * timingIssuesAt(call, (turn, field) => ['Transcript', turn, field === 'start' ? 'BeginOffsetMillis' : 'EndOffsetMillis']);
 * ```
 */
export function timingIssuesAt(call: TimedCall, pathOf: (turn: number, field: string) => PathSegment[]): Issue<TimingIssueCode>[] {
  return validateTimings(call.transcript, call.events, call.duration).map((i) =>
    i.path[0] === 'transcript' && typeof i.path[1] === 'number' ? { ...i, path: pathOf(i.path[1], String(i.path[2] ?? '')) } : i,
  );
}

/**
 * The JSON a reader was given (parsed already, or text to parse), checked to
 * be an object with an array under `key`; or the one issue that stops it.
 *
 * @example
 * ```ts
 * const d = jsonWithArray('{"Transcript":[]}', 'Transcript', 'Call Analytics output has a Transcript array');
 * 'doc' in d; // true
 * ```
 */
export function jsonWithArray(json: unknown, key: string, message: string): { doc: Record<string, unknown> } | { issues: Issue<TimingIssueCode>[] } {
  let doc = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      return { issues: [{ code: 'invalid_json', path: [], message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Array.isArray((doc as Record<string, unknown>)[key])) {
    return { issues: [{ code: 'invalid_type', path: [key], message }] };
  }
  return { doc: doc as Record<string, unknown> };
}
