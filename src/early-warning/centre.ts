/**
 * A centre's early warning in one call: group scored evaluations per agent
 * (date order, then id), estimate the team's Phase I baseline from the
 * reference period (by default the first calendar month in the data), watch
 * every agent with {@link detectDecline} — on its own Phase I baseline when its
 * reference period holds enough evaluations, else on the team's — and list the
 * agents in alarm first (the earliest alarm first), then the others by id.
 */
import { compareCodeUnits } from '../order/compare.js';
import { type DeclineReport, type DetectDeclineOptions, detectDeclineOver } from './detect.js';
import { EarlyWarningError } from './errors.js';
import type { MonitorOptions } from './monitor.js';
import { MIN_OWN_POINTS, type PhaseOneBaseline, phaseOneBaseline } from './phase1.js';

/**
 * One scored evaluation, as `callqa score` writes it (compact or `--full`).
 *
 * @example
 * ```ts
 * const r: CentreRecord = { agentId: 'A004', id: 'C202610-000126', date: '2026-10-14', score: 83.5 };
 * ```
 */
export interface CentreRecord {
  readonly agentId: string;
  readonly id: string;
  readonly date: string;
  readonly score: number;
}

/**
 * Options of {@link watchCentre}.
 *
 * @example
 * ```ts
 * const o: WatchCentreOptions = { baseline: 'phase1', referenceTo: '2026-10-31', failThreshold: 60 };
 * ```
 */
export interface WatchCentreOptions extends MonitorOptions {
  /**
   * 'phase1' (default): each agent's own Phase I baseline when its reference period has
   * `minOwnPoints` evaluations, else the team's; 'team': always the team's Phase I baseline;
   * `{ mean, sigma }`: given; `{ points }`: each agent's raw first k (not recommended).
   */
  readonly baseline?: 'phase1' | 'team' | { readonly mean: number; readonly sigma: number } | { readonly points: number };
  /** Last day (YYYY-MM-DD, inclusive) of the reference period; default the end of the first month in the data. */
  readonly referenceTo?: string;
  /** Default {@link MIN_OWN_POINTS}. */
  readonly minOwnPoints?: number;
}

/**
 * One agent's result: charted, or skipped with the reason.
 *
 * @example
 * ```ts
 * const a: AgentWatch = { agentId: 'A004', calls: 118, reference: 21, report };
 * ```
 */
export type AgentWatch =
  | { readonly agentId: string; readonly calls: number; readonly reference: number; readonly report: DeclineReport }
  | { readonly agentId: string; readonly calls: number; readonly reference: number; readonly skipped: string };

/**
 * The result of {@link watchCentre}.
 *
 * @example
 * ```ts
 * const w: CentreWatch = watchCentre(records); // w.team, w.agents[0] (in alarm, if any is)
 * ```
 */
export interface CentreWatch {
  /** The team's Phase I baseline (null when the baseline was given or `{ points }`). */
  readonly team: PhaseOneBaseline | null;
  readonly referenceTo: string | null;
  /** In alarm first (earliest alarm first), then by agent id. */
  readonly agents: readonly AgentWatch[];
}

/** Is it a real calendar day written YYYY-MM-DD? */
function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The last day of the month a YYYY-MM-DD date falls in. */
function monthEnd(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** A growable typed column. */
class Grow<T extends Float64Array | Uint32Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      // × 1.5: the columns are most of the state, so the slack is kept small.
      const bigger = new (this.data.constructor as new (n: number) => T)(Math.ceil(this.data.length * 1.5));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/**
 * An agent's ids as bytes in one growing buffer, with their end offsets: one
 * byte a character and off V8's heap, whose live size is what V8 scales its
 * old generation by (so ids held as strings would let the garbage of the
 * charts pile up several times higher). ASCII ids — the usual ones — are
 * stored as bytes; any other id is kept as it is, aside (exact, whatever its
 * characters).
 */
class Ids {
  private bytes = new Uint8Array(256);
  private used = 0;
  private readonly ends = new Grow(new Uint32Array(16));
  private readonly other = new Map<number, string>();
  push(id: string): void {
    const n = id.length;
    let ascii = true;
    for (let k = 0; k < n && ascii; k++) ascii = id.charCodeAt(k) < 0x80;
    if (!ascii) this.other.set(this.ends.length, id);
    else {
      if (this.used + n > this.bytes.length) {
        const bigger = new Uint8Array(Math.max(Math.ceil(this.bytes.length * 1.5), this.used + n));
        bigger.set(this.bytes.subarray(0, this.used));
        this.bytes = bigger;
      }
      for (let k = 0; k < n; k++) this.bytes[this.used + k] = id.charCodeAt(k);
      this.used += n;
    }
    this.ends.push(this.used);
  }
  private start(i: number): number {
    return i === 0 ? 0 : (this.ends.data[i - 1] as number);
  }
  at(i: number): string {
    const o = this.other.get(i);
    return o ?? String.fromCharCode.apply(null, this.bytes.subarray(this.start(i), this.ends.data[i] as number) as unknown as number[]);
  }
  /** compareCodeUnits(at(i), at(j)), without making the strings when both are ASCII (bytes then order as code units). */
  compare(i: number, j: number): number {
    if (this.other.size > 0 && (this.other.has(i) || this.other.has(j))) return compareCodeUnits(this.at(i), this.at(j));
    const a = this.start(i);
    const b = this.start(j);
    const la = (this.ends.data[i] as number) - a;
    const lb = (this.ends.data[j] as number) - b;
    for (let k = 0; k < la && k < lb; k++) {
      const d = (this.bytes[a + k] as number) - (this.bytes[b + k] as number);
      if (d !== 0) return d;
    }
    return la - lb;
  }
}

/** One agent's evaluations as columns (typed arrays, dates as indexes): no object per evaluation. */
interface Columns {
  readonly scores: Grow<Float64Array>;
  readonly ids: Ids;
  readonly days: Grow<Uint32Array>;
  /** Still in (date, id) order as added: the sort can be skipped. */
  sorted: boolean;
  lastDate: string;
  lastId: string;
}

/**
 * A centre's evaluations gathered for {@link watchCentre} one at a time, in
 * any order, in compact per-agent columns (score, id as bytes, date as an index;
 * equal dates share one string): what a stream of millions of scored records needs to
 * keep, and no more. {@link watchCentre} is this collector over an array, so
 * the streamed and in-memory results are the same.
 *
 * @example
 * ```ts
 * const c = new CentreCollector();
 * for await (const r of records) c.add(r);
 * const w = c.watch({ failThreshold: 60 });
 * ```
 */
export class CentreCollector {
  private readonly agents = new Map<string, Columns>();
  private readonly dayIndex = new Map<string, number>();
  private readonly dates: string[] = [];
  private first: string | null = null;
  /** Evaluations added. */
  size = 0;

  /** Adds one scored evaluation. */
  add(r: CentreRecord): void {
    let c = this.agents.get(r.agentId);
    if (!c) this.agents.set(r.agentId, (c = { scores: new Grow(new Float64Array(16)), ids: new Ids(), days: new Grow(new Uint32Array(16)), sorted: true, lastDate: '', lastId: '' }));
    let d = this.dayIndex.get(r.date);
    if (d === undefined) {
      this.dayIndex.set(r.date, (d = this.dates.length));
      this.dates.push(r.date);
    }
    if (c.sorted && c.scores.length > 0 && (compareCodeUnits(c.lastDate, r.date) || compareCodeUnits(c.lastId, r.id)) > 0) c.sorted = false;
    c.lastDate = r.date;
    c.lastId = r.id;
    c.scores.push(r.score);
    c.ids.push(r.id);
    c.days.push(d);
    const day = r.date.slice(0, 10);
    if (this.first === null || day < this.first) this.first = day;
    this.size++;
  }

  /**
   * Watches every agent; see the file header for the baseline rule.
   *
   * @throws {EarlyWarningError} as {@link watchCentre}
   * @example
   * ```ts
   * collector.watch({ baseline: 'phase1', failThreshold: 60 }).agents[0];
   * ```
   */
  watch(options: WatchCentreOptions = {}): CentreWatch {
    const what = 'watchCentre';
    if (options.referenceTo !== undefined && !isIsoDay(options.referenceTo)) {
      throw new EarlyWarningError(what, [{ code: 'invalid_date', path: ['options', 'referenceTo'], message: `referenceTo must be a date YYYY-MM-DD, got ${JSON.stringify(options.referenceTo)}` }]);
    }
    // Each agent's evaluations by date, then id; equal keys keep their order (as a stable sort does).
    // An agent whose records came in that order needs no index at all.
    const orderOf = (c: Columns): Uint32Array | null => {
      if (c.sorted) return null;
      const date = (i: number): string => this.dates[c.days.data[i] as number] as string;
      const order = Uint32Array.from({ length: c.scores.length }, (_, i) => i);
      return order.sort((i, j) => compareCodeUnits(date(i), date(j)) || c.ids.compare(i, j) || i - j);
    };
    const agents = [...this.agents].sort(([a], [b]) => compareCodeUnits(a, b)).map(([agentId, c]) => ({ agentId, c, order: orderOf(c) }));
    const b = options.baseline ?? 'phase1';
    const phase1 = b === 'phase1' || b === 'team';
    const referenceTo = phase1 ? (options.referenceTo ?? (this.first === null ? null : monthEnd(this.first))) : null;
    // Per distinct date: is it in the reference period? (No string made per evaluation.)
    const inRef = Uint8Array.from(this.dates, (d) => (referenceTo !== null && d.slice(0, 10) <= referenceTo ? 1 : 0));
    const at = (order: Uint32Array | null, k: number): number => (order === null ? k : (order[k] as number));
    // The reference period is the agent's leading evaluations up to referenceTo (in date order), as
    // typed arrays: off V8's heap, whose live size V8 scales its old generation (so the peak) by.
    const refScores = (c: Columns, order: Uint32Array | null, count: boolean): Float64Array | number => {
      let n = 0;
      for (let i = 0; i < c.scores.length; i++) n += inRef[c.days.data[i] as number] as number;
      if (count) return n;
      const out = new Float64Array(n);
      for (let k = 0, j = 0; k < c.scores.length; k++) {
        const i = at(order, k);
        if (inRef[c.days.data[i] as number] === 1) out[j++] = c.scores.data[i] as number;
      }
      return out;
    };
    let team: PhaseOneBaseline | null = null;
    const reference = new Map<string, number>();
    // In a function of its own, so that the reference scores are garbage once the baseline is known.
    const teamBaseline = (): PhaseOneBaseline => {
      const refs = agents.map(({ agentId, c, order }) => {
        const r = refScores(c, order, false) as Float64Array;
        reference.set(agentId, r.length);
        return r;
      });
      // phaseOneBaseline takes Float64Array series as they are (src/early-warning/phase1.ts).
      return phaseOneBaseline(refs.filter((s) => s.length > 0) as unknown as number[][]);
    };
    if (phase1 && this.size > 0) team = teamBaseline();
    else for (const { agentId, c, order } of agents) reference.set(agentId, refScores(c, order, true) as number);
    const { baseline: _b, referenceTo: _r, minOwnPoints, ...monitor } = options;
    const watched = agents.map(({ agentId, c, order }): AgentWatch => {
      const ref = reference.get(agentId) ?? 0;
      // Charted straight from the columns: a point object lives only while the charts take it.
      const n = c.scores.length;
      const scoreAt = (k: number): number => c.scores.data[at(order, k)] as number;
      const pointAt = (k: number): { score: number; id: string; date: string } => {
        const i = at(order, k);
        return { score: c.scores.data[i] as number, id: c.ids.at(i), date: this.dates[c.days.data[i] as number] as string };
      };
      const o: DetectDeclineOptions = team !== null
        ? { ...monitor, team: { mean: team.mean, sigma: team.sigma }, reference: b === 'team' ? 0 : ref, minOwnPoints: minOwnPoints ?? MIN_OWN_POINTS }
        : { ...monitor, baseline: b as Exclude<typeof b, 'phase1' | 'team'> };
      try {
        return { agentId, calls: n, reference: ref, report: detectDeclineOver(n, scoreAt, pointAt, o) };
      } catch (e) {
        // A series the charts cannot use (too short for `{ points }`, no variation) is a fact about the agent.
        if (e instanceof EarlyWarningError && e.issues.every((x) => x.path[0] === 'series')) return { agentId, calls: n, reference: ref, skipped: e.issues.map((x) => x.message).join('; ') };
        throw e;
      }
    });
    const since = (a: AgentWatch): number | null => ('report' in a && a.report.status.alarm !== null ? a.report.status.alarm.since.index : null);
    const sinceDate = (a: AgentWatch): string => ('report' in a ? (a.report.status.alarm?.since.date ?? '') : '');
    const ordered = [...watched].sort((x, y) => {
      const sx = since(x);
      const sy = since(y);
      if ((sx === null) !== (sy === null)) return sx === null ? 1 : -1;
      return compareCodeUnits(sinceDate(x), sinceDate(y)) || compareCodeUnits(x.agentId, y.agentId);
    });
    return { team, referenceTo, agents: ordered };
  }
}

/**
 * Watches every agent of a centre; see the file header for the baseline rule.
 * The same as a {@link CentreCollector} fed `records`.
 *
 * @param records - scored evaluations, any order
 * @param options - baseline choice, reference period, detectors and their tuning, failThreshold, locale
 * @returns the team baseline, the reference period's end, and every agent, in alarm first
 * @throws {EarlyWarningError} for bad options, a bad `referenceTo`, or a reference period with too little data or no variation
 *
 * @example
 * ```ts
 * const w = watchCentre(records, { failThreshold: 60 });
 * for (const a of w.agents) if ('report' in a && a.report.status.inAlarm) console.log(a.agentId, a.report.status.projection);
 * ```
 */
export function watchCentre(records: readonly CentreRecord[], options: WatchCentreOptions = {}): CentreWatch {
  const c = new CentreCollector();
  for (const r of records) c.add(r);
  return c.watch(options);
}
