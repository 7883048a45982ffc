/**
 * Dates as numbers, without allocating: what the monthly assessment runs on
 * every one of millions of calls (a `YYYY-MM-DD` day as YYYYMMDD, a strict
 * ISO date-time as epoch milliseconds). Internal: not exported by the package.
 */

/**
 * A local date `YYYY-MM-DD` as the number YYYYMMDD (which orders as the text
 * does); -1 when the text is not of that form (it may be an instant), -2 when
 * it is but names no day.
 *
 * @example
 * ```ts
 * localDay('2024-02-29'); //=> 20240229
 * localDay('2026-02-29'); //=> -2
 * localDay('2026-10-31T16:30:00Z'); //=> -1
 * ```
 */
export function localDay(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const a = s.charCodeAt(0) - 48;
  const b = s.charCodeAt(1) - 48;
  const c = s.charCodeAt(2) - 48;
  const d = s.charCodeAt(3) - 48;
  const e = s.charCodeAt(5) - 48;
  const f = s.charCodeAt(6) - 48;
  const g = s.charCodeAt(8) - 48;
  const h = s.charCodeAt(9) - 48;
  // x is a digit iff 0 ≤ x ≤ 9 iff neither x nor x + 6 has a bit above the lowest four: one test for all eight.
  if (((a | (a + 6) | b | (b + 6) | c | (c + 6) | d | (d + 6) | e | (e + 6) | f | (f + 6) | g | (g + 6) | h | (h + 6)) & ~15) !== 0) return -1;
  const year = (a * 10 + b) * 100 + c * 10 + d;
  const month = e * 10 + f;
  const dd = g * 10 + h;
  // 2026-09-31 has the shape but no day: neither used nor "outside the period".
  if (month < 1 || month > 12 || dd < 1 || dd > daysInMonth(year, month)) return -2;
  return year * 10000 + month * 100 + dd;
}

/**
 * Days in a month of the proleptic Gregorian calendar (month 1–12).
 *
 * @example
 * ```ts
 * daysInMonth(2000, 2); //=> 29
 * daysInMonth(1900, 2); //=> 28
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Strict ISO date-time with an offset: no legacy formats, nothing read in the server's zone. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([zZ])|([+-])(\d{2}):?(\d{2}))$/;
/** Days in 400 Gregorian years: shifts years 0000–0099 past Date.UTC's 19xx mapping. */
const MS_400_YEARS = 146097 * 86_400_000;

/**
 * Milliseconds since the epoch of a strict ISO date-time with `Z` or `±HH[:]MM`,
 * or NaN when the text is not one or names a day or time that does not exist.
 *
 * @example
 * ```ts
 * isoInstant('2026-10-31T16:30:00+08:00') === Date.UTC(2026, 9, 31, 8, 30); //=> true
 * isoInstant('2026-10-31 16:30'); //=> NaN (no offset: not read in the server's zone)
 * ```
 */
export function isoInstant(s: string): number {
  const m = ISO_INSTANT.exec(s);
  if (m === null) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  let offset = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return NaN;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - MS_400_YEARS - offset;
}

