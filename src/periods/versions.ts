/**
 * Effective-dated versions (of a rubric, an assessment plan, a target table):
 * each is in force from `effectiveFrom` to `effectiveTo`, both inclusive local
 * dates, `effectiveTo` absent meaning "until further notice". Dates are compared
 * as `YYYY-MM-DD` strings, which order like the dates they name.
 */
import type { Issue } from '../issues/issues.js';
import {
  PeriodError,
  assertNoIssues,
  instantIssues,
  localDate,
  localDateIssues,
  nextLocalDay,
  timeZoneIssues,
} from './dates.js';
import type { Period } from './periods.js';
import type { PeriodIssueCode } from './issue-codes.js';

/**
 * The dates of an effective-dated version; any other fields ride along.
 *
 * @example
 * ```ts
 * const v: Versioned & { rubric: string } = { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30', rubric: 'v1' };
 * ```
 */
export interface Versioned {
  /** The first local day in force, `YYYY-MM-DD`. */
  readonly effectiveFrom: string;
  /** The last local day in force (inclusive); absent = open-ended. */
  readonly effectiveTo?: string;
}

/**
 * Options of {@link validateVersionTimeline}.
 *
 * @example
 * ```ts
 * const o: TimelineOptions = { contiguous: true };
 * ```
 */
export interface TimelineOptions {
  /** Also report gaps between versions (code `gap`); default false. */
  readonly contiguous?: boolean;
}

const span = (v: Versioned): string => `${v.effectiveFrom} – ${v.effectiveTo ?? 'open-ended'}`;

/**
 * @name validateVersionTimeline
 * @category Versions
 * @summary Every problem in a list of effective-dated versions.
 *
 * @description
 * Reports malformed dates (`invalid_date`), `effectiveTo` before `effectiveFrom`
 * (`inverted_range`), overlapping versions (`overlap`: two versions in force on
 * one day) and, with `contiguous`, days between versions that none covers (`gap`).
 * Paths are `[index, field]` into `versions`. Call it when loading versions.
 *
 * @param versions - the versions, in any order
 * @param options - `contiguous` (default false)
 * @returns the issues; empty when the timeline is good
 *
 * @example
 * ```ts
 * validateVersionTimeline([
 *   { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' },
 *   { effectiveFrom: '2026-06-30' },
 * ]);
 * //=> [{ code: 'overlap', path: [1, 'effectiveFrom'],
 * //      message: 'versions[1] (2026-06-30 – open-ended) overlaps versions[0] (2026-01-01 – 2026-06-30)' }]
 * ```
 */
export function validateVersionTimeline(versions: readonly Versioned[], options: TimelineOptions = {}): Issue<PeriodIssueCode>[] {
  if (!Array.isArray(versions)) {
    return [{ code: 'invalid_versions', path: [], message: 'versions must be an array' }];
  }
  const issues: Issue<PeriodIssueCode>[] = [];
  const usable: number[] = [];
  versions.forEach((v, i) => {
    if (typeof v !== 'object' || v === null) {
      issues.push({ code: 'invalid_version', path: [i], message: `versions[${i}] must be an object` });
      return;
    }
    const found: Issue<PeriodIssueCode>[] = localDateIssues(v.effectiveFrom, [i, 'effectiveFrom']);
    if (v.effectiveTo !== undefined) found.push(...localDateIssues(v.effectiveTo, [i, 'effectiveTo']));
    if (found.length === 0 && v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom) {
      found.push({
        code: 'inverted_range',
        path: [i, 'effectiveTo'],
        message: `versions[${i}] ends (${v.effectiveTo}) before it starts (${v.effectiveFrom})`,
      });
    }
    issues.push(...found);
    if (found.length === 0) usable.push(i);
  });

  // Sweep in start order, remembering the version that reaches furthest: every
  // overlapping version meets it, so each overlap is reported at least once.
  const from = (i: number): string => versions[i]!.effectiveFrom;
  usable.sort((a, b) => (from(a) < from(b) ? -1 : from(a) > from(b) ? 1 : a - b));
  let reach: number | undefined;
  for (const i of usable) {
    const cur = versions[i]!;
    if (reach !== undefined) {
      const prev = versions[reach]!;
      if (prev.effectiveTo === undefined || prev.effectiveTo >= cur.effectiveFrom) {
        issues.push({
          code: 'overlap',
          path: [i, 'effectiveFrom'],
          message: `versions[${i}] (${span(cur)}) overlaps versions[${reach}] (${span(prev)})`,
        });
      } else if (options.contiguous && nextLocalDay(prev.effectiveTo) < cur.effectiveFrom) {
        issues.push({
          code: 'gap',
          path: [i, 'effectiveFrom'],
          message: `no version is in force from ${nextLocalDay(prev.effectiveTo)} until versions[${i}] starts on ${cur.effectiveFrom}`,
        });
      }
    }
    const r = reach === undefined ? undefined : versions[reach]!.effectiveTo;
    if (reach === undefined || (r !== undefined && (cur.effectiveTo === undefined || cur.effectiveTo > r))) reach = i;
  }
  return issues;
}

/**
 * Options of {@link selectVersion}: the zone an instant is read in.
 *
 * @example
 * ```ts
 * const o: SelectVersionOptions = { timeZone: 'Asia/Shanghai' };
 * ```
 */
export interface SelectVersionOptions {
  readonly timeZone?: string;
}

/**
 * The version in force on a local day (`YYYY-MM-DD`), of a timeline that
 * {@link validateVersionTimeline} accepts; undefined when none is.
 *
 * @example
 * ```ts
 * inForceOn([{ effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' }], '2026-07-01'); //=> undefined
 * ```
 */
export function inForceOn<V extends Versioned>(versions: readonly V[], day: string): V | undefined {
  return versions.find((v) => v.effectiveFrom <= day && (v.effectiveTo === undefined || day <= v.effectiveTo));
}

/**
 * @name selectVersion
 * @category Versions
 * @summary The version in force on a local date.
 *
 * @description
 * `on` is a local date `YYYY-MM-DD`, or an instant read in `options.timeZone`
 * (required then: 23:30 on 31 October in Shanghai is already 1 November in
 * Tokyo). The timeline is validated first (see {@link validateVersionTimeline}).
 *
 * @param versions - the versions, in any order
 * @param on - a local date, or an instant (Date or epoch milliseconds)
 * @param options - `timeZone`, required for an instant
 * @returns the version in force
 * @throws {PeriodError} a bad timeline, a bad date or zone, or no version on that date (`no_version`)
 *
 * @example
 * ```ts
 * const versions = [
 *   { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30', rubric: 'v1' },
 *   { effectiveFrom: '2026-07-01', rubric: 'v2' },
 * ];
 * selectVersion(versions, '2026-06-30').rubric; //=> 'v1'
 * selectVersion(versions, new Date('2026-06-30T16:30:00Z'), { timeZone: 'Asia/Shanghai' }).rubric; //=> 'v2'
 * ```
 */
export function selectVersion<V extends Versioned>(
  versions: readonly V[],
  on: string | Date | number,
  options: SelectVersionOptions = {},
): V {
  const issues = validateVersionTimeline(versions);
  let day: string | undefined;
  if (typeof on === 'string') {
    issues.push(...localDateIssues(on, ['date']));
    day = on;
  } else {
    const bad = [...instantIssues(on, ['date']), ...timeZoneIssues(options.timeZone, ['timeZone'])];
    issues.push(...bad);
    if (bad.length === 0) day = localDate(on, options.timeZone as string);
  }
  assertNoIssues(issues);
  const found = inForceOn(versions, day as string);
  if (found === undefined) {
    const where = typeof on === 'string' ? '' : ` (${options.timeZone})`;
    throw new PeriodError([{ code: 'no_version', path: ['date'], message: `no version is in force on ${day}${where}` }]);
  }
  return found;
}

/**
 * Options of {@link versionForPeriod}.
 *
 * @example
 * ```ts
 * const o: VersionForPeriodOptions = { rule: 'firstDay' };
 * ```
 */
export interface VersionForPeriodOptions {
  /**
   * `cover` (default): one version must be in force on every day of the period;
   * `firstDay`: the version in force on the period's first day.
   */
  readonly rule?: 'cover' | 'firstDay';
}

/**
 * @name versionForPeriod
 * @category Versions
 * @summary The version that governs a whole period (a month's assessment).
 *
 * @description
 * By default one version must cover every local day of the period, from
 * `period.firstDay` to `period.lastDay`: a month assessed under two rulebooks
 * is ambiguous, so a change inside the period is an error (`version_change_in_period`)
 * naming the versions, and a period only partly covered is `partial_cover`.
 * With `rule: 'firstDay'`, the version in force on the first day governs.
 *
 * @param versions - the versions, in any order
 * @param period - the period (its `firstDay` and `lastDay` are used)
 * @param options - `rule` (default `cover`)
 * @returns the governing version
 * @throws {PeriodError} a bad timeline, no version, a change in the period, a partial cover
 *
 * @example
 * ```ts
 * const versions = [
 *   { effectiveFrom: '2026-01-01', effectiveTo: '2026-10-14', plan: 'A' },
 *   { effectiveFrom: '2026-10-15', plan: 'B' },
 * ];
 * const oct = calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' });
 * versionForPeriod(versions, oct);                       // throws PeriodError (version_change_in_period)
 * versionForPeriod(versions, oct, { rule: 'firstDay' }).plan; //=> 'A'
 * ```
 */
export function versionForPeriod<V extends Versioned>(
  versions: readonly V[],
  period: Period,
  options: VersionForPeriodOptions = {},
): V {
  if (options.rule === 'firstDay') return selectVersion(versions, period.firstDay);
  assertNoIssues(validateVersionTimeline(versions));
  const { firstDay, lastDay, id } = period;
  const touching = versions
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.effectiveFrom <= lastDay && (v.effectiveTo === undefined || v.effectiveTo >= firstDay));
  const only = touching[0];
  if (only === undefined) {
    throw new PeriodError([{ code: 'no_version', path: ['period'], message: `no version is in force in ${id} (${firstDay} – ${lastDay})` }]);
  }
  if (touching.length > 1) {
    const list = touching.map(({ v, i }) => `versions[${i}] (${span(v)})`).join(', ');
    throw new PeriodError([
      { code: 'version_change_in_period', path: ['period'], message: `${id} (${firstDay} – ${lastDay}) falls under ${list}` },
    ]);
  }
  const { v } = only;
  if (v.effectiveFrom > firstDay || (v.effectiveTo !== undefined && v.effectiveTo < lastDay)) {
    throw new PeriodError([
      {
        code: 'partial_cover',
        path: ['period'],
        message: `versions[${only.i}] (${span(v)}) covers only part of ${id} (${firstDay} – ${lastDay})`,
      },
    ]);
  }
  return v;
}
