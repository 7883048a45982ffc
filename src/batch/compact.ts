/**
 * The compact NDJSON record `callqa score` writes by default, and a fast
 * writer for it. {@link compactRecord} defines the record (an object);
 * {@link writeCompact} writes the UTF-8 bytes of
 * `JSON.stringify(compactRecord(s))` straight into a batch's output buffer
 * (a {@link ByteSink}), field by field, without building that object or any
 * string: keys and numbers' text (`String(x)`, which is what JSON.stringify
 * writes for a finite number, remembered) are copied a byte per character,
 * strings of printable ASCII without `"` or `\` likewise, and any other
 * string goes through `JSON.stringify` and the UTF-8 encoder. Anything the
 * fast path cannot vouch for — a field of an unexpected type, an absent field
 * (JSON.stringify would drop its key), section ids that a JavaScript object
 * would reorder (array indices) or merge (duplicates, `__proto__`) — undoes
 * what it wrote and goes through `JSON.stringify(compactRecord(s))` itself,
 * so the bytes never differ. {@link compactLine} is the same writer's text.
 */
import type { CallScore, SectionScore } from '../scoring/types.js';
import { ByteSink } from './bytes.js';

/**
 * The compact NDJSON record written by default: identity, score, grade,
 * fatal hits, section scores and deductions (no per-item detail).
 *
 * @example
 * ```ts
 * JSON.stringify(compactRecord(score)); // '{"id":"c1","agentId":"a1",…,"sections":{"information":16,…}}'
 * ```
 */
export function compactRecord(s: CallScore): Record<string, unknown> {
  const sections: Record<string, number> = {};
  for (const sec of s.sections) sections[sec.id] = sec.score;
  const out: Record<string, unknown> = { id: s.id, agentId: s.agentId };
  if (s.evaluatorId !== undefined) out['evaluatorId'] = s.evaluatorId;
  out['date'] = s.date;
  out['rubric'] = s.rubric;
  out['score'] = s.score;
  out['maxScore'] = s.maxScore;
  out['exactScore'] = s.exactScore;
  out['grade'] = s.grade?.id ?? null;
  out['failed'] = s.failed;
  out['fatal'] = s.fatal.map((f) => f.itemId);
  out['criticalScore'] = s.criticalScore;
  out['nonCriticalScore'] = s.nonCriticalScore;
  out['bonus'] = s.bonus;
  out['sections'] = sections;
  out['deductions'] = s.deductions.map((d) => ({ itemId: d.itemId, points: d.points, occurrences: d.occurrences, source: d.source }));
  return out;
}

/**
 * Number → text, remembered: a rubric's scores take few distinct values
 * (sections, percentages), and V8's shortest round-trip formatting costs
 * several times a lookup. A direct-mapped table (the slot from the number's
 * hundredths; a number in another's slot replaces it): about half the cost
 * of a Map lookup (17 against 33 ns a number on the bench's scores), and
 * bounded by construction. The slot's number is compared exactly (NaN never
 * matches; -0 matches 0, whose text is the same).
 */
const SLOTS = 4096;
const slotNumbers = new Float64Array(SLOTS);
const slotTexts: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

function num(x: number): string {
  const h = (x * 100) & (SLOTS - 1);
  const kept = slotTexts[h];
  if (kept !== undefined && slotNumbers[h] === x) return kept;
  const t = Number.isFinite(x) ? String(x) : 'null';
  slotNumbers[h] = x;
  slotTexts[h] = t;
  return t;
}

/** Writes a JSON leaf as JSON.stringify writes it; false (nothing written) for what the fast path leaves to JSON.stringify (undefined, objects, …). */
function leaf(out: ByteSink, x: unknown): boolean {
  switch (typeof x) {
    case 'string':
      out.json(x);
      return true;
    case 'number':
      out.text(num(x));
      return true;
    case 'boolean':
      out.text(x ? 'true' : 'false');
      return true;
    case 'object':
      if (x !== null) return false;
      out.text('null');
      return true;
    default:
      return false;
  }
}

/** Section ids as object keys: each id's quoted key, or null when an object would not keep them in order, once each. */
function sectionKeys(sections: readonly SectionScore[]): string[] | null {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const sec of sections) {
    const id: unknown = sec.id;
    // An array-index key would be moved first; '__proto__' is not an own key at all; a duplicate keeps its first place.
    if (typeof id !== 'string' || /^(?:0|[1-9][0-9]*)$/.test(id) || id === '__proto__' || seen.has(id)) return null;
    seen.add(id);
    keys.push(`${JSON.stringify(id)}:`);
  }
  return keys;
}

/** The last section list's ids and their keys: every record of a rubric has the same sections. */
let lastIds: string[] = [];
let lastKeys: string[] | null = [];

function keysOf(sections: readonly SectionScore[]): string[] | null {
  let same = sections.length === lastIds.length;
  for (let i = 0; same && i < sections.length; i++) same = sections[i]!.id === lastIds[i];
  if (!same) {
    lastIds = sections.map((s) => s.id);
    lastKeys = sectionKeys(sections);
  }
  return lastKeys;
}

/** Whether the rubric reference is `{ id, version }` with string values and no other key (else JSON.stringify writes it). */
function plainRubric(r: unknown): r is { id: string; version: string } {
  if (typeof r !== 'object' || r === null) return false;
  // for…in, not Object.keys: no array per record. It also lists inherited enumerable keys, which only sends such an object to JSON.stringify.
  let n = 0;
  for (const k in r) {
    if (k !== (n === 0 ? 'id' : n === 1 ? 'version' : null)) return false;
    n++;
  }
  const { id, version } = r as { id: unknown; version: unknown };
  return n === 2 && typeof id === 'string' && typeof version === 'string';
}

/**
 * The fast path: the record's bytes written straight into `out`, piece by
 * piece (no string is built). False, with nothing left written, when a field
 * is one it cannot vouch for.
 */
function writeFast(out: ByteSink, s: CallScore): boolean {
  const ev = s.evaluatorId;
  const grade = s.grade;
  if (typeof s.id !== 'string' || typeof s.agentId !== 'string' || (ev !== undefined && typeof ev !== 'string') || typeof s.date !== 'string') return false;
  if (typeof s.score !== 'number' || typeof s.maxScore !== 'number' || typeof s.exactScore !== 'string' || typeof s.failed !== 'boolean') return false;
  if (typeof s.bonus !== 'number') return false;
  const keys = keysOf(s.sections);
  if (keys === null) return false;
  const start = out.length;
  out.text('{"id":');
  out.json(s.id);
  out.text(',"agentId":');
  out.json(s.agentId);
  if (ev !== undefined) {
    out.text(',"evaluatorId":');
    out.json(ev);
  }
  out.text(',"date":');
  out.json(s.date);
  out.text(',"rubric":');
  const r = s.rubric;
  if (plainRubric(r)) {
    out.text('{"id":');
    out.json(r.id);
    out.text(',"version":');
    out.json(r.version);
    out.byte(125); // }
  } else {
    const t = typeof s.rubric === 'object' && s.rubric !== null ? JSON.stringify(s.rubric) : undefined;
    if (t === undefined) return fail(out, start);
    out.text(t);
  }
  out.text(',"score":');
  out.text(num(s.score));
  out.text(',"maxScore":');
  out.text(num(s.maxScore));
  out.text(',"exactScore":');
  out.json(s.exactScore);
  out.text(',"grade":');
  if (grade === null || grade === undefined) out.text('null');
  else if (!leaf(out, grade.id ?? null)) return fail(out, start);
  out.text(s.failed ? ',"failed":true,"fatal":[' : ',"failed":false,"fatal":[');
  for (let i = 0; i < s.fatal.length; i++) {
    if (i > 0) out.byte(44); // ,
    const itemId = s.fatal[i]!.itemId;
    if (itemId === undefined) out.text('null'); // undefined in an array is written null
    else if (!leaf(out, itemId)) return fail(out, start);
  }
  out.text('],"criticalScore":');
  if (!leaf(out, s.criticalScore)) return fail(out, start);
  out.text(',"nonCriticalScore":');
  if (!leaf(out, s.nonCriticalScore)) return fail(out, start);
  out.text(',"bonus":');
  out.text(num(s.bonus));
  out.text(',"sections":{');
  for (let i = 0; i < s.sections.length; i++) {
    if (i > 0) out.byte(44);
    out.text(keys[i]!);
    if (!leaf(out, s.sections[i]!.score)) return fail(out, start);
  }
  out.text('},"deductions":[');
  for (let i = 0; i < s.deductions.length; i++) {
    const d = s.deductions[i]!;
    out.text(i === 0 ? '{"itemId":' : ',{"itemId":');
    if (!leaf(out, d.itemId)) return fail(out, start);
    out.text(',"points":');
    if (!leaf(out, d.points)) return fail(out, start);
    out.text(',"occurrences":');
    if (!leaf(out, d.occurrences)) return fail(out, start);
    out.text(',"source":');
    if (!leaf(out, d.source)) return fail(out, start);
    out.byte(125);
  }
  out.text(']}');
  return true;
}

/** Undoes a partly written record. */
function fail(out: ByteSink, start: number): false {
  out.truncate(start);
  return false;
}

/**
 * Writes `JSON.stringify(compactRecord(s))` as UTF-8 into `out`, byte for
 * byte, without building the record object or its text (what a worker
 * thread writes for each call by default). No newline. Should reading the
 * score throw, nothing of the record is left in `out` and the error goes on.
 *
 * @example
 * ```ts
 * const out = new ByteSink(64 * 1024);
 * writeCompact(out, score);
 * out.textFrom(0) === JSON.stringify(compactRecord(score)); //=> true
 * ```
 */
export function writeCompact(out: ByteSink, s: CallScore): void {
  const start = out.length;
  try {
    if (writeFast(out, s)) return;
  } catch (e) {
    // A field that throws half-way (not an array, a getter): the record's bytes so far must not stay in the output.
    out.truncate(start);
    throw e;
  }
  out.text(JSON.stringify(compactRecord(s)));
}

/** Where {@link compactLine} writes before decoding (one thread at a time uses it, synchronously). */
const scratch = new ByteSink(4096);

/**
 * `JSON.stringify(compactRecord(s))`, byte for byte, written without building
 * the record object (the text of {@link writeCompact}).
 *
 * @example
 * ```ts
 * compactLine(score) === JSON.stringify(compactRecord(score)); //=> true
 * ```
 */
export function compactLine(s: CallScore): string {
  scratch.truncate(0);
  writeCompact(scratch, s);
  return scratch.textFrom(0);
}
