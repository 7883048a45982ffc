/**
 * Each agent's component figures, kept compactly while a month is assessed
 * and written out as plain data (figures, exact fractions and a one-line
 * reason) the first time someone reads `agent.components`.
 *
 * Why not build them as the agents are scored: a 10,000-agent month has
 * 60,000 component results, each with four strings. Built eagerly, they are
 * most of what the garbage collector must copy while the month is assessed,
 * and most callers read the totals, grades, ranks and tiers of every agent but
 * the breakdown of a few. The figures themselves are computed when the agent
 * is scored (the total needs them) and kept in typed arrays, one slot per
 * agent and component; the text is derived from them, so it is the same
 * whenever it is read.
 */
import { inIntervalOf } from '../bands/interval.js';
import * as P from '../exact/pair.js';
import { Ratio } from '../exact/rational.js';
import type { AgentAssessment, ComponentResult, ComponentStatus, TierMovement } from './assess.js';
import type { Figures } from './figures.js';
import type { CompiledComponent, Plan } from './load.js';
import type { Roster } from './roster.js';

/** Status codes as stored in {@link Ledger.status}. */
export const STATUSES: readonly ComponentStatus[] = ['scored', 'insufficient', 'excluded', 'missing', 'invalid', 'no_data', 'error'];

/** A status's code in {@link Ledger.status}. */
export const STATUS_CODE: Readonly<Record<ComponentStatus, number>> = { scored: 0, insufficient: 1, excluded: 2, missing: 3, invalid: 4, no_data: 5, error: 6 };

/**
 * Every agent's component figures for one assessment, in typed arrays: slot
 * `agent × components + component`. Fractions are stored as numerator and
 * denominator (safe integers, exact in a double); a NaN denominator is null.
 */
export class Ledger {
  readonly status: Uint8Array;
  readonly rawN: Float64Array;
  readonly rawD: Float64Array;
  readonly ptsN: Float64Array;
  readonly ptsD: Float64Array;
  readonly conN: Float64Array;
  readonly conD: Float64Array;
  /**
   * Reasons written while scoring, for the cases off the common path (a short
   * sample, a missing or invalid metric, a failed formula); every other reason
   * is derived from the figures when read.
   */
  readonly text = new Map<number, string>();

  constructor(
    readonly components: number,
    agents: number,
  ) {
    const n = components * agents;
    this.status = new Uint8Array(n);
    this.rawN = new Float64Array(n);
    this.rawD = new Float64Array(n).fill(NaN);
    this.ptsN = new Float64Array(n);
    this.ptsD = new Float64Array(n).fill(NaN);
    this.conN = new Float64Array(n);
    this.conD = new Float64Array(n).fill(NaN);
  }
}

/** Stores `r` (or null) at `slot` of a numerator/denominator pair of columns. */
export function putRatio(ns: Float64Array, ds: Float64Array, slot: number, r: Ratio | null): void {
  if (r === null) ds[slot] = NaN;
  else {
    ns[slot] = r.n;
    ds[slot] = r.d;
  }
}

function getRatio(ns: Float64Array, ds: Float64Array, slot: number): Ratio | null {
  const d = ds[slot]!;
  return d !== d ? null : Ratio.of(ns[slot]!, d);
}

/** What a component's per-agent text and arithmetic need, computed once per assessment. */
export interface Prepared {
  /** `max`, formatted. */
  readonly max: string;
  readonly maxNumber: number;
  readonly weightNumber: number;
  /** weight / max: contribution per point before renormalisation. */
  readonly perPoint: Ratio;
  /** `${metric} `: the text before the agent's value. */
  readonly prefix: string;
  /** Banded: the text after the value, per band. */
  readonly bandSuffix: readonly string[];
  /** Deduction: the text after the value, per threshold. */
  readonly thresholdSuffix: readonly string[];
  readonly perOccurrence: Ratio | null;
  readonly floor: Ratio | null;
  readonly deductionFrom: string;
  readonly flooredAt: string;
  /** Comparison. */
  readonly constant: Ratio | null;
  readonly better: 'higher' | 'lower' | null;
  readonly otherwise: Ratio | null;
  readonly otherwiseText: string;
  readonly comparisonSuffix: Map<string, string> | null;
  /** Gate. */
  readonly gateValue: Ratio | null;
  readonly gateHit: string;
  readonly gateMiss: string;
  /** Qa: which of the agent's qa buckets (the plan's qa components, in order). */
  readonly qaOrdinal: number;
}

/** A component's texts and constants, once per assessment. */
export function prepare(c: CompiledComponent, plan: Plan, fmt: (r: Ratio) => string): Prepared {
  const def = c.def;
  const max = fmt(c.max);
  const of = ` of ${max}`;
  const p: { -readonly [K in keyof Prepared]: Prepared[K] } = {
    max,
    maxNumber: c.max.toNumber(),
    weightNumber: c.weight.toNumber(),
    perPoint: c.weight.div(c.max),
    prefix: c.metric === null ? '' : `${c.metric} `,
    bandSuffix: c.bands.map((b) => ` in ${b.range.text} → ${fmt(b.points)}${of}`),
    thresholdSuffix: c.thresholds.map((t) => ` occurrences, at least ${t.atLeast.toString()} → ${fmt(t.points)}${of}`),
    perOccurrence: null,
    floor: null,
    deductionFrom: '',
    flooredAt: '',
    constant: null,
    better: null,
    otherwise: null,
    otherwiseText: '',
    comparisonSuffix: null,
    gateValue: null,
    gateHit: '',
    gateMiss: '',
    qaOrdinal: plan.components.filter((x, i) => i < c.index && x.def.type === 'qa').length,
  };
  if (def.type === 'deduction') {
    p.perOccurrence = Ratio.from(def.perOccurrence);
    p.floor = c.min.max(Ratio.from(def.floor ?? 0));
    p.deductionFrom = ` occurrences × −${def.perOccurrence} from ${def.start}`;
    p.flooredAt = `, floored at ${def.floor ?? 0}`;
  } else if (def.type === 'comparison') {
    p.constant = 'constant' in def.reference ? Ratio.from(def.reference.constant) : null;
    p.better = plan.metrics.get(def.metric)!.better;
    p.otherwise = Ratio.from(def.otherwise ?? 0);
    p.otherwiseText = fmt(p.otherwise);
    p.comparisonSuffix = new Map();
  } else if (def.type === 'gate') {
    const z = def.zeroWhen;
    p.gateValue = Ratio.from(z.value);
    p.gateHit = ` ${z.op} ${z.value} → ${fmt(Ratio.ZERO)}${of}`;
    p.gateMiss = ` not ${z.op} ${z.value} → ${max}${of}`;
  }
  return p;
}

/** Index of the first band containing `n/d`, or `bands.length` (a pair, so both scoring paths share it). */
export function bandOf(c: CompiledComponent, n: number, d: number): number {
  const bands = c.bands;
  let k = 0;
  while (k < bands.length && !inIntervalOf(bands[k]!.range, n, d)) k++;
  return k;
}

/** Index of the first threshold `n/d` reaches (thresholds highest first), or `thresholds.length`. */
export function thresholdOf(c: CompiledComponent, n: number, d: number): number {
  const ths = c.thresholds;
  let k = 0;
  while (k < ths.length && P.cmpTo(n, d, ths[k]!.atLeast) < 0) k++;
  return k;
}

/** The comparison component's reference for an agent: its constant, or the team's or centre's value (null when none). */
export function referenceOf(c: CompiledComponent, p: Prepared, refValue: readonly ReadonlyMap<string, Ratio | null>[], team: string | null): Ratio | null {
  const def = c.def as Extract<CompiledComponent['def'], { type: 'comparison' }>;
  if ('constant' in def.reference) return p.constant!;
  if (def.reference.scope === 'centre') return refValue[c.index]!.get('*') ?? null;
  // An agent without a team has no team to compare with (not the team named "").
  return team === null ? null : (refValue[c.index]!.get(team) ?? null);
}

/**
 * Whether a comparison earns the full points, given how the agent's value
 * compares with the reference (`cmp`: −1, 0 or 1, from Ratio#cmp or the pair
 * cmp of src/exact/pair.ts — one rule for both scoring paths).
 */
export function comparisonMet(c: CompiledComponent, p: Prepared, cmp: number): boolean {
  const strict = (c.def as { strict?: boolean }).strict === true;
  return strict ? (p.better === 'lower' ? cmp < 0 : cmp > 0) : p.better === 'lower' ? cmp <= 0 : cmp >= 0;
}

/** Whether a gate's condition holds (the component is then zeroed), given how the value compares with the gate's (`cmp`). */
export function gateHit(c: CompiledComponent, cmp: number): boolean {
  const op = (c.def as Extract<CompiledComponent['def'], { type: 'gate' }>).zeroWhen.op;
  return op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '==' ? cmp === 0 : cmp !== 0;
}

/** What writing out an agent's components needs: the plan, the ledger and the references, shared by every agent of one assessment. */
export interface Explainer {
  readonly plan: Plan;
  readonly prep: readonly Prepared[];
  readonly fig: Figures;
  readonly ledger: Ledger;
  readonly roster: Roster;
  readonly refValue: readonly ReadonlyMap<string, Ratio | null>[];
}

/** The reason of a scored component whose text was not written while scoring. */
function scoredReason(ex: Explainer, c: CompiledComponent, p: Prepared, team: string | null, calls: number, x: Ratio, pts: Ratio): string {
  const { fmt } = ex.fig;
  switch (c.def.type) {
    case 'qa':
      return `mean of ${calls} call scores ${fmt(x)} → ${fmt(pts)} of ${p.max}`;
    case 'formula': {
      const clamp = pts.eq(x) ? '' : ` (clamped to [${fmt(c.min)}, ${p.max}])`;
      return `${c.def.expression} = ${fmt(x)}${clamp} → ${fmt(pts)} of ${p.max}`;
    }
    case 'banded':
      return p.prefix + fmt(x) + p.bandSuffix[bandOf(c, x.n, x.d)]!;
    case 'deduction': {
      const k = thresholdOf(c, x.n, x.d);
      if (k < c.thresholds.length) return fmt(x) + p.thresholdSuffix[k]!;
      const raw = c.max.sub(p.perOccurrence!.mul(x));
      return `${fmt(x)}${p.deductionFrom}${pts.eq(raw) ? '' : p.flooredAt} → ${fmt(pts)} of ${p.max}`;
    }
    case 'comparison': {
      const def = c.def;
      const ref = referenceOf(c, p, ex.refValue, team)!;
      const cmp = x.cmp(ref);
      const ok = comparisonMet(c, p, cmp);
      // The text after the agent's value depends on the reference, the sign and the outcome only.
      const refKey = 'constant' in def.reference ? '' : def.reference.scope === 'centre' ? '*' : `|${team}`;
      const memoKey = `${refKey}|${cmp}|${ok ? 1 : 0}`;
      let suffix = p.comparisonSuffix!.get(memoKey);
      if (suffix === undefined) {
        const sign = cmp < 0 ? '<' : cmp > 0 ? '>' : '=';
        const refName = 'constant' in def.reference ? 'target' : def.reference.scope === 'centre' ? 'centre' : `team ${team}`;
        suffix = ` ${sign} ${refName} ${fmt(ref)} (${p.better} is better) → ${ok ? p.max : p.otherwiseText} of ${p.max}`;
        p.comparisonSuffix!.set(memoKey, suffix);
      }
      return p.prefix + fmt(x) + suffix;
    }
    case 'gate':
      return p.prefix + fmt(x) + (gateHit(c, x.cmp(p.gateValue!)) ? p.gateHit : p.gateMiss);
  }
}

/** Agent `a`'s component results, as plain data. */
export function componentsOf(ex: Explainer, a: number): ComponentResult[] {
  const { plan, prep, ledger: L, fig } = ex;
  const { show } = fig;
  const comps = plan.components;
  const n = comps.length;
  const { roster } = ex;
  const team = roster.teams[a]!;
  const out = new Array<ComponentResult>(n);
  for (let i = 0; i < n; i++) {
    const slot = a * n + i;
    const c = comps[i]!;
    const p = prep[i]!;
    const status = STATUSES[L.status[slot]!]!;
    const raw = getRatio(L.rawN, L.rawD, slot);
    const pts = getRatio(L.ptsN, L.ptsD, slot);
    const contribution = getRatio(L.conN, L.conD, slot);
    const calls = c.def.type === 'qa' ? roster.count[a * roster.qa + p.qaOrdinal]! : undefined;
    const reason = L.text.get(slot) ?? scoredReason(ex, c, p, team, calls ?? 0, raw!, pts!);
    const exact = { raw: raw === null ? null : raw.toString(), points: pts === null ? null : pts.toString(), contribution: contribution === null ? null : contribution.toString() };
    const base = { id: c.id, type: c.type, status, raw: raw === null ? null : show(raw), points: pts === null ? null : show(pts), max: p.maxNumber, weight: p.weightNumber, contribution: contribution === null ? null : show(contribution), exact, reason };
    const ref = c.def.type === 'comparison' && status === 'scored' ? referenceOf(c, p, ex.refValue, team) : null;
    out[i] = calls !== undefined ? { ...base, calls } : ref !== null ? { ...base, reference: show(ref) } : base;
  }
  return out;
}

/** Where an unread agent's components come from (a non-enumerable property of the agent). */
const SOURCE = Symbol('callqa.assessment.components');

interface Source {
  ex: Explainer | null;
  readonly index: number;
  value: readonly ComponentResult[] | null;
}

// One accessor for every agent, so that the objects keep one shape. Assigning
// replaces it with an ordinary data property, and it can be deleted, as before.
const COMPONENTS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { [SOURCE]: Source }): readonly ComponentResult[] {
    const s = this[SOURCE];
    if (s.value === null) {
      s.value = componentsOf(s.ex!, s.index);
      s.ex = null;
    }
    return s.value;
  },
  set(this: object, value: unknown): void {
    Object.defineProperty(this, 'components', { value, writable: true, enumerable: true, configurable: true });
  },
};

/** `console.log` and `util.inspect` show the components as data, not `[Getter/Setter]`. */
const INSPECT_KEY = Symbol.for('nodejs.util.inspect.custom');
const INSPECT: PropertyDescriptor = {
  enumerable: false,
  value(this: object, _depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return inspect({ ...this }, options);
  },
};

// Reused for every agent (defineProperty reads it at once): no descriptor object per agent.
const HIDDEN: { value: Source | undefined; enumerable: false } = { value: undefined, enumerable: false };

/**
 * One agent's assessment, as a plain object. Every figure but the components
 * is an ordinary field; `components` is an own, enumerable accessor whose
 * value is written out the first time it is read (and kept). Being own and
 * enumerable on a plain object, it is copied like data by `JSON.stringify`,
 * object spread, `structuredClone` and `postMessage`, and compared by loose
 * and strict deep equality alike.
 */
export function agentResult(...args: Parameters<typeof AgentRecord>): AgentAssessment {
  return new (AgentRecord as unknown as new (...a: Parameters<typeof AgentRecord>) => AgentAssessment)(...args);
}

/**
 * The constructor behind {@link agentResult}. Its `prototype` is
 * `Object.prototype`, so that what it makes is a plain object (strict deep
 * equality with a plain copy holds), and the engine sizes the objects for all
 * their fields at once, as it does for a class.
 */
function AgentRecord(
  this: { -readonly [K in keyof AgentAssessment]: AgentAssessment[K] },
  ex: Explainer,
  index: number,
  agentId: string,
  team: string | null,
  status: 'complete' | 'incomplete',
  total: number | null,
  exactTotal: string | null,
  grade: AgentAssessment['grade'],
  rank: number | null,
  tier: AgentAssessment['tier'],
  movement: TierMovement | null,
  notes: readonly string[],
): void {
  // Own properties in the order of AgentAssessment, so that printed and serialised results read as before.
  this.agentId = agentId;
  this.team = team;
  this.status = status;
  Object.defineProperty(this, 'components', COMPONENTS);
  this.total = total;
  this.exactTotal = exactTotal;
  this.grade = grade;
  this.rank = rank;
  this.tier = tier;
  this.movement = movement;
  this.notes = notes;
  HIDDEN.value = { ex, index, value: null };
  Object.defineProperty(this, SOURCE, HIDDEN);
  HIDDEN.value = undefined;
  Object.defineProperty(this, INSPECT_KEY, INSPECT);
}
AgentRecord.prototype = Object.prototype;
