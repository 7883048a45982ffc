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
  readonly source: 'given' | 'own';
  /** How many of the agent's first evaluations it was estimated from (source 'own'). */
  readonly points?: number;
}

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
  /** A sentence for a person. */
  readonly message: string;
}
