/**
 * Explanations: each agent's component results written out as plain data
 * (figures, exact fractions and a one-line reason) the first time someone
 * reads `agent.components`, from the figures in the ledger (ledger.ts). The
 * reasons call the same rule functions as the scoring (components.ts), so a
 * reason always says what the rule did.
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
import type { Ratio } from '../exact/rational.js';
import { bandOf, comparisonMet, deduction, gateHit, referenceOf } from './components.js';
import type { Figures } from './figures.js';
import { getRatio, STATUSES, type Ledger } from './ledger.js';
import type { CompiledComponent, Plan } from './load.js';
import type { Prepared } from './prepare.js';
import type { Roster } from './roster.js';
import type { AgentAssessment, ComponentResult, TierMovement } from './types.js';

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
      return p.prefix + fmt(x) + p.bandSuffix[bandOf(c, x)]!;
    case 'deduction': {
      const r = deduction(c, p, x);
      if (r.threshold >= 0) return fmt(x) + p.thresholdSuffix[r.threshold]!;
      return `${fmt(x)}${p.deductionFrom}${r.floored ? p.flooredAt : ''} → ${fmt(pts)} of ${p.max}`;
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

/** Returns the object it is given: a subclass's private fields then land on that object (see {@link Source}). */
class Stamped {
  constructor(o: object) {
    return o;
  }
}

/**
 * Where an unread agent's components come from, kept in private fields of the
 * agent object itself: invisible to keys, symbols, JSON, spread and deep
 * equality, and cheaper to add than a hidden property and its own object.
 */
class Source extends Stamped {
  #ex: Explainer | null;
  readonly #index: number;
  #value: readonly ComponentResult[] | null = null;

  constructor(o: object, ex: Explainer, index: number) {
    super(o);
    this.#ex = ex;
    this.#index = index;
  }

  /** The components of a stamped agent, written out on the first read and kept. */
  static read(o: Source): readonly ComponentResult[] {
    if (o.#value === null) {
      o.#value = componentsOf(o.#ex!, o.#index);
      o.#ex = null;
    }
    return o.#value;
  }
}

// One accessor for every agent, so that the objects keep one shape. Assigning
// replaces it with an ordinary data property, and it can be deleted, as before.
const COMPONENTS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Source): readonly ComponentResult[] {
    return Source.read(this);
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
  new Source(this, ex, index);
  Object.defineProperty(this, INSPECT_KEY, INSPECT);
}
AgentRecord.prototype = Object.prototype;
