/**
 * Reading an evaluation at the boundary, before any arithmetic: its shape
 * (hand-written rather than zod because it runs once per call on the hot path),
 * each turn of its transcript, and each answer — a number must be one callqa
 * holds exactly (src/issues/numbers.ts), so nothing out of range ever reaches
 * the exact arithmetic or the phrase matcher. Every problem becomes an issue
 * with its path; nothing here throws on any JSON-like value.
 *
 * The size and depth bounds (src/issues/bounds.ts: depth, sizes, well-formed
 * strings, the count of values) are checked in the same walk, as each value is
 * read: the parts read here (the top level, the answers, the attributes, each
 * turn) are checked in place, and each value not read (an answer object, the
 * events, an unknown key's value) is handed to `boundsWalk`. So every value is
 * visited once; an input that crosses a limit is answered with `OUT_OF_BOUNDS`
 * and the caller asks `checkBounds` for the issues with their paths. Strings
 * known in advance are not re-checked: this reader's own key names (11
 * characters at most) and the rubric's item and level ids (checked when the
 * rubric loaded, under tighter limits).
 */
import { validateTimings } from '../conversation/validate.js';
import type { AttributeValue } from '../conditions/conditions.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { numberProblem } from '../issues/numbers.js';
import { boundsWalk, containerWithin, EVALUATION_LIMITS, isWalked, stringWithin, withinBounds, type InputLimits } from '../issues/bounds.js';
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import { daysInMonth } from '../periods/day-number.js';
import type { AnswerValue, Turn } from './evaluation.js';
import type { EvaluationIssueCode } from './issue-codes.js';
import { sharedItems, type SharedItems } from './shared-items.js';
import { perObject } from '../cache/per-object.js';

const EVALUATION_KEYS = new Set(['id', 'agentId', 'evaluatorId', 'date', 'answers', 'attributes', 'transcript', 'events', 'duration']);

/** A turn's own key: compared, not hashed — it runs for every key of every turn, and the keys JSON.parse makes are interned, as these literals are. */
function isTurnKey(k: string): boolean {
  return k === 'text' || k === 'speaker' || k === 'start' || k === 'end';
}

/** What {@link parseEvaluation} answers for an input that crosses a size or depth bound. */
export const OUT_OF_BOUNDS = 'out-of-bounds';

/** No bounds: for reading again an input whose bounds `checkBounds` found fine (the reader is stricter than the walk only on objects that are not plain). */
export const NO_LIMITS: InputLimits = Object.freeze({ maxDepth: Infinity, maxStringLength: Infinity, maxArrayLength: Infinity, maxKeys: Infinity, maxNodes: Infinity });

/** The bounds so far: values counted as `boundsWalk` counts them, -1 once a limit is crossed. */
interface Tally {
  nodes: number;
  readonly limits: InputLimits;
}

/** A value found at `depth` and not read here: counted as a child, then walked. */
function walkChild(t: Tally, v: unknown, depth: number): void {
  if (t.nodes < 0) return;
  const n = t.nodes + 1;
  t.nodes = n > t.limits.maxNodes ? -1 : boundsWalk(v, t.limits, depth, n);
}

/** A container found at `depth` that is read here: counted as a child and as walked; its size and depth checked. */
function enter(t: Tally, v: object, isArray: boolean, size: number, depth: number): boolean {
  if (t.nodes < 0) return false;
  t.nodes += 2;
  if (t.nodes > t.limits.maxNodes || (isWalked(v) && !containerWithin(isArray, size, depth, t.limits))) t.nodes = -1;
  return t.nodes >= 0;
}

/** A key of an object read here. */
function keyWithin(t: Tally, k: string): boolean {
  if (t.nodes >= 0 && !stringWithin(k, t.limits)) t.nodes = -1;
  return t.nodes >= 0;
}
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
  /** Answer keys that name no item of the rubric, in their order. */
  readonly unknownAnswers: readonly string[];
  /** Each item's raw answer by its place in the rubric (sections in order, items in order); `NO_ANSWER` when not given. Read once here, so scoring looks nothing up by key. */
  readonly answerSlots: readonly unknown[];
}

/** Where each item's answer goes: the first slot of each section (by section index), and how many slots. */
export interface AnswerLayout {
  readonly items: ReadonlyMap<string, CompiledItem>;
  readonly sectionStart: readonly number[];
  readonly size: number;
  /** The answer keys last read, by position, and the item each names: records of a batch list their answers in one order, and comparing interned strings is cheaper than a lookup. */
  readonly lastKeys: string[];
  readonly lastItems: (CompiledItem | undefined)[];
  /** Each item's outcome from a plain answer, kept once decided (src/scoring/shared-items.ts). */
  readonly shared: SharedItems;
}

/**
 * Each item's answer slot, by its place in the rubric (made once per rubric).
 *
 * @example
 * ```ts
 * answerLayout(rubric).size; // the number of items
 * ```
 */
export const answerLayout: (rubric: Rubric) => AnswerLayout = perObject((rubric: Rubric): AnswerLayout => {
  const sectionStart: number[] = [];
  let size = 0;
  for (const sec of rubric.sections) {
    sectionStart[sec.index] = size;
    size += sec.items.length;
  }
  return { items: rubric.items, sectionStart, size, lastKeys: [], lastItems: [], shared: sharedItems(rubric) };
});

/** An item with no answer given (an own property holding `undefined` is an answer, and a wrong one). */
export const NO_ANSWER: unique symbol = Symbol('no answer');

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

/** Checks each turn (and its bounds); returns the turns only when all are well formed. */
function readTranscript(tr: unknown, issues: Issue<EvaluationIssueCode>[], t: Tally): Turn[] | undefined {
  if (!Array.isArray(tr)) {
    walkChild(t, tr, 1);
    issues.push({ code: 'invalid_type', path: ['transcript'], message: 'transcript must be an array of turns' });
    return undefined;
  }
  if (!enter(t, tr, true, tr.length, 1)) return undefined;
  const before = issues.length;
  for (let i = 0; i < tr.length; i++) {
    const turn: unknown = tr[i];
    if (!isPlainObject(turn)) {
      walkChild(t, turn, 2);
      issues.push({ code: 'invalid_type', path: ['transcript', i], message: 'a turn is { speaker: string, text: string, start?: number }' });
      continue;
    }
    const keys = Object.keys(turn);
    if (!enter(t, turn, false, keys.length, 2)) return undefined;
    for (const k of keys) {
      if (!isTurnKey(k) && !keyWithin(t, k)) return undefined;
      walkChild(t, turn[k], 3);
    }
    if (t.nodes < 0) return undefined;
    for (const k of ['speaker', 'text'] as const) {
      const v = turn[k];
      if (v === undefined) issues.push({ code: 'required', path: ['transcript', i, k], message: `a turn needs its ${k}` });
      else if (typeof v !== 'string' || (k === 'speaker' && v === '')) {
        issues.push({ code: 'invalid_type', path: ['transcript', i, k], message: `${k} must be a ${k === 'speaker' ? 'non-empty ' : ''}string` });
      }
    }
    const start = turn['start'];
    if (start !== undefined && !(typeof start === 'number' && Number.isFinite(start) && start >= 0 && start <= 1e9)) {
      issues.push({ code: 'invalid_type', path: ['transcript', i, 'start'], message: 'start is seconds from the call’s start (from 0 to 10^9)' });
    }
  }
  return issues.length === before ? (tr as Turn[]) : undefined;
}

/** The answers' bounds, and which keys name no item (answers are read item by item in scoring). */
function answerKeys(answers: Record<string, unknown>, layout: AnswerLayout | undefined, slots: unknown[], t: Tally): string[] | null {
  const keys = Object.keys(answers);
  if (!enter(t, answers, false, keys.length, 1)) return null;
  let unknown: string[] | null = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    let item: CompiledItem | undefined;
    if (layout !== undefined) {
      if (layout.lastKeys[i] === k) item = layout.lastItems[i];
      else {
        item = layout.items.get(k);
        layout.lastKeys[i] = k;
        layout.lastItems[i] = item;
      }
    }
    if (item === undefined) {
      // An item id is a rubric string, checked when the rubric loaded; any other key is checked here.
      if (!keyWithin(t, k)) return null;
      (unknown ??= []).push(k);
    }
    const v = answers[k];
    if (item !== undefined) slots[(layout as AnswerLayout).sectionStart[item.sectionIndex]! + item.index] = v;
    // Other scalars are counted without a walk; the node limit is checked once below.
    if ((typeof v === 'object' && v !== null) || typeof v === 'string') {
      walkChild(t, v, 2);
      if (t.nodes < 0) return null;
    } else t.nodes++;
  }
  return t.nodes > t.limits.maxNodes ? null : (unknown ?? NONE);
}

const NONE: string[] = [];

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
export function parseEvaluation(
  ev: unknown,
  issues: Issue<EvaluationIssueCode>[],
  layout?: AnswerLayout,
  limits: InputLimits = EVALUATION_LIMITS,
): ParsedEvaluation | null | typeof OUT_OF_BOUNDS {
  if (!isPlainObject(ev)) {
    if (!withinBounds(ev, limits)) return OUT_OF_BOUNDS;
    issues.push({ code: 'invalid_type', path: [], message: 'an evaluation must be an object' });
    return null;
  }
  // The top level: bounds of every value not read below, and the keys that are not ours.
  const t: Tally = { nodes: 1, limits };
  const keys = Object.keys(ev);
  if (isWalked(ev) && !containerWithin(false, keys.length, 0, limits)) return OUT_OF_BOUNDS;
  let unknownKeys: string[] | undefined;
  for (const k of keys) {
    if (!EVALUATION_KEYS.has(k)) {
      if (!keyWithin(t, k)) return OUT_OF_BOUNDS;
      (unknownKeys ??= []).push(k);
    } else if (k === 'answers' || k === 'attributes' || k === 'transcript') continue;
    walkChild(t, ev[k], 1);
  }
  if (t.nodes < 0) return OUT_OF_BOUNDS;
  const id = readString(ev, 'id', true, issues);
  const agentId = readString(ev, 'agentId', true, issues);
  const evaluatorId = readString(ev, 'evaluatorId', false, issues);
  const date = readString(ev, 'date', true, issues);
  if (date !== undefined && !isCalendarDate(date)) {
    issues.push({ code: 'invalid_date', path: ['date'], message: `date "${date}" is not YYYY-MM-DD or an ISO date-time with an offset` });
  }
  for (const k of unknownKeys ?? NONE) issues.push({ code: 'unknown_key', path: [k], message: `unknown key "${k}"` });
  const answers = ev['answers'];
  let unknownAnswers: string[] = NONE;
  const answerSlots: unknown[] = new Array<unknown>(layout?.size ?? 0).fill(NO_ANSWER);
  if (!isPlainObject(answers)) {
    if (answers !== undefined) walkChild(t, answers, 1);
    issues.push({ code: answers === undefined ? 'required' : 'invalid_type', path: ['answers'], message: 'answers must be an object from item id to answer' });
  } else {
    const u = answerKeys(answers, layout, answerSlots, t);
    if (u === null) return OUT_OF_BOUNDS;
    unknownAnswers = u;
  }
  let attributes: Record<string, AttributeValue> | undefined;
  const attrs = ev['attributes'];
  if (attrs !== undefined) {
    if (!isPlainObject(attrs)) {
      walkChild(t, attrs, 1);
      issues.push({ code: 'invalid_type', path: ['attributes'], message: 'attributes must be an object' });
    } else {
      const akeys = Object.keys(attrs);
      if (!enter(t, attrs, false, akeys.length, 1)) return OUT_OF_BOUNDS;
      for (const k of akeys) {
        if (!keyWithin(t, k)) return OUT_OF_BOUNDS;
        const v = attrs[k];
        walkChild(t, v, 2);
        if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
          issues.push({ code: 'invalid_type', path: ['attributes', k], message: 'an attribute is a string, number or boolean' });
        }
      }
      attributes = attrs as Record<string, AttributeValue>;
    }
  }
  if (t.nodes < 0) return OUT_OF_BOUNDS;
  const tr = ev['transcript'];
  const transcript = tr === undefined ? undefined : readTranscript(tr, issues, t);
  if (t.nodes < 0 || t.nodes > limits.maxNodes) return OUT_OF_BOUNDS;
  // Timings of a timed transcript and the call's events (src/conversation): every problem by turn index.
  issues.push(...validateTimings(tr, ev['events'], ev['duration']));
  if (id === undefined || agentId === undefined || date === undefined || !isPlainObject(answers)) return null;
  return { id, agentId, evaluatorId, date, answers, attributes, transcript, hasTranscript: tr !== undefined, unknownAnswers, answerSlots };
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
  if (raw === true || raw === false || raw === null || typeof raw === 'string') return { value: raw, note: undefined, causes: undefined };
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
