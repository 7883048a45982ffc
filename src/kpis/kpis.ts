/**
 * The standard contact-centre KPIs, one function each. Every function validates
 * its input (throwing {@link KpiError} with every issue), computes the exact
 * fraction with integers (durations as whole milliseconds) and rounds once,
 * half-up, at the end. A zero denominator gives {@link KpiNoData}, never NaN.
 */
import { Ratio } from '../exact/index.js';
import type { Issue } from '../issues/issues.js';
import type {
  AbandonTreatment,
  AverageOptions,
  KpiAverage,
  KpiCount,
  KpiField,
  KpiNoData,
  KpiRate,
  KpiRaw,
  RateOptions,
} from './types.js';
import { KpiError, kpiInputIssues, roundingIssues } from './validate.js';

type Req<K extends KpiField> = { readonly [P in K]-?: NonNullable<KpiRaw[P]> };
type Opt<K extends KpiField> = Pick<KpiRaw, K>;

/** Input of {@link answerRate}. @example `const i: AnswerRateInput = { offered: 100, answered: 98 };` */
export type AnswerRateInput = Req<'offered' | 'answered'>;
/** Input of {@link abandonRate}. @example `const i: AbandonRateInput = { offered: 100, abandoned: 3 };` */
export type AbandonRateInput = Req<'offered' | 'abandoned'> & Opt<'shortAbandoned' | 'shortAbandonSeconds'>;
/**
 * Input of {@link serviceLevel}; which optional fields are needed depends on the treatment.
 *
 * @example
 * ```ts
 * const i: ServiceLevelInput = { serviceLevelSeconds: 20, offered: 100, answeredWithinThreshold: 80, abandoned: 5 };
 * ```
 */
export type ServiceLevelInput = Req<'offered' | 'answeredWithinThreshold' | 'serviceLevelSeconds'> &
  Opt<'answered' | 'abandoned' | 'abandonedWithinThreshold' | 'shortAbandoned' | 'shortAbandonSeconds'>;
/** Input of {@link averageHandleTime}. @example `const i: AhtInput = { handled: 2, talkSeconds: 300, afterCallWorkSeconds: 60 };` */
export type AhtInput = Req<'handled' | 'talkSeconds' | 'afterCallWorkSeconds'> & Opt<'holdSeconds'>;
/** Input of {@link averageSpeedOfAnswer}. @example `const i: AsaInput = { answered: 4, answerWaitSeconds: 50 };` */
export type AsaInput = Req<'answered' | 'answerWaitSeconds'>;
/** Input of {@link firstContactResolution}. @example `const i: FcrInput = { resolvedFirstContact: 82, resolutionEligible: 100 };` */
export type FcrInput = Req<'resolvedFirstContact' | 'resolutionEligible'>;
/** Input of {@link occupancy}. @example `const i: OccupancyInput = { talkSeconds: 3000, afterCallWorkSeconds: 600, availableSeconds: 400 };` */
export type OccupancyInput = Req<'talkSeconds' | 'afterCallWorkSeconds' | 'availableSeconds'> & Opt<'holdSeconds'>;
/** Input of {@link scheduleAdherence}. @example `const i: AdherenceInput = { adherentSeconds: 27000, scheduledSeconds: 28800 };` */
export type AdherenceInput = Req<'adherentSeconds' | 'scheduledSeconds'>;
/** Input of {@link shrinkage}. @example `const i: ShrinkageInput = { shrinkageSeconds: 9000, paidSeconds: 28800 };` */
export type ShrinkageInput = Req<'shrinkageSeconds' | 'paidSeconds'>;
/** Input of {@link attendance}. @example `const i: AttendanceInput = { shiftsPresent: 21, shiftsScheduled: 22 };` */
export type AttendanceInput = Req<'shiftsPresent' | 'shiftsScheduled'>;
/** Input of {@link attrition}. @example `const i: AttritionInput = { leavers: 3, headcountStart: 50, headcountEnd: 48 };` */
export type AttritionInput = Req<'leavers' | 'headcountStart' | 'headcountEnd'>;
/** Input of {@link notReadyRate}. @example `const i: NotReadyRateInput = { notReadySeconds: 1800, loggedInSeconds: 28800 };` */
export type NotReadyRateInput = Req<'notReadySeconds' | 'loggedInSeconds'>;
/** Input of {@link missedCallRate}. @example `const i: MissedCallRateInput = { missedCalls: 6, inboundCalls: 120 };` */
export type MissedCallRateInput = Req<'missedCalls' | 'inboundCalls'>;
/** Input of {@link notReadyOccurrences}. @example `const i: NotReadyOccurrencesInput = { dailyNotReadyMinutes: [12, 45] };` */
export type NotReadyOccurrencesInput = Req<'dailyNotReadyMinutes'>;

/**
 * Options of {@link serviceLevel}.
 *
 * @example
 * ```ts
 * const o: ServiceLevelOptions = { treatment: 'favour', excludeShortAbandons: true };
 * ```
 */
export interface ServiceLevelOptions extends RateOptions {
  readonly treatment: AbandonTreatment;
  /** Drop abandons under `shortAbandonSeconds` from offered and abandoned; default false. */
  readonly excludeShortAbandons?: boolean;
}

/** Options of {@link abandonRate}. @example `const o: AbandonRateOptions = { excludeShortAbandons: true };` */
export interface AbandonRateOptions extends RateOptions {
  readonly excludeShortAbandons?: boolean;
}

/** Options of {@link notReadyOccurrences}. @example `const o: NotReadyOccurrencesOptions = { thresholdMinutes: 20 };` */
export interface NotReadyOccurrencesOptions {
  /** A day counts when its not-ready minutes are strictly above this; default 30. */
  readonly thresholdMinutes?: number;
}

// --- shared machinery ------------------------------------------------------

const RATE_KEYS = ['decimals', 'percentDecimals'] as const;

function check(
  input: unknown,
  required: readonly KpiField[],
  optional: readonly KpiField[],
  options: unknown,
  optionKeys: readonly string[],
  extra: readonly Issue[] = [],
): void {
  const issues = [
    ...kpiInputIssues(input, [...required, ...optional], required),
    ...roundingIssues(options, optionKeys).map((i) => ({ ...i, path: ['options', ...i.path] })),
    ...extra,
  ];
  if (issues.length > 0) throw new KpiError(issues);
}

/** Whole milliseconds; exact because inputs have at most three decimals. */
const ms = (seconds: number): number => Math.round(seconds * 1000);
/** Back to seconds for display; one correctly-rounded division prints cleanly. */
const sec = (millis: number): number => millis / 1000;

function noData(message: string): KpiNoData {
  return { kind: 'no_data', value: null, reason: 'no_data', message };
}

/** Moves the decimal point two places right in a fixed-point string: '0.9813' → 98.13. */
function toPercent(fixed: string): number {
  const [int = '0', frac = ''] = fixed.split('.');
  const whole = int + frac.slice(0, 2);
  const rest = frac.slice(2);
  return Number(rest === '' ? whole : `${whole}.${rest}`);
}

/** `n / d` (integers) as a rate; `shown` carries the numerator and denominator in input units. */
function rate(n: number, d: number, shown: readonly [number, number], options: RateOptions | undefined, empty: string): KpiRate | KpiNoData {
  if (d === 0) return noData(empty);
  const r = Ratio.of(n, d);
  const pd = options?.percentDecimals ?? 2;
  return {
    kind: 'rate',
    num: shown[0],
    den: shown[1],
    value: r.round(options?.decimals ?? 4),
    // Rounding the ratio at pd + 2 decimals is rounding the percent at pd.
    percent: toPercent(r.toFixed(pd + 2)),
  };
}

function average(totalMs: number, count: number, options: AverageOptions | undefined, empty: string): KpiAverage | KpiNoData {
  if (count === 0) return noData(empty);
  return {
    kind: 'average',
    unit: 'seconds',
    num: sec(totalMs),
    den: count,
    value: Ratio.of(totalMs, count * 1000).round(options?.decimals ?? 2),
  };
}

function shortAbandonIssues(input: KpiRaw, exclude: boolean | undefined): Issue[] {
  if (!exclude) return [];
  const issues: Issue[] = [];
  for (const f of ['shortAbandoned', 'shortAbandonSeconds'] as const) {
    if (input[f] === undefined) {
      issues.push({ code: 'required', path: [f], message: `${f} is required to exclude short abandons` });
    }
  }
  return issues;
}

// --- the KPIs ---------------------------------------------------------------

/**
 * @name answerRate
 * @category KPIs
 * @summary The share of offered calls that were answered.
 *
 * @description
 * Formula: `answered / offered`. The seed's target is ≥ 98%.
 *
 * @param input - `offered` and `answered` counts
 * @param options - rounding: `decimals` (default 4), `percentDecimals` (default 2)
 * @returns a {@link KpiRate}, or {@link KpiNoData} when nothing was offered
 * @throws {KpiError} negative or fractional counts, `answered > offered`
 *
 * @example
 * ```ts
 * answerRate({ offered: 1600, answered: 1570 });
 * //=> { kind: 'rate', num: 1570, den: 1600, value: 0.9813, percent: 98.13 }
 * ```
 */
export function answerRate(input: AnswerRateInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['offered', 'answered'], [], options, RATE_KEYS);
  return rate(input.answered, input.offered, [input.answered, input.offered], options, 'no calls offered');
}

/**
 * @name abandonRate
 * @category KPIs
 * @summary The share of offered calls abandoned before an answer.
 *
 * @description
 * Formula: `abandoned / offered`; with `excludeShortAbandons`,
 * `(abandoned − shortAbandoned) / (offered − shortAbandoned)` — callers who hung
 * up within N seconds (misdials, IVR drop-outs) are treated as never offered.
 *
 * @param input - `offered`, `abandoned`, and for exclusion `shortAbandoned`, `shortAbandonSeconds`
 * @param options - `excludeShortAbandons` (default false) and rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when nothing (left) was offered
 * @throws {KpiError} bad counts, `abandoned > offered`, missing short-abandon data when excluding
 *
 * @example
 * ```ts
 * abandonRate({ offered: 200, abandoned: 9 }).percent; //=> 4.5
 * abandonRate({ offered: 200, abandoned: 9, shortAbandoned: 4, shortAbandonSeconds: 5 },
 *   { excludeShortAbandons: true }).percent; //=> 2.55 (5 / 196 = 0.02551…)
 * ```
 */
export function abandonRate(input: AbandonRateInput, options?: AbandonRateOptions): KpiRate | KpiNoData {
  check(input, ['offered', 'abandoned'], ['shortAbandoned', 'shortAbandonSeconds'], options, RATE_KEYS,
    shortAbandonIssues(input, options?.excludeShortAbandons));
  const short = options?.excludeShortAbandons ? (input.shortAbandoned ?? 0) : 0;
  const n = input.abandoned - short;
  const d = input.offered - short;
  return rate(n, d, [n, d], options, 'no calls offered');
}

/**
 * @name serviceLevel
 * @category KPIs
 * @summary The share of calls answered within T seconds, with a declared treatment of abandons.
 *
 * @description
 * With A = answered within T, B = abandoned, Bt = abandoned within T:
 * - `ignored`: `A / (offered − B)` — abandons leave both sides;
 * - `against`: `A / offered` — an abandon is a call not answered in time (the seed's formula);
 * - `favour`: `(A + Bt) / offered` — an abandon within T is not the centre's fault.
 *
 * With `excludeShortAbandons`, the S abandons under N seconds (N ≤ T) are removed
 * from offered, B and Bt first. For `ignored` this changes nothing, since
 * `A / ((offered − S) − (B − S)) = A / (offered − B)`.
 *
 * @param input - the counts; `abandoned` for `ignored`, `abandonedWithinThreshold` for `favour`
 * @param options - `treatment`, `excludeShortAbandons` (default false) and rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when the denominator is 0
 * @throws {KpiError} bad counts, a part above its whole, a field the treatment needs is missing
 *
 * @example
 * ```ts
 * const input = { serviceLevelSeconds: 20, offered: 100, answeredWithinThreshold: 72,
 *   abandoned: 10, abandonedWithinThreshold: 6 };
 * serviceLevel(input, { treatment: 'ignored' }).percent; //=> 80 (72 / 90)
 * serviceLevel(input, { treatment: 'against' }).percent; //=> 72 (72 / 100)
 * serviceLevel(input, { treatment: 'favour' }).percent;  //=> 78 (78 / 100)
 * ```
 */
export function serviceLevel(input: ServiceLevelInput, options: ServiceLevelOptions): KpiRate | KpiNoData {
  const t = options?.treatment as unknown;
  const extra: Issue[] = [];
  if (t !== 'ignored' && t !== 'against' && t !== 'favour') {
    extra.push({ code: 'invalid_option', path: ['options', 'treatment'], message: "treatment must be 'ignored', 'against' or 'favour'" });
  }
  const need = (f: keyof ServiceLevelInput, why: string): void => {
    if (input[f] === undefined) extra.push({ code: 'required', path: [f], message: `${f} is required ${why}` });
  };
  if (t === 'ignored') need('abandoned', "for the 'ignored' treatment");
  if (t === 'favour') need('abandonedWithinThreshold', "for the 'favour' treatment");
  extra.push(...shortAbandonIssues(input, options?.excludeShortAbandons && t !== 'ignored'));
  check(input, ['offered', 'answeredWithinThreshold', 'serviceLevelSeconds'],
    ['answered', 'abandoned', 'abandonedWithinThreshold', 'shortAbandoned', 'shortAbandonSeconds'],
    options, RATE_KEYS, extra);

  const a = input.answeredWithinThreshold;
  const empty = 'no calls to measure the service level on';
  if (t === 'ignored') {
    const d = input.offered - (input.abandoned ?? 0);
    return rate(a, d, [a, d], options, empty);
  }
  const short = options.excludeShortAbandons ? (input.shortAbandoned ?? 0) : 0;
  const d = input.offered - short;
  const n = t === 'favour' ? a + (input.abandonedWithinThreshold ?? 0) - short : a;
  return rate(n, d, [n, d], options, empty);
}

/**
 * @name averageHandleTime
 * @category KPIs
 * @summary AHT: average seconds spent on each handled call.
 *
 * @description
 * Formula: `(talk + hold + after-call work) / handled`. Hold may be omitted (0),
 * which gives the seed's `talk + after-call work`.
 *
 * @param input - `handled`, `talkSeconds`, `afterCallWorkSeconds`, optional `holdSeconds`
 * @param options - `decimals` of the seconds (default 2)
 * @returns a {@link KpiAverage}, or {@link KpiNoData} when nothing was handled
 * @throws {KpiError} negative or over-precise durations, fractional counts
 *
 * @example
 * ```ts
 * averageHandleTime({ handled: 12, talkSeconds: 3000, holdSeconds: 100, afterCallWorkSeconds: 600 }).value;
 * //=> 308.33 (3700 / 12)
 * ```
 */
export function averageHandleTime(input: AhtInput, options?: AverageOptions): KpiAverage | KpiNoData {
  check(input, ['handled', 'talkSeconds', 'afterCallWorkSeconds'], ['holdSeconds'], options, ['decimals']);
  const total = ms(input.talkSeconds) + ms(input.holdSeconds ?? 0) + ms(input.afterCallWorkSeconds);
  return average(total, input.handled, options, 'no calls handled');
}

/**
 * @name averageSpeedOfAnswer
 * @category KPIs
 * @summary ASA: average seconds an answered caller waited.
 *
 * @description
 * Formula: `total answer wait / answered`.
 *
 * @param input - `answered` and `answerWaitSeconds`
 * @param options - `decimals` of the seconds (default 2)
 * @returns a {@link KpiAverage}, or {@link KpiNoData} when nothing was answered
 * @throws {KpiError} bad counts or durations
 *
 * @example
 * ```ts
 * averageSpeedOfAnswer({ answered: 3, answerWaitSeconds: 50 }).value; //=> 16.67
 * ```
 */
export function averageSpeedOfAnswer(input: AsaInput, options?: AverageOptions): KpiAverage | KpiNoData {
  check(input, ['answered', 'answerWaitSeconds'], [], options, ['decimals']);
  return average(ms(input.answerWaitSeconds), input.answered, options, 'no calls answered');
}

/**
 * @name firstContactResolution
 * @category KPIs
 * @summary FCR: the share of contacts resolved at the first contact.
 *
 * @description
 * Formula: `resolved at first contact / contacts assessed`. The seed's target is ≥ 80%.
 *
 * @param input - `resolvedFirstContact` and `resolutionEligible`
 * @param options - rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when nothing was assessed
 * @throws {KpiError} bad counts, resolved above assessed
 *
 * @example
 * ```ts
 * firstContactResolution({ resolvedFirstContact: 413, resolutionEligible: 500 }).percent; //=> 82.6
 * ```
 */
export function firstContactResolution(input: FcrInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['resolvedFirstContact', 'resolutionEligible'], [], options, RATE_KEYS);
  const { resolvedFirstContact: n, resolutionEligible: d } = input;
  return rate(n, d, [n, d], options, 'no contacts assessed');
}

/**
 * @name occupancy
 * @category KPIs
 * @summary The share of working (logged-in, not not-ready) time spent handling contacts.
 *
 * @description
 * Formula: `handle / (handle + available idle)`, where handle = talk + hold + after-call work.
 *
 * @param input - `talkSeconds`, `afterCallWorkSeconds`, `availableSeconds`, optional `holdSeconds`
 * @param options - rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when there was no such time
 * @throws {KpiError} bad durations
 *
 * @example
 * ```ts
 * occupancy({ talkSeconds: 3000, afterCallWorkSeconds: 600, availableSeconds: 400 }).percent; //=> 90
 * ```
 */
export function occupancy(input: OccupancyInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['talkSeconds', 'afterCallWorkSeconds', 'availableSeconds'], ['holdSeconds'], options, RATE_KEYS);
  const handle = ms(input.talkSeconds) + ms(input.holdSeconds ?? 0) + ms(input.afterCallWorkSeconds);
  const total = handle + ms(input.availableSeconds);
  return rate(handle, total, [sec(handle), sec(total)], options, 'no handle or available time');
}

/**
 * @name scheduleAdherence
 * @category KPIs
 * @summary The share of scheduled time spent in the scheduled state.
 *
 * @description
 * Formula: `time in adherence / time scheduled`.
 *
 * @param input - `adherentSeconds` and `scheduledSeconds`
 * @param options - rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when nothing was scheduled
 * @throws {KpiError} bad durations, adherent above scheduled
 *
 * @example
 * ```ts
 * scheduleAdherence({ adherentSeconds: 27000, scheduledSeconds: 28800 }).percent; //=> 93.75
 * ```
 */
export function scheduleAdherence(input: AdherenceInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['adherentSeconds', 'scheduledSeconds'], [], options, RATE_KEYS);
  const { adherentSeconds: n, scheduledSeconds: d } = input;
  return rate(ms(n), ms(d), [n, d], options, 'no time scheduled');
}

/**
 * @name shrinkage
 * @category KPIs
 * @summary The share of paid time not available for contacts.
 *
 * @description
 * Formula: `shrinkage time / paid time`.
 *
 * @param input - `shrinkageSeconds` and `paidSeconds`
 * @param options - rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when no time was paid
 * @throws {KpiError} bad durations, shrinkage above paid time
 *
 * @example
 * ```ts
 * shrinkage({ shrinkageSeconds: 9000, paidSeconds: 28800 }).percent; //=> 31.25
 * ```
 */
export function shrinkage(input: ShrinkageInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['shrinkageSeconds', 'paidSeconds'], [], options, RATE_KEYS);
  const { shrinkageSeconds: n, paidSeconds: d } = input;
  return rate(ms(n), ms(d), [n, d], options, 'no paid time');
}

/**
 * @name attendance
 * @category KPIs
 * @summary The share of scheduled shifts attended.
 *
 * @description
 * Formula: `present / scheduled`.
 *
 * @param input - `shiftsPresent` and `shiftsScheduled`
 * @param options - rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when nothing was scheduled
 * @throws {KpiError} bad counts, present above scheduled
 *
 * @example
 * ```ts
 * attendance({ shiftsPresent: 21, shiftsScheduled: 22 }).percent; //=> 95.45
 * ```
 */
export function attendance(input: AttendanceInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['shiftsPresent', 'shiftsScheduled'], [], options, RATE_KEYS);
  const { shiftsPresent: n, shiftsScheduled: d } = input;
  return rate(n, d, [n, d], options, 'no shifts scheduled');
}

/**
 * @name attrition
 * @category KPIs
 * @summary Leavers as a share of the average headcount.
 *
 * @description
 * Formula: `leavers / ((headcount at start + headcount at end) / 2)`. It may
 * exceed 100% when staff turn over more than once in the period, so that is not an error.
 *
 * @param input - `leavers`, `headcountStart`, `headcountEnd`
 * @param options - rounding
 * @returns a {@link KpiRate} (`den` is the average headcount), or {@link KpiNoData} when it is 0
 * @throws {KpiError} bad counts
 *
 * @example
 * ```ts
 * attrition({ leavers: 3, headcountStart: 50, headcountEnd: 48 }).percent; //=> 6.12 (3 / 49)
 * ```
 */
export function attrition(input: AttritionInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['leavers', 'headcountStart', 'headcountEnd'], [], options, RATE_KEYS);
  const twiceAvg = input.headcountStart + input.headcountEnd;
  // leavers / (sum / 2) = 2 · leavers / sum keeps both sides whole numbers.
  return rate(2 * input.leavers, twiceAvg, [input.leavers, twiceAvg / 2], options, 'no headcount');
}

/**
 * @name notReadyRate
 * @category KPIs
 * @summary The share of logged-in time spent not ready (示忙率).
 *
 * @description
 * Formula: `not-ready time / logged-in time`.
 *
 * @param input - `notReadySeconds` and `loggedInSeconds`
 * @param options - rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when never logged in
 * @throws {KpiError} bad durations, not-ready above logged-in time
 *
 * @example
 * ```ts
 * notReadyRate({ notReadySeconds: 1800, loggedInSeconds: 28800 }).percent; //=> 6.25
 * ```
 */
export function notReadyRate(input: NotReadyRateInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['notReadySeconds', 'loggedInSeconds'], [], options, RATE_KEYS);
  const { notReadySeconds: n, loggedInSeconds: d } = input;
  return rate(ms(n), ms(d), [n, d], options, 'no logged-in time');
}

/**
 * @name missedCallRate
 * @category KPIs
 * @summary The share of inbound calls routed to an agent that were missed (漏接率).
 *
 * @description
 * Formula: `missed / inbound`.
 *
 * @param input - `missedCalls` and `inboundCalls`
 * @param options - rounding
 * @returns a {@link KpiRate}, or {@link KpiNoData} when there were no inbound calls
 * @throws {KpiError} bad counts, missed above inbound
 *
 * @example
 * ```ts
 * missedCallRate({ missedCalls: 6, inboundCalls: 120 }).percent; //=> 5
 * ```
 */
export function missedCallRate(input: MissedCallRateInput, options?: RateOptions): KpiRate | KpiNoData {
  check(input, ['missedCalls', 'inboundCalls'], [], options, RATE_KEYS);
  const { missedCalls: n, inboundCalls: d } = input;
  return rate(n, d, [n, d], options, 'no inbound calls');
}

/**
 * @name notReadyOccurrences
 * @category KPIs
 * @summary The days whose not-ready time exceeds a threshold (示忙 occurrences).
 *
 * @description
 * Formula: `count of days with not-ready minutes > threshold` (default 30, strictly
 * greater: a day of exactly 30 minutes does not count, as the seed writes "> 30 min").
 *
 * @param input - `dailyNotReadyMinutes`, one entry per working day
 * @param options - `thresholdMinutes` (default 30)
 * @returns a {@link KpiCount} with the zero-based indices of the days that count
 * @throws {KpiError} negative minutes or more than 1,440 in a day, a bad threshold
 *
 * @example
 * ```ts
 * notReadyOccurrences({ dailyNotReadyMinutes: [12, 45, 30, 31] });
 * //=> { kind: 'count', value: 2, days: [1, 3], thresholdMinutes: 30 }
 * ```
 */
export function notReadyOccurrences(input: NotReadyOccurrencesInput, options?: NotReadyOccurrencesOptions): KpiCount {
  const threshold = options?.thresholdMinutes ?? 30;
  const extra: Issue[] = [];
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0) {
    extra.push({ code: 'invalid_option', path: ['options', 'thresholdMinutes'], message: 'thresholdMinutes must be a non-negative number' });
  }
  check(input, ['dailyNotReadyMinutes'], [], undefined, [], extra);
  const days: number[] = [];
  input.dailyNotReadyMinutes.forEach((m, i) => {
    if (m > threshold) days.push(i);
  });
  return { kind: 'count', value: days.length, days, thresholdMinutes: threshold };
}
