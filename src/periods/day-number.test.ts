import { describe, expect, it } from 'vitest';
import { daysInMonth, isoInstant, localDay } from './day-number.js';

describe('localDay', () => {
  it('reads real days as YYYYMMDD and tells malformed text (-1) from impossible days (-2)', () => {
    expect(localDay('2026-10-01')).toBe(20261001);
    expect(localDay('2024-02-29')).toBe(20240229); // 2024 is a leap year
    expect(localDay('2026-02-29')).toBe(-2);
    expect(localDay('2026-09-31')).toBe(-2); // September has 30 days
    expect(localDay('2026-13-01')).toBe(-2);
    expect(localDay('2026-1-01')).toBe(-1);
    expect(localDay('2026-10-3x')).toBe(-1);
    expect(localDay('２０２６-10-01')).toBe(-1); // full-width digits are not digits here
    expect(localDay('2026-10-31T16:30:00Z')).toBe(-1);
  });
});

describe('daysInMonth', () => {
  it('follows the Gregorian leap rules', () => {
    // Divisible by 4 → leap, by 100 → not, by 400 → leap.
    expect([2024, 2026, 1900, 2000].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 28, 29]);
    expect([1, 4, 6, 9, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 30, 30, 30, 30, 31]);
  });
});

describe('isoInstant', () => {
  it('reads strict ISO date-times with an offset, to the millisecond', () => {
    expect(isoInstant('1970-01-01T00:00:00Z')).toBe(0);
    // 16:30 at +08:00 is 08:30 UTC.
    expect(isoInstant('2026-10-31T16:30:00+08:00')).toBe(Date.UTC(2026, 9, 31, 8, 30));
    expect(isoInstant('2026-10-31T16:30+0800')).toBe(Date.UTC(2026, 9, 31, 8, 30));
    expect(isoInstant('2026-10-31T23:59:59.9999-05:00')).toBe(Date.UTC(2026, 10, 1, 4, 59, 59, 999));
    // Years 0000–0099 are not read as 1900–1999 (Date.parse reads ISO years literally; Date.UTC would not).
    expect(isoInstant('0050-01-01T00:00:00Z')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });

  it('refuses what is not one: no offset, impossible days and times', () => {
    for (const s of ['2026-10-31 16:30', '2026-10-31T16:30:00', '2026-02-29T00:00Z', '2026-10-31T24:00Z', '2026-10-31T12:00+24:00', 'soon']) {
      expect(isoInstant(s), s).toBeNaN();
    }
  });
});
