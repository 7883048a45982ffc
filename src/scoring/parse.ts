/**
 * Reading an evaluation at the boundary, before any arithmetic: its shape
 * (hand-written rather than zod because it runs once per call on the hot path),
 * each turn of its transcript, and each answer — a number must be one callqa
 * holds exactly (src/issues/numbers.ts), so nothing out of range ever reaches
 * the exact arithmetic or the phrase matcher. Every problem becomes an issue
 * with its path; nothing here throws on any JSON-like value.
 */
import { validateTimings } from '../conversation/validate.js';
import type { AttributeValue } from '../conditions/conditions.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { numberProblem } from '../issues/numbers.js';
import { daysInMonth } from '../periods/day-number.js';
import type { AnswerValue, Turn } from './evaluation.js';
import type { EvaluationIssueCode } from './issue-codes.js';

const EVALUATION_KEYS = new Set(['id', 'agentId', 'evaluatorId', 'date', 'answers', 'attributes', 'transcript', 'events', 'duration']);
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d))?$/;

/**
 * Whether a value is an object that is not an array (a JSON object).
 *
 * @example
 * ```ts
 * isPlainObject({}); // true
 * isPlainObject([]); // false
 * ```
 */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** An evaluation whose shape has been checked. */
export interface ParsedEvaluation {
  readonly id: string;
  readonly agentId: string;
  readonly evaluatorId: string | undefined;
  readonly date: string;
  readonly answers: Record<string, unknown>;
  readonly attributes: Record<string, AttributeValue> | undefined;
  /** The turns, when every turn is well formed (otherwise issues say why and this is undefined). */
  readonly transcript: Turn[] | undefined;
  /** Whether a transcript was given at all (well formed or not). */
  readonly hasTranscript: boolean;
}

function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  return Number(s.slice(8, 10)) <= daysInMonth(Number(s.slice(0, 4)), Number(s.slice(5, 7)));
}

function readString(ev: Record<string, unknown>, k: string, required: boolean, issues: Issue<EvaluationIssueCode>[]): string | undefined {
  const v = ev[k];
  if (v === undefined) {
    if (required) issues.push({ code: 'required', path: [k], message: `${k} is required` });
    return undefined;
  }
  if (k === 'id' && typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v !== 'string' || v === '') {
    issues.push({ code: 'invalid_type', path: [k], message: `${k} must be a non-empty string` });
    return undefined;
  }
  return v;
}

/** Checks each turn; returns the turns only when all are well formed. */
function readTranscript(tr: unknown, issues: Issue<EvaluationIssueCode>[]): Turn[] | undefined {
  if (!Array.isArray(tr)) {
    issues.push({ code: 'invalid_type', path: ['transcript'], message: 'transcript must be an array of turns' });
    return undefined;
  }
  const before = issues.length;
  for (let i = 0; i < tr.length; i++) {
    const t: unknown = tr[i];
    const path: PathSegment[] = ['transcript', i];
    if (!isPlainObject(t)) {
      issues.push({ code: 'invalid_type', path, message: 'a turn is { speaker: string, text: string, start?: number }' });
      continue;
    }
    for (const k of ['speaker', 'text'] as const) {
      const v = t[k];
      if (v === undefined) issues.push({ code: 'required', path: [...path, k], message: `a turn needs its ${k}` });
      else if (typeof v !== 'string' || (k === 'speaker' && v === '')) {
        issues.push({ code: 'invalid_type', path: [...path, k], message: `${k} must be a ${k === 'speaker' ? 'non-empty ' : ''}string` });
      }
    }
    const start = t['start'];
    if (start !== undefined && !(typeof start === 'number' && Number.isFinite(start) && start >= 0 && start <= 1e9)) {
      issues.push({ code: 'invalid_type', path: [...path, 'start'], message: 'start is seconds from the call’s start (from 0 to 10^9)' });
    }
  }
  return issues.length === before ? (tr as Turn[]) : undefined;
}

/**
 * Structural checks of an evaluation; pushes an issue per problem and returns
 * null when the fields scoring needs are missing.
 *
 * @example
 * ```ts
 * const issues: Issue<EvaluationIssueCode>[] = [];
 * parseEvaluation({ id: 'c', agentId: 'a', date: '2026-10-08', answers: {} }, issues)?.id; // 'c'
 * ```
 */
export function parseEvaluation(ev: unknown, issues: Issue<EvaluationIssueCode>[]): ParsedEvaluation | null {
  if (!isPlainObject(ev)) {
    issues.push({ code: 'invalid_type', path: [], message: 'an evaluation must be an object' });
    return null;
  }
  const id = readString(ev, 'id', true, issues);
  const agentId = readString(ev, 'agentId', true, issues);
  const evaluatorId = readString(ev, 'evaluatorId', false, issues);
  const date = readString(ev, 'date', true, issues);
  if (date !== undefined && !isCalendarDate(date)) {
    issues.push({ code: 'invalid_date', path: ['date'], message: `date "${date}" is not YYYY-MM-DD or an ISO date-time with an offset` });
  }
  for (const k of Object.keys(ev)) {
    if (!EVALUATION_KEYS.has(k)) {
      issues.push({ code: 'unknown_key', path: [k], message: `unknown key "${k}"` });
    }
  }
  const answers = ev['answers'];
  if (!isPlainObject(answers)) {
    issues.push({ code: answers === undefined ? 'required' : 'invalid_type', path: ['answers'], message: 'answers must be an object from item id to answer' });
  }
  let attributes: Record<string, AttributeValue> | undefined;
  const attrs = ev['attributes'];
  if (attrs !== undefined) {
    if (!isPlainObject(attrs)) issues.push({ code: 'invalid_type', path: ['attributes'], message: 'attributes must be an object' });
    else {
      for (const [k, v] of Object.entries(attrs)) {
        if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
          issues.push({ code: 'invalid_type', path: ['attributes', k], message: 'an attribute is a string, number or boolean' });
        }
      }
      attributes = attrs as Record<string, AttributeValue>;
    }
  }
  const tr = ev['transcript'];
  const transcript = tr === undefined ? undefined : readTranscript(tr, issues);
  // Timings of a timed transcript and the call's events (src/conversation): every problem by turn index.
  issues.push(...validateTimings(tr, ev['events'], ev['duration']));
  if (id === undefined || agentId === undefined || date === undefined || !isPlainObject(answers)) return null;
  return { id, agentId, evaluatorId, date, answers, attributes, transcript, hasTranscript: tr !== undefined };
}

/** One answer as read: its value, and the evaluator's note and root causes. */
export interface Answer {
  readonly value: AnswerValue;
  readonly note: string | undefined;
  readonly causes: string[] | undefined;
}

/**
 * Reads one answer: a scalar, or `{ value, note?, causes? }`. A number must be
 * finite (`invalid_answer_kind`), at most 10^9 in size (`too_large`) and have
 * at most 6 decimal places (`too_precise`). Returns null when it is unusable.
 *
 * @example
 * ```ts
 * const issues: Issue<EvaluationIssueCode>[] = [];
 * readAnswer(1e20, 'forbidden', issues); // null; issues[0].code === 'too_large'
 * ```
 */
export function readAnswer(raw: unknown, itemId: string, issues: Issue<EvaluationIssueCode>[], nested = false): Answer | null {
  if (raw === null || typeof raw === 'boolean' || typeof raw === 'string') return { value: raw, note: undefined, causes: undefined };
  const path: PathSegment[] = nested ? ['answers', itemId, 'value'] : ['answers', itemId];
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) {
      issues.push({ code: 'invalid_answer_kind', path, message: 'a numeric answer must be finite' });
      return null;
    }
    const p = numberProblem(raw);
    if (p) {
      issues.push({ code: p.code, path, message: p.message });
      return null;
    }
    return { value: raw, note: undefined, causes: undefined };
  }
  if (!nested && isPlainObject(raw) && 'value' in raw) {
    const inner = readAnswer(raw['value'], itemId, issues, true);
    if (!inner) return null;
    const note = raw['note'];
    const causes = raw['causes'];
    if (note !== undefined && typeof note !== 'string') issues.push({ code: 'invalid_type', path: [...path, 'note'], message: 'note must be a string' });
    if (causes !== undefined && !(Array.isArray(causes) && causes.every((c) => typeof c === 'string'))) {
      issues.push({ code: 'invalid_type', path: [...path, 'causes'], message: 'causes must be an array of strings' });
    }
    for (const k of Object.keys(raw)) {
      if (k !== 'value' && k !== 'note' && k !== 'causes') issues.push({ code: 'unknown_key', path: [...path, k], message: `unknown key "${k}"` });
    }
    return {
      value: inner.value,
      note: typeof note === 'string' ? note : undefined,
      causes: Array.isArray(causes) ? (causes as string[]) : undefined,
    };
  }
  issues.push({ code: 'invalid_answer_kind', path, message: 'an answer is true/false, a number, a string, null (N/A) or { value, note?, causes? }' });
  return null;
}
