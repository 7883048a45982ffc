import { type Estimate, estimate } from './errors.js';
import { type RatingMatrix, checkMatrix, toNumber } from './matrix.js';

/**
 * The six intraclass correlations of Shrout & Fleiss (1979), named as in R's
 * `psych::ICC`: `ICC1` = ICC(1,1) one-way random; `ICC2` = ICC(2,1) two-way
 * random, absolute agreement; `ICC3` = ICC(3,1) two-way mixed, consistency;
 * the `k` forms are the reliability of the mean of the k raters.
 *
 * @example
 * ```ts
 * const form: IccForm = 'ICC2';
 * ```
 */
export type IccForm = 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';

/**
 * The ANOVA mean squares behind the ICCs (Shrout & Fleiss's Table 2 notation).
 *
 * @example
 * ```ts
 * const ms: IccMeanSquares = { BMS: 11.24, WMS: 6.26, JMS: 32.49, EMS: 1.02 };
 * ```
 */
export interface IccMeanSquares {
  /** Between targets (units). */
  readonly BMS: number;
  /** Within targets. */
  readonly WMS: number;
  /** Between judges (raters). */
  readonly JMS: number;
  /** Residual. */
  readonly EMS: number;
}

/**
 * The result of {@link icc}.
 *
 * @example
 * ```ts
 * const r: IccResult = icc([[9, 2], [6, 1], [8, 4]]);
 * r.forms.ICC2.value; // a number, or null with r.forms.ICC2.reason
 * ```
 */
export interface IccResult {
  /** Complete units used. */
  readonly units: number;
  /** Raters (columns). */
  readonly raters: number;
  /** Indices of units dropped because at least one rating was missing. */
  readonly droppedUnits: readonly number[];
  /** Mean squares, or null when fewer than 2 complete units or 2 raters. */
  readonly meanSquares: IccMeanSquares | null;
  readonly forms: Readonly<Record<IccForm, Estimate>>;
}

const FORMS: readonly IccForm[] = ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'];

/**
 * All six Shrout & Fleiss (1979) intraclass correlations of a units × raters
 * matrix. The ANOVA needs a complete matrix, so units with any `null` are
 * dropped and listed in `droppedUnits` (use {@link krippendorffAlpha} to keep them).
 *
 * @param matrix - units × raters; booleans count as 0/1
 * @returns each form as `{ value }`, or `{ value: null, reason }` when fewer than
 *   2 complete units (`too_few_units`), fewer than 2 raters (`too_few_raters`),
 *   or no variance at all (`no_variance`)
 * @throws {CalibrationError} ragged rows or non-finite ratings
 *
 * @example
 * ```ts
 * // Shrout & Fleiss (1979), 6 targets × 4 judges
 * const r = icc([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
 *                [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]);
 * r.forms.ICC2.value; // ≈ 0.2898
 * ```
 */
export function icc(matrix: RatingMatrix): IccResult {
  const k = checkMatrix(matrix, 'invalid ICC ratings');
  const rows: number[][] = [];
  const droppedUnits: number[] = [];
  matrix.forEach((row, u) => {
    const nums = row.map(toNumber);
    if (nums.every((v): v is number => v !== null)) rows.push(nums);
    else droppedUnits.push(u);
  });
  const n = rows.length;
  const none = (reason: 'too_few_units' | 'too_few_raters' | 'no_variance'): IccResult => ({
    units: n,
    raters: k,
    droppedUnits,
    meanSquares: null,
    forms: Object.fromEntries(FORMS.map((f) => [f, { value: null, reason }])) as Record<IccForm, Estimate>,
  });
  if (k < 2) return none('too_few_raters');
  if (n < 2) return none('too_few_units');

  // Exact test: a constant matrix can leave rounding dust in the sums of squares.
  const first = (rows[0] as number[])[0] as number;
  if (rows.every((row) => row.every((v) => v === first))) return none('no_variance');
  let sum = 0;
  for (const row of rows) for (const v of row) sum += v;
  const grand = sum / (n * k);
  let sst = 0;
  let sumSq = 0;
  for (const row of rows) {
    for (const v of row) {
      sst += (v - grand) ** 2;
      sumSq += v * v;
    }
  }

  let ssr = 0;
  for (const row of rows) ssr += k * (row.reduce((a, b) => a + b, 0) / k - grand) ** 2;
  let ssc = 0;
  for (let j = 0; j < k; j++) {
    let col = 0;
    for (const row of rows) col += row[j] as number;
    ssc += n * (col / n - grand) ** 2;
  }
  const BMS = ssr / (n - 1);
  const WMS = Math.max(0, sst - ssr) / (n * (k - 1));
  const JMS = ssc / (k - 1);
  const EMS = Math.max(0, sst - ssr - ssc) / ((n - 1) * (k - 1));

  // A zero or negative denominator (possible for ICC2 with n = k = 2) means the
  // form is undefined for these data, not that agreement is infinite.
  const ratio = (num: number, den: number): Estimate =>
    den > 1e-12 * (sumSq + 1) ? estimate(num / den, 'no_variance') : { value: null, reason: 'no_variance' };

  return {
    units: n,
    raters: k,
    droppedUnits,
    meanSquares: { BMS, WMS, JMS, EMS },
    forms: {
      ICC1: ratio(BMS - WMS, BMS + (k - 1) * WMS),
      ICC2: ratio(BMS - EMS, BMS + (k - 1) * EMS + (k * (JMS - EMS)) / n),
      ICC3: ratio(BMS - EMS, BMS + (k - 1) * EMS),
      ICC1k: ratio(BMS - WMS, BMS),
      ICC2k: ratio(BMS - EMS, BMS + (JMS - EMS) / n),
      ICC3k: ratio(BMS - EMS, BMS),
    },
  };
}
