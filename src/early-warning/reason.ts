/**
 * One-line reasons for alerts, in English and Simplified Chinese, built from
 * the alert's facts (rule, values, limits, window) so that both languages say
 * the same thing.
 */
import { fmt } from './series.js';
import type { AlertRule, Direction } from './types.js';

/**
 * The locales alert reasons are written in.
 *
 * @example
 * ```ts
 * const l: AlertLocale = 'zh-CN';
 * ```
 */
export type AlertLocale = 'en' | 'zh-CN';

/**
 * What a reason is built from.
 *
 * @example
 * ```ts
 * const f: ReasonFacts = { rule: 'cusum', direction: 'down', value: 18.2, limit: 17.5, window: [40, 46], estimatedMean: 82.4 };
 * ```
 */
export interface ReasonFacts {
  readonly rule: AlertRule;
  readonly direction: Direction;
  readonly value: number;
  readonly limit: number | null;
  readonly window: readonly [number, number];
  readonly estimatedMean?: number;
  /** The run length or m-of-n of run rules, as text ("8", "2 of 3"). */
  readonly pattern?: string;
}

const EN: Record<AlertRule, (f: ReasonFacts, d: string, n: number) => string> = {
  'xmr-beyond-limits': (f, d) => `score ${fmt(f.value)} is ${d === 'down' ? 'below the lower' : 'above the upper'} limit ${fmt(f.limit ?? NaN)}`,
  ewma: (f, d) => `the smoothed score (EWMA) ${fmt(f.value)} crossed the ${d === 'down' ? 'lower' : 'upper'} limit ${fmt(f.limit ?? NaN)}`,
  cusum: (f, d, n) => `the ${d === 'down' ? 'lower' : 'upper'} CUSUM ${fmt(f.value)} exceeds H = ${fmt(f.limit ?? NaN)} after ${n} evaluations; the mean is now about ${fmt(f.estimatedMean ?? NaN)}`,
  'beyond-3sigma': (f, d) => `score ${fmt(f.value)} is more than 3σ ${d === 'down' ? 'below' : 'above'} the centre (limit ${fmt(f.limit ?? NaN)})`,
  'two-of-three-beyond-2sigma': (f, d) => `${f.pattern ?? '2 of 3'} evaluations more than 2σ ${d === 'down' ? 'below' : 'above'} the centre (limit ${fmt(f.limit ?? NaN)})`,
  'four-of-five-beyond-1sigma': (f, d) => `${f.pattern ?? '4 of 5'} evaluations more than 1σ ${d === 'down' ? 'below' : 'above'} the centre (limit ${fmt(f.limit ?? NaN)})`,
  'run-same-side': (_f, d, n) => `${n} evaluations in a row ${d === 'down' ? 'below' : 'above'} the centre`,
  trend: (_f, d, n) => `${n} evaluations in a row steadily ${d === 'down' ? 'decreasing' : 'increasing'}`,
  alternating: (_f, _d, n) => `${n} evaluations in a row alternating up and down`,
  'within-1sigma': (_f, _d, n) => `${n} evaluations in a row within 1σ of the centre`,
  'outside-1sigma-both-sides': (_f, _d, n) => `${n} evaluations in a row beyond 1σ, on both sides`,
};

const ZH: Record<AlertRule, (f: ReasonFacts, d: string, n: number) => string> = {
  'xmr-beyond-limits': (f, d) => `单次得分 ${fmt(f.value)} ${d === 'down' ? '低于下控制限' : '高于上控制限'} ${fmt(f.limit ?? NaN)}`,
  ewma: (f, d) => `平滑得分（EWMA）${fmt(f.value)} ${d === 'down' ? '跌破下控制限' : '突破上控制限'} ${fmt(f.limit ?? NaN)}`,
  cusum: (f, d, n) => `${d === 'down' ? '下侧' : '上侧'}累积和（CUSUM）${fmt(f.value)} 超过决策限 H = ${fmt(f.limit ?? NaN)}（连续 ${n} 次评估），当前均值约 ${fmt(f.estimatedMean ?? NaN)}`,
  'beyond-3sigma': (f, d) => `单次得分 ${fmt(f.value)} ${d === 'down' ? '低于' : '高于'}中心线 3σ 以上（界限 ${fmt(f.limit ?? NaN)}）`,
  'two-of-three-beyond-2sigma': (f, d) => `${f.pattern ?? '2 of 3'} 次评估${d === 'down' ? '低于' : '高于'}中心线 2σ 以上（界限 ${fmt(f.limit ?? NaN)}）`.replace(/(\d+) of (\d+)/, '$2 次中有 $1'),
  'four-of-five-beyond-1sigma': (f, d) => `${f.pattern ?? '4 of 5'} 次评估${d === 'down' ? '低于' : '高于'}中心线 1σ 以上（界限 ${fmt(f.limit ?? NaN)}）`.replace(/(\d+) of (\d+)/, '$2 次中有 $1'),
  'run-same-side': (_f, d, n) => `连续 ${n} 次评估${d === 'down' ? '低于' : '高于'}中心线`,
  trend: (_f, d, n) => `连续 ${n} 次评估持续${d === 'down' ? '下降' : '上升'}`,
  alternating: (_f, _d, n) => `连续 ${n} 次评估上下交替`,
  'within-1sigma': (_f, _d, n) => `连续 ${n} 次评估都在中心线 1σ 以内`,
  'outside-1sigma-both-sides': (_f, _d, n) => `连续 ${n} 次评估都在中心线 1σ 以外（两侧都有）`,
};

/**
 * The one-line reason for an alert in the given locale.
 *
 * @param f - the alert's rule, direction, value, limit, window (and CUSUM's estimated mean)
 * @param locale - 'en' (default) or 'zh-CN'
 * @returns a sentence without a final full stop
 *
 * @example
 * ```ts
 * alertReason({ rule: 'ewma', direction: 'down', value: 84.1, limit: 84.5, window: [30, 41] }, 'zh-CN');
 * // '平滑得分（EWMA）84.1 跌破下控制限 84.5'
 * ```
 */
export function alertReason(f: ReasonFacts, locale: AlertLocale = 'en'): string {
  const n = f.window[1] - f.window[0] + 1;
  return (locale === 'zh-CN' ? ZH : EN)[f.rule](f, f.direction, n);
}
