/**
 * Ranks 1…n with ties given the average of the ranks they span (the
 * "fractional" ranking Spearman's ρ needs).
 *
 * @param xs - values
 * @returns ranks in input order
 *
 * @example
 * ```ts
 * averageRanks([10, 20, 20, 30]); // [1, 2.5, 2.5, 4]
 * ```
 */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ranks = new Array<number>(xs.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[(order[k] as readonly [number, number])[1]] = avg;
    i = j + 1;
  }
  return ranks;
}
