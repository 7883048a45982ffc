/**
 * Several versions of a rubric in one run: each evaluation is scored by the
 * version in force on its date (`effectiveFrom`…`effectiveTo`, both inclusive
 * local dates; absent bounds are open). The timeline is checked by the one
 * effective-dated version model (src/periods/versions.ts): malformed dates,
 * inverted ranges and overlaps are refused up front, so that the choice is
 * never ambiguous.
 */
import { CallqaError, type Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/compiled.js';
import { compareCodeUnits } from '../order/compare.js';
import { inForceOn, validateVersionTimeline, type Versioned } from '../periods/versions.js';
import type { VersionsIssueCode } from './issue-codes.js';

/** The start of a version without `effectiveFrom` (the same convention as plans). */
const OPEN_START = '0001-01-01';

/**
 * Thrown when the rubric versions given to a batch run cannot be used together.
 *
 * @example
 * ```ts
 * try { new RubricVersions([a, b]); } catch (e) { if (e instanceof VersionsError) console.error(e.issues); }
 * ```
 */
export class VersionsError extends CallqaError<VersionsIssueCode> {
  constructor(issues: readonly Issue<VersionsIssueCode>[]) {
    super('Unusable rubric versions', issues);
    this.name = 'VersionsError';
  }
}

const span = (r: Rubric): string => `${r.definition.effectiveFrom ?? '…'} – ${r.definition.effectiveTo ?? '…'}`;
const label = (r: Rubric): string => `${r.id}@${r.version}`;

/**
 * The rubric versions of a run, with the choice of version by date.
 *
 * @example
 * ```ts
 * const versions = new RubricVersions([v1, v2]);
 * versions.select('2026-10-08'); // { rubric: v2 } or { issue }
 * ```
 */
export class RubricVersions {
  /** The versions, ordered by `effectiveFrom` (open start first). */
  readonly list: readonly Rubric[];

  /** The versions' dates as the one effective-dated model reads them (an open start is 0001-01-01, as for plans). */
  private readonly timeline: readonly (Versioned & { readonly rubric: Rubric })[];

  constructor(rubrics: readonly Rubric[]) {
    if (rubrics.length === 0) throw new VersionsError([{ code: 'required', path: [], message: 'give at least one rubric' }]);
    const timeline = rubrics.map((rubric) => {
      const { effectiveFrom, effectiveTo } = rubric.definition;
      return effectiveTo === undefined ? { effectiveFrom: effectiveFrom ?? OPEN_START, rubric } : { effectiveFrom: effectiveFrom ?? OPEN_START, effectiveTo, rubric };
    });
    // One model for rubrics, plans and the batch: malformed dates, inverted ranges and overlaps
    // are refused, in O(n log n) (periods/versions.ts), every problem at once.
    const issues = validateVersionTimeline(timeline);
    if (issues.length > 0) {
      throw new VersionsError(issues.map((i) => ({ ...i, message: `${label(rubrics[i.path[0] as number]!)}: ${i.message}` })));
    }
    const sorted = [...timeline].sort((x, y) => compareCodeUnits(x.effectiveFrom, y.effectiveFrom));
    this.timeline = sorted;
    this.list = sorted.map((t) => t.rubric);
  }

  /**
   * The version in force on an evaluation's date (`YYYY-MM-DD…`; the local
   * date as written is what counts), or an issue saying none is.
   */
  select(date: unknown): { readonly rubric: Rubric } | { readonly issue: Issue } {
    const only = this.list.length === 1 ? this.list[0] : undefined;
    if (only && only.definition.effectiveFrom === undefined && only.definition.effectiveTo === undefined) return { rubric: only };
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(date)) {
      return { issue: { code: 'invalid_date', path: ['date'], message: 'date is needed (YYYY-MM-DD…) to choose the rubric version' } };
    }
    const day = date.slice(0, 10);
    const found = inForceOn(this.timeline, day);
    if (found) return { rubric: found.rubric };
    return {
      issue: {
        code: 'no_rubric_version',
        path: ['date'],
        message: `no rubric version is in force on ${day} (given: ${this.list.map((r) => `${label(r)} ${span(r)}`).join('; ')})`,
      },
    };
  }
}
