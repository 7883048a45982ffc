import type { Issue } from '../issues/issues.js';
import { CalibrationError } from './errors.js';
import type { CalibrationIssueCode } from './errors.js';

/**
 * One rating in a matrix: a number, a yes/no (`true` counts as 1, `false` as 0
 * wherever arithmetic is needed), or `null` when that rater did not rate that unit.
 *
 * @example
 * ```ts
 * const cells: RatingValue[] = [8, true, null];
 * ```
 */
export type RatingValue = number | boolean | null;

/**
 * Units (calls) × raters (evaluators): `matrix[u][r]` is rater `r`'s rating of
 * unit `u`, `null` when missing. Every row has one cell per rater.
 *
 * @example
 * ```ts
 * const m: RatingMatrix = [
 *   [9, 2, 5, 8],
 *   [6, 1, null, 2],
 * ];
 * ```
 */
export type RatingMatrix = readonly (readonly RatingValue[])[];

/** @internal Numeric view of a cell. */
export function toNumber(v: RatingValue): number | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * Internal: check the matrix shape and cells, throwing a CalibrationError that
 * lists every problem. Returns the number of raters (columns).
 */
export function checkMatrix(matrix: RatingMatrix, what: string): number {
  const issues: Issue<CalibrationIssueCode>[] = [];
  if (!Array.isArray(matrix)) {
    throw new CalibrationError(what, [
      { code: 'not_a_matrix', path: [], message: 'ratings must be an array of rows (units × raters)' },
    ]);
  }
  const k = matrix[0]?.length ?? 0;
  matrix.forEach((row, u) => {
    if (!Array.isArray(row)) {
      issues.push({ code: 'not_a_matrix', path: [u], message: `unit ${u} is not an array of ratings` });
      return;
    }
    if (row.length !== k) {
      issues.push({
        code: 'ragged_matrix',
        path: [u],
        message: `unit ${u} has ${row.length} cells but unit 0 has ${k}; use null for a missing rating`,
      });
    }
    row.forEach((v, r) => {
      const ok = v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!ok) {
        issues.push({
          code: 'invalid_rating',
          path: [u, r],
          message: `rating must be a finite number, a boolean or null, got ${String(v)}`,
        });
      }
    });
  });
  if (issues.length > 0) throw new CalibrationError(what, issues);
  return k;
}
