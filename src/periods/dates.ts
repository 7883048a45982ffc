/**
 * Local dates and time zones: the checks every period and version function
 * shares. A local date is a `YYYY-MM-DD` string, read in a named IANA zone.
 */
import { TZDate } from '@date-fns/tz';
import { dateFns } from './date-fns.js';
import { localDay } from './day-number.js';
import { CallqaError, type Issue, type PathSegment } from '../issues/issues.js';
import type { PeriodIssueCode } from './issue-codes.js';

/**
 * Thrown for a bad period id, time zone, date or version timeline; lists every issue.
 *
 * @example
 * ```ts
 * try { calendarMonth('2026-13', { timeZone: 'UTC' }); } catch (e) {
 *   if (e instanceof PeriodError) e.issues[0]?.code; // 'malformed_period'
 * }
 * ```
 */
export class PeriodError extends CallqaError<PeriodIssueCode> {
  constructor(issues: readonly Issue<PeriodIssueCode>[]) {
    super('Invalid period or date', issues);
    this.name = 'PeriodError';
  }
}

// Intl is the authority on zone names; remembering the good ones keeps
// periodOf cheap when a batch calls it once per call record.
const knownZones = new Set<string>();

/**
 * The issues with a time zone name (code `invalid_time_zone`); empty when Intl knows it.
 *
 * @example
 * ```ts
 * timeZoneIssues('Asia/Shanghai', ['timeZone']); //=> []
 * timeZoneIssues('Mars/Olympus', ['timeZone']);  //=> [{ code: 'invalid_time_zone', path: ['timeZone'], … }]
 * ```
 */
export function timeZoneIssues(timeZone: unknown, path: readonly PathSegment[]): Issue<'invalid_time_zone'>[] {
  if (typeof timeZone === 'string' && knownZones.has(timeZone)) return [];
  if (typeof timeZone !== 'string' || timeZone === '') {
    return [{ code: 'invalid_time_zone', path, message: 'timeZone must be an IANA name such as Asia/Shanghai' }];
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return [{ code: 'invalid_time_zone', path, message: `unknown time zone '${timeZone}'` }];
  }
  knownZones.add(timeZone);
  return [];
}

/**
 * The issues with a `YYYY-MM-DD` string (code `invalid_date`); empty when it is a real calendar date.
 *
 * @example
 * ```ts
 * localDateIssues('2026-02-28', ['effectiveFrom']); //=> []
 * localDateIssues('2026-02-30', ['effectiveFrom']); //=> [{ code: 'invalid_date', … }]
 * ```
 */
export function localDateIssues(value: unknown, path: readonly PathSegment[]): Issue<'invalid_date'>[] {
  if (typeof value === 'string' && localDay(value) >= 0) return [];
  return [{ code: 'invalid_date', path, message: `${JSON.stringify(value)} is not a date of the form YYYY-MM-DD` }];
}

/**
 * The issues with an instant (code `invalid_date`); empty for a valid Date or epoch milliseconds.
 *
 * @example
 * ```ts
 * instantIssues(new Date('nope'), ['date']); //=> [{ code: 'invalid_date', path: ['date'], … }]
 * ```
 */
export function instantIssues(value: unknown, path: readonly PathSegment[]): Issue<PeriodIssueCode>[] {
  const ok =
    (value instanceof Date && !Number.isNaN(value.getTime())) || (typeof value === 'number' && Number.isFinite(value));
  return ok ? [] : [{ code: 'invalid_date', path, message: 'expected a valid Date or epoch milliseconds' }];
}

/**
 * Throws a {@link PeriodError} when `issues` is not empty.
 *
 * @example
 * ```ts
 * assertNoIssues(timeZoneIssues(zone, ['timeZone']));
 * ```
 */
export function assertNoIssues(issues: readonly Issue<PeriodIssueCode>[]): void {
  if (issues.length > 0) throw new PeriodError(issues);
}

/**
 * @name localDate
 * @category Periods
 * @summary The calendar date of an instant in a time zone.
 *
 * @description
 * The server's own zone plays no part: the instant is read in `timeZone`.
 *
 * @param date - the instant (a Date or epoch milliseconds)
 * @param timeZone - an IANA zone name
 * @returns the local date as `YYYY-MM-DD`
 * @throws {PeriodError} an invalid date or unknown zone
 *
 * @example
 * ```ts
 * localDate(new Date('2026-10-31T15:30:00Z'), 'Asia/Shanghai'); //=> '2026-10-31'
 * localDate(new Date('2026-10-31T16:30:00Z'), 'Asia/Shanghai'); //=> '2026-11-01'
 * ```
 */
export function localDate(date: Date | number, timeZone: string): string {
  assertNoIssues([...instantIssues(date, ['date']), ...timeZoneIssues(timeZone, ['timeZone'])]);
  const { year, month, day } = localParts(+date, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The local calendar date of an instant in a zone, read with Intl. Unlike
 * date-fns arithmetic on a TZDate, Intl never consults the server's own zone,
 * which matters where that zone skipped a day (Pacific/Kiritimati, 1994-12-31).
 *
 * @example
 * ```ts
 * localParts(Date.parse('2026-10-31T16:30:00Z'), 'Asia/Shanghai'); //=> { year: 2026, month: 11, day: 1 }
 * ```
 */
export function localParts(t: number, timeZone: string): { year: number; month: number; day: number } {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', era: 'short' });
    partFormats.set(timeZone, f);
  }
  let year = 0;
  let month = 0;
  let day = 0;
  let bc = false;
  for (const p of f.formatToParts(t)) {
    if (p.type === 'year') year = Number(p.value);
    else if (p.type === 'month') month = Number(p.value);
    else if (p.type === 'day') day = Number(p.value);
    else if (p.type === 'era') bc = p.value.startsWith('B');
  }
  return { year: bc ? 1 - year : year, month, day };
}

/**
 * The day after a valid `YYYY-MM-DD` date (read in UTC: pure calendar arithmetic).
 *
 * @example
 * ```ts
 * nextLocalDay('2026-12-31'); //=> '2027-01-01'
 * ```
 */
export function nextLocalDay(day: string): string {
  return dateFns().format(dateFns().addDays(new TZDate(`${day}T00:00:00Z`, 'UTC'), 1), 'yyyy-MM-dd');
}
