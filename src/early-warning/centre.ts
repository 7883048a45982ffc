/**
 * A centre's early warning in one call: group scored evaluations per agent
 * (date order, then id), estimate the team's Phase I baseline from the
 * reference period (by default the first calendar month in the data), watch
 * every agent with {@link detectDecline} — on its own Phase I baseline when its
 * reference period holds enough evaluations, else on the team's — and list the
 * agents in alarm first (the earliest alarm first), then the others by id.
 *
 * For a centre whose alerts do not fit in memory, `watchOutline` charts each
 * agent, keeps all but its list of alerts, orders the agents, and charts an
 * agent again when its alerts are wanted: the charts are deterministic, so
 * that is the same report, at the cost of charting twice.
 */
import { compareCodeUnits } from '../order/compare.js';
import { Grow, Ids } from './columns.js';
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
 * An agent's result without its list of alerts (the rest of its report is
 * whole: baseline, first and latest decline, status, level, margin): what
 * {@link CentreCollector.watchOutline} keeps per agent. An {@link AgentWatch}
 * is one too.
 *
 * @example
 * ```ts
 * const a: AgentOutline = { agentId: 'A004', calls: 118, reference: 21, report: { baseline, firstDecline: null, lastDecline: null, status, level: 86.2 } };
 * ```
 */
export type AgentOutline =
  | { readonly agentId: string; readonly calls: number; readonly reference: number; readonly report: Omit<DeclineReport, 'alerts'> }
  | { readonly agentId: string; readonly calls: number; readonly reference: number; readonly skipped: string };

/**
 * The result of {@link CentreCollector.watchOutline}: a {@link CentreWatch}
 * whose agents are kept without their alerts, each to be had in full again.
 *
 * @example
 * ```ts
 * const o: CentreWatchOutline = collector.watchOutline({ failThreshold: 60 });
 * o.agent(0).agentId === o.agents[0]?.agentId; // true
 * ```
 */
export interface CentreWatchOutline {
  readonly team: PhaseOneBaseline | null;
  readonly referenceTo: string | null;
  /** In the order of {@link CentreWatch.agents}; charted agents without their alerts. */
  readonly agents: readonly AgentOutline[];
  /**
   * The agent at position `i` of `agents` in full — what `watch(options).agents[i]`
   * is — charted again from the collector's columns.
   *
   * @throws {RangeError} when there is no agent at `i`
   */
  agent(i: number): AgentWatch;
}

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
    const p = this.plan(options);
    const watched = p.ids.map((_, k) => p.chart(k));
    return { team: p.team, referenceTo: p.referenceTo, agents: displayOrder(watched).map((k) => watched[k] as AgentWatch) };
  }

  /**
   * The same watch as {@link CentreCollector.watch} for output too large to
   * hold: every agent is charted once (in agent id order; `onAgent` sees it in
   * full, alerts and all) and kept without its list of alerts, and
   * `agent(i)` charts the i-th again, in full, when it is wanted — so the
   * memory is the columns and one agent's alerts, however many alerts the
   * centre raises. Charting is deterministic: `agent(i)` equals
   * `watch(options).agents[i]`.
   *
   * @throws {EarlyWarningError} as {@link watchCentre}
   * @example
   * ```ts
   * const o = collector.watchOutline({ failThreshold: 60 });
   * o.agents.forEach((a, i) => { if ('report' in a) for (const al of o.agent(i).report.alerts) print(al); });
   * ```
   */
  watchOutline(options: WatchCentreOptions = {}, onAgent?: (a: AgentWatch) => void): CentreWatchOutline {
    const p = this.plan(options);
    const outlines = p.ids.map((_, k): AgentOutline => {
      const a = p.chart(k);
      onAgent?.(a);
      if (!('report' in a)) return a;
      const { alerts: _alerts, ...report } = a.report;
      return { ...a, report };
    });
    const order = displayOrder(outlines);
    return {
      team: p.team,
      referenceTo: p.referenceTo,
      agents: order.map((k) => outlines[k] as AgentOutline),
      agent: (i) => {
        const k = order[i];
        if (k === undefined) throw new RangeError(`no agent at ${i}: the centre has ${order.length}`);
        return p.chart(k);
      },
    };
  }

  /** What watching needs: the team baseline, the agents in id order, and how to chart the k-th. */
  private plan(options: WatchCentreOptions): { team: PhaseOneBaseline | null; referenceTo: string | null; ids: readonly string[]; chart: (k: number) => AgentWatch } {
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
    const chart = (k: number): AgentWatch => {
      const { agentId, c, order } = agents[k] as (typeof agents)[number];
      const ref = reference.get(agentId) ?? 0;
      // Charted straight from the columns: a point object lives only while the charts take it.
      const n = c.scores.length;
      const scoreAt = (j: number): number => c.scores.data[at(order, j)] as number;
      const pointAt = (j: number): { score: number; id: string; date: string } => {
        const i = at(order, j);
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
    };
    return { team, referenceTo, ids: agents.map((a) => a.agentId), chart };
  }
}

/** Positions of `agents` (in id order) in display order: in alarm first, the earliest alarm first, then by agent id. */
function displayOrder(agents: readonly AgentOutline[]): number[] {
  const since = (a: AgentOutline): number | null => ('report' in a && a.report.status.alarm !== null ? a.report.status.alarm.since.index : null);
  const sinceDate = (a: AgentOutline): string => ('report' in a ? (a.report.status.alarm?.since.date ?? '') : '');
  return agents.map((_, k) => k).sort((i, j) => {
    const x = agents[i] as AgentOutline;
    const y = agents[j] as AgentOutline;
    const sx = since(x);
    const sy = since(y);
    if ((sx === null) !== (sy === null)) return sx === null ? 1 : -1;
    return compareCodeUnits(sinceDate(x), sinceDate(y)) || compareCodeUnits(x.agentId, y.agentId);
  });
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
