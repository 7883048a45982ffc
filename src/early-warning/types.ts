/**
 * One evaluation in an agent's series, in time order.
 *
 * @example
 * ```ts
 * const p: ScorePoint = { score: 86.5, id: 'eval-311', date: '2024-05-06' };
 * ```
 */
export interface ScorePoint {
  readonly score: number;
  readonly id?: string;
  readonly date?: string;
}

/**
 * An agent's evaluation scores in time order: plain numbers or {@link ScorePoint}s.
 *
 * @example
 * ```ts
 * const a: ScoreSeries = [88, 91, 85];
 * const b: ScoreSeries = [{ score: 88, id: 'e1' }, { score: 91, id: 'e2' }];
 * ```
 */
export type ScoreSeries = readonly number[] | readonly ScorePoint[];

/**
 * Where the in-control mean and σ come from: given (e.g. the team's), or
 * estimated from the agent's own first `points` evaluations (σ̂ = mean moving
 * range / 1.128).
 *
 * @example
 * ```ts
 * const team: Baseline = { mean: 88, sigma: 4 };
 * const own: Baseline = { points: 10 };
 * ```
 */
export type Baseline = { readonly mean: number; readonly sigma: number } | { readonly points: number };

/**
 * The baseline actually used.
 *
 * @example
 * ```ts
 * const b: ResolvedBaseline = { mean: 88.2, sigma: 3.9, source: 'own', points: 10 };
 * ```
 */
export interface ResolvedBaseline {
  readonly mean: number;
  readonly sigma: number;
  /**
   * 'given': passed as `{ mean, sigma }`; 'own': the raw estimate from the agent's
   * first `points` (`{ points }`); 'phase1': a Phase I estimate from the agent's own
   * first `points` evaluations; 'team': the team's Phase I baseline, used because the
   * agent's own history is shorter than the minimum.
   */
  readonly source: 'given' | 'own' | 'phase1' | 'team';
  /** How many evaluations it was estimated from (sources 'own' and 'phase1'). */
  readonly points?: number;
  /** Phase I: how many of those were set aside as out of control. */
  readonly removed?: number;
}

/**
 * The charts and rule sets the detectors can run.
 *
 * @example
 * ```ts
 * const d: DetectorName[] = ['ewma', 'cusum', 'western-electric'];
 * ```
 */
export type DetectorName = 'xmr' | 'ewma' | 'cusum' | 'western-electric' | 'nelson';

/**
 * Which way a signal points. Only `'down'` warns of a decline; `'none'` is for
 * Nelson's patterns that have no side (alternation, stratification, mixture).
 *
 * @example
 * ```ts
 * const d: Direction = 'down';
 * ```
 */
export type Direction = 'down' | 'up' | 'none';

/**
 * The rule that fired.
 *
 * @example
 * ```ts
 * const r: AlertRule = 'ewma';
 * ```
 */
export type AlertRule =
  | 'xmr-beyond-limits'
  | 'ewma'
  | 'cusum'
  | 'beyond-3sigma'
  | 'two-of-three-beyond-2sigma'
  | 'four-of-five-beyond-1sigma'
  | 'run-same-side'
  | 'trend'
  | 'alternating'
  | 'within-1sigma'
  | 'outside-1sigma-both-sides';

/**
 * A signal on an agent's series.
 *
 * @example
 * ```ts
 * const a: Alert = { rule: 'cusum', index: 28, window: [22, 28], direction: 'up', value: 5.28, limit: 5, message: '…' };
 * ```
 */
export interface Alert {
  readonly rule: AlertRule;
  /**
   * The detectors whose rule fired (from {@link detectDecline} and the monitor):
   * one, or both rule sets for a rule Western Electric and Nelson share (merged, not repeated).
   */
  readonly detectors?: readonly DetectorName[];
  /** The 0-based position of the evaluation at which the signal fires. */
  readonly index: number;
  /** The evaluations that make up the evidence, inclusive. */
  readonly window: readonly [from: number, to: number];
  readonly direction: Direction;
  /** The charted value at `index` (the score, the EWMA, or the CUSUM sum). */
  readonly value: number;
  /** The limit crossed, or null for patterns without one (trend, alternation). */
  readonly limit: number | null;
  /** For CUSUM: Montgomery's estimate of the shifted mean, μ0 ± (K + C/N). */
  readonly estimatedMean?: number;
  /** The evaluation's id and date, when the series carried them. */
  readonly id?: string;
  readonly date?: string;
  /** One line for a person, in the requested locale (English by default). */
  readonly message: string;
}
