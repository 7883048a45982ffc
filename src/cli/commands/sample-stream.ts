/**
 * `callqa sample` over a stream: the period's calls are read in passes, never
 * held. Pass 1 keeps per call only its sampling columns (u, weight, agent,
 * stratum: {@link SampleColumnsBuilder}) and the balance profile (counts per
 * local hour, day and type, and the durations: {@link PopulationProfile});
 * the selection then runs on the columns exactly as `selectSample` does; pass
 * 2 fetches the chosen calls. Only when two calls share a hash (a duplicate
 * id, or a 53-bit collision) does an extra pass read their ids. `--check`
 * needs one pass: the sample's ids are known before the population is read.
 * About 40 bytes a call in all, so 2,000,000 calls fit in well under 300 MB.
 */
import type { RejectedRecord } from '../../batch/types.js';
import type { Issue } from '../../issues/issues.js';
import {
  type CallRecord,
  type SampleSelection,
  type SamplingIssueCode,
  type SelectSampleOptions,
  PopulationProfile,
  SampleColumnsBuilder,
  balanceCallIssues,
  callIssues,
  collisionIndices,
  duplicateIdIssues,
  orderSelected,
  priorities,
  selectFromColumns,
} from '../../sampling/index.js';
import type { RecordUnit } from '../records.js';
import type { Rereadable } from '../passes.js';
import { UsageError } from '../util.js';

/**
 * A record as a call for sampling: `id`, `agentId`, `date`, and optionally
 * `durationSec` (or `duration`), `type` and `groups` (an array, or `a;b` in
 * CSV), each also read from `attributes`. A date without a time and an
 * integer `hour` attribute (what `callqa generate` writes) become that hour, UTC.
 *
 * @example
 * ```ts
 * toCallRecord({ id: 7, agentId: 'a', date: '2026-10-08T09:12:00+08:00', duration: '95' });
 * // { id: '7', agentId: 'a', date: '2026-10-08T09:12:00+08:00', durationSec: 95 }
 * ```
 */
export function toCallRecord(v: Record<string, unknown>): CallRecord {
  const attrs = (typeof v['attributes'] === 'object' && v['attributes'] !== null ? v['attributes'] : {}) as Record<string, unknown>;
  const dur = v['durationSec'] ?? v['duration'] ?? attrs['durationSec'] ?? attrs['duration'];
  const type = v['type'] ?? attrs['type'];
  const groups = v['groups'] ?? attrs['groups'];
  const d = typeof dur === 'number' ? dur : typeof dur === 'string' && dur.trim() !== '' ? Number(dur) : undefined;
  const g = Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' && groups !== '' ? groups.split(';').map((s) => s.trim()).filter(Boolean) : undefined;
  // A date without a time plus an hour attribute (as `callqa generate` writes) is read as that hour, UTC.
  const hour = attrs['hour'] ?? v['hour'];
  const date = typeof v['date'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v['date']) && typeof hour === 'number' && Number.isInteger(hour) && hour >= 0 && hour < 24
    ? `${v['date']}T${String(hour).padStart(2, '0')}:00:00Z`
    : v['date'];
  return {
    id: typeof v['id'] === 'number' ? String(v['id']) : (v['id'] as string),
    agentId: v['agentId'] as string,
    date: date as string,
    ...(d !== undefined && Number.isFinite(d) ? { durationSec: d } : {}),
    ...(typeof type === 'string' && type !== '' ? { type } : {}),
    ...(g ? { groups: g } : {}),
  };
}

/**
 * A record as a call to sample from, or its rejection when it is not an object.
 *
 * @example
 * ```ts
 * callOfUnit({ line: 1, value: { id: 'c1', agentId: 'a', date: '2026-10-01' } }); // { id: 'c1', … }
 * ```
 */
export function callOfUnit(unit: RecordUnit): CallRecord | RejectedRecord {
  const value = 'value' in unit ? unit.value : unit.row;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, line: unit.line, issues: [{ code: 'invalid_record', path: [], message: 'a call is an object { id, agentId, date, … }' }] };
  }
  return toCallRecord(value as Record<string, unknown>);
}

const isRejected = (x: CallRecord | RejectedRecord): x is RejectedRecord => 'ok' in x;

/** Internal: the problems of calls, with the line of each call (index i of the population). */
class CallProblems {
  readonly issues: Issue<SamplingIssueCode>[] = [];
  private readonly lines = new Map<number, number>();
  add(i: number, line: number, issues: readonly Issue<SamplingIssueCode>[]): void {
    if (issues.length === 0) return;
    this.issues.push(...issues);
    this.lines.set(i, line);
  }
  /** The line of call i, when known. */
  lineOf(i: number): number | undefined {
    return this.lines.get(i);
  }
}

/**
 * Throws one usage error for calls that cannot be sampled: how many of the
 * records, what a call needs, and the first problems with their lines.
 *
 * @example
 * ```ts
 * throwCallProblems('scores.ndjson', 200_000, issues, (i) => lines.get(i));
 * ```
 */
export function throwCallProblems(input: string, total: number, issues: readonly Issue[], lineOf: (i: number) => number | undefined): void {
  if (issues.length === 0) return;
  const records = (dup: boolean): number => new Set(issues.filter((i) => (i.code === 'duplicate_id') === dup).map((i) => i.path[1]).filter((x) => typeof x === 'number')).size;
  const bad = records(false);
  const repeated = records(true);
  const shown = issues.slice(0, 10).map((i) => {
    const at = typeof i.path[1] === 'number' ? lineOf(i.path[1]) : undefined;
    const field = i.path.slice(2).join('.');
    return `${input}${at !== undefined ? `:${at}` : ''}: ${field ? `${field}: ` : ''}${i.message} (${i.code})`;
  });
  if (issues.length > shown.length) shown.push(`… and ${issues.length - shown.length} more problem(s)`);
  const what = [
    ...(bad > 0 ? [`${bad} of ${total} record(s) are not calls to sample from (a call needs id, agentId and an ISO date: evaluations, \`callqa score\` output or a call list)`] : []),
    ...(repeated > 0 ? [`${repeated} of ${total} call(s) repeat an id read before (a sample draws each call once)`] : []),
  ];
  throw new UsageError(`${input}: ${what.length > 0 ? what.join('; ') : 'the calls cannot be sampled'}`, shown);
}

/**
 * The population in one pass, for `--check`: its balance profile, and the
 * calls whose ids are in `wanted` (the last one read wins).
 *
 * @example
 * ```ts
 * const { profile, found } = await profileAndFind(src, 'calls.ndjson', new Set(['c1']), 'UTC');
 * ```
 */
export async function profileAndFind(src: Rereadable, input: string, wanted: ReadonlySet<string>, timeZone: string): Promise<{ profile: PopulationProfile; found: Map<string, CallRecord>; rejected: RejectedRecord[] }> {
  const profile = new PopulationProfile(timeZone);
  const found = new Map<string, CallRecord>();
  const problems = new CallProblems();
  let i = 0;
  const rejected = await src.pass((unit) => {
    const c = callOfUnit(unit);
    if (isRejected(c)) return c;
    const issues = balanceCallIssues(c, 'population', i);
    problems.add(i++, unit.line, issues);
    if (issues.length === 0) profile.add(c);
    if (wanted.has(c.id)) found.set(c.id, c);
    return;
  });
  throwCallProblems(input, i, problems.issues, (k) => problems.lineOf(k));
  return { profile, found, rejected };
}

/**
 * Counts the calls (the population size for `--margin` alone).
 *
 * @example
 * ```ts
 * const { size } = await countCalls(src);
 * ```
 */
export async function countCalls(src: Rereadable): Promise<{ size: number; rejected: RejectedRecord[] }> {
  let size = 0;
  const rejected = await src.pass((unit) => {
    const c = callOfUnit(unit);
    if (isRejected(c)) return c;
    size++;
    return;
  });
  return { size, rejected };
}

/**
 * Pass 1 of a selection: the columns and the balance profile, every call checked.
 *
 * @example
 * ```ts
 * const p1 = await firstPass(src, 'calls.ndjson', options, 'UTC');
 * ```
 */
export async function firstPass(
  src: Rereadable,
  input: string,
  options: SelectSampleOptions,
  timeZone: string,
): Promise<{ builder: SampleColumnsBuilder; profile: PopulationProfile; size: number; rejected: RejectedRecord[]; balanceIssues: CallProblems }> {
  const builder = new SampleColumnsBuilder({ seed: options.seed, oversample: options.oversample, stratify: options.stratify?.by });
  const profile = new PopulationProfile(timeZone);
  const problems = new CallProblems();
  const balanceIssues = new CallProblems();
  let i = 0;
  const rejected = await src.pass((unit) => {
    const c = callOfUnit(unit);
    if (isRejected(c)) return c;
    const issues = callIssues(c, i);
    const bIssues = balanceCallIssues(c, 'population', i);
    problems.add(i, unit.line, issues);
    balanceIssues.add(i, unit.line, bIssues);
    // Once a call is bad the run ends after this pass; the columns need only good calls.
    if (issues.length === 0 && problems.issues.length === 0) {
      builder.add(c);
      if (bIssues.length === 0) profile.add(c);
    }
    i++;
    return;
  });
  if (i === 0) problems.issues.push({ code: 'empty_population', path: ['population'], message: 'the population has no calls' });
  throwCallProblems(input, i, problems.issues, (k) => problems.lineOf(k));
  return { builder, profile, size: i, rejected, balanceIssues };
}

/**
 * The selection over a stream: {@link firstPass}'s columns, an extra pass for
 * the ids of colliding calls (usually none), the selection, and a pass to
 * fetch the chosen calls. The same result as `selectSample` on the same calls.
 *
 * @example
 * ```ts
 * const p1 = await firstPass(src, input, options, 'UTC');
 * const selection = await selectFromStream(src, input, p1.builder, options);
 * ```
 */
export async function selectFromStream(src: Rereadable, input: string, builder: SampleColumnsBuilder, options: SelectSampleOptions): Promise<SampleSelection> {
  const cols = builder.finish();
  const colliding = new Set(collisionIndices(cols, priorities(cols)));
  const ids = new Map<number, string>();
  const lines = new Map<number, number>();
  if (colliding.size > 0) {
    let i = 0;
    await src.pass((unit) => {
      const c = callOfUnit(unit);
      if (isRejected(c)) return;
      if (colliding.has(i)) {
        ids.set(i, c.id);
        lines.set(i, unit.line);
      }
      i++;
      return;
    });
    throwCallProblems(input, cols.size, duplicateIdIssues(ids), (k) => lines.get(k));
  }
  const { chosen, ...report } = selectFromColumns(cols, options, (i) => ids.get(i) as string);
  const wanted = new Set(chosen);
  const calls: CallRecord[] = [];
  let i = 0;
  await src.pass((unit) => {
    const c = callOfUnit(unit);
    if (isRejected(c)) return;
    if (wanted.has(i++)) calls.push(c);
    return;
  });
  return { calls: orderSelected(calls), ...report };
}
