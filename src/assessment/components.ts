/**
 * Every point rule of a plan, each written once: how a qa, banded, deduction,
 * comparison, gate or formula component turns an agent's value into points.
 * score.ts calls these to score an agent; explain.ts calls the same functions
 * to say why, so a rule and its explanation cannot disagree.
 *
 * Each `score*` function takes the agent's value (the qa mean, a metric's
 * exact value, a formula's result) and returns a {@link Scored}: on the
 * common path just the points (a Ratio: scored, and the raw value is the
 * value given), otherwise an {@link Outcome} with the status, the raw value,
 * the points, the reason, the note that makes the assessment incomplete and
 * the issue to report. (No object per component and agent on the common path:
 * a month scores 10,000 agents × every component.)
 * Arithmetic is exact ({@link Ratio}); nothing here rounds.
 *
 * Where is the not-ready deduction computed? {@link deduction}: the seed's
 * 示忙 rule "−2 per occurrence from 10, floor 0; 6–7 → 0; ≥ 8 → −10" is the
 * plan's deduction component (start 10, perOccurrence 2, floor 0, thresholds
 * at 6 and 8), applied to the count of days with more than 30 minutes
 * not-ready (counted once, by countNotReadyDays in src/kpis/core.ts).
 */
import { inInterval } from '../bands/interval.js';
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import type { AssessmentIssueCode } from './issue-codes.js';
import type { CompiledComponent } from './load.js';
import type { Prepared } from './prepare.js';
import type { ComponentStatus } from './types.js';

type Def<T extends CompiledComponent['def']['type']> = Extract<CompiledComponent['def'], { type: T }>;

/**
 * How one component fared for one agent, off the common path (see
 * {@link Scored}). `text`, `note` and `issue` are set when there is one (a
 * scored component's reason is derived from its figures when read).
 *
 * @example
 * ```ts
 * const o: Outcome = { status: 'scored', raw: Ratio.of(6), points: Ratio.of(0) };
 * ```
 */
export interface Outcome {
  readonly status: ComponentStatus;
  readonly raw: Ratio | null;
  readonly points: Ratio | null;
  /** The reason, when it is not derived from the figures. */
  readonly text?: string;
  /** Why the assessment is incomplete (a component that is neither scored nor left out). */
  readonly note?: string;
  readonly issue?: Issue<AssessmentIssueCode>;
}

/**
 * What a `score*` function returns: a Ratio is the points of a scored
 * component whose raw value is the value it was given (the common path); an
 * {@link Outcome} says everything else.
 *
 * @example
 * ```ts
 * const s: Scored = Ratio.of(4); // scored, 4 points
 * ```
 */
export type Scored = Ratio | Outcome;

/**
 * Whether a qa component has the calls it needs to be scored on their mean
 * (`minCalls`, default 1).
 *
 * @example
 * ```ts
 * enoughCalls(qa, 4); // false when the plan asks for minCalls 5
 * ```
 */
export function enoughCalls(c: CompiledComponent, count: number): boolean {
  return count >= ((c.def as Def<'qa'>).minCalls ?? 1);
}

/**
 * qa: the mean call score clamped to [0, max]; a sample shorter than
 * `minCalls` scores 0, is left out (the other weights rescaled) or makes the
 * assessment incomplete, as the component's `insufficient` policy says.
 * `mean` is the agent's exact mean, computed only when {@link enoughCalls}
 * (null otherwise).
 *
 * @example
 * ```ts
 * scoreQa(qa, prepared, 12, Ratio.of(87)); // Ratio 87: scored, raw 87
 * ```
 */
export function scoreQa(c: CompiledComponent, p: Prepared, count: number, mean: Ratio | null): Scored {
  const def = c.def as Def<'qa'>;
  const minCalls = def.minCalls ?? 1;
  if (mean !== null && enoughCalls(c, count)) return mean.max(Ratio.ZERO).min(c.max);
  const why = `${count} evaluated call${count === 1 ? '' : 's'}, fewer than the ${minCalls} required`;
  const policy = def.insufficient ?? 'incomplete';
  if (policy === 'zero') return { status: 'scored', raw: null, points: Ratio.ZERO, text: `insufficient sample: ${why} → 0 of ${p.max}` };
  if (policy === 'renormalise') return { status: 'excluded', raw: null, points: null, text: `insufficient sample: ${why}; left out, the other weights rescaled to 100` };
  return { status: 'insufficient', raw: null, points: null, text: `insufficient sample: ${why}; the assessment is incomplete`, note: `${c.id}: ${why}` };
}

/**
 * Index of the first band of a banded component that contains `x`, or
 * `bands.length` when none does (outside the domain).
 *
 * @example
 * ```ts
 * bandOf(missed, Ratio.of(25, 4)); // 1: 6.25% is in (5, 10]
 * ```
 */
export function bandOf(c: CompiledComponent, x: Ratio): number {
  const bands = c.bands;
  let k = 0;
  while (k < bands.length && !inInterval(bands[k]!.range, x)) k++;
  return k;
}

/**
 * banded: the points of the band containing the value; a value outside the
 * domain is invalid (an issue at the agent's metric).
 *
 * @example
 * ```ts
 * scoreBanded(missed, 'A1', 'missedRate', Ratio.of(6), String); // Ratio 4
 * ```
 */
export function scoreBanded(c: CompiledComponent, agentId: string, metric: string, x: Ratio, fmt: (r: Ratio) => string): Scored {
  const k = bandOf(c, x);
  if (k < c.bands.length) return c.bands[k]!.points;
  const msg = `${metric} ${fmt(x)} is outside the domain ${(c.def as Def<'banded'>).domain}`;
  return invalid(c, x, msg, { code: 'out_of_domain', path: ['metrics', agentId, metric], message: msg });
}

function invalid(c: CompiledComponent, x: Ratio, msg: string, issue: Issue<AssessmentIssueCode>): Outcome {
  return { status: 'invalid', raw: x, points: null, text: msg, note: `${c.id}: ${msg}`, issue };
}

/**
 * A deduction's points for `x` occurrences: the first threshold reached
 * (thresholds are kept highest first), else `start − perOccurrence × x`,
 * floored. `threshold` is the threshold's index, or −1; `floored` says
 * whether the floor applied.
 *
 * @example
 * ```ts
 * deduction(notReady, prepared, Ratio.of(3)); // { threshold: -1, points: 4, floored: false }: 10 − 2 × 3
 * deduction(notReady, prepared, Ratio.of(8)); // { threshold: 0, points: −10, floored: false }
 * ```
 */
export function deduction(c: CompiledComponent, p: Prepared, x: Ratio): { readonly threshold: number; readonly points: Ratio; readonly floored: boolean } {
  const ths = c.thresholds;
  for (let k = 0; k < ths.length; k++) if (x.cmp(ths[k]!.atLeast) >= 0) return { threshold: k, points: ths[k]!.points, floored: false };
  const linear = c.max.sub(p.perOccurrence!.mul(x));
  const points = linear.max(p.floor!);
  return { threshold: -1, points, floored: points !== linear };
}

/**
 * deduction: {@link deduction}'s points; a negative count is invalid.
 *
 * @example
 * ```ts
 * scoreDeduction(notReady, prepared, 'A1', 'notReadyDays', Ratio.of(2), String); // Ratio 6
 * ```
 */
export function scoreDeduction(c: CompiledComponent, p: Prepared, agentId: string, metric: string, x: Ratio, fmt: (r: Ratio) => string): Scored {
  if (x.lt(Ratio.ZERO)) {
    const msg = `${metric} is negative (${fmt(x)}); occurrences are counts`;
    return invalid(c, x, msg, { code: 'negative', path: ['metrics', agentId, metric], message: msg });
  }
  return deduction(c, p, x).points;
}

/**
 * The comparison's reference for an agent: its constant, or its team's or
 * the centre's value (null when there is none, or the agent has no team).
 *
 * @example
 * ```ts
 * referenceOf(aht, prepared, refValue, 'T1'); // Ratio: the centre's pooled AHT
 * ```
 */
export function referenceOf(c: CompiledComponent, p: Prepared, refValue: readonly ReadonlyMap<string, Ratio | null>[], team: string | null): Ratio | null {
  const def = c.def as Def<'comparison'>;
  if ('constant' in def.reference) return p.constant!;
  if (def.reference.scope === 'centre') return refValue[c.index]!.get('*') ?? null;
  // An agent without a team has no team to compare with (not the team named "").
  return team === null ? null : (refValue[c.index]!.get(team) ?? null);
}

/**
 * Whether a comparison earns its points, given how the agent's value compares
 * with the reference (`cmp`: −1, 0 or 1): at least as good as the reference,
 * or strictly better when the component is `strict`.
 *
 * @example
 * ```ts
 * comparisonMet(aht, prepared, 0); // true: equal to the centre's AHT, lower is better, not strict
 * ```
 */
export function comparisonMet(c: CompiledComponent, p: Prepared, cmp: number): boolean {
  const strict = (c.def as Def<'comparison'>).strict === true;
  return strict ? (p.better === 'lower' ? cmp < 0 : cmp > 0) : p.better === 'lower' ? cmp <= 0 : cmp >= 0;
}

/**
 * comparison: the full points when {@link comparisonMet}, else `otherwise`;
 * no data when there is no reference.
 *
 * @example
 * ```ts
 * scoreComparison(aht, prepared, Ratio.of(280), Ratio.of(300), null); // Ratio 5
 * ```
 */
export function scoreComparison(c: CompiledComponent, p: Prepared, x: Ratio, ref: Ratio | null, team: string | null): Scored {
  if (ref === null) {
    const def = c.def as Def<'comparison'>;
    const msg = team === null && 'scope' in def.reference && def.reference.scope === 'team' ? 'the agent has no team to compare with' : 'no reference value (no agent has data)';
    return { status: 'no_data', raw: x, points: null, text: msg, note: `${c.id}: ${msg}` };
  }
  return comparisonMet(c, p, x.cmp(ref)) ? c.max : p.otherwise!;
}

/**
 * Whether a gate's condition holds (the component is then zeroed), given how
 * the value compares with the gate's value (`cmp`).
 *
 * @example
 * ```ts
 * gateHit(satisfaction, 1); // true for "zeroWhen upheldComplaints >= 1" and 2 complaints
 * ```
 */
export function gateHit(c: CompiledComponent, cmp: number): boolean {
  const op = (c.def as Def<'gate'>).zeroWhen.op;
  return op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '==' ? cmp === 0 : cmp !== 0;
}

/**
 * gate: 0 when {@link gateHit}, else the full points.
 *
 * @example
 * ```ts
 * scoreGate(satisfaction, prepared, Ratio.of(1)); // Ratio 0
 * ```
 */
export function scoreGate(c: CompiledComponent, p: Prepared, x: Ratio): Scored {
  return gateHit(c, x.cmp(p.gateValue!)) ? Ratio.ZERO : c.max;
}

/**
 * formula: the expression's value clamped to [min, max]; a failed evaluation
 * (division by zero, a result too large) is an error with an issue. Its raw
 * value is the expression's, so a scored formula is always an {@link Outcome}.
 *
 * @example
 * ```ts
 * scoreFormula(fcr, 'A1', new Map([['fcr', Ratio.of(70)]])).points; // 5/2: clamp((70 − 60) / 4, 0, 5)
 * ```
 */
export function scoreFormula(c: CompiledComponent, agentId: string, values: ReadonlyMap<string, Ratio>): Outcome {
  let value: Ratio;
  try {
    value = c.formula!.evaluate(values);
  } catch (e) {
    const msg = `the formula failed: ${(e as Error).message}`;
    return { status: 'error', raw: null, points: null, text: msg, note: `${c.id}: ${msg}`, issue: { code: 'formula_error', path: ['metrics', agentId], message: `${c.id}: ${msg}` } };
  }
  return { status: 'scored', raw: value, points: value.max(c.min).min(c.max) };
}
