import { describe, expect, it } from 'vitest';
import { PeriodError, calendarMonth, cycle, selectVersion, validateVersionTimeline, versionForPeriod } from './index.js';
import { issuesOf as sharedIssuesOf } from '../../test/support/issues.js';

const issuesOf = (fn: () => unknown) => sharedIssuesOf(fn, PeriodError);

const versions = [
  { effectiveFrom: '2026-07-01', rubric: 'v2' },
  { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30', rubric: 'v1' },
];

describe('validateVersionTimeline', () => {
  it('accepts adjoining versions in any order', () => {
    expect(validateVersionTimeline(versions)).toEqual([]);
    expect(validateVersionTimeline(versions, { contiguous: true })).toEqual([]);
    expect(validateVersionTimeline([])).toEqual([]);
  });

  it('reports overlaps, with both versions named', () => {
    const issues = validateVersionTimeline([
      { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' },
      { effectiveFrom: '2026-06-30' }, // both in force on 30 June
    ]);
    expect(issues).toEqual([
      {
        code: 'overlap',
        path: [1, 'effectiveFrom'],
        message: 'versions[1] (2026-06-30 – open-ended) overlaps versions[0] (2026-01-01 – 2026-06-30)',
      },
    ]);
  });

  it('finds an overlap hidden behind a shorter version', () => {
    // versions[0] reaches past versions[1] into versions[2].
    const issues = validateVersionTimeline([
      { effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' },
      { effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31' },
      { effectiveFrom: '2026-05-01' },
    ]);
    expect(issues.map((i) => [i.code, i.path[0], i.message.includes('versions[0]')])).toEqual([
      ['overlap', 1, true],
      ['overlap', 2, true],
    ]);
  });

  it('reports two open-ended versions, bad dates, inverted ranges and (optionally) gaps', () => {
    const issues = validateVersionTimeline(
      [
        { effectiveFrom: '2026-02-30' },
        { effectiveFrom: '2026-05-01', effectiveTo: '2026-04-01' },
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-01-31' },
        { effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31' },
        { effectiveFrom: '2026-06-01' },
        { effectiveFrom: '2026-07-01' },
      ],
      { contiguous: true },
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_date', [0, 'effectiveFrom']],
      ['inverted_range', [1, 'effectiveTo']],
      ['gap', [3, 'effectiveFrom']],
      ['gap', [4, 'effectiveFrom']],
      ['overlap', [5, 'effectiveFrom']],
    ]);
    expect(issues[2]?.message).toBe('no version is in force from 2026-02-01 until versions[3] starts on 2026-03-01');
  });
});

describe('selectVersion', () => {
  it('picks the version in force on a local date, both ends inclusive', () => {
    expect(selectVersion(versions, '2026-01-01').rubric).toBe('v1');
    expect(selectVersion(versions, '2026-06-30').rubric).toBe('v1');
    expect(selectVersion(versions, '2026-07-01').rubric).toBe('v2');
    expect(selectVersion(versions, '2099-12-31').rubric).toBe('v2');
  });

  it('reads an instant in the given zone', () => {
    // 16:30Z on 30 June is 00:30 on 1 July in Shanghai but 12:30 on 30 June in New York.
    const t = new Date('2026-06-30T16:30:00Z');
    expect(selectVersion(versions, t, { timeZone: 'Asia/Shanghai' }).rubric).toBe('v2');
    expect(selectVersion(versions, t, { timeZone: 'America/New_York' }).rubric).toBe('v1');
    expect(issuesOf(() => selectVersion(versions, t))[0]).toMatchObject({ code: 'invalid_time_zone', path: ['timeZone'] });
  });

  it('names the date no version covers', () => {
    const issues = issuesOf(() => selectVersion(versions, '2025-12-31'));
    expect(issues).toEqual([{ code: 'no_version', path: ['date'], message: 'no version is in force on 2025-12-31' }]);
    const t = new Date('2025-12-31T15:00:00Z'); // 23:00 on 31 Dec in Shanghai
    expect(issuesOf(() => selectVersion(versions, t, { timeZone: 'Asia/Shanghai' }))[0]?.message).toBe(
      'no version is in force on 2025-12-31 (Asia/Shanghai)',
    );
  });

  it('refuses an overlapping timeline and a malformed date', () => {
    const bad = [...versions, { effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31', rubric: 'x' }];
    expect(issuesOf(() => selectVersion(bad, '2026-03-15'))[0]).toMatchObject({ code: 'overlap', path: [2, 'effectiveFrom'] });
    expect(issuesOf(() => selectVersion(versions, '2026-3-15'))[0]).toMatchObject({ code: 'invalid_date', path: ['date'] });
  });
});

describe('versionForPeriod', () => {
  const plans = [
    { effectiveFrom: '2026-01-01', effectiveTo: '2026-10-14', plan: 'A' },
    { effectiveFrom: '2026-10-15', plan: 'B' },
  ];
  const SH = { timeZone: 'Asia/Shanghai' };

  it('returns the one version covering the whole period', () => {
    expect(versionForPeriod(plans, calendarMonth('2026-09', SH)).plan).toBe('A');
    expect(versionForPeriod(plans, calendarMonth('2026-11', SH)).plan).toBe('B');
  });

  it('refuses a period in which the version changes, unless the first-day rule is chosen', () => {
    const oct = calendarMonth('2026-10', SH);
    const issues = issuesOf(() => versionForPeriod(plans, oct));
    expect(issues[0]).toMatchObject({ code: 'version_change_in_period', path: ['period'] });
    expect(issues[0]?.message).toBe(
      '2026-10 (2026-10-01 – 2026-10-31) falls under versions[0] (2026-01-01 – 2026-10-14), versions[1] (2026-10-15 – open-ended)',
    );
    expect(versionForPeriod(plans, oct, { rule: 'firstDay' }).plan).toBe('A');
  });

  it('uses the local days of a cycle, and refuses partial or missing cover', () => {
    // Cycle '2026-10' from the 26th runs 2026-09-26 – 2026-10-25: it straddles 15 October.
    expect(issuesOf(() => versionForPeriod(plans, cycle('2026-10', { startDay: 26, ...SH })))[0]?.code).toBe(
      'version_change_in_period',
    );
    const late = [{ effectiveFrom: '2026-10-10', plan: 'C' }];
    expect(issuesOf(() => versionForPeriod(late, calendarMonth('2026-10', SH)))[0]?.code).toBe('partial_cover');
    expect(issuesOf(() => versionForPeriod(late, calendarMonth('2026-09', SH)))[0]?.code).toBe('no_version');
  });
});
