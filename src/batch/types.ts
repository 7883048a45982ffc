/**
 * The shapes of batch recalculation: what goes in, what comes out, and the
 * summary that accounts for every record (read = written + rejected).
 */
import type { Issue } from '../issues/issues.js';
import type { CallScore } from '../scoring/types.js';

/**
 * One record as read from the input, before parsing: a line (NDJSON) or an
 * element (JSON array) as text, a CSV row, or an already-parsed value.
 *
 * @example
 * ```ts
 * const u: InputUnit = { line: 3, text: '{"id":"c1","agentId":"a1","date":"2026-10-08","answers":{}}' };
 * ```
 */
export type InputUnit =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly row: Readonly<Record<string, string | undefined>> }
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly issues: readonly Issue[] };

/**
 * A record that scored.
 *
 * @example
 * ```ts
 * for await (const r of scoreStream(rubric, lines)) if (r.ok) console.log(r.line, r.score.score);
 * ```
 */
export interface ScoredRecord {
  readonly ok: true;
  /** 1-based line of the input where the record starts (CSV: where the row ends). */
  readonly line: number;
  readonly score: CallScore;
}

/**
 * A record that could not be scored, with every reason (the `--errors` line).
 *
 * @example
 * ```ts
 * const r: RejectedRecord = { ok: false, line: 7, id: 'c-7', issues: [{ code: 'invalid_json', path: [], message: '…' }] };
 * ```
 */
export interface RejectedRecord {
  readonly ok: false;
  readonly line: number;
  /** The record's id when it could be read. */
  readonly id?: string;
  readonly issues: readonly Issue[];
}

/**
 * What a run did, accounting for every record: `read === written + rejected`.
 *
 * @example
 * ```ts
 * const s: BatchSummary = await scoreFile({ rubrics: [json], input: 'calls.ndjson', output: 'scores.ndjson' });
 * if (s.rejected > 0) process.exitCode = 1;
 * ```
 */
export interface BatchSummary {
  readonly read: number;
  readonly written: number;
  readonly rejected: number;
  /** Records scored per rubric version (`id@version`), in version order. */
  readonly byRubric: Readonly<Record<string, number>>;
  /** Calls per grade id (`(none)` without grades), sorted by id. */
  readonly byGrade: Readonly<Record<string, number>>;
  /** Rejections per issue code (a record counts once per code), sorted by code. */
  readonly issueCodes: Readonly<Record<string, number>>;
  /** The mean final score of the written records, null when none (rounded to 4 decimals). */
  readonly meanScore: number | null;
  readonly input: string;
  readonly output: string;
  readonly errors: string | null;
  readonly format: OutputFormat;
  readonly workers: number;
  readonly elapsedMs: number;
  readonly recordsPerSecond: number;
}

/**
 * Output formats of `callqa score`.
 *
 * @example
 * ```ts
 * const f: OutputFormat = 'csv';
 * ```
 */
export type OutputFormat = 'ndjson' | 'csv';

/**
 * Input formats; `auto` sniffs the extension and the first bytes.
 *
 * @example
 * ```ts
 * const f: InputFormat = 'auto';
 * ```
 */
export type InputFormat = 'auto' | 'ndjson' | 'csv' | 'json';

/**
 * How each scored record is written.
 *
 * @example
 * ```ts
 * const o: OutputOptions = { format: 'csv', fields: ['id', 'agentId', 'score', 'grade', 'section.attitude'] };
 * ```
 */
export interface OutputOptions {
  /** Default `ndjson`. */
  readonly format?: OutputFormat;
  /**
   * Flat fields to write (see {@link FIELD_NAMES}; also `section.<id>` and
   * `item.<id>`). Default: NDJSON writes a compact nested record, CSV writes
   * the standard columns plus one per section.
   */
  readonly fields?: readonly string[];
  /** NDJSON only: write the whole CallScore (items, evidence…) instead of the compact record. */
  readonly full?: boolean;
}

/**
 * Progress of a run, for a progress bar.
 *
 * @example
 * ```ts
 * const onProgress = (p: BatchProgress) => console.error(p.read, p.bytesRead, p.bytesTotal);
 * ```
 */
export interface BatchProgress {
  readonly read: number;
  readonly written: number;
  readonly rejected: number;
  readonly bytesRead: number;
  /** The input file's size; null for stdin. */
  readonly bytesTotal: number | null;
}

/**
 * The flat fields every scored record has (besides `section.<id>` and `item.<id>`).
 *
 * @example
 * ```ts
 * FIELD_NAMES.includes('score'); // true
 * ```
 */
export const FIELD_NAMES = [
  'id',
  'agentId',
  'evaluatorId',
  'date',
  'rubricId',
  'rubricVersion',
  'score',
  'maxScore',
  'exactScore',
  'grade',
  'gradeLabel',
  'passing',
  'failed',
  'fatal',
  'criticalScore',
  'nonCriticalScore',
  'bonus',
  'deducted',
] as const;
