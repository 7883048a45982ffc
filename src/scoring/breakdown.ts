/**
 * A call's item breakdown, written out when first read.
 *
 * Scoring needs each item's exact points only as sums; the 13-field `ItemScore`
 * of every item (its rounded points, possible and maximum, its reason) is what a
 * person or a report reads, and a batch that writes the compact record never
 * does. So the scorer keeps, per item, what it decided (a few slots of one flat
 * array per call: nothing derived) and `items` is an own, enumerable accessor of
 * the `CallScore` that builds every `ItemScore` from that trail on first read and
 * replaces itself with an ordinary data property holding them. Being own and
 * enumerable on a plain object (its prototype is `Object.prototype`), it is seen
 * like data by `JSON.stringify`, object spread, `Object.keys`/`entries`,
 * `structuredClone`, `postMessage` and deep equality (loose and strict). One
 * accessor per call, not per item: per-item accessors cost V8 far more than the
 * strings they would save (docs/speed.md).
 */
import type { Ratio } from '../exact/rational.js';
import type { Rubric } from '../rubric/compiled.js';
import type { AnswerValue } from './evaluation.js';
import type { Answer } from './parse.js';
import type { AnswerSource, CallScore, ItemScore, ItemStatus } from './types.js';

/** Slots per item in a trail: status, source, fatal, the answer's value, the shown points, the weighted points (or null), counted as possible, the reason, the answer, the occurrences. */
const STRIDE = 10;

/** What the scorer decided for each item, in rubric order, and what turns it into `ItemScore`s. */
export interface ItemTrail {
  readonly rubric: Rubric;
  readonly slots: unknown[];
  /** By section index: true when nothing in the section applied (its penalties are then reported as not applicable). */
  readonly sectionDropped: boolean[];
}

/** What one item's outcome holds (the scorer's `ItemOutcome`). */
export interface Decided {
  readonly status: ItemStatus;
  readonly source: AnswerSource;
  readonly value: AnswerValue | undefined;
  readonly fatal: boolean;
  readonly reason: string;
  readonly answer: Answer | null;
  readonly occurrences: number;
}

/** A trail for a call scored against `rubric`, which has `itemCount` items. */
export function newTrail(rubric: Rubric, itemCount: number): ItemTrail {
  return { rubric, slots: new Array<unknown>(itemCount * STRIDE), sectionDropped: [] };
}

/** Records the item at `index` (its place in the rubric): its outcome and its exact points, unrounded. */
export function recordItem(trail: ItemTrail, index: number, o: Decided, shown: Ratio, weighted: Ratio | null, possible: boolean): void {
  const s = trail.slots;
  let k = index * STRIDE;
  s[k++] = o.status;
  s[k++] = o.source;
  s[k++] = o.fatal;
  s[k++] = o.value;
  s[k++] = shown;
  s[k++] = weighted;
  s[k++] = possible;
  s[k++] = o.reason;
  s[k++] = o.answer;
  s[k] = o.occurrences;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every item's `ItemScore`, in rubric order, from the trail. */
export function explainItems(trail: ItemTrail): ItemScore[] {
  const { rubric, slots, sectionDropped } = trail;
  const dec = rubric.decimals;
  const rm = rubric.roundingMode;
  const fullMarks = rubric.naPolicy === 'full-marks';
  const out: ItemScore[] = [];
  let k = 0;
  for (const sec of rubric.sections) for (const item of sec.items) {
    const status = slots[k] as ItemStatus;
    const weighted = slots[k + 5] as Ratio | null;
    const answer = slots[k + 8] as Answer | null;
    const maxShown = item.max.round(dec, rm);
    const is: Mutable<ItemScore> = {
      id: item.id,
      sectionId: sec.id,
      kind: item.kind,
      status,
      source: slots[k + 1] as AnswerSource,
      answer: slots[k + 3] as AnswerValue | undefined,
      points: (slots[k + 4] as Ratio).round(dec, rm),
      possible: slots[k + 6] === true ? maxShown : 0,
      max: maxShown,
      critical: item.critical,
      bonus: item.bonus,
      fatal: slots[k + 2] as boolean,
      reason: status === 'na' && fullMarks ? 'N/A (full marks)' : (slots[k + 7] as string),
    };
    if (weighted !== null) is.weighted = weighted.round(dec, rm);
    if (item.kind === 'penalty') {
      is.occurrences = slots[k + 9] as number;
      // Nothing in its section applied: the section drops out, and its penalties with it.
      if (sectionDropped[sec.index] === true) {
        is.status = 'not-applicable';
        is.points = 0;
        is.reason = 'nothing in its section applied';
      }
    }
    if (answer?.note !== undefined) is.note = answer.note;
    if (answer?.causes !== undefined) is.causes = answer.causes;
    out.push(is);
    k += STRIDE;
  }
  return out;
}

// Where an unread breakdown comes from: a private field stamped on the plain score object (a
// constructor that returns another object lets a subclass add its private fields to it). It is
// invisible to every reflection (keys, symbols, JSON, cloning, deep equality) and costs a plain
// property store, where a hidden property by `Object.defineProperty` measured ~0.25 µs per call.
class Base {
  constructor(o: object) {
    return o;
  }
}
/** `new Trail(o, trail)` gives `o` its trail. */
class Trail extends Base {
  #trail: ItemTrail;
  constructor(o: object, trail: ItemTrail) {
    super(o);
    this.#trail = trail;
  }
  static of(o: object): ItemTrail {
    return (o as Trail).#trail;
  }
}

// One accessor for every score, so that the objects keep one shape. Reading or
// assigning replaces it with an ordinary data property (the object keeps its fast
// properties), which can be deleted, as before.
const ITEMS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: object): readonly ItemScore[] {
    return setItems(this, explainItems(Trail.of(this)));
  },
  set(this: object, value: readonly ItemScore[]): void {
    setItems(this, value);
  },
};

function setItems(o: object, value: readonly ItemScore[]): readonly ItemScore[] {
  Object.defineProperty(o, 'items', { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/** `console.log` and `util.inspect` show the items as data, not `[Getter/Setter]`. */
const INSPECT_KEY = Symbol.for('nodejs.util.inspect.custom');
const INSPECT: PropertyDescriptor = {
  enumerable: false,
  value(this: object, _depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return inspect({ ...this }, options);
  },
};

/**
 * The `CallScore` of a call whose items are written out from `trail` when
 * first read. Its fields are set in the order they were always written
 * (`evaluatorId` and `measures` last, when present), so serialised scores
 * read byte for byte as before.
 *
 * The constructor's `prototype` is `Object.prototype`, so what it makes is a
 * plain object (strict deep equality with a plain copy holds), sized by the
 * engine for all its fields at once. Called with `new`.
 */
export function CallScoreRecord(
  this: Mutable<CallScore>,
  id: string,
  agentId: string,
  date: string,
  rubric: CallScore['rubric'],
  score: number,
  maxScore: number,
  exactScore: string,
  grade: CallScore['grade'],
  failed: boolean,
  fatal: CallScore['fatal'],
  criticalScore: number | null,
  nonCriticalScore: number | null,
  bonus: number,
  sections: CallScore['sections'],
  deductions: CallScore['deductions'],
  evidence: CallScore['evidence'],
  evaluatorId: string | undefined,
  measures: CallScore['measures'],
  trail: ItemTrail,
): void {
  this.id = id;
  this.agentId = agentId;
  this.date = date;
  this.rubric = rubric;
  this.score = score;
  this.maxScore = maxScore;
  this.exactScore = exactScore;
  this.grade = grade;
  this.failed = failed;
  this.fatal = fatal;
  this.criticalScore = criticalScore;
  this.nonCriticalScore = nonCriticalScore;
  this.bonus = bonus;
  this.sections = sections;
  Object.defineProperty(this, 'items', ITEMS);
  this.deductions = deductions;
  this.evidence = evidence;
  if (evaluatorId !== undefined) this.evaluatorId = evaluatorId;
  if (measures !== undefined) this.measures = measures;
  Object.defineProperty(this, INSPECT_KEY, INSPECT);
  new Trail(this, trail);
}
CallScoreRecord.prototype = Object.prototype;
