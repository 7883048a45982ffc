/**
 * The compact NDJSON record `callqa score` writes by default, and a fast
 * writer for it. {@link compactRecord} defines the record (an object);
 * {@link compactLine} writes `JSON.stringify(compactRecord(s))` byte for byte
 * without building that object: it concatenates the record's text field by
 * field, each leaf through `JSON.stringify` (strings) or `String` (finite
 * numbers, which is what JSON.stringify does with them). Anything the fast
 * path cannot vouch for — a field of an unexpected type, an absent field
 * (JSON.stringify would drop its key), section ids that a JavaScript object
 * would reorder (array indices) or merge (duplicates, `__proto__`) — goes
 * through `JSON.stringify(compactRecord(s))` itself, so the bytes never differ.
 */
import type { CallScore, SectionScore } from '../scoring/types.js';

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

const q = JSON.stringify as (s: string) => string;

/**
 * Number → text, remembered: a rubric's scores take few distinct values
 * (sections, percentages), and V8's shortest round-trip formatting costs
 * several times a Map lookup. Cleared when full, so it stays small.
 */
const numbers = new Map<number, string>();

function num(x: number): string {
  let t = numbers.get(x);
  if (t === undefined) {
    t = Number.isFinite(x) ? String(x) : 'null';
    if (numbers.size >= 4096) numbers.clear();
    numbers.set(x, t);
  }
  return t;
}

/** A JSON leaf as JSON.stringify writes it, or null for what the fast path leaves to JSON.stringify (undefined, objects, …). */
function leaf(x: unknown): string | null {
  switch (typeof x) {
    case 'string':
      return q(x);
    case 'number':
      return num(x);
    case 'boolean':
      return x ? 'true' : 'false';
    case 'object':
      return x === null ? 'null' : null;
    default:
      return null;
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
    keys.push(`${q(id)}:`);
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

/** The fast path's text, or null to fall back. */
function fastLine(s: CallScore): string | null {
  const id = typeof s.id === 'string' ? q(s.id) : null;
  const agentId = typeof s.agentId === 'string' ? q(s.agentId) : null;
  const ev = s.evaluatorId;
  const evaluator = ev === undefined ? '' : typeof ev === 'string' ? `"evaluatorId":${q(ev)},` : null;
  const date = typeof s.date === 'string' ? q(s.date) : null;
  const r = s.rubric;
  const rubric = typeof r === 'object' && r !== null ? JSON.stringify(r) : null;
  const score = typeof s.score === 'number' ? leaf(s.score) : null;
  const maxScore = typeof s.maxScore === 'number' ? leaf(s.maxScore) : null;
  const exact = typeof s.exactScore === 'string' ? q(s.exactScore) : null;
  const grade = s.grade === null || s.grade === undefined ? 'null' : (leaf(s.grade.id ?? null));
  const failed = typeof s.failed === 'boolean' ? leaf(s.failed) : null;
  const critical = leaf(s.criticalScore);
  const nonCritical = leaf(s.nonCriticalScore);
  const bonus = typeof s.bonus === 'number' ? leaf(s.bonus) : null;
  if (id === null || agentId === null || evaluator === null || date === null || rubric === null || score === null || maxScore === null) return null;
  if (exact === null || grade === null || failed === null || critical === null || nonCritical === null || bonus === null) return null;

  let fatal = '[';
  for (let i = 0; i < s.fatal.length; i++) {
    const itemId = s.fatal[i]!.itemId;
    const v = itemId === undefined ? 'null' : leaf(itemId); // undefined in an array is written null
    if (v === null) return null;
    fatal += i === 0 ? v : `,${v}`;
  }
  fatal += ']';

  const keys = keysOf(s.sections);
  if (keys === null) return null;
  let sections = '{';
  for (let i = 0; i < s.sections.length; i++) {
    const v = leaf(s.sections[i]!.score);
    if (v === null) return null;
    sections += i === 0 ? keys[i]! + v : `,${keys[i]!}${v}`;
  }
  sections += '}';

  let deductions = '[';
  for (let i = 0; i < s.deductions.length; i++) {
    const d = s.deductions[i]!;
    const itemId = leaf(d.itemId);
    const points = leaf(d.points);
    const occurrences = leaf(d.occurrences);
    const source = leaf(d.source);
    if (itemId === null || points === null || occurrences === null || source === null) return null;
    deductions += `${i === 0 ? '' : ','}{"itemId":${itemId},"points":${points},"occurrences":${occurrences},"source":${source}}`;
  }
  deductions += ']';

  return (
    `{"id":${id},"agentId":${agentId},${evaluator}"date":${date},"rubric":${rubric},"score":${score},"maxScore":${maxScore},` +
    `"exactScore":${exact},"grade":${grade},"failed":${failed},"fatal":${fatal},"criticalScore":${critical},` +
    `"nonCriticalScore":${nonCritical},"bonus":${bonus},"sections":${sections},"deductions":${deductions}}`
  );
}

/**
 * `JSON.stringify(compactRecord(s))`, byte for byte, written without building
 * the record object (what `callqa score` writes for each call by default).
 *
 * @example
 * ```ts
 * compactLine(score) === JSON.stringify(compactRecord(score)); //=> true
 * ```
 */
export function compactLine(s: CallScore): string {
  return fastLine(s) ?? JSON.stringify(compactRecord(s));
}
