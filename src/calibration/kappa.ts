import type { Issue } from '../issues/issues.js';
import { CalibrationError } from './errors.js';
import { type RatingMatrix, checkMatrix } from './matrix.js';
import type { CalibrationIssueCode } from './errors.js';

/**
 * A kappa coefficient with its parts: observed agreement P_o and chance
 * agreement P_e, κ = (P_o − P_e)/(1 − P_e); or `value: null` with a reason.
 *
 * @example
 * ```ts
 * const k: KappaResult = cohenKappaFromTable([[20, 5], [10, 15]]);
 * if (k.value !== null) k.observedAgreement; // 0.7
 * ```
 */
export type KappaResult =
  | {
      readonly value: number;
      readonly observedAgreement: number;
      readonly chanceAgreement: number;
      /** Units used. */
      readonly units: number;
      /** Indices of units dropped (incomplete ratings). */
      readonly droppedUnits: readonly number[];
    }
  | {
      readonly value: null;
      readonly reason: 'too_few_units' | 'too_few_raters' | 'no_variance';
      readonly units: number;
      readonly droppedUnits: readonly number[];
    };

function fail(what: string, issues: Issue<CalibrationIssueCode>[]): never {
  throw new CalibrationError(what, issues);
}

/** Internal: category key that keeps 1 and true apart from '1'. */
function key(v: number | boolean): string {
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : `n:${v}`;
}

/**
 * Fleiss' kappa (Fleiss 1971) from a subjects × categories table of counts:
 * `counts[i][j]` raters put subject i in category j. Every subject must have
 * the same number of ratings m ≥ 2.
 *
 * @param counts - subjects × categories, non-negative integers
 * @returns κ with P̄ (`observedAgreement`) and P̄_e (`chanceAgreement`), or
 *   `value: null`: `too_few_units` (no subjects), `too_few_raters` (m < 2),
 *   `no_variance` (every rating in one category, P̄_e = 1)
 * @throws {CalibrationError} unequal row totals, negative or fractional counts
 *
 * @example
 * ```ts
 * // two subjects, three raters, categories [yes, no]
 * fleissKappaFromCounts([[3, 0], [0, 3]]).value; // 1
 * ```
 */
export function fleissKappaFromCounts(counts: readonly (readonly number[])[]): KappaResult {
  const what = 'invalid Fleiss kappa counts';
  const issues: Issue<CalibrationIssueCode>[] = [];
  const m = counts[0]?.reduce((a, b) => a + b, 0) ?? 0;
  const q = counts[0]?.length ?? 0;
  counts.forEach((row, i) => {
    if (row.length !== q) issues.push({ code: 'ragged_matrix', path: [i], message: `subject ${i} has ${row.length} categories, subject 0 has ${q}` });
    row.forEach((c, j) => {
      if (!Number.isInteger(c) || c < 0) issues.push({ code: 'invalid_count', path: [i, j], message: `count must be a non-negative integer, got ${c}` });
    });
    const total = row.reduce((a, b) => a + b, 0);
    if (total !== m) issues.push({ code: 'unequal_raters', path: [i], message: `subject ${i} has ${total} ratings, subject 0 has ${m}` });
  });
  if (issues.length > 0) fail(what, issues);
  const N = counts.length;
  if (N === 0) return { value: null, reason: 'too_few_units', units: 0, droppedUnits: [] };
  if (m < 2) return { value: null, reason: 'too_few_raters', units: N, droppedUnits: [] };

  let pBar = 0;
  const colTotals = new Array<number>(q).fill(0);
  for (const row of counts) {
    let sq = 0;
    row.forEach((c, j) => {
      sq += c * c;
      colTotals[j] = (colTotals[j] as number) + c;
    });
    pBar += (sq - m) / (m * (m - 1));
  }
  pBar /= N;
  const pe = colTotals.reduce((a, t) => a + (t / (N * m)) ** 2, 0);
  if (pe >= 1 - 1e-12) return { value: null, reason: 'no_variance', units: N, droppedUnits: [] };
  return { value: (pBar - pe) / (1 - pe), observedAgreement: pBar, chanceAgreement: pe, units: N, droppedUnits: [] };
}

/**
 * Fleiss' kappa from raw ratings, units × raters. Fleiss' formula needs the
 * same number of ratings per unit, so units with a missing rating are dropped
 * and listed. Categories are compared by identity (`1`, `true` and `false` are
 * three categories); permuting raters does not change κ.
 *
 * @param matrix - units × raters of category codes, `null` for missing
 * @returns see {@link fleissKappaFromCounts}; `droppedUnits` lists incomplete units
 * @throws {CalibrationError} ragged rows or non-finite ratings
 *
 * @example
 * ```ts
 * // three evaluators: did the agent verify identity? (yes/no per call)
 * fleissKappa([[true, true, true], [false, false, true], [false, false, false]]).value;
 * ```
 */
export function fleissKappa(matrix: RatingMatrix): KappaResult {
  checkMatrix(matrix, 'invalid Fleiss kappa ratings');
  const droppedUnits: number[] = [];
  const complete: (number | boolean)[][] = [];
  matrix.forEach((row, u) => {
    if (row.every((v): v is number | boolean => v !== null)) complete.push([...row] as (number | boolean)[]);
    else droppedUnits.push(u);
  });
  const cats = [...new Set(complete.flat().map(key))].sort();
  const col = new Map(cats.map((c, j) => [c, j]));
  const counts = complete.map((row) => {
    const out = new Array<number>(cats.length).fill(0);
    for (const v of row) {
      const j = col.get(key(v)) as number;
      out[j] = (out[j] as number) + 1;
    }
    return out;
  });
  const r = fleissKappaFromCounts(counts);
  return { ...r, droppedUnits };
}

/**
 * Cohen's kappa (Cohen 1960) from a square agreement table: `table[i][j]`
 * units that rater A put in category i and rater B in category j.
 *
 * @param table - q × q counts
 * @returns κ with P_o and P_e, or `value: null`: `too_few_units` (empty
 *   table), `no_variance` (both raters used only one and the same category)
 * @throws {CalibrationError} non-square table, negative counts
 *
 * @example
 * ```ts
 * // Wikipedia's grant-proposal example: yes/yes 20, yes/no 5, no/yes 10, no/no 15
 * cohenKappaFromTable([[20, 5], [10, 15]]).value; // 0.4
 * ```
 */
export function cohenKappaFromTable(table: readonly (readonly number[])[]): KappaResult {
  const q = table.length;
  const issues: Issue<CalibrationIssueCode>[] = [];
  table.forEach((row, i) => {
    if (row.length !== q) issues.push({ code: 'not_square', path: [i], message: `row ${i} has ${row.length} cells; the table must be ${q} × ${q}` });
    row.forEach((c, j) => {
      if (!Number.isFinite(c) || c < 0) issues.push({ code: 'invalid_count', path: [i, j], message: `count must be a non-negative number, got ${c}` });
    });
  });
  if (issues.length > 0) fail('invalid Cohen kappa table', issues);
  let N = 0;
  let diag = 0;
  const rows = new Array<number>(q).fill(0);
  const cols = new Array<number>(q).fill(0);
  table.forEach((row, i) =>
    row.forEach((c, j) => {
      N += c;
      if (i === j) diag += c;
      rows[i] = (rows[i] as number) + c;
      cols[j] = (cols[j] as number) + c;
    }),
  );
  if (N === 0) return { value: null, reason: 'too_few_units', units: 0, droppedUnits: [] };
  const po = diag / N;
  const pe = rows.reduce((a, r, i) => a + (r / N) * ((cols[i] as number) / N), 0);
  if (pe >= 1 - 1e-12) return { value: null, reason: 'no_variance', units: N, droppedUnits: [] };
  return { value: (po - pe) / (1 - pe), observedAgreement: po, chanceAgreement: pe, units: N, droppedUnits: [] };
}

/**
 * Cohen's kappa for two raters from raw ratings, units × 2 (e.g. two
 * evaluators' yes/no answers to one item over the same calls). Units where
 * either rating is missing are dropped and listed.
 *
 * @param matrix - units × 2 raters, `null` for missing
 * @returns see {@link cohenKappaFromTable}; `too_few_raters` unless exactly 2 columns
 * @throws {CalibrationError} ragged rows or non-finite ratings
 *
 * @example
 * ```ts
 * cohenKappa([[true, true], [false, true], [false, false], [true, null]]).value;
 * ```
 */
export function cohenKappa(matrix: RatingMatrix): KappaResult {
  const k = checkMatrix(matrix, 'invalid Cohen kappa ratings');
  if (matrix.length > 0 && k !== 2) return { value: null, reason: 'too_few_raters', units: 0, droppedUnits: [] };
  const droppedUnits: number[] = [];
  const pairs: [string, string][] = [];
  matrix.forEach((row, u) => {
    const [a, b] = row;
    if (a === null || a === undefined || b === null || b === undefined) droppedUnits.push(u);
    else pairs.push([key(a), key(b)]);
  });
  const cats = [...new Set(pairs.flat())].sort();
  const idx = new Map(cats.map((c, i) => [c, i]));
  const table = cats.map(() => new Array<number>(cats.length).fill(0));
  for (const [a, b] of pairs) {
    const row = table[idx.get(a) as number] as number[];
    const j = idx.get(b) as number;
    row[j] = (row[j] as number) + 1;
  }
  return { ...cohenKappaFromTable(table), droppedUnits };
}
