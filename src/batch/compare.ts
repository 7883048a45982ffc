/**
 * Rubric what-if: score the same calls under rubric A and rubric B and report
 * what would change — per call, in distribution, by grade, by agent, and which
 * items drive it. Aggregates are incremental (bounded memory): the median
 * comes from exact counts of the rounded deltas, not from a list of calls.
 */
import { inInterval } from '../bands/interval.js';
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/compiled.js';
import { safeScoreCall } from '../scoring/score.js';
import type { CallScore } from '../scoring/types.js';
import { csvRowToEvaluation } from './csv-row.js';
import { isRubric } from './process.js';
import type { InputUnit, RejectedRecord } from './types.js';
import { loadRubric } from '../rubric/load.js';

/**
 * One call's change.
 *
 * @example
 * ```ts
 * const d: CallDelta = { line: 1, id: 'c1', agentId: 'A001', date: '2026-10-01', a: 82, b: 79.5, delta: -2.5, gradeA: 'good', gradeB: 'pass' };
 * ```
 */
export interface CallDelta {
  readonly line: number;
  readonly id: string;
  readonly agentId: string;
  readonly date: string;
  readonly a: number;
  readonly b: number;
  /** b − a, rounded to the rubrics' decimals. */
  readonly delta: number;
  readonly gradeA: string | null;
  readonly gradeB: string | null;
}

/**
 * One agent's change: mean scores under A and B and the grade of each mean.
 *
 * @example
 * ```ts
 * const a: AgentChange = { agentId: 'A001', calls: 12, meanA: 84.1, meanB: 80.9, meanDelta: -3.2, gradeA: 'good', gradeB: 'good' };
 * ```
 */
export interface AgentChange {
  readonly agentId: string;
  readonly calls: number;
  readonly meanA: number;
  readonly meanB: number;
  readonly meanDelta: number;
  readonly gradeA: string | null;
  readonly gradeB: string | null;
}

/**
 * One item's part in the change: the sum over calls of (points under B −
 * points under A); an item missing from one rubric counts 0 there.
 *
 * @example
 * ```ts
 * const i: ItemChange = { itemId: 'forbidden', inA: true, inB: true, totalDelta: -310, meanDelta: -0.31, callsChanged: 155 };
 * ```
 */
export interface ItemChange {
  readonly itemId: string;
  readonly inA: boolean;
  readonly inB: boolean;
  readonly totalDelta: number;
  /** totalDelta / compared calls. */
  readonly meanDelta: number;
  readonly callsChanged: number;
}

/**
 * The what-if report.
 *
 * @example
 * ```ts
 * const report = await compareRubrics(a, b, evaluations);
 * report.delta.mean; report.grades.matrix['good']?.['pass']; report.items[0]?.itemId;
 * ```
 */
export interface CompareReport {
  readonly a: { readonly id: string; readonly version: string };
  readonly b: { readonly id: string; readonly version: string };
  readonly read: number;
  readonly compared: number;
  readonly rejected: number;
  readonly delta: {
    readonly mean: number | null;
    readonly median: number | null;
    readonly min: number | null;
    readonly max: number | null;
    readonly up: number;
    readonly down: number;
    readonly unchanged: number;
    /** Bins of width `binWidth`: [from, to). */
    readonly binWidth: number;
    readonly histogram: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  };
  readonly grades: {
    /** Grade ids: A's, then B's not in A, then `(none)` when a call has no grade. */
    readonly ids: readonly string[];
    /** matrix[gradeA][gradeB] = calls. */
    readonly matrix: Readonly<Record<string, Readonly<Record<string, number>>>>;
    /** Calls whose grade changed. */
    readonly changed: number;
  };
  /** Every agent, by id. */
  readonly agents: readonly AgentChange[];
  /** Agents whose mean-score grade differs between A and B. */
  readonly agentsRegraded: readonly AgentChange[];
  /** Items by |totalDelta|, largest first (items that never changed are left out). */
  readonly items: readonly ItemChange[];
}

/**
 * Options of {@link compareRubrics}.
 *
 * @example
 * ```ts
 * const o: CompareOptions = { onCall: (d) => out.write(JSON.stringify(d) + '\n'), binWidth: 1 };
 * ```
 */
export interface CompareOptions {
  /** Called for each compared call, in input order (may return a promise: back-pressure). */
  readonly onCall?: (d: CallDelta) => void | Promise<void>;
  /** Called for each rejected record (issues under A, else under B). */
  readonly onRejected?: (r: RejectedRecord & { readonly rubric: 'a' | 'b' }) => void | Promise<void>;
  /** Histogram bin width in points (default: a round width giving at most 20 bins). */
  readonly binWidth?: number;
}

function gradeOf(r: Rubric, score: number): string | null {
  const x = Ratio.from(score);
  for (const g of r.grades) if (inInterval(g.range, x)) return g.id;
  return null;
}

const NONE = '(none)';

/**
 * Incremental what-if: add calls one at a time, read the report at the end.
 *
 * @example
 * ```ts
 * const acc = new CompareAccumulator(a, b);
 * for (const u of units) acc.add(u);
 * const report = acc.report();
 * ```
 */
export class CompareAccumulator {
  readonly a: Rubric;
  readonly b: Rubric;
  private readonly scale: number;
  private read = 0;
  private compared = 0;
  private rejected = 0;
  private sumDelta = 0;
  private readonly deltaCounts = new Map<number, number>();
  private readonly matrix = new Map<string, Map<string, number>>();
  private readonly agents = new Map<string, { n: number; sa: number; sb: number }>();
  private readonly items = new Map<string, { total: number; changed: number }>();

  constructor(a: Rubric | unknown, b: Rubric | unknown) {
    this.a = isRubric(a) ? a : loadRubric(a);
    this.b = isRubric(b) ? b : loadRubric(b);
    this.scale = 10 ** Math.max(this.a.decimals, this.b.decimals);
  }

  /** Scores one unit under both rubrics; returns the delta or the rejection. */
  add(unit: InputUnit): { readonly delta: CallDelta } | { readonly rejected: RejectedRecord & { readonly rubric: 'a' | 'b' } } {
    this.read++;
    const line = unit.line;
    const reject = (issues: readonly Issue[], which: 'a' | 'b', id?: string): { rejected: RejectedRecord & { rubric: 'a' | 'b' } } => {
      this.rejected++;
      return { rejected: id === undefined ? { ok: false, line, issues, rubric: which } : { ok: false, line, id, issues, rubric: which } };
    };
    if ('issues' in unit) return reject(unit.issues, 'a');
    let evA: unknown;
    let evB: unknown;
    if ('text' in unit) {
      try {
        evA = evB = JSON.parse(unit.text);
      } catch (e) {
        return reject([{ code: 'invalid_json', path: [], message: `not valid JSON: ${(e as Error).message}` }], 'a');
      }
    } else if ('value' in unit) evA = evB = unit.value;
    else {
      const id = unit.row['id'] || undefined;
      const ca = csvRowToEvaluation(unit.row, this.a);
      if ('issues' in ca) return reject(ca.issues, 'a', id);
      const cb = csvRowToEvaluation(unit.row, this.b);
      if ('issues' in cb) return reject(cb.issues, 'b', id);
      evA = ca.evaluation;
      evB = cb.evaluation;
    }
    const ra = safeScoreCall(this.a, evA);
    const rawId = typeof evA === 'object' && evA !== null ? (evA as Record<string, unknown>)['id'] : undefined;
    const id = typeof rawId === 'string' ? rawId : typeof rawId === 'number' ? String(rawId) : undefined;
    if (!ra.success) return reject(ra.issues, 'a', id);
    const rb = safeScoreCall(this.b, evB);
    if (!rb.success) return reject(rb.issues, 'b', id);
    return { delta: this.record(line, ra.score, rb.score) };
  }

  private record(line: number, sa: CallScore, sb: CallScore): CallDelta {
    this.compared++;
    const k = Math.round((sb.score - sa.score) * this.scale);
    const delta = k / this.scale;
    this.sumDelta += k;
    this.deltaCounts.set(k, (this.deltaCounts.get(k) ?? 0) + 1);
    const ga = sa.grade?.id ?? NONE;
    const gb = sb.grade?.id ?? NONE;
    let row = this.matrix.get(ga);
    if (!row) this.matrix.set(ga, (row = new Map()));
    row.set(gb, (row.get(gb) ?? 0) + 1);
    let ag = this.agents.get(sa.agentId);
    if (!ag) this.agents.set(sa.agentId, (ag = { n: 0, sa: 0, sb: 0 }));
    ag.n++;
    ag.sa += sa.score;
    ag.sb += sb.score;
    const pa = new Map<string, number>();
    for (const it of sa.items) pa.set(it.id, it.points);
    const seen = new Set<string>();
    for (const it of sb.items) {
      seen.add(it.id);
      this.addItem(it.id, it.points - (pa.get(it.id) ?? 0));
    }
    for (const [idA, p] of pa) if (!seen.has(idA)) this.addItem(idA, -p);
    return { line, id: sa.id, agentId: sa.agentId, date: sa.date, a: sa.score, b: sb.score, delta, gradeA: sa.grade?.id ?? null, gradeB: sb.grade?.id ?? null };
  }

  private addItem(id: string, d: number): void {
    let e = this.items.get(id);
    if (!e) this.items.set(id, (e = { total: 0, changed: 0 }));
    if (d !== 0) {
      e.total += d;
      e.changed++;
    }
  }

  /** Counts so far (cheap; for progress). */
  counts(): { readonly read: number; readonly compared: number; readonly rejected: number } {
    return { read: this.read, compared: this.compared, rejected: this.rejected };
  }

  /** The report so far. */
  report(binWidth?: number): CompareReport {
    const s = this.scale;
    const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
    const keys = [...this.deltaCounts.keys()].sort((x, y) => x - y);
    let median: number | null = null;
    if (this.compared > 0) {
      // Exact median from the counts of each rounded delta.
      const lo = Math.floor((this.compared - 1) / 2);
      const hi = Math.floor(this.compared / 2);
      let seen = 0;
      let vLo: number | null = null;
      let vHi: number | null = null;
      for (const k of keys) {
        const c = this.deltaCounts.get(k) ?? 0;
        if (vLo === null && seen + c > lo) vLo = k;
        if (vHi === null && seen + c > hi) vHi = k;
        seen += c;
      }
      median = r4(((vLo ?? 0) + (vHi ?? 0)) / 2 / s);
    }
    const min = keys.length > 0 ? (keys[0] as number) / s : null;
    const max = keys.length > 0 ? (keys[keys.length - 1] as number) / s : null;
    const width = binWidth ?? niceWidth(min ?? 0, max ?? 0);
    const bins = new Map<number, number>();
    let up = 0;
    let down = 0;
    for (const k of keys) {
      const c = this.deltaCounts.get(k) ?? 0;
      if (k > 0) up += c;
      else if (k < 0) down += c;
      const bin = Math.floor(k / s / width + 1e-9);
      bins.set(bin, (bins.get(bin) ?? 0) + c);
    }
    const histogram: { from: number; to: number; count: number }[] = [];
    if (bins.size > 0) {
      const bk = [...bins.keys()];
      const first = Math.min(...bk);
      const last = Math.max(...bk);
      for (let b = first; b <= last; b++) histogram.push({ from: r4(b * width), to: r4((b + 1) * width), count: bins.get(b) ?? 0 });
    }

    const ids: string[] = [];
    for (const g of this.a.grades) if (!ids.includes(g.id)) ids.push(g.id);
    for (const g of this.b.grades) if (!ids.includes(g.id)) ids.push(g.id);
    let hasNone = false;
    for (const [ga, row] of this.matrix) {
      if (ga === NONE) hasNone = true;
      for (const gb of row.keys()) if (gb === NONE) hasNone = true;
    }
    if (hasNone) ids.push(NONE);
    const matrix: Record<string, Record<string, number>> = {};
    let changed = 0;
    for (const ga of ids) {
      const row: Record<string, number> = {};
      for (const gb of ids) {
        const c = this.matrix.get(ga)?.get(gb) ?? 0;
        row[gb] = c;
        if (ga !== gb) changed += c;
      }
      matrix[ga] = row;
    }

    const round = (x: number): number => Math.round(x * s) / s;
    const agents: AgentChange[] = [...this.agents.entries()]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([agentId, v]) => {
        const meanA = round(v.sa / v.n);
        const meanB = round(v.sb / v.n);
        return { agentId, calls: v.n, meanA, meanB, meanDelta: round(meanB - meanA), gradeA: gradeOf(this.a, meanA), gradeB: gradeOf(this.b, meanB) };
      });
    const items: ItemChange[] = [...this.items.entries()]
      .filter(([, v]) => v.changed > 0)
      .map(([itemId, v]) => ({
        itemId,
        inA: this.a.items.has(itemId),
        inB: this.b.items.has(itemId),
        totalDelta: r4(v.total),
        meanDelta: r4(v.total / Math.max(1, this.compared)),
        callsChanged: v.changed,
      }))
      .sort((x, y) => Math.abs(y.totalDelta) - Math.abs(x.totalDelta) || (x.itemId < y.itemId ? -1 : 1));

    return {
      a: { id: this.a.id, version: this.a.version },
      b: { id: this.b.id, version: this.b.version },
      read: this.read,
      compared: this.compared,
      rejected: this.rejected,
      delta: {
        mean: this.compared > 0 ? r4(this.sumDelta / this.compared / s) : null,
        median,
        min,
        max,
        up,
        down,
        unchanged: this.deltaCounts.get(0) ?? 0,
        binWidth: width,
        histogram,
      },
      grades: { ids, matrix, changed },
      agents,
      agentsRegraded: agents.filter((a) => a.gradeA !== a.gradeB),
      items,
    };
  }
}

/** A round bin width (0.5, 1, 2, 5, 10 …) giving at most 20 bins. */
function niceWidth(min: number, max: number): number {
  const span = max - min;
  for (const w of [0.5, 1, 2, 5, 10, 20, 25, 50, 100]) if (span / w <= 20) return w;
  return 200;
}

/**
 * Scores every evaluation under rubric A and rubric B and reports the change.
 * Evaluations are objects or NDJSON lines (or {@link InputUnit}s from
 * `openInput`). Records invalid under either rubric are counted as rejected.
 *
 * @example
 * ```ts
 * const report = await compareRubrics(currentJson, proposedJson, evaluations);
 * console.log(`mean change ${report.delta.mean}, ${report.grades.changed} calls change grade`);
 * for (const a of report.agentsRegraded) console.log(a.agentId, a.gradeA, '→', a.gradeB);
 * ```
 */
export async function compareRubrics(
  a: Rubric | unknown,
  b: Rubric | unknown,
  evaluations: AsyncIterable<unknown> | Iterable<unknown>,
  options: CompareOptions = {},
): Promise<CompareReport> {
  const acc = new CompareAccumulator(a, b);
  let line = 0;
  for await (const ev of evaluations as AsyncIterable<unknown>) {
    line++;
    const unit: InputUnit = isUnit(ev) ? ev : typeof ev === 'string' ? { line, text: ev } : { line, value: ev };
    const r = acc.add(unit);
    if ('delta' in r) await options.onCall?.(r.delta);
    else await options.onRejected?.(r.rejected);
  }
  return acc.report(options.binWidth);
}

function isUnit(x: unknown): x is InputUnit {
  return typeof x === 'object' && x !== null && typeof (x as { line?: unknown }).line === 'number' && ('text' in x || 'row' in x || 'value' in x || 'issues' in x);
}
