import type { Issue } from '../issues/issues.js';
import { CalibrationError, type CalibrationIssueCode } from './errors.js';
import { type RatingMatrix, checkMatrix, toNumber } from './matrix.js';

/**
 * The level of measurement, which picks Krippendorff's difference function δ².
 *
 * @example
 * ```ts
 * const level: AlphaLevel = 'interval'; // scores in points
 * ```
 */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * The result of {@link krippendorffAlpha}: `value` with the observed and
 * expected disagreements, or `value: null` with a reason.
 *
 * @example
 * ```ts
 * const a: AlphaResult = krippendorffAlpha([[1, 1], [2, 2]], 'nominal');
 * if (a.value !== null) a.observedDisagreement; // 0
 * ```
 */
export type AlphaResult =
  | {
      readonly value: number;
      readonly level: AlphaLevel;
      /** Pairable values n (values in units with at least two ratings). */
      readonly pairableValues: number;
      /** Units with at least two ratings. */
      readonly units: number;
      readonly observedDisagreement: number;
      readonly expectedDisagreement: number;
    }
  | {
      readonly value: null;
      readonly reason: 'no_pairable_values' | 'no_variance';
      readonly level: AlphaLevel;
      readonly pairableValues: number;
      readonly units: number;
    };

/**
 * Krippendorff's alpha, α = 1 − D_o / D_e, by the coincidence-matrix method
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). Missing
 * ratings are allowed; units with fewer than two ratings carry no pairs and are
 * left out. Rater order does not matter.
 *
 * δ² per level: nominal 0/1; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)²;
 * interval (c − k)²; ratio ((c − k)/(c + k))² (values must be ≥ 0).
 *
 * @param matrix - units × raters; `null` for missing; booleans count as 0/1
 * @param level - level of measurement
 * @returns `{ value }`, or `{ value: null, reason }`: `no_pairable_values` when no
 *   unit has two ratings, `no_variance` when only one value occurs at all
 * @throws {CalibrationError} ragged rows, non-finite ratings, negative ratio data
 *
 * @example
 * ```ts
 * krippendorffAlpha([[1, 1, null], [2, 2, 2], [3, 3, 1]], 'interval').value;
 * ```
 */
export function krippendorffAlpha(matrix: RatingMatrix, level: AlphaLevel): AlphaResult {
  checkMatrix(matrix, 'invalid Krippendorff alpha ratings');
  if (level === 'ratio') {
    const bad: Issue<CalibrationIssueCode>[] = matrix.flatMap((row, u) =>
      row.flatMap((v, r) => {
        const x = toNumber(v);
        return x !== null && x < 0
          ? [{ code: 'negative_ratio_value', path: [u, r], message: `ratio data cannot be negative, got ${x}` }]
          : [];
      }),
    );
    if (bad.length > 0) throw new CalibrationError('invalid Krippendorff alpha ratings', bad);
  }

  // Distinct values, sorted, index by value.
  const units: number[][] = [];
  for (const row of matrix) {
    const vals = row.map(toNumber).filter((v): v is number => v !== null);
    if (vals.length >= 2) units.push(vals);
  }
  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const V = values.length;

  // Coincidence matrix o[c][k]: each unit of m values contributes its m(m − 1)
  // ordered pairs, each weighted 1/(m − 1).
  const o: number[][] = values.map(() => new Array<number>(V).fill(0));
  for (const vals of units) {
    const m = vals.length;
    const counts = new Map<number, number>();
    for (const v of vals) {
      const i = index.get(v) as number;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        (o[c] as number[])[k] = ((o[c] as number[])[k] as number) + pairs / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const base = { level, pairableValues: Math.round(n), units: units.length };
  if (units.length === 0) return { value: null, reason: 'no_pairable_values', ...base };
  if (V < 2) return { value: null, reason: 'no_variance', ...base };

  // Cumulative marginals for the ordinal metric.
  const cum: number[] = [];
  nc.reduce((acc, x, i) => ((cum[i] = acc + x), acc + x), 0);
  const delta2 = (c: number, k: number): number => {
    if (c === k) return 0;
    const vc = values[c] as number;
    const vk = values[k] as number;
    switch (level) {
      case 'nominal':
        return 1;
      case 'interval':
        return (vc - vk) ** 2;
      case 'ratio':
        return vc + vk === 0 ? 0 : ((vc - vk) / (vc + vk)) ** 2;
      case 'ordinal': {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const sum = (cum[hi] as number) - (lo > 0 ? (cum[lo - 1] as number) : 0);
        return (sum - ((nc[c] as number) + (nc[k] as number)) / 2) ** 2;
      }
    }
  };

  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      const d = delta2(c, k);
      observed += ((o[c] as number[])[k] as number) * d;
      expected += (nc[c] as number) * (nc[k] as number) * d;
    }
  }
  const Do = observed / n;
  const De = expected / (n * (n - 1));
  if (!(De > 0)) return { value: null, reason: 'no_variance', ...base };
  return { value: 1 - Do / De, ...base, observedDisagreement: Do, expectedDisagreement: De };
}
