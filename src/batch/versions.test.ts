/**
 * Rubric versions in a batch run use the one effective-dated model
 * (periods/versions.ts): inverted and overlapping ranges refused, every
 * problem at once, in O(n log n).
 */
import { describe, expect, it } from 'vitest';
import type { Rubric } from '../rubric/compiled.js';
import { RubricVersions, VersionsError } from './versions.js';

/** Only the fields RubricVersions reads. */
const rubric = (version: string, effectiveFrom?: string, effectiveTo?: string): Rubric =>
  ({ id: 'r', version, definition: { effectiveFrom, effectiveTo } }) as unknown as Rubric;

const issuesOf = (rs: Rubric[]) => {
  try {
    new RubricVersions(rs);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(VersionsError);
    return (e as VersionsError).issues.map((i) => [i.code, i.path]);
  }
};

describe('RubricVersions', () => {
  it('chooses the version in force on the date as written', () => {
    const v = new RubricVersions([rubric('2', '2026-07-01'), rubric('1', undefined, '2026-06-30')]);
    expect(v.list.map((r) => r.version)).toEqual(['1', '2']); // open start first
    expect(v.select('2026-06-30T23:59:00+08:00')).toEqual({ rubric: v.list[0] });
    expect(v.select('2026-07-01')).toEqual({ rubric: v.list[1] });
  });

  it('refuses an inverted range and an overlap, both in one round', () => {
    // v1 ends before it starts; v2 (from 2026-03-01) overlaps v3 (2026-01-01 – 2026-06-30).
    expect(issuesOf([rubric('1', '2026-05-01', '2026-04-01'), rubric('2', '2026-03-01'), rubric('3', '2026-01-01', '2026-06-30')])).toEqual([
      ['inverted_range', [0, 'effectiveTo']],
      ['overlap', [1, 'effectiveFrom']],
    ]);
  });

  it('two versions without dates overlap', () => {
    expect(issuesOf([rubric('1'), rubric('2')])).toEqual([['overlap', [1, 'effectiveFrom']]]);
  });

  it('checks 20,000 versions in well under a second (a sweep, not every pair)', () => {
    // One version per day from 1970: 20,000 × 20,000 / 2 = 2 × 10^8 pair checks would take seconds.
    const day = (i: number) => new Date(Date.UTC(1970, 0, 1 + i)).toISOString().slice(0, 10);
    const rs = Array.from({ length: 20_000 }, (_, i) => rubric(String(i), day(i), day(i)));
    const t = performance.now();
    const v = new RubricVersions(rs.reverse());
    expect(performance.now() - t).toBeLessThan(1000);
    expect(v.select(day(12_345))).toEqual({ rubric: rs[20_000 - 1 - 12_345] });
  });
});
