import type { Issue } from '../issues/issues.js';
import { allocateStrata, type AllocationMethod } from './allocation.js';
import { SamplingError, throwIfIssues } from './errors.js';
import { uniformForId } from './hash.js';
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
    readonly by: 'type' | 'agentId' | ((call: CallRecord) => string);
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
 * Selects a seeded, reproducible sample of calls whose result does not depend
 * on the order of the records: each call's priority is an exponential clock
 * −ln(u)/w, with u a keyed hash of (seed, call id) and w its oversampling
 * factor (weighted sampling without replacement, Efraimidis & Spirakis 2006).
 * Agent minimums are taken first, then strata are filled to their allocation
 * (proportional or Neyman, see {@link allocateStrata}) in priority order,
 * never exceeding an agent's maximum.
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
  const N = population.length;
  if (N === 0) issues.push({ code: 'empty_population', path: ['population'], message: 'the population has no calls' });
  const ids = new Set<string>();
  population.forEach((c, i) => {
    if (typeof c.id !== 'string' || c.id === '') issues.push({ code: 'required', path: ['population', i, 'id'], message: 'id must be a non-empty string' });
    else if (ids.has(c.id)) issues.push({ code: 'duplicate_id', path: ['population', i, 'id'], message: `call id ${JSON.stringify(c.id)} appears twice` });
    ids.add(c.id);
    if (typeof c.agentId !== 'string' || c.agentId === '') issues.push({ code: 'required', path: ['population', i, 'agentId'], message: 'agentId must be a non-empty string' });
    if (Number.isNaN(Date.parse(c.date))) issues.push({ code: 'invalid_date', path: ['population', i, 'date'], message: `not an ISO date: ${JSON.stringify(c.date)}` });
  });
  const { size, rate, perAgent, stratify, oversample } = options;
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
  throwIfIssues('selectSample', issues);

  const seed = options.seed;
  const weightOf = (c: CallRecord): number => {
    let w = 1;
    let any = false;
    for (const g of c.groups ?? []) {
      const f = oversample?.[g];
      if (f !== undefined) { w = any ? Math.max(w, f) : f; any = true; }
    }
    return w;
  };
  const ranked = population
    .map((c) => ({ c, w: weightOf(c), key: -Math.log(uniformForId(seed, c.id)) / weightOf(c) }))
    .sort((a, b) => a.key - b.key || cmp(a.c.id, b.c.id));

  const notes: Issue<SamplingIssueCode>[] = [];
  const requested = size ?? Math.ceil(Math.round((rate ?? 0) * N * 1e9) / 1e9);
  const perAgentCount = new Map<string, number>();
  for (const c of population) perAgentCount.set(c.agentId, (perAgentCount.get(c.agentId) ?? 0) + 1);
  const capacity = [...perAgentCount.values()].reduce((a, k) => a + Math.min(k, maxPer), 0);

  const chosen = new Set<string>();
  const taken = new Map<string, number>();
  const take = (c: CallRecord): void => { chosen.add(c.id); taken.set(c.agentId, (taken.get(c.agentId) ?? 0) + 1); };
  // Agent minimums first: an agent with fewer calls than the minimum gets all of them.
  if (minPer > 0) for (const r of ranked) if ((taken.get(r.c.agentId) ?? 0) < minPer) take(r.c);

  let n = requested;
  if (n > capacity) {
    notes.push({ code: 'capped', path: ['options', 'size'], message: `only ${capacity} calls are available within the population and per-agent maximum; drawing ${capacity} instead of ${requested}` });
    n = capacity;
  }
  if (chosen.size > n) {
    notes.push({ code: 'raised_by_quota', path: ['options', 'perAgent', 'min'], message: `the per-agent minimum needs ${chosen.size} calls, more than the ${n} requested` });
    n = chosen.size;
  }

  let strata: StratumReport[] | undefined;
  if (stratify !== undefined) {
    const by = stratify.by;
    const keyOf = (c: CallRecord): string => (typeof by === 'function' ? by(c) : by === 'type' ? (c.type ?? '') : c.agentId);
    const groups = new Map<string, { size: number; weight: number }>();
    for (const r of ranked) {
      const k = keyOf(r.c);
      const g = groups.get(k) ?? { size: 0, weight: 0 };
      g.size++;
      g.weight += r.w;
      groups.set(k, g);
    }
    const method = stratify.method ?? 'proportional';
    if (n < groups.size) {
      notes.push({ code: 'raised_by_strata', path: ['options', 'stratify'], message: `${groups.size} strata need at least one call each; drawing ${groups.size} instead of ${n}` });
      n = Math.min(groups.size, N);
    }
    const missing = method === 'neyman' ? [...groups.keys()].filter((k) => stratify.sigma?.[k] === undefined) : [];
    if (missing.length > 0) {
      throw new SamplingError('selectSample', missing.map((k) => ({ code: 'missing_sigma', path: ['options', 'stratify', 'sigma', k], message: `Neyman allocation needs σ for stratum ${JSON.stringify(k)}` })));
    }
    const alloc = allocateStrata(
      [...groups].map(([key, g]) => {
        const sigma = stratify.sigma?.[key];
        return { key, size: g.size, weight: g.weight, ...(sigma === undefined ? {} : { sigma }) };
      }),
      n,
      method,
    );
    const planned = new Map(alloc.map((a) => [a.key, a.n]));
    const inStratum = new Map<string, number>();
    for (const r of ranked) if (chosen.has(r.c.id)) inStratum.set(keyOf(r.c), (inStratum.get(keyOf(r.c)) ?? 0) + 1);
    for (const r of ranked) {
      if (chosen.size >= n) break;
      const k = keyOf(r.c);
      if (chosen.has(r.c.id) || (inStratum.get(k) ?? 0) >= (planned.get(k) ?? 0) || (taken.get(r.c.agentId) ?? 0) >= maxPer) continue;
      take(r.c);
      inStratum.set(k, (inStratum.get(k) ?? 0) + 1);
    }
    const rows = alloc.map((a) => ({ key: a.key, size: a.size, allocated: a.n, selected: 0 }));
    const byKey = new Map(rows.map((s) => [s.key, s]));
    // Agent maximums can leave a stratum short: top up from any stratum, in priority order.
    for (const r of ranked) {
      if (chosen.size >= n) break;
      if (!chosen.has(r.c.id) && (taken.get(r.c.agentId) ?? 0) < maxPer) take(r.c);
    }
    for (const r of ranked) {
      const row = chosen.has(r.c.id) ? byKey.get(keyOf(r.c)) : undefined;
      if (row) row.selected++;
    }
    strata = rows;
  } else {
    for (const r of ranked) {
      if (chosen.size >= n) break;
      if (!chosen.has(r.c.id) && (taken.get(r.c.agentId) ?? 0) < maxPer) take(r.c);
    }
  }

  const calls = population
    .filter((c) => chosen.has(c.id))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || cmp(a.id, b.id));
  const agents = [...perAgentCount]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([agentId, sz]) => ({ agentId, size: sz, selected: taken.get(agentId) ?? 0 }));
  return { calls, requested, n: calls.length, ...(strata ? { strata } : {}), agents, notes };
}
