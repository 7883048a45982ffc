/**
 * Reporting periods as half-open ranges of instants, [start, end), computed in
 * the contact centre's time zone with date-fns and @date-fns/tz. The server's
 * zone never matters, and DST changes give the right instants because every
 * boundary is a local midnight resolved by TZDate.
 */
import { TZDate, tz } from '@date-fns/tz';
import { dateFns } from './date-fns.js';
import type { Issue, PathSegment, SafeResult } from '../issues/issues.js';
import { PeriodError, assertNoIssues, instantIssues, localDate, localParts, timeZoneIssues } from './dates.js';
import type { PeriodIssueCode } from './issue-codes.js';

/** The kinds of period. @example `const k: PeriodKind = 'isoWeek';` */
export type PeriodKind = 'month' | 'cycle' | 'isoWeek' | 'quarter';

/**
 * How to cut time into periods. A `cycle` is a month-long cycle starting on
 * `startDay` (1–28) and is named after the month in which it ends: with
 * `startDay: 26`, cycle '2026-10' runs from 2026-09-26 to 2026-10-25 inclusive.
 * `startDay: 1` makes a cycle the calendar month.
 *
 * @example
 * ```ts
 * const spec: PeriodSpec = { kind: 'cycle', startDay: 26, timeZone: 'Asia/Shanghai' };
 * ```
 */
export type PeriodSpec =
  | { readonly kind: 'month'; readonly timeZone: string }
  | { readonly kind: 'cycle'; readonly timeZone: string; readonly startDay: number }
  | { readonly kind: 'isoWeek'; readonly timeZone: string }
  | { readonly kind: 'quarter'; readonly timeZone: string };

/**
 * A period: the instants `start <= t < end`, and its first and last local days.
 *
 * @example
 * ```ts
 * const october: Period = calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' });
 * october.start.toISOString(); //=> '2026-09-30T16:00:00.000Z'
 * ```
 */
export interface Period {
  /** '2026-10', '2026-W44' or '2026-Q4'. */
  readonly id: string;
  readonly kind: PeriodKind;
  readonly timeZone: string;
  /** The first instant in the period. */
  readonly start: Date;
  /** The first instant after the period (exclusive). */
  readonly end: Date;
  /** The first local day, `YYYY-MM-DD`. */
  readonly firstDay: string;
  /** The last local day, inclusive, `YYYY-MM-DD`. */
  readonly lastDay: string;
}

/**
 * A period id taken apart.
 *
 * @example
 * ```ts
 * const p: ParsedPeriodId = { kind: 'isoWeek', year: 2026, week: 44 };
 * ```
 */
export type ParsedPeriodId =
  | { readonly kind: 'month'; readonly year: number; readonly month: number }
  | { readonly kind: 'isoWeek'; readonly year: number; readonly week: number }
  | { readonly kind: 'quarter'; readonly year: number; readonly quarter: number };

const pad = (n: number): string => String(n).padStart(2, '0');

function malformed(id: unknown, path: readonly PathSegment[], detail: string): Issue<PeriodIssueCode>[] {
  return [{ code: 'malformed_period', path, message: `${JSON.stringify(id)} is not a valid period id: ${detail}` }];
}

function parseIdIssues(id: unknown, path: readonly PathSegment[]): { parsed?: ParsedPeriodId; issues: Issue<PeriodIssueCode>[] } {
  if (typeof id !== 'string') return { issues: malformed(id, path, 'expected a string') };
  const m = /^(\d{4})-(?:(\d{2})|W(\d{2})|Q(\d))$/.exec(id);
  const year = Number(m?.[1]);
  if (!m || year < 1) {
    return { issues: malformed(id, path, "expected 'YYYY-MM', 'YYYY-Www' or 'YYYY-Qn'") };
  }
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { issues: malformed(id, path, 'the month must be 01–12') };
    return { parsed: { kind: 'month', year, month }, issues: [] };
  }
  if (m[3] !== undefined) {
    const week = Number(m[3]);
    // The week count is a property of the calendar, not of a zone: UTC will do.
    const weeks = dateFns().getISOWeeksInYear(new TZDate(year, 0, 4, 'UTC'));
    if (week < 1 || week > weeks) return { issues: malformed(id, path, `ISO year ${year} has weeks W01–W${weeks}`) };
    return { parsed: { kind: 'isoWeek', year, week }, issues: [] };
  }
  const quarter = Number(m[4]);
  if (quarter < 1 || quarter > 4) return { issues: malformed(id, path, 'the quarter must be Q1–Q4') };
  return { parsed: { kind: 'quarter', year, quarter }, issues: [] };
}

/**
 * @name parsePeriodId
 * @category Periods
 * @summary Takes a period id apart, checking it.
 *
 * @description
 * Accepts 'YYYY-MM' (month 01–12; also the id of a cycle), 'YYYY-Www' (an ISO
 * week that exists in that ISO year, W01–W52 or W53) and 'YYYY-Qn' (Q1–Q4).
 *
 * @param id - the period id
 * @returns the kind and numbers
 * @throws {PeriodError} a malformed id (code `malformed_period`, path `['id']`)
 *
 * @example
 * ```ts
 * parsePeriodId('2026-W44'); //=> { kind: 'isoWeek', year: 2026, week: 44 }
 * parsePeriodId('2027-W53'); // throws PeriodError: ISO year 2027 has weeks W01–W52
 * ```
 */
export function parsePeriodId(id: string): ParsedPeriodId {
  const { parsed, issues } = parseIdIssues(id, ['id']);
  assertNoIssues(issues);
  return parsed as ParsedPeriodId;
}

/**
 * @name safeParsePeriodId
 * @category Periods
 * @summary Like {@link parsePeriodId}, but returns the issues instead of throwing.
 *
 * @description
 * For validating user input in bulk (a form, a CSV column).
 *
 * @param id - the period id
 * @returns `{ success: true, period }` or `{ success: false, issues }`
 *
 * @example
 * ```ts
 * safeParsePeriodId('2026-Q5'); //=> { success: false, issues: [{ code: 'malformed_period', … }] }
 * ```
 */
export function safeParsePeriodId(id: string): SafeResult<'period', ParsedPeriodId> {
  const { parsed, issues } = parseIdIssues(id, ['id']);
  return parsed ? { success: true, period: parsed } : { success: false, issues };
}

function specIssues(spec: unknown): Issue<PeriodIssueCode>[] {
  if (typeof spec !== 'object' || spec === null) {
    return [{ code: 'invalid_spec', path: ['spec'], message: 'expected a period spec { kind, timeZone }' }];
  }
  const s = spec as { kind?: unknown; timeZone?: unknown; startDay?: unknown };
  const issues: Issue<PeriodIssueCode>[] = timeZoneIssues(s.timeZone, ['timeZone']);
  if (s.kind !== 'month' && s.kind !== 'cycle' && s.kind !== 'isoWeek' && s.kind !== 'quarter') {
    issues.push({ code: 'invalid_spec', path: ['kind'], message: "kind must be 'month', 'cycle', 'isoWeek' or 'quarter'" });
  }
  if (s.kind === 'cycle' && !(Number.isInteger(s.startDay) && (s.startDay as number) >= 1 && (s.startDay as number) <= 28)) {
    // Days 29–31 do not exist in every month, so a cycle could not start on them every month.
    issues.push({ code: 'invalid_spec', path: ['startDay'], message: 'startDay must be a whole number from 1 to 28' });
  }
  return issues;
}

function build(id: string, kind: PeriodKind, timeZone: string, start: Date, end: Date): Period {
  const inZone = { in: tz(timeZone) };
  return {
    id,
    kind,
    timeZone,
    start: new Date(start.getTime()),
    end: new Date(end.getTime()),
    firstDay: dateFns().format(start, 'yyyy-MM-dd', inZone),
    // The local date of the period's last instant. (Not subDays(end, 1): date-fns day arithmetic
    // goes through the server's zone and slips where that zone skipped a day — Kiritimati, 1994-12-31.)
    lastDay: localDate(end.getTime() - 1, timeZone),
  };
}

/**
 * @name period
 * @category Periods
 * @summary The period with the given id under a spec.
 *
 * @description
 * The kind of the id must match the spec: 'YYYY-MM' for `month` and `cycle`,
 * 'YYYY-Www' for `isoWeek`, 'YYYY-Qn' for `quarter`. Boundaries are local
 * midnights in `spec.timeZone`; the range is half-open, [start, end).
 *
 * @param id - the period id
 * @param spec - kind, time zone and (for cycles) start day
 * @returns the {@link Period}
 * @throws {PeriodError} a malformed id, an id of the wrong kind, an unknown zone, a bad start day
 *
 * @example
 * ```ts
 * period('2026-10', { kind: 'cycle', startDay: 26, timeZone: 'Asia/Shanghai' });
 * //=> { id: '2026-10', firstDay: '2026-09-26', lastDay: '2026-10-25',
 * //     start: 2026-09-25T16:00:00Z, end: 2026-10-25T16:00:00Z, … }
 * ```
 */
export function period(id: string, spec: PeriodSpec): Period {
  const { parsed, issues } = parseIdIssues(id, ['id']);
  issues.push(...specIssues(spec));
  if (parsed && issues.length === 0) {
    const expected = parsed.kind === 'month' ? ['month', 'cycle'] : [parsed.kind];
    if (!expected.includes(spec.kind)) {
      issues.push(...malformed(id, ['id'], `a ${spec.kind} period needs an id like ${EXAMPLE_ID[spec.kind]}`));
    }
  }
  assertNoIssues(issues);
  const p = parsed as ParsedPeriodId;
  const tz = spec.timeZone;
  // Both ends are local midnights computed the same way, never end = start + a
  // month: where a midnight does not exist the day starts at 01:00, and adding
  // to that would carry the hour into the next boundary (an hour's overlap).
  switch (p.kind) {
    case 'month': {
      if (spec.kind === 'cycle' && spec.startDay > 1) {
        // Named after the month it ends in: starts on startDay of the month before.
        return build(id, 'cycle', tz, localMidnight(p.year, p.month - 2, spec.startDay, tz), localMidnight(p.year, p.month - 1, spec.startDay, tz));
      }
      return build(id, spec.kind, tz, localMidnight(p.year, p.month - 1, 1, tz), localMidnight(p.year, p.month, 1, tz));
    }
    case 'isoWeek': {
      // Monday of ISO week 1 is the Monday on or before 4 January; calendar arithmetic in UTC.
      const jan4 = Date.UTC(p.year, 0, 4);
      const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (p.week - 1) * 7 * DAY_MS;
      const first = new Date(monday);
      const y = first.getUTCFullYear();
      const m = first.getUTCMonth();
      const d = first.getUTCDate();
      return build(id, 'isoWeek', tz, localMidnight(y, m, d, tz), localMidnight(y, m, d + 7, tz));
    }
    case 'quarter':
      return build(id, 'quarter', tz, localMidnight(p.year, (p.quarter - 1) * 3, 1, tz), localMidnight(p.year, p.quarter * 3, 1, tz));
  }
}

const DAY_MS = 86_400_000;

/**
 * The first instant of a local day (month0 and day may overflow, as in
 * Date.UTC): its midnight, or the first instant after it when DST skips it.
 */
function localMidnight(year: number, month0: number, day: number, timeZone: string): Date {
  const civil = new Date(Date.UTC(year, month0, day));
  return new TZDate(civil.getUTCFullYear(), civil.getUTCMonth(), civil.getUTCDate(), timeZone);
}

const EXAMPLE_ID: Record<PeriodKind, string> = {
  month: "'2026-10'",
  cycle: "'2026-10'",
  isoWeek: "'2026-W44'",
  quarter: "'2026-Q4'",
};

/**
 * @name calendarMonth
 * @category Periods
 * @summary A calendar month in a time zone.
 *
 * @description
 * From local midnight on the 1st to local midnight on the 1st of the next month, [start, end).
 *
 * @param id - 'YYYY-MM'
 * @param options - `timeZone`, an IANA name
 * @returns the {@link Period}
 * @throws {PeriodError} a malformed id or unknown zone
 *
 * @example
 * ```ts
 * const oct = calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' });
 * oct.start.toISOString(); //=> '2026-09-30T16:00:00.000Z'
 * oct.end.toISOString();   //=> '2026-10-31T16:00:00.000Z'
 * ```
 */
export function calendarMonth(id: string, options: { readonly timeZone: string }): Period {
  return period(id, { kind: 'month', timeZone: options?.timeZone });
}

/**
 * @name cycle
 * @category Periods
 * @summary A month-long cycle starting on a given day, named after the month it ends in.
 *
 * @description
 * With `startDay: 26`, cycle '2026-10' runs from 2026-09-26 to 2026-10-25
 * inclusive; `startDay: 1` gives the calendar month.
 *
 * @param id - 'YYYY-MM', the month in which the cycle ends
 * @param options - `timeZone` and `startDay` (1–28)
 * @returns the {@link Period}
 * @throws {PeriodError} a malformed id, unknown zone or bad start day
 *
 * @example
 * ```ts
 * const c = cycle('2026-10', { startDay: 26, timeZone: 'Asia/Shanghai' });
 * [c.firstDay, c.lastDay]; //=> ['2026-09-26', '2026-10-25']
 * ```
 */
export function cycle(id: string, options: { readonly timeZone: string; readonly startDay: number }): Period {
  return period(id, { kind: 'cycle', timeZone: options?.timeZone, startDay: options?.startDay });
}

/**
 * @name isoWeek
 * @category Periods
 * @summary An ISO 8601 week (Monday to Sunday) in a time zone.
 *
 * @description
 * Week 1 is the week containing 4 January, so an ISO year may start in December
 * of the calendar year before or end in January of the one after.
 *
 * @param id - 'YYYY-Www'
 * @param options - `timeZone`
 * @returns the {@link Period}
 * @throws {PeriodError} a malformed id, a week the year lacks (W53), an unknown zone
 *
 * @example
 * ```ts
 * const w = isoWeek('2026-W44', { timeZone: 'UTC' });
 * [w.firstDay, w.lastDay]; //=> ['2026-10-26', '2026-11-01']
 * ```
 */
export function isoWeek(id: string, options: { readonly timeZone: string }): Period {
  return period(id, { kind: 'isoWeek', timeZone: options?.timeZone });
}

/**
 * @name quarter
 * @category Periods
 * @summary A calendar quarter in a time zone.
 *
 * @description
 * Q1 is January–March, Q4 October–December.
 *
 * @param id - 'YYYY-Qn'
 * @param options - `timeZone`
 * @returns the {@link Period}
 * @throws {PeriodError} a malformed id or unknown zone
 *
 * @example
 * ```ts
 * const q = quarter('2026-Q4', { timeZone: 'UTC' });
 * [q.firstDay, q.lastDay]; //=> ['2026-10-01', '2026-12-31']
 * ```
 */
export function quarter(id: string, options: { readonly timeZone: string }): Period {
  return period(id, { kind: 'quarter', timeZone: options?.timeZone });
}

/**
 * @name periodOf
 * @category Periods
 * @summary The period an instant belongs to.
 *
 * @description
 * The instant is read in `spec.timeZone`, never in the server's zone. For a
 * cycle, a local day on or after `startDay` belongs to the cycle named after the next month.
 *
 * @param date - the instant (a Date or epoch milliseconds)
 * @param spec - kind, time zone and (for cycles) start day
 * @returns the {@link Period} containing `date`
 * @throws {PeriodError} an invalid date, unknown zone or bad spec
 *
 * @example
 * ```ts
 * // 23:30 on 31 October in Shanghai is 15:30 UTC: still October.
 * periodOf(new Date('2026-10-31T15:30:00Z'), { kind: 'month', timeZone: 'Asia/Shanghai' }).id; //=> '2026-10'
 * ```
 */
export function periodOf(date: Date | number, spec: PeriodSpec): Period {
  assertNoIssues([...instantIssues(date, ['date']), ...specIssues(spec)]);
  // Plain calendar arithmetic on the local date (read with Intl): date-fns arithmetic on a
  // TZDate goes through the server's zone and slips where that zone skipped a day.
  const { year, month, day } = localParts(+date, spec.timeZone);
  const ym = (y: number, m: number): string => `${String(y).padStart(4, '0')}-${pad(m)}`;
  switch (spec.kind) {
    case 'month':
      return period(ym(year, month), spec);
    case 'cycle': {
      // Named after the month it ends in: from startDay on, the day belongs to next month's cycle.
      if (spec.startDay > 1 && day >= spec.startDay) return period(month === 12 ? ym(year + 1, 1) : ym(year, month + 1), spec);
      return period(ym(year, month), spec);
    }
    case 'isoWeek': {
      // ISO 8601: the week of the Thursday of this date's Monday-to-Sunday week.
      const t = Date.UTC(year, month - 1, day);
      const thursday = t + (3 - ((new Date(t).getUTCDay() + 6) % 7)) * DAY_MS;
      const isoYear = new Date(thursday).getUTCFullYear();
      const week = Math.floor((thursday - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
      return period(`${isoYear}-W${pad(week)}`, spec);
    }
    case 'quarter':
      return period(`${year}-Q${Math.floor((month - 1) / 3) + 1}`, spec);
  }
}

/**
 * @name inPeriod
 * @category Periods
 * @summary Whether an instant lies in a period.
 *
 * @description
 * Half-open: `start <= date < end`, so an instant at `end` belongs to the next period.
 *
 * @param date - the instant
 * @param p - the period
 * @returns true when `date` is in `p`
 * @throws {PeriodError} an invalid date
 *
 * @example
 * ```ts
 * const oct = calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' });
 * inPeriod(new Date('2026-10-31T15:30:00Z'), oct); //=> true
 * inPeriod(oct.end, oct);                          //=> false
 * ```
 */
export function inPeriod(date: Date | number, p: Period): boolean {
  assertNoIssues(instantIssues(date, ['date']));
  const t = +date;
  return p.start.getTime() <= t && t < p.end.getTime();
}

/**
 * @name quarterOfMonth
 * @category Periods
 * @summary The quarter a month belongs to.
 *
 * @description
 * So that a quarterly result (e.g. the training exam) applies to each month of its quarter.
 * For a cycle, the quarter of the month the cycle is named after.
 *
 * @param month - 'YYYY-MM'
 * @returns 'YYYY-Qn'
 * @throws {PeriodError} an id that is not a month
 *
 * @example
 * ```ts
 * quarterOfMonth('2026-10'); //=> '2026-Q4'
 * ```
 */
export function quarterOfMonth(month: string): string {
  const p = parsePeriodId(month);
  if (p.kind !== 'month') throw new PeriodError(malformed(month, ['month'], "expected a month id like '2026-10'"));
  return `${p.year}-Q${Math.ceil(p.month / 3)}`;
}

/**
 * @name monthsOfQuarter
 * @category Periods
 * @summary The three months of a quarter.
 *
 * @description
 * The inverse of {@link quarterOfMonth}.
 *
 * @param q - 'YYYY-Qn'
 * @returns the three 'YYYY-MM' ids, in order
 * @throws {PeriodError} an id that is not a quarter
 *
 * @example
 * ```ts
 * monthsOfQuarter('2026-Q4'); //=> ['2026-10', '2026-11', '2026-12']
 * ```
 */
export function monthsOfQuarter(q: string): [string, string, string] {
  const p = parsePeriodId(q);
  if (p.kind !== 'quarter') throw new PeriodError(malformed(q, ['quarter'], "expected a quarter id like '2026-Q4'"));
  const first = (p.quarter - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${p.year}-${pad(first + i)}`) as [string, string, string];
}
