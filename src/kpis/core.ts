/**
 * The exact core of every KPI: which fields it needs and its fraction, in
 * integers (durations as whole milliseconds). The KPI functions round it for
 * display; src/assessment keeps it exact and pools it across agents. One
 * formula, one place: nothing else restates these.
 */
import type { KpiName } from './types.js';
import type { KpiField, KpiRaw } from './types.js';

/**
 * The exact fraction of a KPI. `num` and `den` are integers; durations are in
 * milliseconds, so a rate is `num / den` and an average is `num / den` ms.
 * `shown` is the same fraction in the input's units, as a {@link KpiRate} or
 * {@link KpiAverage} reports it.
 *
 * @example
 * ```ts
 * KPI_FORMULAS.occupancy.fraction({ talkSeconds: 3000, afterCallWorkSeconds: 600, availableSeconds: 400 }, {});
 * //=> { num: 3600000, den: 4000000, shownNum: 3600, shownDen: 4000 }
 * ```
 */
export interface KpiFraction {
  readonly num: number;
  readonly den: number;
  readonly shownNum: number;
  readonly shownDen: number;
}

/**
 * The options that change what a formula reads.
 *
 * @example
 * ```ts
 * const o: KpiFormulaOptions = { excludeShortAbandons: true };
 * ```
 */
export interface KpiFormulaOptions {
  /** Drop abandons under `shortAbandonSeconds` from both sides (abandon rate, service level). */
  readonly excludeShortAbandons?: boolean | undefined;
}

/**
 * One KPI's definition: its kind, the fields it needs, and its exact fraction.
 *
 * @example
 * ```ts
 * const f: KpiFormula = KPI_FORMULAS.missedCallRate;
 * f.requires({}); //=> ['missedCalls', 'inboundCalls']
 * ```
 */
export interface KpiFormula {
  readonly kind: 'rate' | 'average' | 'count';
  /** Fields that must be present under the options. */
  readonly requires: (o: KpiFormulaOptions) => readonly KpiField[];
  /** Fields read when present: they take part in the consistency checks (a part ≤ its whole). */
  readonly optional: readonly KpiField[];
  /** Whether consistent input keeps the rate within [0, 1] (attrition may exceed 1). */
  readonly bounded: boolean;
  /** Why there is no value when the denominator is 0. */
  readonly empty: string;
  /**
   * The fraction of input that is valid and has every required field (the
   * caller checks; this only computes). Absent optional fields count as 0.
   * Count KPIs (`notReadyOccurrences`) have no fraction: see {@link notReadyDays}.
   */
  readonly fraction: (raw: KpiRaw, o: KpiFormulaOptions) => KpiFraction;
}

/** Whole milliseconds; exact because valid durations have at most three decimals. */
const ms = (seconds: number | undefined): number => (seconds === undefined ? 0 : Math.round(seconds * 1000));
/** Milliseconds back to seconds; one correctly-rounded division prints cleanly. */
const sec = (millis: number): number => millis / 1000;
/** A value read as a number; null (which a lenient caller may pass for "absent") counts as 0. */
const n0 = (v: number | null | undefined): number => (typeof v === 'number' ? v : 0);
const ms0 = (v: number | null | undefined): number => (typeof v === 'number' ? ms(v) : 0);

const SHORT: readonly KpiField[] = ['shortAbandoned', 'shortAbandonSeconds'];
const fixed = (...fields: KpiField[]) => (): readonly KpiField[] => fields;
const short = (r: KpiRaw, o: KpiFormulaOptions): number => (o.excludeShortAbandons ? n0(r.shortAbandoned) : 0);
const same = (num: number, den: number): KpiFraction => ({ num, den, shownNum: num, shownDen: den });
const millis = (num: number, den: number): KpiFraction => ({ num, den, shownNum: sec(num), shownDen: sec(den) });
const handleMs = (r: KpiRaw): number => ms0(r.talkSeconds) + ms0(r.holdSeconds) + ms0(r.afterCallWorkSeconds);
/** A duration rate shows the input seconds as given. */
const durations = (a: number | undefined, b: number | undefined): KpiFraction => ({ num: ms0(a), den: ms0(b), shownNum: n0(a), shownDen: n0(b) });

function rateOf(
  empty: string,
  requires: KpiFormula['requires'],
  fraction: KpiFormula['fraction'],
  optional: readonly KpiField[] = [],
  bounded = true,
): KpiFormula {
  return { kind: 'rate', requires, optional, bounded, empty, fraction };
}

const SL_EMPTY = 'no calls to measure the service level on';

/**
 * Every KPI's formula, by name (see each KPI's function for the definitions).
 *
 * @example
 * ```ts
 * const f = KPI_FORMULAS.abandonRate;
 * f.requires({ excludeShortAbandons: true }); //=> ['offered', 'abandoned', 'shortAbandoned', 'shortAbandonSeconds']
 * f.fraction({ offered: 200, abandoned: 9, shortAbandoned: 4 }, { excludeShortAbandons: true }); //=> num 5, den 196
 * ```
 */
export const KPI_FORMULAS: Readonly<Record<KpiName, KpiFormula>> = {
  answerRate: rateOf('no calls offered', fixed('offered', 'answered'), (r) => same(n0(r.answered), n0(r.offered))),
  abandonRate: rateOf(
    'no calls offered',
    (o) => ['offered', 'abandoned', ...(o.excludeShortAbandons ? SHORT : [])],
    (r, o) => same(n0(r.abandoned) - short(r, o), n0(r.offered) - short(r, o)),
  ),
  // Ignored: abandons leave both sides; short abandons cancel out, so they are never read.
  serviceLevelIgnored: rateOf(
    SL_EMPTY,
    fixed('serviceLevelSeconds', 'offered', 'answeredWithinThreshold', 'abandoned'),
    (r) => same(n0(r.answeredWithinThreshold), n0(r.offered) - n0(r.abandoned)),
    ['answered'],
  ),
  serviceLevelAgainst: rateOf(
    SL_EMPTY,
    (o) => ['serviceLevelSeconds', 'offered', 'answeredWithinThreshold', ...(o.excludeShortAbandons ? SHORT : [])],
    (r, o) => same(n0(r.answeredWithinThreshold), n0(r.offered) - short(r, o)),
    ['answered'],
  ),
  serviceLevelFavour: rateOf(
    SL_EMPTY,
    (o) => ['serviceLevelSeconds', 'offered', 'answeredWithinThreshold', 'abandonedWithinThreshold', ...(o.excludeShortAbandons ? SHORT : [])],
    (r, o) => same(n0(r.answeredWithinThreshold) + n0(r.abandonedWithinThreshold) - short(r, o), n0(r.offered) - short(r, o)),
    ['answered', 'abandoned'],
  ),
  averageHandleTime: {
    kind: 'average',
    requires: fixed('handled', 'talkSeconds', 'afterCallWorkSeconds'),
    optional: ['holdSeconds'],
    bounded: false,
    empty: 'no calls handled',
    fraction: (r) => {
      const total = handleMs(r);
      return { num: total, den: n0(r.handled), shownNum: sec(total), shownDen: n0(r.handled) };
    },
  },
  averageSpeedOfAnswer: {
    kind: 'average',
    requires: fixed('answered', 'answerWaitSeconds'),
    optional: [],
    bounded: false,
    empty: 'no calls answered',
    fraction: (r) => {
      const total = ms0(r.answerWaitSeconds);
      return { num: total, den: n0(r.answered), shownNum: sec(total), shownDen: n0(r.answered) };
    },
  },
  firstContactResolution: rateOf('no contacts assessed', fixed('resolvedFirstContact', 'resolutionEligible'), (r) =>
    same(n0(r.resolvedFirstContact), n0(r.resolutionEligible)),
  ),
  occupancy: rateOf(
    'no handle or available time',
    fixed('talkSeconds', 'afterCallWorkSeconds', 'availableSeconds'),
    (r) => {
      const handle = handleMs(r);
      return millis(handle, handle + ms0(r.availableSeconds));
    },
    ['holdSeconds'],
  ),
  scheduleAdherence: rateOf('no time scheduled', fixed('adherentSeconds', 'scheduledSeconds'), (r) => durations(r.adherentSeconds, r.scheduledSeconds)),
  shrinkage: rateOf('no paid time', fixed('shrinkageSeconds', 'paidSeconds'), (r) => durations(r.shrinkageSeconds, r.paidSeconds)),
  attendance: rateOf('no shifts scheduled', fixed('shiftsPresent', 'shiftsScheduled'), (r) => same(n0(r.shiftsPresent), n0(r.shiftsScheduled))),
  attrition: rateOf(
    'no headcount',
    fixed('leavers', 'headcountStart', 'headcountEnd'),
    (r) => {
      // leavers / (sum / 2) = 2 · leavers / sum keeps both sides whole numbers.
      const twiceAvg = n0(r.headcountStart) + n0(r.headcountEnd);
      return { num: 2 * n0(r.leavers), den: twiceAvg, shownNum: n0(r.leavers), shownDen: twiceAvg / 2 };
    },
    [],
    false,
  ),
  notReadyRate: rateOf('no logged-in time', fixed('notReadySeconds', 'loggedInSeconds'), (r) => durations(r.notReadySeconds, r.loggedInSeconds)),
  missedCallRate: rateOf('no inbound calls', fixed('missedCalls', 'inboundCalls'), (r) => same(n0(r.missedCalls), n0(r.inboundCalls))),
  notReadyOccurrences: {
    kind: 'count',
    requires: fixed('dailyNotReadyMinutes'),
    optional: [],
    bounded: false,
    empty: '',
    fraction: () => same(0, 1),
  },
};

/**
 * The zero-based days whose not-ready minutes are strictly above the threshold
 * (the seed writes "> 30 min": a day of exactly 30 does not count).
 *
 * @example
 * ```ts
 * notReadyDays([12, 45, 30, 31], 30); //=> [1, 3]
 * ```
 */
export function notReadyDays(minutes: readonly number[], thresholdMinutes: number): number[] {
  const days: number[] = [];
  for (let i = 0; i < minutes.length; i++) if (isNotReadyDay(minutes[i]!, thresholdMinutes)) days.push(i);
  return days;
}

/**
 * Whether a day's not-ready minutes make it an occurrence: strictly above the
 * threshold. The one place this rule is written (the KPI and the assessment count with it).
 *
 * @example
 * ```ts
 * isNotReadyDay(30, 30); //=> false
 * ```
 */
export function isNotReadyDay(minutes: number, thresholdMinutes: number): boolean {
  return minutes > thresholdMinutes;
}

/**
 * How many days are not-ready occurrences ({@link notReadyDays}'s length, without the list).
 *
 * @example
 * ```ts
 * countNotReadyDays([12, 45, 30, 31], 30); //=> 2
 * ```
 */
export function countNotReadyDays(minutes: readonly number[], thresholdMinutes: number): number {
  let days = 0;
  for (let i = 0; i < minutes.length; i++) if (isNotReadyDay(minutes[i]!, thresholdMinutes)) days++;
  return days;
}
