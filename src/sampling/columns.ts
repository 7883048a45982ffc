/**
 * A population for sampling as parallel columns: per call only what the
 * selection reads — its seeded uniform u = cyrb53(id, seed) / 2⁵³, its
 * oversampling weight, its agent and its stratum (as small integers into
 * lists of ids). 16–24 bytes a call instead of an object per call, so a
 * month of 2,000,000 calls can be sampled in a stream (`callqa sample`)
 * and in memory ({@link selectSample}) by the same code, with the same result.
 *
 * Call ids are not kept: they decide the order only where two calls have
 * the same priority, and a duplicate id shows as two equal u. Both are rare
 * (a 53-bit hash); {@link collisionIndices} finds the calls whose id is then
 * needed.
 */
import type { Issue } from '../issues/issues.js';
import { uniformForId } from './hash.js';
import type { CallRecord } from './types.js';
import type { SamplingIssueCode } from './errors.js';

/**
 * What decides a call's stratum: its type, its agent, or a function of the call.
 *
 * @example
 * ```ts
 * const by: StratumKey = (c) => c.groups?.includes('new-hire') ? 'new' : 'tenured';
 * ```
 */
export type StratumKey = 'type' | 'agentId' | ((call: CallRecord) => string);

/**
 * The columns of a population, as {@link SampleColumnsBuilder.finish} returns them.
 *
 * @example
 * ```ts
 * const cols = SampleColumnsBuilder.from(calls, { seed: 1 }); // cols.size === calls.length
 * ```
 */
export interface SampleColumns {
  readonly size: number;
  /** The seeded uniform in (0, 1) of each call ({@link uniformForId}). */
  readonly u: Float64Array;
  /** The oversampling factor of each call (1 when none applies). */
  readonly weight: Float64Array;
  /** Index into `agents` of each call's agent. */
  readonly agent: Uint32Array;
  readonly agents: readonly string[];
  /** Index into `strata` of each call's stratum; null when not stratified. */
  readonly stratum: Uint32Array | null;
  readonly strata: readonly string[];
}

/** Internal: a growable typed column. */
class Column<T extends Float64Array | Uint32Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
  take(n: number): T {
    return this.data.subarray(0, n) as T;
  }
}

/**
 * Builds {@link SampleColumns} one call at a time, in input order.
 *
 * @example
 * ```ts
 * const b = new SampleColumnsBuilder({ seed: '2024-05', stratify: 'type' });
 * for (const c of calls) b.add(c);
 * const cols = b.finish();
 * ```
 */
export class SampleColumnsBuilder {
  private n = 0;
  private readonly u = new Column((n) => new Float64Array(n));
  private readonly w = new Column((n) => new Float64Array(n));
  private readonly a = new Column((n) => new Uint32Array(n));
  private readonly s: Column<Uint32Array> | null;
  private readonly agentIndex = new Map<string, number>();
  private readonly stratumIndex = new Map<string, number>();

  constructor(private readonly options: { readonly seed: string | number; readonly oversample?: Readonly<Record<string, number>> | undefined; readonly stratify?: StratumKey | undefined }) {
    this.s = options.stratify === undefined ? null : new Column((n) => new Uint32Array(n));
  }

  /** The columns of `calls`, in one go. */
  static from(calls: readonly CallRecord[], options: ConstructorParameters<typeof SampleColumnsBuilder>[0]): SampleColumns {
    const b = new SampleColumnsBuilder(options);
    for (const c of calls) b.add(c);
    return b.finish();
  }

  /** Adds the next call (its id, agent and date are assumed checked: {@link callIssues}). */
  add(c: CallRecord): void {
    const i = this.n++;
    this.u.set(i, uniformForId(this.options.seed, c.id));
    this.w.set(i, oversamplingWeight(c, this.options.oversample));
    this.a.set(i, intern(this.agentIndex, c.agentId));
    const by = this.options.stratify;
    if (this.s && by !== undefined) this.s.set(i, intern(this.stratumIndex, typeof by === 'function' ? by(c) : by === 'type' ? (c.type ?? '') : c.agentId));
  }

  /** The calls added so far. */
  get size(): number {
    return this.n;
  }

  finish(): SampleColumns {
    return {
      size: this.n,
      u: this.u.take(this.n),
      weight: this.w.take(this.n),
      agent: this.a.take(this.n),
      agents: [...this.agentIndex.keys()],
      stratum: this.s ? this.s.take(this.n) : null,
      strata: [...this.stratumIndex.keys()],
    };
  }
}

function intern(index: Map<string, number>, key: string): number {
  let k = index.get(key);
  if (k === undefined) {
    k = index.size;
    index.set(key, k);
  }
  return k;
}

/**
 * A call's oversampling factor: the largest factor of its declared groups, 1 when none applies.
 *
 * @example
 * ```ts
 * oversamplingWeight({ id: 'c', agentId: 'a', date: '2024-05-01', groups: ['new-hire'] }, { 'new-hire': 2 }); // 2
 * ```
 */
export function oversamplingWeight(c: CallRecord, oversample: Readonly<Record<string, number>> | undefined): number {
  let w = 1;
  let any = false;
  for (const g of c.groups ?? []) {
    const f = oversample?.[g];
    if (f !== undefined) {
      w = any ? Math.max(w, f) : f;
      any = true;
    }
  }
  return w;
}

/**
 * The problems of one call of a population to sample from (at index `i`): id
 * and agent required, the date an ISO date. Duplicate ids are found across
 * calls ({@link duplicateIdIssues}).
 *
 * @example
 * ```ts
 * callIssues({ id: '', agentId: 'a', date: 'x' }, 3).map((i) => i.code); // ['required', 'invalid_date']
 * ```
 */
export function callIssues(c: CallRecord, i: number): Issue<SamplingIssueCode>[] {
  const issues: Issue<SamplingIssueCode>[] = [];
  if (typeof c.id !== 'string' || c.id === '') issues.push({ code: 'required', path: ['population', i, 'id'], message: 'id must be a non-empty string' });
  if (typeof c.agentId !== 'string' || c.agentId === '') issues.push({ code: 'required', path: ['population', i, 'agentId'], message: 'agentId must be a non-empty string' });
  if (typeof c.date !== 'string' || Number.isNaN(Date.parse(c.date))) issues.push({ code: 'invalid_date', path: ['population', i, 'date'], message: `not an ISO date: ${JSON.stringify(c.date)}` });
  return issues;
}

/** Internal: the values that occur more than once in `xs`. */
function repeated(xs: Float64Array): Set<number> {
  const sorted = Float64Array.from(xs).sort();
  const out = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) out.add(sorted[i] as number);
  return out;
}

/**
 * The calls whose id is needed: those sharing their u with another call
 * (a duplicate id, or a hash collision) or their priority −ln(u)/w (ties
 * are broken by id). Usually none.
 *
 * @example
 * ```ts
 * collisionIndices(cols, priorities(cols)); // [] for distinct ids, almost surely
 * ```
 */
export function collisionIndices(cols: SampleColumns, key: Float64Array): number[] {
  const du = repeated(cols.u);
  const dk = repeated(key);
  const out: number[] = [];
  if (du.size === 0 && dk.size === 0) return out;
  for (let i = 0; i < cols.size; i++) if (du.has(cols.u[i] as number) || dk.has(key[i] as number)) out.push(i);
  return out;
}

/**
 * Each call's priority, the exponential clock −ln(u)/w (smaller is drawn first).
 *
 * @example
 * ```ts
 * const key = priorities(cols); // key.length === cols.size
 * ```
 */
export function priorities(cols: SampleColumns): Float64Array {
  const key = new Float64Array(cols.size);
  for (let i = 0; i < cols.size; i++) key[i] = -Math.log(cols.u[i] as number) / (cols.weight[i] as number);
  return key;
}

/**
 * `duplicate_id` issues, one per repeated occurrence (the first one is not
 * reported), among the calls listed in `ids` (index → id; the calls of
 * {@link collisionIndices} are enough: equal ids have equal u).
 *
 * @example
 * ```ts
 * duplicateIdIssues(new Map([[0, 'c1'], [4, 'c1']])); // [{ code: 'duplicate_id', path: ['population', 4, 'id'], … }]
 * ```
 */
export function duplicateIdIssues(ids: ReadonlyMap<number, string>): Issue<SamplingIssueCode>[] {
  const seen = new Set<string>();
  const out: Issue<SamplingIssueCode>[] = [];
  for (const i of [...ids.keys()].sort((a, b) => a - b)) {
    const id = ids.get(i) as string;
    if (seen.has(id)) out.push({ code: 'duplicate_id', path: ['population', i, 'id'], message: `call id ${JSON.stringify(id)} appears twice` });
    seen.add(id);
  }
  return out;
}
