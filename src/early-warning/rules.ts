import { EarlyWarningError } from './errors.js';
import { fmt, resolveBaseline, tag, toPoints } from './series.js';
import type { Alert, AlertRule, Baseline, Direction, ResolvedBaseline, ScorePoint, ScoreSeries } from './types.js';

/**
 * The two traditions of run rules.
 *
 * @example
 * ```ts
 * const s: RuleSet = 'nelson';
 * ```
 */
export type RuleSet = 'western-electric' | 'nelson';

/**
 * Options of {@link runRules}; every length is configurable because the traditions differ.
 *
 * @example
 * ```ts
 * const o: RunRuleOptions = { set: 'nelson', runLength: 8 }; // Nelson's tests with an 8-point run
 * ```
 */
export interface RunRuleOptions {
  /** Default: the agent's own first 10 evaluations. */
  readonly baseline?: Baseline;
  /** Default `'western-electric'`. */
  readonly set?: RuleSet;
  /** Points in a row on one side of the centre; default 8 (Western Electric) or 9 (Nelson). */
  readonly runLength?: number;
  /** `[m, n]`: m of n beyond 2σ on one side; default [2, 3]. */
  readonly twoOfThree?: readonly [number, number];
  /** `[m, n]`: m of n beyond 1σ on one side; default [4, 5]. */
  readonly fourOfFive?: readonly [number, number];
  /** Nelson: points in a row steadily decreasing or increasing; default 6. */
  readonly trendLength?: number;
  /** Nelson: points in a row alternating up and down; default 14. */
  readonly alternatingLength?: number;
  /** Nelson: points in a row within 1σ of the centre; default 15. */
  readonly withinLength?: number;
  /** Nelson: points in a row beyond 1σ, on both sides; default 8. */
  readonly outsideLength?: number;
}

/**
 * The result of {@link runRules}.
 *
 * @example
 * ```ts
 * const r: RunRulesResult = runRules(scores, { baseline: { mean: 88, sigma: 4 } }); // r.alerts
 * ```
 */
export interface RunRulesResult {
  readonly baseline: ResolvedBaseline;
  readonly set: RuleSet;
  /** Alerts in index order; a rule fires where its pattern starts to hold, not again while it keeps holding. */
  readonly alerts: readonly Alert[];
}

type Check = (end: number) => { dir: Direction; from: number; limit: number | null; text: string } | null;

/**
 * Western Electric and Nelson run rules on an individuals chart with
 * centre μ and σ from the baseline:
 * 1 beyond 3σ; 2 of 3 beyond 2σ on one side; 4 of 5 beyond 1σ on one side;
 * 8 (WE) or 9 (Nelson) in a row on one side; and, for Nelson only, 6 in a row
 * steadily decreasing/increasing, 14 alternating, 15 within 1σ, 8 beyond 1σ
 * on both sides. "Beyond" is strict; a point exactly on the centre line
 * belongs to neither side.
 *
 * @param series - the agent's scores in time order
 * @param options - baseline, rule set and the run lengths
 * @returns the alerts, each at the evaluation where its pattern is first complete
 * @throws {EarlyWarningError} for a too-short series, zero variance or a bad run length
 *
 * @example
 * ```ts
 * const r = runRules([80, 79, 78, 77, 76, 75], { baseline: { mean: 80, sigma: 4 }, set: 'nelson' });
 * r.alerts.map((a) => [a.rule, a.index, a.direction]); // [['trend', 5, 'down']]
 * ```
 */
export function runRules(series: ScoreSeries, options: RunRuleOptions = {}): RunRulesResult {
  const what = 'runRules';
  const pts: ScorePoint[] = toPoints(series, what);
  const baseline = resolveBaseline(pts, options.baseline, what);
  const set = options.set ?? 'western-electric';
  const nelson = set === 'nelson';
  const run = options.runLength ?? (nelson ? 9 : 8);
  const [m2, n2] = options.twoOfThree ?? [2, 3];
  const [m1, n1] = options.fourOfFive ?? [4, 5];
  const trend = options.trendLength ?? 6;
  const alt = options.alternatingLength ?? 14;
  const within = options.withinLength ?? 15;
  const outside = options.outsideLength ?? 8;
  const lengths: [string, number][] = [['runLength', run], ['trendLength', trend], ['alternatingLength', alt], ['withinLength', within], ['outsideLength', outside], ['twoOfThree', n2], ['fourOfFive', n1]];
  const issues = lengths.filter(([, v]) => !(Number.isInteger(v) && v >= 2)).map(([k, v]) => ({ code: 'out_of_range', path: ['options', k], message: `${k} must be an integer ≥ 2, got ${v}` }));
  for (const [k, m, n] of [['twoOfThree', m2, n2], ['fourOfFive', m1, n1]] as const) {
    if (!(Number.isInteger(m) && m >= 1 && m <= n)) issues.push({ code: 'out_of_range', path: ['options', k], message: `${k} needs 1 ≤ m ≤ n, got [${m}, ${n}]` });
  }
  if (issues.length > 0) throw new EarlyWarningError(what, issues);

  const { mean: c, sigma: s } = baseline;
  const x = pts.map((p) => p.score);
  const at = (i: number): number => x[i] as number;
  const zone = (i: number): number => (at(i) - c) / s;

  const mOfN = (m: number, n: number, k: number): Check => (end) => {
    if (end < n - 1) return null;
    for (const side of [-1, 1]) {
      let hits = 0;
      for (let i = end - n + 1; i <= end; i++) if (side * zone(i) > k) hits++;
      // The newest point must be one of the m, so the rule fires when the pattern completes.
      if (hits >= m && side * zone(end) > k) {
        return { dir: side < 0 ? 'down' : 'up', from: end - n + 1, limit: c + side * k * s, text: `${m} of ${n} beyond ${k}σ ${side < 0 ? 'below' : 'above'} the centre` };
      }
    }
    return null;
  };
  const inRow = (n: number, test: (i: number) => number, text: (d: number) => string, limit: (d: number) => number | null): Check => (end) => {
    if (end < n - 1) return null;
    const d = test(end);
    if (d === 0) return null;
    for (let i = end - n + 1; i < end; i++) if (test(i) !== d) return null;
    return { dir: d < 0 ? 'down' : d > 0 ? 'up' : 'none', from: end - n + 1, limit: limit(d), text: text(d) };
  };

  const checks: [AlertRule, Check][] = [
    ['beyond-3sigma', mOfN(1, 1, 3)],
    ['two-of-three-beyond-2sigma', mOfN(m2, n2, 2)],
    ['four-of-five-beyond-1sigma', mOfN(m1, n1, 1)],
    ['run-same-side', inRow(run, (i) => Math.sign(at(i) - c), (d) => `${run} in a row ${d < 0 ? 'below' : 'above'} the centre`, () => c)],
  ];
  if (nelson) {
    // A trend of n points has n − 1 steps, all in the same direction.
    const step = (i: number): number => (i === 0 ? 0 : Math.sign(at(i) - at(i - 1)));
    checks.push(['trend', (end) => {
      const r = inRow(trend - 1, step, (d) => `${trend} in a row steadily ${d < 0 ? 'decreasing' : 'increasing'}`, () => null)(end);
      return r === null ? null : { ...r, from: r.from - 1 };
    }]);
    checks.push(['alternating', (end) => {
      if (end < alt - 1) return null;
      for (let i = end - alt + 2; i <= end; i++) {
        const a = step(i);
        if (a === 0 || (i > end - alt + 2 && a === step(i - 1))) return null;
      }
      return { dir: 'none', from: end - alt + 1, limit: null, text: `${alt} in a row alternating up and down` };
    }]);
    checks.push(['within-1sigma', (end) => {
      if (end < within - 1) return null;
      for (let i = end - within + 1; i <= end; i++) if (Math.abs(zone(i)) >= 1) return null;
      return { dir: 'none', from: end - within + 1, limit: null, text: `${within} in a row within 1σ of the centre` };
    }]);
    checks.push(['outside-1sigma-both-sides', (end) => {
      if (end < outside - 1) return null;
      let below = false;
      let above = false;
      for (let i = end - outside + 1; i <= end; i++) {
        const z = zone(i);
        if (Math.abs(z) <= 1) return null;
        if (z < 0) below = true; else above = true;
      }
      return below && above ? { dir: 'none', from: end - outside + 1, limit: null, text: `${outside} in a row beyond 1σ on both sides` } : null;
    }]);
  }

  const alerts: Alert[] = [];
  for (const [rule, check] of checks) {
    let prev: Direction | null = null;
    for (let end = 0; end < x.length; end++) {
      const r = check(end);
      if (r !== null && r.dir !== prev) {
        alerts.push({ rule, index: end, window: [r.from, end], direction: r.dir, value: at(end), limit: r.limit, ...tag(pts[end]), message: `${r.text} (score ${fmt(at(end))})` });
      }
      prev = r === null ? null : r.dir;
    }
  }
  alerts.sort((a, b) => a.index - b.index || checks.findIndex(([r]) => r === a.rule) - checks.findIndex(([r]) => r === b.rule));
  return { baseline, set, alerts };
}
