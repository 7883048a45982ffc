import type { Issue } from '../issues/issues.js';
import { allocateStrata, type AllocationMethod } from './allocation.js';
import { SamplingError, throwIfIssues } from './errors.js';
import { SampleColumnsBuilder, callIssues, duplicateIdIssues, priorities, type SampleColumns, type StratumKey } from './columns.js';
import type { CallRecord } from './types.js';
import { compareCodeUnits as cmp } from '../order/compare.js';
import type { SamplingIssueCode } from './errors.js';

/**
 * Options of {@link selectSample}. Give exactly one of `size` or `rate`.
 *
 * @example
 * ```ts
 * const o: SelectSampleOptions = { seed: '2024-05', rate: 0.02, perAgent: { min: 5, max: 15 } };
 * ```
 */
export interface SelectSampleOptions {
  /** The seed; the same seed and population always give the same sample. */
  readonly seed: string | number;
  /** The total number of calls to select. */
  readonly size?: number;
  /** The share of calls to select, in (0, 1]; n = ⌈rate · N⌉. */
  readonly rate?: number;
  /** Per-agent quotas, e.g. `{ min: 5, max: 15 }` calls per agent in the period. */
  readonly perAgent?: { readonly min?: number; readonly max?: number };
  /** Stratified allocation by a key of the call. */
  readonly stratify?: {
    readonly by: StratumKey;
    /** Default `'proportional'`. */
    readonly method?: AllocationMethod;
    /** σ per stratum key, required by Neyman allocation. */
    readonly sigma?: Readonly<Record<string, number>>;
  };
  /** Oversampling factor (> 0) per declared group; a call in several groups takes the largest. */
  readonly oversample?: Readonly<Record<string, number>>;
}

/**
 * Per-stratum report of {@link selectSample}.
 *
 * @example
 * ```ts
 * selectSample(calls, { seed: 1, size: 40, stratify: { by: 'type' } }).strata?.[0]; // { key: 'complaint', size: 100, allocated: 10, selected: 10 }
 * ```
 */
export interface StratumReport {
  readonly key: string;
  readonly size: number;
  /** The planned allocation n_h. */
  readonly allocated: number;
  /** The calls actually selected (differs from `allocated` only when agent quotas force it). */
  readonly selected: number;
}

/**
 * Per-agent report of {@link selectSample}.
 *
 * @example
 * ```ts
 * selectSample(calls, { seed: 1, size: 40 }).agents[0]; // { agentId: 'a0', size: 40, selected: 4 }
 * ```
 */
export interface AgentReport {
  readonly agentId: string;
  readonly size: number;
  readonly selected: number;
}

/**
 * The result of {@link selectSample}.
 *
 * @example
 * ```ts
 * const s: SampleSelection = selectSample(calls, { seed: 1, size: 40 }); // s.n === 40
 * ```
 */
export interface SampleSelection {
  /** The selected calls, sorted by date then id. */
  readonly calls: readonly CallRecord[];
  /** The size asked for (from `size` or `rate`). */
  readonly requested: number;
  /** The size drawn. */
  readonly n: number;
  /** Per-stratum allocation, in key order (only when stratified). */
  readonly strata?: readonly StratumReport[];
  /** Per-agent counts, in agent-id order. */
  readonly agents: readonly AgentReport[];
  /** Why n differs from `requested`, if it does (not errors: the sample is still valid). */
  readonly notes: readonly Issue<SamplingIssueCode>[];
}


/**
 * Checks the options of {@link selectSample} (and of the streaming selection), every problem at once.
 *
 * @example
 * ```ts
 * selectOptionIssues({ seed: 1, size: 0 }).map((i) => i.code); // ['not_positive_integer']
 * ```
 */
export function selectOptionIssues(options: SelectSampleOptions): Issue<SamplingIssueCode>[] {
  const issues: Issue<SamplingIssueCode>[] = [];
  const { size, rate, perAgent, oversample } = options;
  if ((size === undefined) === (rate === undefined)) {
    issues.push({ code: 'size_or_rate', path: ['options'], message: 'give exactly one of size or rate' });
  }
  if (size !== undefined && !(Number.isInteger(size) && size >= 1)) issues.push({ code: 'not_positive_integer', path: ['options', 'size'], message: `size must be an integer ≥ 1, got ${size}` });
  if (rate !== undefined && !(rate > 0 && rate <= 1)) issues.push({ code: 'out_of_range', path: ['options', 'rate'], message: `rate must be in (0, 1], got ${rate}` });
  const minPer = perAgent?.min ?? 0;
  const maxPer = perAgent?.max ?? Infinity;
  if (!(Number.isInteger(minPer) && minPer >= 0)) issues.push({ code: 'not_nonnegative_integer', path: ['options', 'perAgent', 'min'], message: `min must be an integer ≥ 0, got ${minPer}` });
  if (maxPer !== Infinity && !(Number.isInteger(maxPer) && maxPer >= 1)) issues.push({ code: 'not_positive_integer', path: ['options', 'perAgent', 'max'], message: `max must be an integer ≥ 1, got ${maxPer}` });
  if (minPer > maxPer) issues.push({ code: 'min_above_max', path: ['options', 'perAgent'], message: `min ${minPer} exceeds max ${maxPer}` });
  for (const [g, f] of Object.entries(oversample ?? {})) {
    if (!(Number.isFinite(f) && f > 0)) issues.push({ code: 'not_positive', path: ['options', 'oversample', g], message: `the oversampling factor must be a finite number > 0, got ${f}` });
  }
  return issues;
}

/**
 * Selects a seeded, reproducible sample of calls whose result does not depend
 * on the order of the records: each call's priority is an exponential clock
 * −ln(u)/w, with u a keyed hash of (seed, call id) and w its oversampling
 * factor (weighted sampling without replacement, Efraimidis & Spirakis 2006).
 * Agent minimums are taken first, then strata are filled to their allocation
 * (proportional or Neyman, see {@link allocateStrata}) in priority order,
 * never exceeding an agent's maximum. The selection itself runs on the
 * population's columns ({@link selectFromColumns}), as `callqa sample` does
 * on a stream.
 *
 * @param population - the calls to sample from (ids must be unique)
 * @param options - seed, size or rate, and optional quotas, strata and oversampling
 * @returns the calls (sorted by date, id) with the allocation per stratum and agent
 * @throws {SamplingError} for an empty population, duplicate ids, bad dates or bad options
 *
 * @example
 * ```ts
 * const s = selectSample(calls, { seed: '2024-05', rate: 0.02, perAgent: { min: 5, max: 15 }, stratify: { by: 'type' } });
 * s.n;              // e.g. 240
 * s.strata?.[0];    // { key: 'complaint', size: 1200, allocated: 24, selected: 24 }
 * ```
 */
export function selectSample(population: readonly CallRecord[], options: SelectSampleOptions): SampleSelection {
  const issues: Issue<SamplingIssueCode>[] = [];
  if (population.length === 0) issues.push({ code: 'empty_population', path: ['population'], message: 'the population has no calls' });
  const ids = new Map<number, string>();
  const perCall = population.map((c, i) => {
    if (typeof c.id === 'string' && c.id !== '') ids.set(i, c.id);
    return callIssues(c, i);
  });
  const dup = new Map(duplicateIdIssues(ids).map((d) => [d.path[1] as number, d]));
  // In index order, a duplicate id first among its call's issues.
  perCall.forEach((list, i) => {
    const d = dup.get(i);
    if (d) issues.push(d);
    issues.push(...list);
  });
  issues.push(...selectOptionIssues(options));
  throwIfIssues('selectSample', issues);
  const cols = SampleColumnsBuilder.from(population, { seed: options.seed, oversample: options.oversample, stratify: options.stratify?.by });
  const { chosen, ...report } = selectFromColumns(cols, options, (i) => (population[i] as CallRecord).id);
  return { calls: orderSelected(chosen.map((i) => population[i] as CallRecord)), ...report };
}

/**
 * The selected calls in report order: by date, then id.
 *
 * @example
 * ```ts
 * orderSelected([b, a]); // [a, b] when a is earlier
 * ```
 */
export function orderSelected(calls: readonly CallRecord[]): CallRecord[] {
  return [...calls].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || cmp(a.id, b.id));
}

/**
 * The selection of {@link selectSample} on a population's columns: the
 * chosen calls as indices (ascending), with the report. Only calls tied on
 * priority need their id (`idOf`).
 *
 * @param cols - the population's columns, built with the same seed, oversampling and stratum key as `options`
 * @param options - checked options ({@link selectOptionIssues})
 * @param idOf - the id of call i; asked only for calls of {@link collisionIndices}
 * @throws {SamplingError} when Neyman allocation lacks a stratum's σ
 *
 * @example
 * ```ts
 * const r = selectFromColumns(SampleColumnsBuilder.from(calls, { seed: 1 }), { seed: 1, size: 10 }, (i) => calls[i]!.id);
 * r.chosen.length; // 10
 * ```
 */
export function selectFromColumns(cols: SampleColumns, options: SelectSampleOptions, idOf: (i: number) => string): Omit<SampleSelection, 'calls'> & { readonly chosen: number[] } {
  const { size, rate, perAgent, stratify } = options;
  const minPer = perAgent?.min ?? 0;
  const maxPer = perAgent?.max ?? Infinity;
  const N = cols.size;
  const key = priorities(cols);
  const ranked = new Uint32Array(N);
  for (let i = 0; i < N; i++) ranked[i] = i;
  ranked.sort((a, b) => (key[a] as number) - (key[b] as number) || cmp(idOf(a), idOf(b)));

  const notes: Issue<SamplingIssueCode>[] = [];
  const requested = size ?? Math.ceil(Math.round((rate ?? 0) * N * 1e9) / 1e9);
  const perAgentCount = new Uint32Array(cols.agents.length);
  for (let i = 0; i < N; i++) perAgentCount[cols.agent[i] as number]!++;
  let capacity = 0;
  for (const k of perAgentCount) capacity += Math.min(k, maxPer);

  const chosen = new Uint8Array(N);
  let chosenCount = 0;
  const taken = new Uint32Array(cols.agents.length);
  const take = (i: number): void => {
    chosen[i] = 1;
    chosenCount++;
    taken[cols.agent[i] as number]!++;
  };
  const underMax = (i: number): boolean => (taken[cols.agent[i] as number] as number) < maxPer;
  // Agent minimums first: an agent with fewer calls than the minimum gets all of them.
  if (minPer > 0) for (const i of ranked) if ((taken[cols.agent[i] as number] as number) < minPer) take(i);

  let n = requested;
  if (n > capacity) {
    notes.push({ code: 'capped', path: ['options', 'size'], message: `only ${capacity} calls are available within the population and per-agent maximum; drawing ${capacity} instead of ${requested}` });
    n = capacity;
  }
  if (chosenCount > n) {
    notes.push({ code: 'raised_by_quota', path: ['options', 'perAgent', 'min'], message: `the per-agent minimum needs ${chosenCount} calls, more than the ${n} requested` });
    n = chosenCount;
  }

  let strata: StratumReport[] | undefined;
  if (stratify !== undefined && cols.stratum !== null) {
    const stratumOf = cols.stratum;
    // Sizes and weights summed in priority order (the order fixes the floating-point sum).
    const groups = new Map<number, { size: number; weight: number }>();
    for (const i of ranked) {
      const k = stratumOf[i] as number;
      const g = groups.get(k) ?? { size: 0, weight: 0 };
      g.size++;
      g.weight += cols.weight[i] as number;
      groups.set(k, g);
    }
    const method = stratify.method ?? 'proportional';
    if (n < groups.size) {
      notes.push({ code: 'raised_by_strata', path: ['options', 'stratify'], message: `${groups.size} strata need at least one call each; drawing ${groups.size} instead of ${n}` });
      n = Math.min(groups.size, N);
    }
    const name = (k: number): string => cols.strata[k] as string;
    const missing = method === 'neyman' ? [...groups.keys()].map(name).filter((k) => stratify.sigma?.[k] === undefined) : [];
    if (missing.length > 0) {
      throw new SamplingError('selectSample', missing.map((k) => ({ code: 'missing_sigma', path: ['options', 'stratify', 'sigma', k], message: `Neyman allocation needs σ for stratum ${JSON.stringify(k)}` })));
    }
    const alloc = allocateStrata(
      [...groups].map(([k, g]) => {
        const sigma = stratify.sigma?.[name(k)];
        return { key: name(k), size: g.size, weight: g.weight, ...(sigma === undefined ? {} : { sigma }) };
      }),
      n,
      method,
    );
    const planned = new Float64Array(cols.strata.length);
    for (const a of alloc) planned[cols.strata.indexOf(a.key)] = a.n;
    const inStratum = new Float64Array(cols.strata.length);
    for (let i = 0; i < N; i++) if (chosen[i]) inStratum[stratumOf[i] as number]!++;
    for (const i of ranked) {
      if (chosenCount >= n) break;
      const k = stratumOf[i] as number;
      if (chosen[i] || (inStratum[k] as number) >= (planned[k] as number) || !underMax(i)) continue;
      take(i);
      inStratum[k]!++;
    }
    // Agent maximums can leave a stratum short: top up from any stratum, in priority order.
    for (const i of ranked) {
      if (chosenCount >= n) break;
      if (!chosen[i] && underMax(i)) take(i);
    }
    const selected = new Float64Array(cols.strata.length);
    for (let i = 0; i < N; i++) if (chosen[i]) selected[stratumOf[i] as number]!++;
    strata = alloc.map((a) => ({ key: a.key, size: a.size, allocated: a.n, selected: selected[cols.strata.indexOf(a.key)] as number }));
  } else {
    for (const i of ranked) {
      if (chosenCount >= n) break;
      if (!chosen[i] && underMax(i)) take(i);
    }
  }

  const picked: number[] = [];
  for (let i = 0; i < N; i++) if (chosen[i]) picked.push(i);
  const agents = cols.agents
    .map((agentId, a) => ({ agentId, size: perAgentCount[a] as number, selected: taken[a] as number }))
    .sort((a, b) => cmp(a.agentId, b.agentId));
  return { chosen: picked, requested, n: picked.length, ...(strata ? { strata } : {}), agents, notes };
}
