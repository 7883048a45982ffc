/**
 * The agents of one assessment and what is gathered for them before they are
 * scored: each qa component's running sum of call scores, and each needed
 * metric's exact value. Held in typed arrays indexed by the agent's position
 * on the roster (sorted by id), not in objects per agent: a month of 10,000
 * agents then leaves almost nothing for the garbage collector to copy while
 * the calls are read, and the sums are plain number updates.
 */
import { Ratio } from '../exact/rational.js';
import type { ExactSink, MetricValue } from './metrics.js';

/** The roster, with every agent's qa sums. */
export class Roster {
  /** Agent ids, sorted (code-unit order); an agent's index is its position here. */
  readonly ids: readonly string[];
  readonly teams: readonly (string | null)[];
  readonly index: ReadonlyMap<string, number>;
  /** qa components in the plan. */
  readonly qa: number;
  /** Per agent × qa component: the sum of scores in thousandths, exact while every score has ≤ 3 decimals. */
  readonly milli: Float64Array;
  /** Per agent × qa component: calls counted. */
  readonly count: Int32Array;
  /** Per agent × qa component: scores with more decimals, summed exactly (rare, so kept sparse). */
  readonly extra = new Map<number, Ratio>();
  /** Per agent: calls used (by any qa component). */
  readonly calls: Int32Array;

  constructor(ids: readonly string[], teams: readonly (string | null)[], qa: number) {
    this.ids = ids;
    this.teams = teams;
    const index = new Map<string, number>();
    for (let a = 0; a < ids.length; a++) index.set(ids[a]!, a);
    this.index = index;
    this.qa = qa;
    this.milli = new Float64Array(ids.length * qa);
    this.count = new Int32Array(ids.length * qa);
    this.calls = new Int32Array(ids.length);
  }

  /** Adds a score to agent `a`'s qa component `k`: as thousandths `m`, or exactly when it has more decimals. */
  add(a: number, k: number, m: number, exact: Ratio | null): void {
    const slot = a * this.qa + k;
    if (exact === null) this.milli[slot]! += m;
    else this.extra.set(slot, (this.extra.get(slot) ?? Ratio.ZERO).add(exact));
    this.count[slot]!++;
  }

  /** The exact mean of agent `a`'s scores for qa component `k` (at least one call). */
  mean(a: number, k: number): Ratio {
    const slot = a * this.qa + k;
    const milli = this.milli[slot]!;
    const n = this.count[slot]!;
    const extra = this.extra.get(slot);
    // Scores were summed as whole thousandths: one reduction gives the exact mean.
    return extra === undefined && Number.isSafeInteger(milli) ? Ratio.of(milli, 1000 * n) : Ratio.of(milli, 1000).add(extra ?? Ratio.ZERO).div(Ratio.of(n));
  }
}

/**
 * Every agent's value of every metric the plan needs, slot `agent × metrics +
 * metric`: the exact value and, for poolable KPIs, the numerator and
 * denominator it comes from (NaN denominators where there are none). Values
 * that could not be computed keep their reason, sparsely, in `failed`; their
 * slots' numbers are meaningless and never read.
 */
export class MetricTable implements ExactSink {
  readonly metrics: number;
  readonly valueN: Float64Array;
  readonly valueD: Float64Array;
  readonly numN: Float64Array;
  readonly numD: Float64Array;
  readonly denN: Float64Array;
  readonly denD: Float64Array;
  readonly failed = new Map<number, Extract<MetricValue, { ok: false }>>();

  constructor(agents: number, metrics: number) {
    const n = agents * metrics;
    this.metrics = metrics;
    this.valueN = new Float64Array(n);
    this.valueD = new Float64Array(n);
    // Not filled: gatherMetrics writes every slot, through put or set.
    this.numN = new Float64Array(n);
    this.numD = new Float64Array(n);
    this.denN = new Float64Array(n);
    this.denD = new Float64Array(n);
  }

  put(slot: number, vn: number, vd: number, nn: number, nd: number, dn: number, dd: number): void {
    this.valueN[slot] = vn;
    this.valueD[slot] = vd;
    this.numN[slot] = nn;
    this.numD[slot] = nd;
    this.denN[slot] = dn;
    this.denD[slot] = dd;
  }

  set(slot: number, v: MetricValue): void {
    this.numD[slot] = NaN;
    this.denD[slot] = NaN;
    if (!v.ok) {
      this.failed.set(slot, v);
      return;
    }
    this.valueN[slot] = v.value.n;
    this.valueD[slot] = v.value.d;
    if (v.num !== undefined) {
      this.numN[slot] = v.num.n;
      this.numD[slot] = v.num.d;
    }
    if (v.den !== undefined) {
      this.denN[slot] = v.den.n;
      this.denD[slot] = v.den.d;
    }
  }

  /** The failure at `slot`, or undefined when the value is there. */
  failure(slot: number): Extract<MetricValue, { ok: false }> | undefined {
    return this.failed.size === 0 ? undefined : this.failed.get(slot);
  }

  /** The exact value at `slot` (which has not failed). */
  value(slot: number): Ratio {
    return Ratio.of(this.valueN[slot]!, this.valueD[slot]!);
  }
}
