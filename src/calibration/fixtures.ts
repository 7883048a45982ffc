/**
 * Published data sets used as golden values by the tests. Kept in one place so
 * the tests and the docs cite the same numbers.
 */

/**
 * Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in
 * assessing rater reliability. Psychological Bulletin 86(2), 420–428, Table 2:
 * 6 targets (rows) × 4 judges (columns). Also the test data of R psych's
 * tests/testthat/test_ICC.R (https://rdrr.io/cran/psych/src/tests/testthat/test_ICC.R).
 *
 * @example
 * ```ts
 * icc(SHROUT_FLEISS_1979).forms.ICC3.value; // ≈ .7148
 * ```
 */
export const SHROUT_FLEISS_1979: readonly (readonly number[])[] = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

// Observers A–D (rows) × units 1–12, as printed by Krippendorff (2011).
const observers: readonly (readonly (number | null)[])[] = [
  /* A */ [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  /* B */ [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  /* C */ [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  /* D */ [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability
 * (Annenberg, University of Pennsylvania), the example with observers A–D and
 * units 1–12, missing values as null. Rows here are units (our convention);
 * the paper prints observers as rows. The same data are R irr's `kripp.alpha`
 * example ("the C data from Krippendorff", https://rdrr.io/cran/irr/man/kripp.alpha.html).
 *
 * @example
 * ```ts
 * krippendorffAlpha(KRIPPENDORFF_2011, 'nominal').value; // ≈ 0.743
 * ```
 */
export const KRIPPENDORFF_2011: readonly (readonly (number | null)[])[] = Array.from({ length: 12 }, (_, u) =>
  observers.map((o) => o[u] ?? null),
);

/**
 * Wikipedia, "Fleiss' kappa", Worked example: 10 subjects × 5 categories,
 * each cell the number of the 14 raters who chose that category.
 * (https://en.wikipedia.org/wiki/Fleiss%27_kappa; reproduced in R lbagree's
 * `fleiss_k` example and MATLAB File Exchange 15426 `fleiss`.)
 *
 * @example
 * ```ts
 * fleissKappaFromCounts(WIKIPEDIA_FLEISS_COUNTS).value; // ≈ 0.210
 * ```
 */
export const WIKIPEDIA_FLEISS_COUNTS: readonly (readonly number[])[] = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/**
 * Expands a subjects × categories count table into subjects × raters raw
 * ratings (category j is coded j + 1), raters filled in category order.
 *
 * @example
 * ```ts
 * countsToRatings([[1, 2]]); // [[1, 2, 2]]
 * ```
 */
export function countsToRatings(counts: readonly (readonly number[])[]): number[][] {
  return counts.map((row) => row.flatMap((c, j) => Array.from({ length: c }, () => j + 1)));
}
