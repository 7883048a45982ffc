/**
 * A batch of input units → output text, error lines and counts. The unit of
 * work of both the in-process path and the worker threads: the same function
 * on the same batches gives byte-identical output whatever the worker count.
 */
import { loadRubric } from '../rubric/load.js';
import type { Rubric } from '../rubric/compiled.js';
import { errorLine, makeSerializer, type Serializer } from './record.js';
import { scoreUnit } from './record.js';
import { ndjsonLines, type InputBatch } from './input.js';
import type { InputUnit, OutputOptions, RejectedRecord } from './types.js';
import { RubricVersions } from './versions.js';

/**
 * What a worker (or the main thread) needs to process batches.
 *
 * @example
 * ```ts
 * const ctx: BatchContext = createContext([json], {});
 * ```
 */
export interface BatchContext {
  readonly versions: RubricVersions;
  readonly serializer: Serializer;
}

/**
 * Counts of one batch, merged in order into the run's summary.
 *
 * @example
 * ```ts
 * const s: BatchStats = emptyStats();
 * ```
 */
export interface BatchStats {
  written: number;
  rejected: number;
  byRubric: Record<string, number>;
  byGrade: Record<string, number>;
  issueCodes: Record<string, number>;
  /** Σ score × 10⁶ (integers: exact and independent of batch boundaries). */
  scoreSum: number;
}

/**
 * The result of one batch.
 *
 * @example
 * ```ts
 * const { out, errors, stats } = processBatch(ctx, units);
 * ```
 */
export interface BatchResult {
  /** Output of the scored records, in input order (UTF-8 bytes when it comes from a worker thread). */
  readonly out: string | Uint8Array;
  /** `--errors` NDJSON lines of the rejected records, in input order. */
  readonly errors: string;
  readonly stats: BatchStats;
}

/**
 * Zero counts.
 *
 * @example
 * ```ts
 * emptyStats().written; // 0
 * ```
 */
export function emptyStats(): BatchStats {
  return { written: 0, rejected: 0, byRubric: {}, byGrade: {}, issueCodes: {}, scoreSum: 0 };
}

/**
 * Adds one batch's counts to a running total (in place).
 *
 * @example
 * ```ts
 * const total = emptyStats();
 * mergeStats(total, result.stats);
 * ```
 */
export function mergeStats(into: BatchStats, s: BatchStats): void {
  into.written += s.written;
  into.rejected += s.rejected;
  into.scoreSum += s.scoreSum;
  for (const [k, v] of Object.entries(s.byRubric)) into.byRubric[k] = (into.byRubric[k] ?? 0) + v;
  for (const [k, v] of Object.entries(s.byGrade)) into.byGrade[k] = (into.byGrade[k] ?? 0) + v;
  for (const [k, v] of Object.entries(s.issueCodes)) into.issueCodes[k] = (into.issueCodes[k] ?? 0) + v;
}

/**
 * The context for rubric JSON documents (loaded and compiled here, once per
 * thread) and output options.
 *
 * @example
 * ```ts
 * const ctx = createContext([JSON.parse(text)], { format: 'ndjson' });
 * ```
 */
export function createContext(rubrics: readonly (Rubric | unknown)[], output: OutputOptions): BatchContext {
  const loaded = rubrics.map((r) => (isRubric(r) ? r : loadRubric(r)));
  const versions = new RubricVersions(loaded);
  return { versions, serializer: makeSerializer(output, versions.list) };
}

/**
 * Whether a value is an already-compiled rubric rather than rubric JSON.
 *
 * @example
 * ```ts
 * isRubric(loadRubric(json)); // true
 * isRubric(json); // false
 * ```
 */
export function isRubric(x: unknown): x is Rubric {
  return typeof x === 'object' && x !== null && 'definition' in x && 'items' in x && (x as { items: unknown }).items instanceof Map;
}

/**
 * Scores a batch of units.
 *
 * @example
 * ```ts
 * const { out, errors, stats } = processBatch(ctx, [{ line: 1, text: line }]);
 * ```
 */
export function processBatch(ctx: BatchContext, units: readonly InputUnit[]): BatchResult {
  const stats = emptyStats();
  const writer = ctx.serializer.begin();
  let errors = '';
  for (const unit of units) {
    const r = scoreUnit(ctx.versions, unit);
    if (r.ok) {
      writer.add(r.score);
      stats.written++;
      stats.scoreSum += Math.round(r.score.score * 1e6); // integer micro-points: the sum is exact, whatever the batching
      const key = `${r.score.rubric.id}@${r.score.rubric.version}`;
      stats.byRubric[key] = (stats.byRubric[key] ?? 0) + 1;
      const g = r.score.grade?.id ?? '(none)';
      stats.byGrade[g] = (stats.byGrade[g] ?? 0) + 1;
    } else {
      countRejection(stats, r);
      errors += errorLine(r);
    }
  }
  return { out: writer.end(), errors, stats };
}

function countRejection(stats: BatchStats, r: RejectedRecord): void {
  stats.rejected++;
  for (const code of new Set(r.issues.map((i) => i.code))) stats.issueCodes[code] = (stats.issueCodes[code] ?? 0) + 1;
}

const utf8 = new TextDecoder();

/**
 * Scores one input batch (raw NDJSON bytes or parsed units).
 *
 * @example
 * ```ts
 * processInputBatch(ctx, { kind: 'ndjson', line: 1, bytes: Buffer.from(text) });
 * ```
 */
export function processInputBatch(ctx: BatchContext, batch: InputBatch): BatchResult {
  if (batch.kind === 'units') return processBatch(ctx, batch.units);
  let text = utf8.decode(batch.bytes);
  if (batch.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return processBatch(ctx, ndjsonLines(text, batch.line));
}

/**
 * How many records a result accounts for.
 *
 * @example
 * ```ts
 * recordsIn(result); // written + rejected
 * ```
 */
export function recordsIn(r: BatchResult): number {
  return r.stats.written + r.stats.rejected;
}
