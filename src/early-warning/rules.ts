import type { Issue } from '../issues/issues.js';
import { EarlyWarningError, type EarlyWarningIssueCode } from './errors.js';
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

/**
 * A rule's hit at the newest point of a window: its direction, where the evidence starts (window position), the limit and a description.
 *
 * @example
 * ```ts
 * const h: RuleHit = { dir: 'down', from: 3, limit: 80, text: '8 in a row below the centre' };
 * ```
 */
export interface RuleHit { readonly dir: Direction; readonly from: number; readonly limit: number | null; readonly text: string }

/**
 * One run rule, checked at position `end` of a score window: the window may be
 * a whole series ({@link runRules}) or the monitor's recent scores; a rule only
 * looks back as far as its own length.
 *
 * @example
 * ```ts
 * const { checks } = ruleChecks({}, ['nelson'], { mean: 80, sigma: 4 });
 * checks.find((c) => c.rule === 'trend')?.check([80, 79, 78, 77, 76, 75], 5)?.dir; // 'down'
 * ```
 */
export interface RuleCheck {
  readonly rule: AlertRule;
  /** The rule sets this rule belongs to (a rule both sets share is checked once). */
  readonly sets: readonly RuleSet[];
  readonly check: (x: readonly number[], end: number) => RuleHit | null;
}

/**
 * The run-rule checks of one or both rule sets, validated, with the longest
 * window any of them needs. When both sets run, the rules they share are
 * merged (one check, both sets named) and the same-side run takes the shorter
 * default length (8, Western Electric's; a run of 9 always contains one of 8).
 *
 * @param options - run lengths (the baseline and set fields are ignored)
 * @param sets - which rule sets
 * @param centre - centre line and σ
 * @returns the checks in reporting order and the longest window length
 * @throws {EarlyWarningError} for a bad run length
 *
 * @example
 * ```ts
 * ruleChecks({}, ['western-electric', 'nelson'], { mean: 88, sigma: 5 }).checks.length; // 8 (4 shared + 4 Nelson-only)
 * ```
 */
export function ruleChecks(options: RunRuleOptions, sets: readonly RuleSet[], centre: { readonly mean: number; readonly sigma: number }, what = 'runRules'): { checks: RuleCheck[]; window: number } {
  const nelson = sets.includes('nelson');
  const we = sets.includes('western-electric');
  const run = options.runLength ?? (we ? 8 : 9);
  const [m2, n2] = options.twoOfThree ?? [2, 3];
  const [m1, n1] = options.fourOfFive ?? [4, 5];
  const trend = options.trendLength ?? 6;
  const alt = options.alternatingLength ?? 14;
  const within = options.withinLength ?? 15;
  const outside = options.outsideLength ?? 8;
  const lengths: [string, number][] = [['runLength', run], ['trendLength', trend], ['alternatingLength', alt], ['withinLength', within], ['outsideLength', outside], ['twoOfThree', n2], ['fourOfFive', n1]];
  const issues: Issue<EarlyWarningIssueCode>[] = lengths.filter(([, v]) => !(Number.isInteger(v) && v >= 2)).map(([k, v]) => ({ code: 'out_of_range', path: ['options', k], message: `${k} must be an integer ≥ 2, got ${v}` }));
  for (const [k, m, n] of [['twoOfThree', m2, n2], ['fourOfFive', m1, n1]] as const) {
    if (!(Number.isInteger(m) && m >= 1 && m <= n)) issues.push({ code: 'out_of_range', path: ['options', k], message: `${k} needs 1 ≤ m ≤ n, got [${m}, ${n}]` });
  }
  if (issues.length > 0) throw new EarlyWarningError(what, issues);

  const { mean: c, sigma: s } = centre;
  type Check = (x: readonly number[], end: number) => RuleHit | null;
  const zone = (x: readonly number[], i: number): number => ((x[i] as number) - c) / s;
  const mOfN = (m: number, n: number, k: number): Check => (x, end) => {
    if (end < n - 1) return null;
    for (const side of [-1, 1]) {
      let hits = 0;
      for (let i = end - n + 1; i <= end; i++) if (side * zone(x, i) > k) hits++;
      // The newest point must be one of the m, so the rule fires when the pattern completes.
      if (hits >= m && side * zone(x, end) > k) {
        return { dir: side < 0 ? 'down' : 'up', from: end - n + 1, limit: c + side * k * s, text: `${m} of ${n} beyond ${k}σ ${side < 0 ? 'below' : 'above'} the centre` };
      }
    }
    return null;
  };
  const inRow = (n: number, test: (x: readonly number[], i: number) => number, text: (d: number) => string, limit: (d: number) => number | null): Check => (x, end) => {
    if (end < n - 1) return null;
    const d = test(x, end);
    if (d === 0) return null;
    for (let i = end - n + 1; i < end; i++) if (test(x, i) !== d) return null;
    return { dir: d < 0 ? 'down' : d > 0 ? 'up' : 'none', from: end - n + 1, limit: limit(d), text: text(d) };
  };
  const both: readonly RuleSet[] = sets.filter((v, i) => sets.indexOf(v) === i);
  const checks: RuleCheck[] = [
    { rule: 'beyond-3sigma', sets: both, check: mOfN(1, 1, 3) },
    { rule: 'two-of-three-beyond-2sigma', sets: both, check: mOfN(m2, n2, 2) },
    { rule: 'four-of-five-beyond-1sigma', sets: both, check: mOfN(m1, n1, 1) },
    { rule: 'run-same-side', sets: both, check: inRow(run, (x, i) => Math.sign((x[i] as number) - c), (d) => `${run} in a row ${d < 0 ? 'below' : 'above'} the centre`, () => c) },
  ];
  if (nelson) {
    const only: readonly RuleSet[] = ['nelson'];
    // A trend of n points has n − 1 steps, all in the same direction.
    const step = (x: readonly number[], i: number): number => (i === 0 ? 0 : Math.sign((x[i] as number) - (x[i - 1] as number)));
    const steps = inRow(trend - 1, step, (d) => `${trend} in a row steadily ${d < 0 ? 'decreasing' : 'increasing'}`, () => null);
    checks.push({ rule: 'trend', sets: only, check: (x, end) => {
      const r = steps(x, end);
      return r === null ? null : { ...r, from: r.from - 1 };
    } });
    checks.push({ rule: 'alternating', sets: only, check: (x, end) => {
      if (end < alt - 1) return null;
      for (let i = end - alt + 2; i <= end; i++) {
        const a = step(x, i);
        if (a === 0 || (i > end - alt + 2 && a === step(x, i - 1))) return null;
      }
      return { dir: 'none', from: end - alt + 1, limit: null, text: `${alt} in a row alternating up and down` };
    } });
    checks.push({ rule: 'within-1sigma', sets: only, check: (x, end) => {
      if (end < within - 1) return null;
      for (let i = end - within + 1; i <= end; i++) if (Math.abs(zone(x, i)) >= 1) return null;
      return { dir: 'none', from: end - within + 1, limit: null, text: `${within} in a row within 1σ of the centre` };
    } });
    checks.push({ rule: 'outside-1sigma-both-sides', sets: only, check: (x, end) => {
      if (end < outside - 1) return null;
      let below = false;
      let above = false;
      for (let i = end - outside + 1; i <= end; i++) {
        const z = zone(x, i);
        if (Math.abs(z) <= 1) return null;
        if (z < 0) below = true; else above = true;
      }
      return below && above ? { dir: 'none', from: end - outside + 1, limit: null, text: `${outside} in a row beyond 1σ on both sides` } : null;
    } });
  }
  // The trend needs one point more than its steps; every other rule exactly its length.
  const window = Math.max(1, n2, n1, run, ...(nelson ? [trend, alt, within, outside] : []));
  return { checks, window };
}

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
  const { checks } = ruleChecks(options, [set], baseline, what);
  const x = pts.map((p) => p.score);
  const at = (i: number): number => x[i] as number;
  const alerts: Alert[] = [];
  for (const { rule, check } of checks) {
    let prev: Direction | null = null;
    for (let end = 0; end < x.length; end++) {
      const r = check(x, end);
      if (r !== null && r.dir !== prev) {
        alerts.push({ rule, index: end, window: [r.from, end], direction: r.dir, value: at(end), limit: r.limit, ...tag(pts[end]), message: `${r.text} (score ${fmt(at(end))})` });
      }
      prev = r === null ? null : r.dir;
    }
  }
  alerts.sort((a, b) => a.index - b.index || checks.findIndex((c) => c.rule === a.rule) - checks.findIndex((c) => c.rule === b.rule));
  return { baseline, set, alerts };
}
