/**
 * Several versions of a rubric in one run: each evaluation is scored by the
 * version in force on its date (`effectiveFrom`…`effectiveTo`, both inclusive
 * local dates; absent bounds are open). Overlaps are refused up front so that
 * the choice is never ambiguous.
 */
import { CallqaError, type Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/compiled.js';
import { compareCodeUnits } from '../order/compare.js';

/**
 * Thrown when the rubric versions given to a batch run cannot be used together.
 *
 * @example
 * ```ts
 * try { new RubricVersions([a, b]); } catch (e) { if (e instanceof VersionsError) console.error(e.issues); }
 * ```
 */
export class VersionsError extends CallqaError {
  constructor(issues: readonly Issue[]) {
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

  constructor(rubrics: readonly Rubric[]) {
    if (rubrics.length === 0) throw new VersionsError([{ code: 'required', path: [], message: 'give at least one rubric' }]);
    const sorted = [...rubrics].sort((x, y) => compareCodeUnits(x.definition.effectiveFrom ?? '', y.definition.effectiveFrom ?? ''));
    const issues: Issue[] = [];
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i] as Rubric;
        const b = sorted[j] as Rubric;
        const aFrom = a.definition.effectiveFrom ?? '0000-00-00';
        const aTo = a.definition.effectiveTo ?? '9999-99-99';
        const bFrom = b.definition.effectiveFrom ?? '0000-00-00';
        const bTo = b.definition.effectiveTo ?? '9999-99-99';
        if (aFrom <= bTo && bFrom <= aTo) {
          issues.push({
            code: 'overlap',
            path: [j],
            message: `${label(b)} (${span(b)}) overlaps ${label(a)} (${span(a)}): give versions whose effectiveFrom/effectiveTo do not overlap`,
          });
        }
      }
    }
    if (issues.length > 0) throw new VersionsError(issues);
    this.list = sorted;
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
    for (const r of this.list) {
      const from = r.definition.effectiveFrom;
      const to = r.definition.effectiveTo;
      if ((from === undefined || from <= day) && (to === undefined || day <= to)) return { rubric: r };
    }
    return {
      issue: {
        code: 'no_rubric_version',
        path: ['date'],
        message: `no rubric version is in force on ${day} (given: ${this.list.map((r) => `${label(r)} ${span(r)}`).join('; ')})`,
      },
    };
  }
}
