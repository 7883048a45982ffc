import { TZDate } from '@date-fns/tz';
import type { Issue } from '../issues/issues.js';
import { throwIfIssues } from './errors.js';
import { chiSquareSurvival } from '../distributions/normal-gamma.js';
import type { CallRecord } from './types.js';
import type { SamplingIssueCode } from './errors.js';

/**
 * Options of {@link checkBalance}.
 *
 * @example
 * ```ts
 * const o: BalanceOptions = { timeZone: 'Asia/Shanghai', alpha: 0.05, maxDeviation: 0.1 };
 * ```
 */
export interface BalanceOptions {
  /** IANA time zone for local hour and day; default `'UTC'`. */
  readonly timeZone?: string;
  /** Significance level of the chi-square test; default 0.05. */
  readonly alpha?: number;
  /** Largest tolerated |sample share − population share|; default 0.10. */
  readonly maxDeviation?: number;
}

/**
 * One category of a balance dimension, sample and population side by side.
 *
 * @example
 * ```ts
 * checkBalance(calls, sample).dimensions[0]?.categories[0]; // { key: 'busy', populationShare: 0.7, sampleShare: 0.4, … }
 * ```
 */
export interface BalanceCategory {
  readonly key: string;
  readonly populationCount: number;
  readonly sampleCount: number;
  readonly populationShare: number;
  readonly sampleShare: number;
  /** Expected sample count, n · population share. */
  readonly expected: number;
  /** sampleShare − populationShare. */
  readonly deviation: number;
}

/**
 * The MITLA dimensions checked.
 *
 * @example
 * ```ts
 * const d: BalanceDimensionName = 'length';
 * ```
 */
export type BalanceDimensionName = 'hour' | 'day' | 'length' | 'type';

/**
 * The balance of one dimension.
 *
 * @example
 * ```ts
 * const hour = checkBalance(calls, sample).dimensions[0]; // hour?.pValue, hour?.flagged
 * ```
 */
export interface BalanceDimension {
  readonly dimension: BalanceDimensionName;
  readonly categories: readonly BalanceCategory[];
  /** The largest |deviation| over the categories. */
  readonly maxAbsDeviation: number;
  /** Pearson's χ² over categories with expected > 0; null when fewer than two such categories. */
  readonly chiSquare: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  /** Some expected count is below 5, so the χ² p-value is only approximate. */
  readonly lowExpected: boolean;
  /** Sample calls in categories the population never has: reported, not divided by. */
  readonly unexpectedSampleCalls: number;
  /** Calls left out of this dimension (e.g. no duration), population and sample. */
  readonly excluded: { readonly population: number; readonly sample: number };
  readonly flagged: boolean;
  /** Why it is flagged, for a person. */
  readonly reasons: readonly string[];
  /** Busy local hours (hour dimension), busy local days (day dimension), tertile cut points in seconds (length). */
  readonly detail?: { readonly busyHours?: readonly number[]; readonly busyDays?: readonly string[]; readonly tertiles?: readonly [number, number] };
}

/**
 * The result of {@link checkBalance}.
 *
 * @example
 * ```ts
 * const r: BalanceReport = checkBalance(calls, sample); // r.flagged
 * ```
 */
export interface BalanceReport {
  readonly dimensions: readonly BalanceDimension[];
  /** Whether any dimension is flagged. */
  readonly flagged: boolean;
  readonly populationSize: number;
  readonly sampleSize: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Linear-interpolation quantile (Hyndman & Fan type 7, the R and Excel default). */
function quantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

function dimension(
  name: BalanceDimensionName,
  pop: ReadonlyMap<string, number>,
  exPop: number,
  sampleKeys: readonly (string | undefined)[],
  order: readonly string[],
  alpha: number,
  maxDeviation: number,
  detail?: BalanceDimension['detail'],
): BalanceDimension {
  const smp = new Map<string, number>();
  let exSmp = 0;
  for (const k of sampleKeys) if (k === undefined) exSmp++; else smp.set(k, (smp.get(k) ?? 0) + 1);
  let nPop = 0;
  for (const v of pop.values()) nPop += v;
  const nSmp = sampleKeys.length - exSmp;
  const keys = [...new Set([...order, ...pop.keys(), ...smp.keys()])];
  const categories: BalanceCategory[] = keys.map((key) => {
    const pc = pop.get(key) ?? 0;
    const sc = smp.get(key) ?? 0;
    const ps = nPop > 0 ? pc / nPop : 0;
    const ss = nSmp > 0 ? sc / nSmp : 0;
    return { key, populationCount: pc, sampleCount: sc, populationShare: ps, sampleShare: ss, expected: nSmp * ps, deviation: ss - ps };
  });
  const maxAbsDeviation = categories.reduce((m, c) => Math.max(m, Math.abs(c.deviation)), 0);
  const testable = categories.filter((c) => c.expected > 0);
  const unexpectedSampleCalls = categories.filter((c) => c.expected === 0).reduce((a, c) => a + c.sampleCount, 0);
  let chiSquare: number | null = null;
  let pValue: number | null = null;
  let df: number | null = null;
  if (testable.length >= 2 && nSmp > 0) {
    chiSquare = testable.reduce((a, c) => a + (c.sampleCount - c.expected) ** 2 / c.expected, 0);
    df = testable.length - 1;
    pValue = chiSquareSurvival(chiSquare, df);
  }
  const reasons: string[] = [];
  if (pValue !== null && pValue < alpha) reasons.push(`χ² = ${chiSquare?.toFixed(2)} on ${df} df, p = ${pValue.toPrecision(3)} < ${alpha}`);
  if (maxAbsDeviation > maxDeviation) reasons.push(`a share differs by ${(maxAbsDeviation * 100).toFixed(1)} points (> ${(maxDeviation * 100).toFixed(1)})`);
  return {
    dimension: name,
    categories,
    maxAbsDeviation,
    chiSquare,
    df,
    pValue,
    lowExpected: testable.some((c) => c.expected < 5),
    unexpectedSampleCalls,
    excluded: { population: exPop, sample: exSmp },
    flagged: reasons.length > 0,
    reasons,
    ...(detail ? { detail } : {}),
  };
}

/** Internal: local hour and day of an instant in a zone, cached (a month of calls has few distinct instants). */
class LocalTime {
  private readonly cache = new Map<number, { hour: number; day: string }>();
  constructor(readonly timeZone: string) {}
  of(date: string): { hour: number; day: string } {
    const t = Date.parse(date);
    let v = this.cache.get(t);
    if (v === undefined) {
      const d = new TZDate(t, this.timeZone);
      const pad = (x: number): string => String(x).padStart(2, '0');
      v = { hour: d.getHours(), day: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` };
      if (this.cache.size >= 100_000) this.cache.clear(); // bounded: the cache is only a shortcut
      this.cache.set(t, v);
    }
    return v;
  }
}

/**
 * The population side of a balance check, gathered one call at a time: calls
 * per local hour, per local day and per type, and the durations (8 bytes a
 * call, for the tertiles). What `callqa sample` keeps of a month instead of
 * the calls; {@link checkBalance} builds one from its array.
 *
 * @example
 * ```ts
 * const p = new PopulationProfile('Asia/Shanghai');
 * for (const c of calls) p.add(c);
 * balanceOfProfile(p, sample); // the same report as checkBalance(calls, sample, { timeZone: 'Asia/Shanghai' })
 * ```
 */
export class PopulationProfile {
  size = 0;
  readonly hours = new Map<number, number>();
  readonly days = new Map<string, number>();
  readonly types = new Map<string, number>();
  private durations = new Float64Array(1024);
  private durationCount = 0;
  private readonly local: LocalTime;

  constructor(timeZone = 'UTC') {
    this.local = new LocalTime(timeZone);
  }

  get timeZone(): string {
    return this.local.timeZone;
  }

  /** Adds a call whose date and duration are checked ({@link balanceCallIssues}). */
  add(c: CallRecord): void {
    this.size++;
    const { hour, day } = this.local.of(c.date);
    this.hours.set(hour, (this.hours.get(hour) ?? 0) + 1);
    this.days.set(day, (this.days.get(day) ?? 0) + 1);
    const t = typeKey(c);
    this.types.set(t, (this.types.get(t) ?? 0) + 1);
    if (c.durationSec !== undefined) {
      if (this.durationCount === this.durations.length) {
        const next = new Float64Array(this.durations.length * 2);
        next.set(this.durations);
        this.durations = next;
      }
      this.durations[this.durationCount++] = c.durationSec;
    }
  }

  /** The durations, ascending. */
  sortedDurations(): Float64Array {
    return this.durations.subarray(0, this.durationCount).sort();
  }

  /** Local hour and day of a call in the profile's zone. */
  localOf(c: CallRecord): { hour: number; day: string } {
    return this.local.of(c.date);
  }
}

const typeKey = (c: CallRecord): string => c.type ?? '(none)';

/**
 * The problems of one call for a balance check: its date, and its duration if any.
 *
 * @example
 * ```ts
 * balanceCallIssues({ id: 'c', agentId: 'a', date: 'x' }, 'population', 0)[0]?.code; // 'invalid_date'
 * ```
 */
export function balanceCallIssues(c: CallRecord, where: 'population' | 'sample', i: number): Issue<SamplingIssueCode>[] {
  const issues: Issue<SamplingIssueCode>[] = [];
  if (Number.isNaN(Date.parse(c.date))) issues.push({ code: 'invalid_date', path: [where, i, 'date'], message: `not an ISO date: ${JSON.stringify(c.date)}` });
  if (c.durationSec !== undefined && !(Number.isFinite(c.durationSec) && c.durationSec >= 0)) issues.push({ code: 'negative', path: [where, i, 'durationSec'], message: `durationSec must be a finite number ≥ 0, got ${c.durationSec}` });
  return issues;
}

/** Internal: the option and emptiness checks of a balance check. */
function balanceOptionIssues(populationSize: number, sampleSize: number, timeZone: string, alpha: number, maxDeviation: number): Issue<SamplingIssueCode>[] {
  const issues: Issue<SamplingIssueCode>[] = [];
  if (populationSize === 0) issues.push({ code: 'empty_population', path: ['population'], message: 'the population has no calls' });
  if (sampleSize === 0) issues.push({ code: 'empty_sample', path: ['sample'], message: 'the sample has no calls' });
  if (Number.isNaN(new TZDate(0, timeZone).getTime())) issues.push({ code: 'invalid_time_zone', path: ['options', 'timeZone'], message: `unknown time zone ${JSON.stringify(timeZone)}` });
  if (!(alpha > 0 && alpha < 1)) issues.push({ code: 'out_of_range', path: ['options', 'alpha'], message: `alpha must be in (0, 1), got ${alpha}` });
  if (!(maxDeviation >= 0 && maxDeviation <= 1)) issues.push({ code: 'out_of_range', path: ['options', 'maxDeviation'], message: `maxDeviation must be in [0, 1], got ${maxDeviation}` });
  return issues;
}

/**
 * The "MITLA" balance check: is the sample spread like the population over
 * time (busy vs idle local hours and days: busy = volume above the median of
 * the hours/days that have calls), length (short/medium/long by the
 * population's tertiles) and application type? For each dimension it reports
 * the shares side by side, the largest absolute deviation and Pearson's
 * chi-square goodness of fit (sample counts against n × population share),
 * flagged when p < alpha or the largest deviation exceeds `maxDeviation`.
 *
 * @param population - all calls of the period
 * @param sample - the calls selected for evaluation
 * @param options - time zone (default UTC), alpha (0.05), maxDeviation (0.10)
 * @returns one {@link BalanceDimension} per dimension, in the order hour, day, length, type
 * @throws {SamplingError} for an empty population or sample, bad dates or an unknown time zone
 *
 * @example
 * ```ts
 * const report = checkBalance(calls, selection.calls, { timeZone: 'Asia/Shanghai' });
 * report.dimensions.map((d) => [d.dimension, d.flagged]);
 * // [['hour', false], ['day', false], ['length', true], ['type', false]]
 * ```
 */
export function checkBalance(
  population: readonly CallRecord[],
  sample: readonly CallRecord[],
  options: BalanceOptions = {},
): BalanceReport {
  const timeZone = options.timeZone ?? 'UTC';
  const issues = balanceOptionIssues(population.length, sample.length, timeZone, options.alpha ?? 0.05, options.maxDeviation ?? 0.1);
  population.forEach((c, i) => issues.push(...balanceCallIssues(c, 'population', i)));
  throwIfIssues('checkBalance', [...issues, ...sample.flatMap((c, i) => balanceCallIssues(c, 'sample', i))]);
  const profile = new PopulationProfile(timeZone);
  for (const c of population) profile.add(c);
  return balanceOfProfile(profile, sample, options);
}

/**
 * {@link checkBalance} against a population gathered as a {@link PopulationProfile}
 * (its calls checked with {@link balanceCallIssues} as they were added).
 *
 * @param profile - the population, in the time zone of the check
 * @param sample - the calls selected for evaluation
 * @param options - alpha (0.05) and maxDeviation (0.10); the time zone is the profile's
 * @throws {SamplingError} for an empty population or sample, bad sample dates or an unknown time zone
 *
 * @example
 * ```ts
 * balanceOfProfile(profile, selection.calls).flagged;
 * ```
 */
export function balanceOfProfile(profile: PopulationProfile, sample: readonly CallRecord[], options: Omit<BalanceOptions, 'timeZone'> = {}): BalanceReport {
  const alpha = options.alpha ?? 0.05;
  const maxDeviation = options.maxDeviation ?? 0.1;
  const issues = balanceOptionIssues(profile.size, sample.length, profile.timeZone, alpha, maxDeviation);
  sample.forEach((c, i) => issues.push(...balanceCallIssues(c, 'sample', i)));
  throwIfIssues('checkBalance', issues);

  // Busy = strictly above the median volume of the hours (days) that have calls.
  const busySet = <T>(vol: ReadonlyMap<T, number>): Set<T> => {
    const med = median([...vol.values()]);
    return new Set([...vol].filter(([, v]) => v > med).map(([k]) => k));
  };
  const busyHours = busySet(profile.hours);
  const busyDays = busySet(profile.days);
  const split = <T>(vol: ReadonlyMap<T, number>, busy: Set<T>): Map<string, number> => {
    const m = new Map<string, number>();
    for (const [k, v] of vol) {
      const key = busy.has(k) ? 'busy' : 'idle';
      m.set(key, (m.get(key) ?? 0) + v);
    }
    return m;
  };
  const smpLocal = sample.map((c) => profile.localOf(c));

  const durations = profile.sortedDurations();
  const tertiles: [number, number] | undefined = durations.length > 0 ? [quantile(durations, 1 / 3), quantile(durations, 2 / 3)] : undefined;
  const lengthOf = (d: number): string => (tertiles === undefined ? '' : d <= tertiles[0] ? 'short' : d <= tertiles[1] ? 'medium' : 'long');
  const lengthKey = (c: CallRecord): string | undefined => (c.durationSec === undefined || tertiles === undefined ? undefined : lengthOf(c.durationSec));
  const popLength = new Map<string, number>();
  for (const d of durations) popLength.set(lengthOf(d), (popLength.get(lengthOf(d)) ?? 0) + 1);

  const dims: BalanceDimension[] = [
    dimension('hour', split(profile.hours, busyHours), 0, smpLocal.map((d) => (busyHours.has(d.hour) ? 'busy' : 'idle')), ['busy', 'idle'], alpha, maxDeviation, { busyHours: [...busyHours].sort((a, b) => a - b) }),
    dimension('day', split(profile.days, busyDays), 0, smpLocal.map((d) => (busyDays.has(d.day) ? 'busy' : 'idle')), ['busy', 'idle'], alpha, maxDeviation, { busyDays: [...busyDays].sort() }),
    dimension('length', popLength, profile.size - durations.length, sample.map(lengthKey), ['short', 'medium', 'long'], alpha, maxDeviation, tertiles ? { tertiles } : undefined),
    dimension('type', profile.types, 0, sample.map(typeKey), [...profile.types.keys()].sort(), alpha, maxDeviation),
  ];
  return { dimensions: dims, flagged: dims.some((d) => d.flagged), populationSize: profile.size, sampleSize: sample.length };
}
