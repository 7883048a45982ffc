/**
 * Shapes of the raw data the KPIs are computed from, and of their results.
 * Counts are whole numbers; durations are seconds (to the millisecond).
 */

/**
 * Raw counts and durations for one population (agent, team or centre) over one
 * period. Every field is optional: {@link computeKpis} computes what the data
 * allows. Durations are seconds with at most three decimals (milliseconds).
 *
 * @example
 * ```ts
 * const raw: KpiRaw = { offered: 1600, answered: 1570, abandoned: 30 };
 * ```
 */
export interface KpiRaw {
  /** Calls that reached the queue. */
  readonly offered?: number;
  /** Offered calls an agent answered. */
  readonly answered?: number;
  /** Offered calls the caller hung up on before an answer. */
  readonly abandoned?: number;
  /** The service-level threshold T, in seconds (e.g. 20 for "80/20"). */
  readonly serviceLevelSeconds?: number;
  /** Calls answered within T seconds. */
  readonly answeredWithinThreshold?: number;
  /** Calls abandoned within T seconds. */
  readonly abandonedWithinThreshold?: number;
  /** The short-abandon threshold N, in seconds: abandons under N s may be excluded. */
  readonly shortAbandonSeconds?: number;
  /** Calls abandoned in under N seconds (they are also counted in `abandoned`). */
  readonly shortAbandoned?: number;
  /** Calls handled (the AHT denominator). */
  readonly handled?: number;
  /** Total talk time. */
  readonly talkSeconds?: number;
  /** Total hold time; absent counts as 0 (the seed's AHT is talk + after-call work). */
  readonly holdSeconds?: number;
  /** Total after-call work (wrap-up) time. */
  readonly afterCallWorkSeconds?: number;
  /** Total time answered callers waited before the answer. */
  readonly answerWaitSeconds?: number;
  /** Contacts resolved at the first contact. */
  readonly resolvedFirstContact?: number;
  /** Contacts assessed for first-contact resolution. */
  readonly resolutionEligible?: number;
  /** Logged-in time spent available, waiting for a call (idle). */
  readonly availableSeconds?: number;
  /** Scheduled time the agent was in the scheduled state. */
  readonly adherentSeconds?: number;
  /** Time scheduled (the adherence denominator). */
  readonly scheduledSeconds?: number;
  /** Paid time not available for contacts (breaks, training, absence …). */
  readonly shrinkageSeconds?: number;
  /** Total paid time (the shrinkage denominator). */
  readonly paidSeconds?: number;
  /** Scheduled shifts the agent attended. */
  readonly shiftsPresent?: number;
  /** Shifts scheduled. */
  readonly shiftsScheduled?: number;
  /** Staff who left during the period. */
  readonly leavers?: number;
  /** Headcount at the start of the period. */
  readonly headcountStart?: number;
  /** Headcount at the end of the period. */
  readonly headcountEnd?: number;
  /** Time in not-ready (示忙) state. */
  readonly notReadySeconds?: number;
  /** Time logged in. */
  readonly loggedInSeconds?: number;
  /** Inbound calls routed to the agent that were not picked up (漏接). */
  readonly missedCalls?: number;
  /** Inbound calls routed to the agent. */
  readonly inboundCalls?: number;
  /** Not-ready minutes for each working day of the period, in day order. */
  readonly dailyNotReadyMinutes?: readonly number[];
}

/** The name of a field of {@link KpiRaw}. @example `const f: KpiField = 'offered';` */
export type KpiField = keyof KpiRaw;

/**
 * A proportion, exact: `num / den` rounded half-up once, from the exact
 * fraction, to `value` (a ratio) and `percent`.
 *
 * @example
 * ```ts
 * const r: KpiRate = { kind: 'rate', num: 1570, den: 1600, value: 0.9813, percent: 98.13 };
 * ```
 */
export interface KpiRate {
  readonly kind: 'rate';
  /** The numerator, in the input's unit (a count or seconds). */
  readonly num: number;
  /** The denominator, in the input's unit. */
  readonly den: number;
  /** `num / den`, rounded half-up to `decimals` (default 4). */
  readonly value: number;
  /** `100 × num / den`, rounded half-up to `percentDecimals` (default 2). */
  readonly percent: number;
}

/**
 * An average in seconds, exact: `num / den` rounded half-up to `decimals`.
 *
 * @example
 * ```ts
 * const aht: KpiAverage = { kind: 'average', unit: 'seconds', num: 3700, den: 12, value: 308.33 };
 * ```
 */
export interface KpiAverage {
  readonly kind: 'average';
  readonly unit: 'seconds';
  /** Total seconds. */
  readonly num: number;
  /** The count the total is shared over. */
  readonly den: number;
  /** `num / den` seconds, rounded half-up to `decimals` (default 2). */
  readonly value: number;
}

/**
 * A count of days over a threshold (not-ready occurrences).
 *
 * @example
 * ```ts
 * const c: KpiCount = { kind: 'count', value: 2, days: [0, 3], thresholdMinutes: 30 };
 * ```
 */
export interface KpiCount {
  readonly kind: 'count';
  readonly value: number;
  /** Zero-based indices of the days that count. */
  readonly days: readonly number[];
  readonly thresholdMinutes: number;
}

/**
 * A KPI whose denominator is zero: undefined, said explicitly instead of NaN.
 *
 * @example
 * ```ts
 * const n: KpiNoData = { kind: 'no_data', value: null, reason: 'no_data', message: 'no calls offered' };
 * ```
 */
export interface KpiNoData {
  readonly kind: 'no_data';
  readonly value: null;
  readonly reason: 'no_data';
  readonly message: string;
}

/** Any KPI result. @example `if (r.value === null) console.log(r.message);` */
export type KpiResult = KpiRate | KpiAverage | KpiCount | KpiNoData;

/**
 * Rounding of rates. Both must be whole numbers from 0 to 12.
 *
 * @example
 * ```ts
 * const o: RateOptions = { decimals: 3, percentDecimals: 1 };
 * ```
 */
export interface RateOptions {
  /** Decimals of `value` (a ratio); default 4. */
  readonly decimals?: number;
  /** Decimals of `percent`; default 2. */
  readonly percentDecimals?: number;
}

/** Rounding of averages. @example `const o: AverageOptions = { decimals: 0 };` */
export interface AverageOptions {
  /** Decimals of the average in seconds; default 2. */
  readonly decimals?: number;
}

/**
 * How abandoned calls enter the service level (see the README, "Standard KPIs"):
 * `ignored` — answered within T / (offered − abandoned);
 * `against` — answered within T / offered;
 * `favour` — (answered within T + abandoned within T) / offered.
 *
 * @example
 * ```ts
 * const t: AbandonTreatment = 'against';
 * ```
 */
export type AbandonTreatment = 'ignored' | 'against' | 'favour';

/**
 * The KPIs `computeKpis` knows. The three service levels are the three
 * treatments of abandoned calls.
 *
 * @example
 * ```ts
 * const name: KpiName = 'serviceLevelAgainst';
 * ```
 */
export type KpiName = (typeof KPI_NAMES)[number];

/**
 * Every standard KPI, in the order `computeKpis` reports them.
 *
 * @example
 * ```ts
 * KPI_NAMES.includes('missedCallRate'); // true
 * ```
 */
export const KPI_NAMES = [
  'answerRate',
  'abandonRate',
  'serviceLevelIgnored',
  'serviceLevelAgainst',
  'serviceLevelFavour',
  'averageHandleTime',
  'averageSpeedOfAnswer',
  'firstContactResolution',
  'occupancy',
  'scheduleAdherence',
  'shrinkage',
  'attendance',
  'attrition',
  'notReadyRate',
  'missedCallRate',
  'notReadyOccurrences',
] as const;
