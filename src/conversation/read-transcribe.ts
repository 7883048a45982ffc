/**
 * Reading Amazon Transcribe Call Analytics post-call output (JSON) as a timed
 * transcript: one turn per entry of `Transcript[]`, the speaker from
 * `ParticipantRole` (AGENT → agent, CUSTOMER → customer, or a map you give),
 * times from `BeginOffsetMillis` / `EndOffsetMillis`, text from `Content`.
 * The call's length is `ConversationCharacteristics.TotalConversationDurationMillis`
 * when present. Other fields (Items, Sentiment, LoudnessScores, Categories…) are ignored.
 */
import type { Issue, PathSegment } from '../issues/issues.js';
import { jsonWithArray, timingIssuesAt, type ReadResult } from './read-common.js';
import { isObject } from './validate.js';
import type { TimedTurn } from './types.js';
import type { TimingIssueCode } from './issue-codes.js';

/**
 * Options of {@link readTranscribeCallAnalytics}.
 *
 * @example
 * ```ts
 * const o: TranscribeOptions = { roles: { AGENT: 'agent', CUSTOMER: 'customer' } };
 * ```
 */
export interface TranscribeOptions {
  /** ParticipantRole → transcript speaker. Default AGENT → agent, CUSTOMER → customer. */
  readonly roles?: Readonly<Record<string, string>>;
}

const DEFAULT_ROLES: Readonly<Record<string, string>> = { AGENT: 'agent', CUSTOMER: 'customer' };


const isMillis = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/**
 * Reads Transcribe Call Analytics output (the parsed JSON, or its text) into
 * a timed call (seconds), or every problem with its JSON path.
 *
 * @example
 * ```ts
 * const r = readTranscribeCallAnalytics({
 *   Transcript: [{ ParticipantRole: 'AGENT', BeginOffsetMillis: 0, EndOffsetMillis: 2500, Content: 'Hello, how can I help?' }],
 * });
 * r.success && r.call.transcript[0]?.end; // 2.5
 * ```
 */
export function readTranscribeCallAnalytics(json: unknown, options: TranscribeOptions = {}): ReadResult {
  const issues: Issue<TimingIssueCode>[] = [];
  const push = (code: TimingIssueCode, path: PathSegment[], message: string): void => void issues.push({ code, path, message });
  const parsed = jsonWithArray(json, 'Transcript', 'Call Analytics output has a Transcript array');
  if ('issues' in parsed) return { success: false, issues: parsed.issues };
  const doc = parsed.doc;
  const roles = options.roles ?? DEFAULT_ROLES;
  const turns: TimedTurn[] = [];
  const index: number[] = [];
  (doc['Transcript'] as unknown[]).forEach((t, i) => {
    const p: PathSegment[] = ['Transcript', i];
    if (!isObject(t)) return push('invalid_type', p, 'a Transcript entry is an object');
    const role = t['ParticipantRole'];
    const begin = t['BeginOffsetMillis'];
    const end = t['EndOffsetMillis'];
    const content = t['Content'];
    let ok = true;
    const speaker = typeof role === 'string' && Object.hasOwn(roles, role) ? roles[role] : undefined;
    if (speaker === undefined) {
      push(role === undefined ? 'required' : 'unknown_speaker', [...p, 'ParticipantRole'], `ParticipantRole ${JSON.stringify(role)} is not one of ${Object.keys(roles).join(', ')}`);
      ok = false;
    }
    for (const [k, v] of [['BeginOffsetMillis', begin], ['EndOffsetMillis', end]] as const) {
      if (!isMillis(v)) {
        push(v === undefined ? 'required' : 'invalid_type', [...p, k], `${k} is whole milliseconds ≥ 0`);
        ok = false;
      }
    }
    if (typeof content !== 'string') {
      push(content === undefined ? 'required' : 'invalid_type', [...p, 'Content'], 'Content is the text of the turn');
      ok = false;
    }
    if (!ok) return;
    turns.push({ speaker: speaker as string, text: content as string, start: (begin as number) / 1000, end: (end as number) / 1000 });
    index.push(i);
  });
  const cc = doc['ConversationCharacteristics'];
  const total = isObject(cc) ? cc['TotalConversationDurationMillis'] : undefined;
  const call = isMillis(total) ? { transcript: turns, duration: total / 1000 } : { transcript: turns };
  issues.push(
    ...timingIssuesAt(call, (turn, field) => ['Transcript', index[turn] ?? turn, field === 'start' ? 'BeginOffsetMillis' : 'EndOffsetMillis']),
  );
  return issues.length > 0 ? { success: false, issues } : { success: true, call };
}
