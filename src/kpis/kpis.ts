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
import type { KpiName } from './types.js';
import { KPI_FORMULAS, notReadyDays, type KpiFormulaOptions } from './core.js';
import { KpiError, kpiCheck, kpiInputIssues, kpiInputOk, roundingIssues, roundingOk } from './validate.js';
import type { KpiIssueCode } from './issue-codes.js';

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

type Check = (input: unknown, options: unknown, extra?: readonly Issue<KpiIssueCode>[]) => void;

/**
 * A KPI function's input check. Valid input (the hot path) passes the fast
 * check alone; otherwise zod and the relation checks build every issue, so the
 * codes, paths and messages are those of {@link kpiInputIssues}.
 */
function checker(required: readonly KpiField[], optional: readonly KpiField[], optionKeys: readonly string[]): Check {
  const fields = [...required, ...optional];
  const fast = kpiCheck(fields, required);
  return (input, options, extra = []) => {
    if (extra.length === 0 && kpiInputOk(input, fast) && roundingOk(options, optionKeys)) return;
    const issues = [
      ...kpiInputIssues(input, fields, required),
      ...roundingIssues(options, optionKeys).map((i) => ({ ...i, path: ['options', ...i.path] })),
      ...extra,
    ];
    if (issues.length > 0) throw new KpiError(issues);
  };
}

const NO_OPTIONS: KpiFormulaOptions = {};

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

/** A rate KPI of valid input: its exact fraction (see KPI_FORMULAS), rounded once. */
function rate(name: KpiName, input: KpiRaw, options: (RateOptions & KpiFormulaOptions) | undefined): KpiRate | KpiNoData {
  const formula = KPI_FORMULAS[name];
  const f = formula.fraction(input, options ?? NO_OPTIONS);
  if (f.den === 0) return noData(formula.empty);
  const r = Ratio.of(f.num, f.den);
  const pd = options?.percentDecimals ?? 2;
  return {
    kind: 'rate',
    num: f.shownNum,
    den: f.shownDen,
    value: r.round(options?.decimals ?? 4),
    // Rounding the ratio at pd + 2 decimals is rounding the percent at pd.
    percent: toPercent(r.toFixed(pd + 2)),
  };
}

/** An average KPI of valid input: total milliseconds over a count, rounded once, in seconds. */
function average(name: KpiName, input: KpiRaw, options: AverageOptions | undefined): KpiAverage | KpiNoData {
  const formula = KPI_FORMULAS[name];
  const f = formula.fraction(input, NO_OPTIONS);
  if (f.den === 0) return noData(formula.empty);
  return {
    kind: 'average',
    unit: 'seconds',
    num: f.shownNum,
    den: f.shownDen,
    value: Ratio.of(f.num, f.den * 1000).round(options?.decimals ?? 2),
  };
}

function shortAbandonIssues(input: KpiRaw, exclude: boolean | undefined): Issue<KpiIssueCode>[] {
  if (!exclude) return [];
  const issues: Issue<KpiIssueCode>[] = [];
  for (const f of ['shortAbandoned', 'shortAbandonSeconds'] as const) {
    if (input[f] === undefined) {
      issues.push({ code: 'required', path: [f], message: `${f} is required to exclude short abandons` });
    }
  }
  return issues;
}

// The input each function reads: its required fields, then the optional ones
// that take part in the consistency checks.
const checkAnswerRate = checker(['offered', 'answered'], [], RATE_KEYS);
const checkAbandonRate = checker(['offered', 'abandoned'], ['shortAbandoned', 'shortAbandonSeconds'], RATE_KEYS);
const checkServiceLevel = checker(
  ['offered', 'answeredWithinThreshold', 'serviceLevelSeconds'],
  ['answered', 'abandoned', 'abandonedWithinThreshold', 'shortAbandoned', 'shortAbandonSeconds'],
  RATE_KEYS,
);
const checkAht = checker(['handled', 'talkSeconds', 'afterCallWorkSeconds'], ['holdSeconds'], ['decimals']);
const checkAsa = checker(['answered', 'answerWaitSeconds'], [], ['decimals']);
const checkFcr = checker(['resolvedFirstContact', 'resolutionEligible'], [], RATE_KEYS);
const checkOccupancy = checker(['talkSeconds', 'afterCallWorkSeconds', 'availableSeconds'], ['holdSeconds'], RATE_KEYS);
const checkAdherence = checker(['adherentSeconds', 'scheduledSeconds'], [], RATE_KEYS);
const checkShrinkage = checker(['shrinkageSeconds', 'paidSeconds'], [], RATE_KEYS);
const checkAttendance = checker(['shiftsPresent', 'shiftsScheduled'], [], RATE_KEYS);
const checkAttrition = checker(['leavers', 'headcountStart', 'headcountEnd'], [], RATE_KEYS);
const checkNotReadyRate = checker(['notReadySeconds', 'loggedInSeconds'], [], RATE_KEYS);
const checkMissedCallRate = checker(['missedCalls', 'inboundCalls'], [], RATE_KEYS);
const checkNotReadyOccurrences = checker(['dailyNotReadyMinutes'], [], []);

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
  checkAnswerRate(input, options);
  return rate('answerRate', input, options);
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
  checkAbandonRate(input, options, shortAbandonIssues(input, options?.excludeShortAbandons));
  return rate('abandonRate', input, options);
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
  const extra: Issue<KpiIssueCode>[] = [];
  if (t !== 'ignored' && t !== 'against' && t !== 'favour') {
    extra.push({ code: 'invalid_option', path: ['options', 'treatment'], message: "treatment must be 'ignored', 'against' or 'favour'" });
  }
  const need = (f: keyof ServiceLevelInput, why: string): void => {
    if (input[f] === undefined) extra.push({ code: 'required', path: [f], message: `${f} is required ${why}` });
  };
  if (t === 'ignored') need('abandoned', "for the 'ignored' treatment");
  if (t === 'favour') need('abandonedWithinThreshold', "for the 'favour' treatment");
  extra.push(...shortAbandonIssues(input, options?.excludeShortAbandons && t !== 'ignored'));
  checkServiceLevel(input, options, extra);
  return rate(t === 'ignored' ? 'serviceLevelIgnored' : t === 'favour' ? 'serviceLevelFavour' : 'serviceLevelAgainst', input, options);
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
  checkAht(input, options);
  return average('averageHandleTime', input, options);
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
  checkAsa(input, options);
  return average('averageSpeedOfAnswer', input, options);
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
  checkFcr(input, options);
  return rate('firstContactResolution', input, options);
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
  checkOccupancy(input, options);
  return rate('occupancy', input, options);
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
  checkAdherence(input, options);
  return rate('scheduleAdherence', input, options);
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
  checkShrinkage(input, options);
  return rate('shrinkage', input, options);
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
  checkAttendance(input, options);
  return rate('attendance', input, options);
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
  checkAttrition(input, options);
  return rate('attrition', input, options);
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
  checkNotReadyRate(input, options);
  return rate('notReadyRate', input, options);
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
  checkMissedCallRate(input, options);
  return rate('missedCallRate', input, options);
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
  const extra: Issue<KpiIssueCode>[] = [];
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0) {
    extra.push({ code: 'invalid_option', path: ['options', 'thresholdMinutes'], message: 'thresholdMinutes must be a non-negative number' });
  }
  checkNotReadyOccurrences(input, undefined, extra);
  const days = notReadyDays(input.dailyNotReadyMinutes, threshold);
  return { kind: 'count', value: days.length, days, thresholdMinutes: threshold };
}
