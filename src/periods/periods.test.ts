import { afterEach, describe, expect, it } from 'vitest';
import {
  PeriodError,
  calendarMonth,
  cycle,
  inPeriod,
  isoWeek,
  localDate,
  monthsOfQuarter,
  parsePeriodId,
  period,
  periodOf,
  quarter,
  quarterOfMonth,
  safeParsePeriodId,
} from './index.js';
import { issuesOf as sharedIssuesOf } from '../../test/support/issues.js';

const iso = (d: Date): string => d.toISOString();
const SH = { timeZone: 'Asia/Shanghai' } as const;
const NY = { timeZone: 'America/New_York' } as const;

const issuesOf = (fn: () => unknown) => sharedIssuesOf(fn, PeriodError);

describe('calendarMonth', () => {
  it('runs from local midnight to local midnight (Shanghai is UTC+8 all year)', () => {
    const oct = calendarMonth('2026-10', SH);
    expect(oct).toEqual({
      id: '2026-10',
      kind: 'month',
      timeZone: 'Asia/Shanghai',
      start: new Date('2026-09-30T16:00:00Z'),
      end: new Date('2026-10-31T16:00:00Z'),
      firstDay: '2026-10-01',
      lastDay: '2026-10-31',
    });
  });

  it('crosses the November DST change in New York correctly', () => {
    // October: 1 Oct 00:00 EDT (UTC−4) to 1 Nov 00:00 EDT — DST ends later that night, at 02:00.
    const oct = calendarMonth('2026-10', NY);
    expect([iso(oct.start), iso(oct.end)]).toEqual(['2026-10-01T04:00:00.000Z', '2026-11-01T04:00:00.000Z']);
    // November: 1 Nov 00:00 EDT to 1 Dec 00:00 EST (UTC−5): 30 days and one extra hour.
    const nov = calendarMonth('2026-11', NY);
    expect([iso(nov.start), iso(nov.end)]).toEqual(['2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z']);
    expect((nov.end.getTime() - nov.start.getTime()) / 3_600_000).toBe(30 * 24 + 1);
    // 03:59Z on 1 Nov is 23:59 EDT on 31 Oct; 06:30Z is the second 01:30 (EST) on 1 Nov.
    expect(periodOf(new Date('2026-11-01T03:59:00Z'), { kind: 'month', ...NY }).id).toBe('2026-10');
    expect(periodOf(new Date('2026-11-01T06:30:00Z'), { kind: 'month', ...NY }).id).toBe('2026-11');
  });

  it('handles the March DST change (a 743-hour month)', () => {
    // 1 Mar 00:00 EST = 05:00Z; 1 Apr 00:00 EDT = 04:00Z; 31 × 24 − 1 = 743 hours.
    const mar = calendarMonth('2026-03', NY);
    expect([iso(mar.start), iso(mar.end)]).toEqual(['2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z']);
    expect((mar.end.getTime() - mar.start.getTime()) / 3_600_000).toBe(743);
  });
});

describe('periodOf and inPeriod, whatever the server zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  // The local hour of 15:30Z in each server zone proves the zone really changed.
  const serverZones = { UTC: 15, 'America/Los_Angeles': 8, 'Pacific/Kiritimati': 5, 'Asia/Shanghai': 23 };
  for (const [serverZone, localHour] of Object.entries(serverZones)) {
    it(`puts 23:30 on 31 October in Shanghai into October with TZ=${serverZone}`, () => {
      process.env.TZ = serverZone;
      const call = new Date('2026-10-31T15:30:00Z'); // 23:30 in Shanghai
      expect(call.getHours()).toBe(localHour);
      const p = periodOf(call, { kind: 'month', ...SH });
      expect(p.id).toBe('2026-10');
      expect(iso(p.end)).toBe('2026-10-31T16:00:00.000Z');
      expect(inPeriod(call, calendarMonth('2026-10', SH))).toBe(true);
      expect(inPeriod(call, calendarMonth('2026-11', SH))).toBe(false);
      // Half an hour later it is 00:00 on 1 November in Shanghai.
      expect(periodOf(new Date('2026-10-31T16:00:00Z'), { kind: 'month', ...SH }).id).toBe('2026-11');
      expect(localDate(call, 'Asia/Shanghai')).toBe('2026-10-31');
    });
  }

  // Found by the property "does not depend on the server's time zone": Kiritimati skipped
  // 31 December 1994, and date-fns day arithmetic through the server's zone slipped there.
  it('is unaffected by a day the server’s own zone skipped (TZ=Pacific/Kiritimati, 1994)', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    // 1994-09-30T23:00Z is midnight of 1 October in London (BST): Q4 runs to 31 December.
    const q = periodOf(Date.parse('1994-09-30T23:00:00Z'), { kind: 'quarter', timeZone: 'Europe/London' });
    expect([q.id, q.firstDay, q.lastDay, iso(q.end)]).toEqual(['1994-Q4', '1994-10-01', '1994-12-31', '1995-01-01T00:00:00.000Z']);
    // 1994-11-02 in UTC, cycles starting on the 2nd: that day opens the cycle named 1994-12 (2 Nov – 1 Dec).
    const c = periodOf(Date.parse('1994-11-02T12:00:00Z'), { kind: 'cycle', timeZone: 'UTC', startDay: 2 });
    expect([c.id, c.firstDay, c.lastDay]).toEqual(['1994-12', '1994-11-02', '1994-12-01']);
  });

  it('is half-open: start is in, end is out', () => {
    const oct = calendarMonth('2026-10', SH);
    expect(inPeriod(oct.start, oct)).toBe(true);
    expect(inPeriod(oct.end, oct)).toBe(false);
    expect(inPeriod(oct.end.getTime() - 1, oct)).toBe(true);
  });
});

describe('custom cycles', () => {
  const spec = { kind: 'cycle', startDay: 26, ...SH } as const;

  it("names a cycle after the month it ends in: '2026-10' is 26 Sep – 25 Oct", () => {
    const c = cycle('2026-10', { startDay: 26, ...SH });
    expect(c).toMatchObject({ id: '2026-10', kind: 'cycle', firstDay: '2026-09-26', lastDay: '2026-10-25' });
    // 26 Sep 00:00 +08:00 = 25 Sep 16:00Z; 26 Oct 00:00 +08:00 = 25 Oct 16:00Z.
    expect([iso(c.start), iso(c.end)]).toEqual(['2026-09-25T16:00:00.000Z', '2026-10-25T16:00:00.000Z']);
    expect(cycle('2026-01', { startDay: 26, ...SH })).toMatchObject({ firstDay: '2025-12-26', lastDay: '2026-01-25' });
  });

  it('assigns a day on or after the start day to the next cycle', () => {
    expect(periodOf(new Date('2026-10-25T15:59:00Z'), spec).id).toBe('2026-10'); // 25 Oct 23:59 local
    expect(periodOf(new Date('2026-10-25T16:00:00Z'), spec).id).toBe('2026-11'); // 26 Oct 00:00 local
    expect(periodOf(new Date('2026-12-26T01:00:00Z'), spec).id).toBe('2027-01');
  });

  it('with startDay 1 is the calendar month', () => {
    const c = cycle('2026-10', { startDay: 1, ...SH });
    const m = calendarMonth('2026-10', SH);
    expect([c.start, c.end]).toEqual([m.start, m.end]);
  });
});

describe('ISO weeks and quarters', () => {
  it('finds ISO weeks, including week 53 and weeks across the year end', () => {
    // 2026-01-01 is a Thursday, so W01 starts Mon 2025-12-29 and 2026 has 53 weeks.
    expect(isoWeek('2026-W44', { timeZone: 'UTC' })).toMatchObject({ firstDay: '2026-10-26', lastDay: '2026-11-01' });
    expect(isoWeek('2026-W01', { timeZone: 'UTC' })).toMatchObject({ firstDay: '2025-12-29', lastDay: '2026-01-04' });
    expect(isoWeek('2026-W53', { timeZone: 'UTC' })).toMatchObject({ firstDay: '2026-12-28', lastDay: '2027-01-03' });
    expect(periodOf(new Date('2021-01-02T12:00:00Z'), { kind: 'isoWeek', timeZone: 'UTC' }).id).toBe('2020-W53');
    // In Shanghai, Monday 00:00 local is Sunday 16:00Z.
    expect(iso(isoWeek('2026-W44', SH).start)).toBe('2026-10-25T16:00:00.000Z');
  });

  it('finds quarters and maps months to them', () => {
    const q = quarter('2026-Q4', NY);
    // 1 Oct 00:00 EDT = 04:00Z; 1 Jan 00:00 EST = 05:00Z.
    expect([iso(q.start), iso(q.end), q.firstDay, q.lastDay]).toEqual([
      '2026-10-01T04:00:00.000Z', '2027-01-01T05:00:00.000Z', '2026-10-01', '2026-12-31',
    ]);
    expect(periodOf(new Date('2026-12-31T23:00:00Z'), { kind: 'quarter', ...SH }).id).toBe('2027-Q1'); // 07:00 on 1 Jan local
    expect(['2026-01', '2026-03', '2026-04', '2026-10', '2026-12'].map(quarterOfMonth)).toEqual([
      '2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4', '2026-Q4',
    ]);
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOfQuarter('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

describe('parsing and errors', () => {
  it('parses the three id forms', () => {
    expect(parsePeriodId('2026-10')).toEqual({ kind: 'month', year: 2026, month: 10 });
    expect(parsePeriodId('2026-W44')).toEqual({ kind: 'isoWeek', year: 2026, week: 44 });
    expect(parsePeriodId('2026-Q4')).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
  });

  it('rejects malformed ids with a clear message', () => {
    for (const bad of ['2026-13', '2026-00', '2026-10-01', '26-10', '2026-Q5', '2026-Q0', '2026-W00', '2027-W53', '2026-w44', '']) {
      const issues = issuesOf(() => parsePeriodId(bad));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'malformed_period', path: ['id'] });
    }
    expect(issuesOf(() => parsePeriodId('2027-W53'))[0]?.message).toContain('ISO year 2027 has weeks W01–W52');
    expect(safeParsePeriodId('2026-Q5')).toMatchObject({ success: false });
    expect(safeParsePeriodId('2026-Q3')).toEqual({ success: true, period: { kind: 'quarter', year: 2026, quarter: 3 } });
  });

  it('reports every problem: bad id, unknown zone, bad start day', () => {
    const issues = issuesOf(() => period('2026-13', { kind: 'cycle', startDay: 29, timeZone: 'Mars/Olympus_Mons' }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['malformed_period', ['id']],
      ['invalid_time_zone', ['timeZone']],
      ['invalid_spec', ['startDay']],
    ]);
  });

  it('rejects an id of the wrong kind, an invalid date and a non-month in quarterOfMonth', () => {
    expect(issuesOf(() => isoWeek('2026-10', { timeZone: 'UTC' }))[0]?.message).toContain("like '2026-W44'");
    expect(issuesOf(() => periodOf(new Date('nope'), { kind: 'month', timeZone: 'UTC' }))[0]).toMatchObject({ code: 'invalid_date' });
    expect(issuesOf(() => quarterOfMonth('2026-Q4'))[0]).toMatchObject({ code: 'malformed_period' });
    expect(issuesOf(() => calendarMonth('2026-10', { timeZone: '' }))[0]).toMatchObject({ code: 'invalid_time_zone' });
  });
});
