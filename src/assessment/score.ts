/**
 * One agent's scoring: each component's outcome by its rule (components.ts),
 * written to the ledger, then the total — each scored component contributes
 * points × weight / max, rescaled by 100 / Σ(weights scored) when some were
 * left out — rounded once as the plan declares, its grade, and the agent's
 * tie-break values. One path for every agent and every plan, in exact
 * arithmetic ({@link Ratio}).
 */
import { inInterval } from '../bands/interval.js';
import * as P from '../exact/pair.js';
import { ArithmeticOverflowError, Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import { enoughCalls, referenceOf, scoreBanded, scoreComparison, scoreDeduction, scoreFormula, scoreGate, scoreQa, type Scored } from './components.js';
import type { Figures } from './figures.js';
import { putRatio, STATUS_CODE, type Ledger } from './ledger.js';
import type { Plan } from './load.js';
import type { MetricValue } from './metrics.js';
import type { Prepared } from './prepare.js';
import type { MetricTable, Roster } from './roster.js';
import type { AssessmentIssueCode } from './issue-codes.js';

/** A grade as agents share it: one frozen object per grade. */
export type GradeRef = { readonly id: string; readonly passing: boolean };

/**
 * What {@link scoreAgent} reads (the plan prepared once, the gathered calls
 * and metrics, the references) and where it writes (the ledger and the
 * per-agent arrays).
 */
export interface Scoring {
  readonly plan: Plan;
  readonly issues: Issue<AssessmentIssueCode>[];
  readonly roster: Roster;
  readonly table: MetricTable;
  readonly refValue: readonly ReadonlyMap<string, Ratio | null>[];
  readonly metricIndex: ReadonlyMap<string, number>;
  readonly fig: Figures;
  readonly prep: readonly Prepared[];
  /** Σ(all weights). */
  readonly allWeight: Ratio;
  /** 100 / Σ(all weights): the rescaling when every component is scored (the common case). */
  readonly allScale: Ratio;
  /** Per component: weight / max × allScale. */
  readonly allFactor: readonly Ratio[];
  /** Per tie-break: the component's index, or −1. */
  readonly tieComponent: readonly number[];
  /** Per component: its metric's column in the table (−1: none). */
  readonly componentMetric: readonly number[];
  /** Per tie-break: its metric's column in the table (−1: a component). */
  readonly tieMetric: readonly number[];
  readonly gradeOf: (r: Ratio) => GradeRef | null;
  readonly ledger: Ledger;
  readonly totals: (Ratio | null)[];
  readonly roundeds: (Ratio | null)[];
  /** The rounded total in units of 10^-decimals (NaN when it left the safe range): the ranking key. */
  readonly keys: Float64Array;
  readonly grades: (GradeRef | null)[];
  readonly notes: string[][];
  /** Tie-break values, `agent × tieBreaks + k`. */
  readonly ties: (Ratio | null)[];
  /** Scratch, reused for every agent: the agent's points by component. */
  readonly points: (Ratio | null)[];
  /** Scratch, reused for every agent: the notes of the agent being scored. */
  readonly pendingNotes: string[];
  /** Scratch, reused for every agent: the metric values its components read (null: not read), for the tie-breaks. */
  readonly values: (Ratio | null)[];
}

/** Shared by every complete agent: notes are only allocated when there is one. */
const NO_NOTES: string[] = Object.freeze([]) as unknown as string[];

/**
 * The grade lookup of a plan: the first grade band holding the rounded total,
 * as one frozen object per grade shared by the agents who have it.
 *
 * @example
 * ```ts
 * gradeLookup(plan)(Ratio.of(958, 10)); // { id: 'A', passing: true }
 * ```
 */
export function gradeLookup(plan: Plan): (r: Ratio) => GradeRef | null {
  // A plain loop over the bands: no closure or map lookup per agent.
  const bands = plan.grades;
  const refs: GradeRef[] = bands.map((g) => Object.freeze({ id: g.id, passing: g.passing }));
  return (r) => {
    for (let k = 0; k < bands.length; k++) if (inInterval(bands[k]!.range, r)) return refs[k]!;
    return null;
  };
}

/**
 * Component `i` of agent `a`, by its rule: its value, then its rule's
 * {@link Scored}, settled into the ledger.
 */
function scoreComponent(sc: Scoring, a: number, i: number, slot: number): Ratio | null {
  const { plan, roster, table, metricIndex, prep } = sc;
  const c = plan.components[i]!;
  const p = prep[i]!;
  const mBase = a * table.metrics;
  const def = c.def;
  if (def.type === 'qa') {
    const count = roster.count[a * roster.qa + p.qaOrdinal]!;
    const mean = enoughCalls(c, count) ? roster.mean(a, p.qaOrdinal) : null;
    return settle(sc, slot, mean, scoreQa(c, p, count, mean));
  }
  if (def.type === 'formula') {
    const vals = new Map<string, Ratio>();
    let bad: Extract<MetricValue, { ok: false }> | null = null;
    for (const s of c.formula!.symbols) {
      const ms = mBase + metricIndex.get(s)!;
      const f = table.failure(ms);
      if (f === undefined) vals.set(s, table.value(ms));
      else bad = f;
    }
    if (bad) return settle(sc, slot, null, { status: bad.status, raw: null, points: null, text: bad.message, note: `${c.id}: ${bad.message}` });
    return settle(sc, slot, null, scoreFormula(c, roster.ids[a]!, vals));
  }
  const metric = c.metric!;
  const ms = mBase + sc.componentMetric[i]!;
  const v = table.failure(ms);
  if (v !== undefined) {
    const note = `${c.id}: ${metric} ${v.status === 'no_data' ? 'has no data' : v.status} (${v.message})`;
    return settle(sc, slot, null, { status: v.status, raw: null, points: null, text: `${metric}: ${v.message}`, note });
  }
  const x = table.value(ms);
  sc.values[ms - mBase] = x;
  const { fmt } = sc.fig;
  switch (def.type) {
    case 'banded':
      return settle(sc, slot, x, scoreBanded(c, roster.ids[a]!, metric, x, fmt));
    case 'deduction':
      return settle(sc, slot, x, scoreDeduction(c, p, roster.ids[a]!, metric, x, fmt));
    case 'comparison':
      return settle(sc, slot, x, scoreComparison(c, p, x, referenceOf(c, p, sc.refValue, roster.teams[a]!), roster.teams[a]!));
    case 'gate':
      return settle(sc, slot, x, scoreGate(c, p, x));
  }
}

/**
 * Writes a rule's result to the ledger (status, raw value; the reason, note
 * and issue off the common path) and returns the points (null: not scored).
 * `raw` is the value the rule was given: the raw value of a plain score.
 */
function settle(sc: Scoring, slot: number, raw: Ratio | null, o: Scored): Ratio | null {
  const L = sc.ledger;
  if (o instanceof Ratio) {
    L.status[slot] = STATUS_CODE.scored;
    putRatio(L.rawN, L.rawD, slot, raw);
    return o;
  }
  if (o.text !== undefined) L.text.set(slot, o.text);
  if (o.note !== undefined) sc.pendingNotes.push(o.note);
  if (o.issue !== undefined) sc.issues.push(o.issue);
  L.status[slot] = STATUS_CODE[o.status];
  putRatio(L.rawN, L.rawD, slot, o.raw);
  return o.points;
}

/**
 * Agent `a`'s components, contributions and total, written to `sc`. A reason
 * is written to the ledger only off the common path; the rest are derived
 * from the figures when read (explain.ts).
 */
export function scoreAgent(a: number, sc: Scoring): void {
  const { plan, ledger: L } = sc;
  const comps = plan.components;
  const nComp = comps.length;
  const base = a * nComp;
  // Reused for every agent: the points are also kept in the ledger.
  const points = sc.points;
  const pending = sc.pendingNotes;
  pending.length = 0;
  sc.values.fill(null);
  let allScored = true;
  for (let i = 0; i < nComp; i++) {
    points[i] = scoreComponent(sc, a, i, base + i);
    if (L.status[base + i] !== STATUS_CODE.scored) allScored = false;
  }
  let notes: string[] | null = pending.length === 0 ? null : pending.slice();
  // Σ(weights scored) is only needed to rescale when some component was left out.
  let scoredWeight: Ratio | null = null;
  if (notes === null) {
    scoredWeight = sc.allWeight;
    if (!allScored) {
      scoredWeight = Ratio.ZERO;
      for (let i = 0; i < nComp; i++) if (L.status[base + i] === STATUS_CODE.scored) scoredWeight = scoredWeight.add(comps[i]!.weight);
    }
  }
  const total = totalOf(sc, base, points, scoredWeight, allScored);
  if (total === null && notes === null) notes = ['every component was left out'];
  const rounded = total === null ? null : sc.fig.rounded(total);
  sc.totals[a] = total;
  sc.roundeds[a] = rounded;
  sc.keys[a] = rounded === null ? NaN : sc.fig.key(rounded);
  sc.grades[a] = rounded === null ? null : sc.gradeOf(rounded);
  sc.notes[a] = notes ?? NO_NOTES;
  tieValues(sc, a, points);
}

/**
 * Each component's contribution (written to the ledger) and the total: null
 * when the agent is incomplete (`scoredWeight` null) or every component was
 * left out. Contributions are shown even for an incomplete agent (points ×
 * weight / max, not rescaled). Computed as reduced number pairs (exact/pair),
 * which give the same fractions as Ratio and fail exactly where Ratio would
 * overflow; a failure is then raised as Ratio raises it. No object is made
 * but the total.
 */
function totalOf(sc: Scoring, base: number, points: readonly (Ratio | null)[], scoredWeight: Ratio | null, allScored: boolean): Ratio | null {
  const { plan, prep, allScale, allFactor, ledger: L } = sc;
  const scale = scoredWeight === null || scoredWeight.isZero() ? null : allScored ? allScale : Ratio.HUNDRED.div(scoredWeight);
  let tn = 0;
  let td = 1;
  let any = false;
  for (let i = 0; i < plan.components.length; i++) {
    const slot = base + i;
    const pts = points[i]!;
    putRatio(L.ptsN, L.ptsD, slot, pts);
    if (L.status[slot] !== STATUS_CODE.scored || pts === null) {
      L.conD[slot] = NaN;
      continue;
    }
    // points × weight / max, × 100 / Σ(weights scored) when there is a total.
    const f = scale === null || !allScored ? prep[i]!.perPoint : allFactor[i]!;
    mulPair(pts.n, pts.d, f.n, f.d);
    if (scale !== null && !allScored) mulPair(P.out.n, P.out.d, scale.n, scale.d);
    L.conN[slot] = P.out.n;
    L.conD[slot] = P.out.d;
    if (scale !== null) {
      if (!any) {
        tn = P.out.n;
        td = P.out.d;
        any = true;
      } else {
        addPair(tn, td, P.out.n, P.out.d);
        tn = P.out.n;
        td = P.out.d;
      }
    }
  }
  if (scale === null) return null;
  return any ? Ratio.of(tn, td) : Ratio.ZERO;
}

/** `a/b + c/d` into P.out; where it leaves the safe range, Ratio#add raises the overflow. */
function addPair(a: number, b: number, c: number, d: number): void {
  if (!P.add(a, b, c, d)) {
    Ratio.of(a, b).add(Ratio.of(c, d));
    throw new ArithmeticOverflowError('add');
  }
}

/** `a/b × c/d` into P.out; where it leaves the safe range, Ratio#mul raises the overflow. */
function mulPair(a: number, b: number, c: number, d: number): void {
  if (!P.mul(a, b, c, d)) {
    Ratio.of(a, b).mul(Ratio.of(c, d));
    throw new ArithmeticOverflowError('mul');
  }
}

/** Agent `a`'s tie-break values: a component's points (0 when unscored), or a metric's value (null when it failed). */
function tieValues(sc: Scoring, a: number, points: readonly (Ratio | null)[]): void {
  const { plan, table } = sc;
  const nTie = plan.tieBreak.length;
  for (let k = 0; k < nTie; k++) {
    const t = plan.tieBreak[k]!;
    const ci = sc.tieComponent[k]!;
    let value: Ratio | null;
    if (ci >= 0) value = points[ci] ?? Ratio.ZERO;
    else if ('component' in t) value = Ratio.ZERO;
    else {
      const j = sc.tieMetric[k]!;
      const ms = a * table.metrics + j;
      value = table.failure(ms) === undefined ? (sc.values[j] ?? table.value(ms)) : null;
    }
    sc.ties[a * nTie + k] = value;
  }
}
