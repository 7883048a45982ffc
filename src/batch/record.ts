/**
 * One record through the pipeline: text or CSV row → evaluation → rubric
 * version → score or rejection; and a score → the output line. Shared by the
 * in-process path and the worker threads so that both write the same bytes.
 */
import { stringify } from 'csv-stringify/sync';
import { CallqaError, type Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/compiled.js';
import { safeScoreCall } from '../scoring/score.js';
import type { CallScore } from '../scoring/types.js';
import { csvRowToEvaluation } from './csv-row.js';
import { FIELD_NAMES, type InputUnit, type OutputOptions, type RejectedRecord, type ScoredRecord } from './types.js';
import type { RubricVersions } from './versions.js';
import { ByteSink } from './bytes.js';
import { compactLine, writeCompact } from './compact.js';
import type { BatchOptionsIssueCode } from './issue-codes.js';

/**
 * Thrown for output options that cannot work with the rubrics (an unknown field).
 *
 * @example
 * ```ts
 * try { makeProjector(['scroe'], [rubric]); } catch (e) { if (e instanceof BatchOptionsError) console.error(e.issues); }
 * ```
 */
export class BatchOptionsError extends CallqaError<BatchOptionsIssueCode> {
  constructor(issues: readonly Issue<BatchOptionsIssueCode>[]) {
    super('Invalid batch options', issues);
    this.name = 'BatchOptionsError';
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as Record<string, unknown>)['id'];
  return typeof id === 'string' && id !== '' ? id : typeof id === 'number' && Number.isInteger(id) ? String(id) : undefined;
}

function jsonIssue(e: unknown): Issue {
  return { code: 'invalid_json', path: [], message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
}

/**
 * Parses and scores one input unit with the version in force on its date.
 *
 * @example
 * ```ts
 * const r = scoreUnit(new RubricVersions([rubric]), { line: 1, text: line });
 * r.ok ? r.score.score : r.issues;
 * ```
 */
export function scoreUnit(versions: RubricVersions, unit: InputUnit): ScoredRecord | RejectedRecord {
  try {
    return scoreUnitOrThrow(versions, unit);
  } catch (e) {
    // Whatever the scorer does with this record, the run goes on: the record is rejected, with the reason.
    return internalRejection(unit.line, e);
  }
}

/**
 * The rejection of a record the scorer failed on for a reason nobody
 * foresaw (an exception, or a worker that died on it): code `internal`, the
 * error's name and message, never its stack (the errors file is data).
 *
 * @example
 * ```ts
 * internalRejection(7, new RangeError('Maximum call stack size exceeded'));
 * // { ok: false, line: 7, issues: [{ code: 'internal', path: [], message: 'the scorer failed on this record: RangeError: Maximum call stack size exceeded' }] }
 * ```
 */
export function internalRejection(line: number, e: unknown, id?: string): RejectedRecord {
  // A callqa error's first line only counts its issues: their messages say what went wrong.
  const detail = e instanceof CallqaError ? e.issues.map((i) => i.message).join('; ') : e instanceof Error ? (e.message.split('\n')[0] ?? '') : '';
  const why = e instanceof Error ? `${e.name}: ${detail}` : String(e);
  return reject(line, id, [{ code: 'internal', path: [], message: `the scorer failed on this record: ${why}` }]);
}

function scoreUnitOrThrow(versions: RubricVersions, unit: InputUnit): ScoredRecord | RejectedRecord {
  const line = unit.line;
  if ('issues' in unit) return { ok: false, line, issues: unit.issues };
  let value: unknown;
  if ('text' in unit) {
    try {
      value = JSON.parse(unit.text);
    } catch (e) {
      return { ok: false, line, issues: [jsonIssue(e)] };
    }
  } else if ('value' in unit) value = unit.value;
  else {
    const date = unit.row['date'];
    const chosen = versions.select(date);
    const id = unit.row['id'] || undefined;
    if ('issue' in chosen) return reject(line, id, [chosen.issue]);
    const conv = csvRowToEvaluation(unit.row, chosen.rubric);
    if ('issues' in conv) return reject(line, id, conv.issues);
    return finish(line, chosen.rubric, conv.evaluation);
  }
  const id = idOf(value);
  const date = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['date'] : undefined;
  const chosen = versions.select(date);
  if ('issue' in chosen) {
    // Still report the record's own structural problems alongside the missing version.
    return reject(line, id, [chosen.issue]);
  }
  return finish(line, chosen.rubric, value);
}

function reject(line: number, id: string | undefined, issues: readonly Issue[]): RejectedRecord {
  return id === undefined ? { ok: false, line, issues } : { ok: false, line, id, issues };
}

function finish(line: number, rubric: Rubric, value: unknown): ScoredRecord | RejectedRecord {
  let res: ReturnType<typeof safeScoreCall>;
  try {
    res = safeScoreCall(rubric, value);
  } catch (e) {
    return internalRejection(line, e, idOf(value));
  }
  if (res.success) return { ok: true, line, score: res.score };
  return reject(line, idOf(value), res.issues);
}

type Cell = string | number | boolean | null;
type Getter = (s: CallScore) => Cell;

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

const GETTERS: Record<(typeof FIELD_NAMES)[number], Getter> = {
  id: (s) => s.id,
  agentId: (s) => s.agentId,
  evaluatorId: (s) => s.evaluatorId ?? null,
  date: (s) => s.date,
  rubricId: (s) => s.rubric.id,
  rubricVersion: (s) => s.rubric.version,
  score: (s) => s.score,
  maxScore: (s) => s.maxScore,
  exactScore: (s) => s.exactScore,
  grade: (s) => s.grade?.id ?? null,
  gradeLabel: (s) => s.grade?.label ?? null,
  passing: (s) => s.grade?.passing ?? null,
  failed: (s) => s.failed,
  fatal: (s) => s.fatal.map((f) => f.itemId).join(';'),
  criticalScore: (s) => s.criticalScore,
  nonCriticalScore: (s) => s.nonCriticalScore,
  bonus: (s) => s.bonus,
  deducted: (s) => round4(s.deductions.reduce((t, d) => t - d.points, 0)),
};

/**
 * A compiled field list: turns a score into the values of the chosen fields.
 *
 * @example
 * ```ts
 * const p = makeProjector(['id', 'score', 'section.attitude'], [rubric]);
 * p.project(score); // ['c1', 86.6, 20]
 * ```
 */
export interface Projector {
  readonly fields: readonly string[];
  project(score: CallScore): Cell[];
}

/**
 * The default CSV columns for a set of rubric versions: the standard fields,
 * then one column per section id (in first-seen order across versions).
 *
 * @example
 * ```ts
 * defaultCsvFields([rubric]).slice(-2); // ['section.proactive', 'section.compliance']
 * ```
 */
export function defaultCsvFields(rubrics: readonly Rubric[]): string[] {
  const sections: string[] = [];
  for (const r of rubrics) for (const s of r.sections) if (!sections.includes(s.id)) sections.push(s.id);
  return ['id', 'agentId', 'evaluatorId', 'date', 'rubricId', 'rubricVersion', 'score', 'maxScore', 'grade', 'failed', 'fatal', ...sections.map((s) => `section.${s}`)];
}

/**
 * Compiles a field list, checking every name against the rubrics (throws
 * {@link BatchOptionsError} listing the unknown ones).
 *
 * @example
 * ```ts
 * makeProjector(['id', 'score', 'item.accurate'], [rubric]).fields; // ['id', 'score', 'item.accurate']
 * ```
 */
export function makeProjector(fields: readonly string[], rubrics: readonly Rubric[]): Projector {
  const issues: Issue<BatchOptionsIssueCode>[] = [];
  const getters: Getter[] = fields.map((f, i) => {
    if (f in GETTERS) return GETTERS[f as keyof typeof GETTERS];
    if (f.startsWith('section.')) {
      const id = f.slice(8);
      if (!rubrics.some((r) => r.sections.some((s) => s.id === id))) {
        issues.push({ code: 'unknown_field', path: ['fields', i], message: `"${id}" is not a section of the rubric` });
      }
      return (s: CallScore) => s.sections.find((x) => x.id === id)?.score ?? null;
    }
    if (f.startsWith('item.')) {
      const id = f.slice(5);
      if (!rubrics.some((r) => r.items.has(id))) issues.push({ code: 'unknown_field', path: ['fields', i], message: `"${id}" is not an item of the rubric` });
      return (s: CallScore) => s.items.find((x) => x.id === id)?.points ?? null;
    }
    issues.push({
      code: 'unknown_field',
      path: ['fields', i],
      message: `unknown field "${f}" (fields: ${FIELD_NAMES.join(', ')}, section.<id>, item.<id>)`,
    });
    return () => null;
  });
  if (issues.length > 0) throw new BatchOptionsError(issues);
  return { fields, project: (s) => getters.map((g) => g(s)) };
}

/**
 * Serialises scored records to output text: NDJSON lines or CSV rows (no
 * header; {@link Serializer.header} is written once). Records are turned into
 * text (or small CSV rows) as soon as they are added, so that a batch never
 * holds its full CallScores: short-lived objects keep the heap small.
 *
 * @example
 * ```ts
 * const w = makeSerializer({ format: 'ndjson' }, [rubric]);
 * const b = w.begin(); b.add(score); process.stdout.write(b.end());
 * ```
 */
export interface Serializer {
  /** The CSV header line, or '' for NDJSON. */
  readonly header: string;
  /** Starts a batch. */
  begin(): { add(score: CallScore): void; end(): string };
  /**
   * Starts a batch written as UTF-8 bytes (what worker threads send back).
   * `sizeHint` is the input's size in bytes, to size the first buffer.
   */
  beginBytes(sizeHint: number): { add(score: CallScore): void; end(): Uint8Array };
}

/** A batch written as a string, handed over as bytes in a buffer of its own (CSV is quoted in bulk). */
function bytesOf(begin: Serializer['begin']): Serializer['beginBytes'] {
  return () => {
    const b = begin();
    return { add: (s) => b.add(s), end: () => ByteSink.from(b.end()) };
  };
}

/**
 * Builds the serializer for output options (throws {@link BatchOptionsError} for unknown fields).
 *
 * @example
 * ```ts
 * makeSerializer({ format: 'csv' }, [rubric]).header; // 'id,agentId,evaluatorId,date,…\n'
 * ```
 */
export function makeSerializer(options: OutputOptions, rubrics: readonly Rubric[]): Serializer {
  const format = options.format ?? 'ndjson';
  if (format === 'csv') {
    const p = makeProjector(options.fields ?? defaultCsvFields(rubrics), rubrics);
    // One stringify call per batch: CSV quoting is cheaper in bulk.
    const begin: Serializer['begin'] = () => {
      const rows: Cell[][] = [];
      return {
        add: (s) => void rows.push(p.project(s)),
        end: () => (rows.length === 0 ? '' : stringify(rows, { cast: { boolean: (b) => (b ? 'true' : 'false') } })),
      };
    };
    return { header: stringify([p.fields as string[]]), begin, beginBytes: bytesOf(begin) };
  }
  let one: (s: CallScore) => string;
  // The compact record is written straight into the output's bytes; other lines are built as text first.
  let into = (sink: ByteSink, s: CallScore): void => sink.text(one(s));
  if (options.fields) {
    const p = makeProjector(options.fields, rubrics);
    one = (s) => {
      const vals = p.project(s);
      const o: Record<string, Cell> = {};
      p.fields.forEach((f, i) => (o[f] = vals[i] ?? null));
      return JSON.stringify(o);
    };
  } else if (options.full) one = (s) => JSON.stringify(s);
  else {
    one = compactLine;
    into = writeCompact;
  }
  return {
    header: '',
    begin: () => {
      let out = '';
      return {
        add: (s) => {
          out += `${one(s)}\n`;
        },
        end: () => out,
      };
    },
    beginBytes: (hint) => {
      // A compact record is about a quarter of an evaluation with its transcript.
      const sink = new ByteSink(hint / 4);
      return {
        add: (s) => {
          into(sink, s);
          sink.byte(10);
        },
        end: () => sink.end(),
      };
    },
  };
}

/**
 * The `--errors` line of a rejected record: `{ line, id?, issues }`.
 *
 * @example
 * ```ts
 * errorLine({ ok: false, line: 7, issues: [] }); // '{"line":7,"issues":[]}\n'
 * ```
 */
export function errorLine(r: RejectedRecord): string {
  return `${JSON.stringify(r.id === undefined ? { line: r.line, issues: r.issues } : { line: r.line, id: r.id, issues: r.issues })}\n`;
}
