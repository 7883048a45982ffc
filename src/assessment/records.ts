/**
 * The metrics side of an assessment: the metrics records (an object by agent
 * id, or a list of records with agentId; bad and duplicate records excluded
 * with the reason), the roster (the given agents, or every agent with a record
 * or a team, sorted by id), and each agent's value of every metric the plan
 * reads, in a typed table (metrics.ts computes each value, once).
 */
import type { Issue, PathSegment } from '../issues/issues.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import type { Plan } from './load.js';
import type { CompiledMetric, MetricsRecord } from './metrics.js';
import { MetricTable, Roster } from './roster.js';
import { AssessmentError, type AssessInput, type ExcludedRecord } from './types.js';
import type { AssessmentIssueCode } from './issue-codes.js';

/** The usable metrics records, in input order, and the counts for `usage.metrics`. */
export interface Records {
  readonly recIds: string[];
  readonly recs: MetricsRecord[];
  /** Each record's key in the input (its index in a list, its agent id in an object): its path. */
  readonly recKeys: (string | number)[];
  records: number;
  excluded: number;
}

/**
 * Reads `input.metrics`: bad records (not an object, no agent id) and second
 * records of an agent are excluded with an issue; throws
 * {@link AssessmentError} when `metrics` is neither an object nor a list.
 */
export function readRecords(input: Omit<AssessInput, 'calls'>, issues: Issue<AssessmentIssueCode>[], excluded: ExcludedRecord[]): Records {
  const recIds: string[] = [];
  const recs: MetricsRecord[] = [];
  const recKeys: (string | number)[] = [];
  const out: Records = { recIds, recs, recKeys, records: 0, excluded: 0 };
  // The usable records in input order; a record's path (`['metrics', key]`) is built only when it has a problem.
  const badRecord = (index: number, key: string | number): void => {
    out.excluded++;
    excluded.push({ kind: 'metrics', index, code: 'invalid', message: 'a metrics record must be an object with an agentId' });
    issues.push({ code: 'invalid_record', path: ['metrics', key], message: 'a metrics record must be an object with an agent id' });
  };
  const isRecord = (r: unknown): r is MetricsRecord => typeof r === 'object' && r !== null && !Array.isArray(r);
  if (Array.isArray(input.metrics)) {
    const list = input.metrics as readonly (MetricsRecord & { agentId: string })[];
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      // A hole is not a record (as forEach, which this loop replaced, skipped it).
      if (!(i in list)) continue;
      out.records++;
      const r = list[i];
      const agentId: unknown = r?.agentId;
      if (typeof agentId !== 'string' || agentId === '' || !isRecord(r)) {
        badRecord(i, i);
        continue;
      }
      if (seen.has(agentId)) {
        out.excluded++;
        excluded.push({ kind: 'metrics', index: i, agentId, code: 'duplicate_agent', message: `a second metrics record for ${agentId}; the first is used` });
        issues.push({ code: 'duplicate_agent', path: ['metrics', i], message: `a second metrics record for agent ${agentId}` });
        continue;
      }
      seen.add(agentId);
      recIds.push(agentId);
      recs.push(r);
      recKeys.push(i);
    }
  } else if (typeof input.metrics === 'object' && input.metrics !== null) {
    // Keys of an object are unique: no duplicates to look for.
    const byId = input.metrics as Record<string, MetricsRecord>;
    const keys = Object.keys(byId);
    for (let i = 0; i < keys.length; i++) {
      out.records++;
      const agentId = keys[i]!;
      const r = byId[agentId];
      if (agentId === '' || !isRecord(r)) {
        badRecord(i, agentId);
        continue;
      }
      recIds.push(agentId);
      recs.push(r);
      recKeys.push(agentId);
    }
  } else {
    throw new AssessmentError([{ code: 'invalid_type', path: ['metrics'], message: 'metrics must be an object by agent id or a list of records with agentId' }]);
  }
  return out;
}

/**
 * The roster (sorted by id, with teams) and each agent's record index (−1:
 * none). Records of agents off a given roster are excluded.
 */
export function buildRoster(input: Omit<AssessInput, 'calls'>, teamOf: ReadonlyMap<string, string>, qa: number, rec: Records, excluded: ExcludedRecord[]): { roster: Roster; recordOf: Int32Array } {
  const { recIds } = rec;
  // The roster: the given agents, or every agent with a metrics record or a team, by id.
  let ids: string[];
  if (input.agents !== undefined) ids = [...new Set(input.agents)];
  else {
    ids = recIds.slice();
    if (teamOf.size > 0) {
      const hasRecord = new Set(recIds);
      for (const id of teamOf.keys()) if (!hasRecord.has(id)) ids.push(id);
    }
  }
  ids.sort(cmpStr);
  const roster = new Roster(ids, teamOf.size === 0 ? new Array<null>(ids.length).fill(null) : ids.map((id) => teamOf.get(id) ?? null), qa);
  // Each agent's record (−1: none). Records already in roster order (the usual export) need no lookups.
  const recordOf = new Int32Array(ids.length).fill(-1);
  if (input.agents === undefined && ids.length === recIds.length && sameIds(ids, recIds)) for (let a = 0; a < ids.length; a++) recordOf[a] = a;
  else {
    for (let r = 0; r < recIds.length; r++) {
      const a = roster.index.get(recIds[r]!);
      if (a !== undefined) recordOf[a] = r;
      else {
        // Only a given roster can leave a metrics record out.
        rec.excluded++;
        excluded.push({ kind: 'metrics', index: -1, agentId: recIds[r]!, code: 'unknown_agent', message: `${recIds[r]} is not on the roster` });
      }
    }
  }
  return { roster, recordOf };
}

/** Each agent's value of every metric the plan reads (components, formulas, tie-breaks), with the fields no metric read. */
export function gatherMetrics(plan: Plan, roster: Roster, recordOf: Int32Array, rec: Records, issues: Issue<AssessmentIssueCode>[]): { table: MetricTable; metricIndex: ReadonlyMap<string, number>; unusedFields: Set<string> } {
  const ids = roster.ids;
  const { recs, recKeys } = rec;
  const neededMetrics = new Set<string>();
  for (const c of plan.components) {
    if (c.metric) neededMetrics.add(c.metric);
    if (c.formula) for (const s of c.formula.symbols) neededMetrics.add(s);
  }
  for (const t of plan.tieBreak) if ('metric' in t) neededMetrics.add(t.metric);
  const readFields = new Set<string>(['agentId']);
  for (const name of neededMetrics) for (const f of plan.metrics.get(name)!.fields) readFields.add(f);
  const unusedFields = new Set<string>();
  const needed = [...neededMetrics].map((name) => plan.metrics.get(name)!);
  const metricIndex = new Map(needed.map((m, i) => [m.name, i] as const));
  const nAgents = ids.length;
  const table = new MetricTable(nAgents, needed.length);
  const fieldsSeen: { last: readonly string[] | null } = { last: null };
  for (let a = 0; a < nAgents; a++) {
    const r = recordOf[a]!;
    agentMetrics(ids[a]!, a, r < 0 ? undefined : recs[r], r < 0 ? '' : recKeys[r]!, needed, table, readFields, unusedFields, fieldsSeen, issues);
  }
  return { table, metricIndex, unusedFields };
}

/** Agent `a`'s metric values, into the table (its own function, so that the engine optimises it on its own). */
function agentMetrics(
  agentId: string,
  a: number,
  record: MetricsRecord | undefined,
  key: string | number,
  needed: readonly CompiledMetric[],
  table: MetricTable,
  readFields: ReadonlySet<string>,
  unusedFields: Set<string>,
  fieldsSeen: { last: readonly string[] | null },
  issues: Issue<AssessmentIssueCode>[],
): void {
  const base = a * needed.length;
  if (!record) {
    for (let i = 0; i < needed.length; i++) table.set(base + i, { ok: false, status: 'missing', message: 'no metrics record', issues: [] });
    if (needed.length > 0) issues.push({ code: 'missing_metrics', path: ['metrics', agentId], message: `no metrics record for agent ${agentId}` });
    return;
  }
  let path: PathSegment[] | null = null;
  for (let i = 0; i < needed.length; i++) {
    const m = needed[i]!;
    if (m.computeInto(record, table, base + i)) continue;
    // Off the common path: the full computation, with issues at the record's path.
    const v = m.compute(record, (path ??= ['metrics', key]));
    if (!v.ok) issues.push(...v.issues);
    table.set(base + i, v);
  }
  // Records of one shape (the usual export) need their field names checked once.
  const last = fieldsSeen.last;
  let i = 0;
  let same = last !== null;
  for (const k in record) {
    if (!Object.hasOwn(record, k)) continue;
    if (same && last![i] !== k) same = false;
    i++;
  }
  if (same && i === last!.length) return;
  const keys = Object.keys(record);
  for (const k of keys) if (!readFields.has(k)) unusedFields.add(k);
  fieldsSeen.last = keys;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

