/**
 * Is the rubric measuring what matters? The seeds ask that QA results be
 * checked against what customers say (satisfaction, complaints) and against
 * training results. Correlation and its confidence interval come from
 * src/correlation; this module only lines the data up.
 */
import {
  type CorrelationResult,
  type ItemPredictiveness,
  itemPredictiveness,
  pearson,
  spearman,
} from '../correlation/index.js';
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import { checkCalls } from '../problems/analyze.js';
import { checkRules, type FailureRule, isEvaluated, itemFailed } from '../problems/failure.js';
import type { Rubric } from '../rubric/index.js';
import type { CallScore } from '../scoring/types.js';
import { ValidityError } from './errors.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import type { ValidityIssueCode } from './errors.js';

/**
 * What the customer said about one call.
 *
 * @example
 * ```ts
 * const o: CallOutcome = { satisfaction: 4, complaint: false };
 * ```
 */
export interface CallOutcome {
  /** Satisfaction rating on the centre's scale (higher is better); absent or null when not rated. */
  readonly satisfaction?: number | null;
  /** The call led to a complaint; absent or null when unknown. */
  readonly complaint?: boolean | null;
}

/**
 * Call id → outcome, as a Map or a plain object.
 *
 * @example
 * ```ts
 * const outcomes: Outcomes = new Map([['C-1001', { satisfaction: 5 }]]);
 * ```
 */
export type Outcomes = ReadonlyMap<string, CallOutcome> | Readonly<Record<string, CallOutcome>>;

/**
 * Options for {@link rubricValidity}.
 *
 * @example
 * ```ts
 * const o: ValidityOptions = { rubric, failWhen: { accurate: { atMost: 0 } }, level: 0.9 };
 * ```
 */
export interface ValidityOptions {
  /** When given: calls must be scored with it, and items follow its order. */
  readonly rubric?: Rubric;
  /** When an item counts as failed (see {@link FailureRule}); default: below its maximum, penalties occurred, fatal fired. */
  readonly failWhen?: Readonly<Record<string, FailureRule>>;
  /** Confidence level of every interval. Default 0.95. */
  readonly level?: number;
  /** Method behind the failure verdicts. Default `'pearson'` (the phi / point-biserial coefficient on 0/1 data). */
  readonly method?: 'pearson' | 'spearman';
}

/**
 * Both coefficients, each with r, n, the CI and p.
 *
 * @example
 * ```ts
 * const c: ScoreCorrelation = rubricValidity(calls, outcomes).satisfaction.total;
 * c.spearman.r; // null when undefined (too few calls, no variance)
 * ```
 */
export interface ScoreCorrelation {
  readonly pearson: CorrelationResult;
  readonly spearman: CorrelationResult;
}

/**
 * - `predictive`: failing the item goes with the bad outcome (CI excludes 0);
 * - `reversed`: failing it goes with the *good* outcome — the item may reward the wrong behaviour;
 * - `no-evidence`: the CI includes 0 — a candidate to reword or drop, once n is large enough;
 * - `undetermined`: r or its CI is undefined (the item never failed, or too few calls).
 *
 * @example
 * ```ts
 * const v: ItemVerdict = report.satisfaction.items[0]!.verdict;
 * ```
 */
export type ItemVerdict = 'predictive' | 'reversed' | 'no-evidence' | 'undetermined';

/**
 * One item against one outcome.
 *
 * @example
 * ```ts
 * const v: ItemValidity = report.satisfaction.items[0]!;
 * `${v.itemId}: ${v.verdict} (r = ${v.failure.correlation.r})`;
 * ```
 */
export interface ItemValidity {
  readonly itemId: string;
  /** The item's points against the outcome. */
  readonly scores: ScoreCorrelation;
  /** Failed (1) / not failed (0) against the outcome, from `itemPredictiveness`. */
  readonly failure: ItemPredictiveness;
  readonly verdict: ItemVerdict;
}

/**
 * The rubric against one outcome.
 *
 * @example
 * ```ts
 * const s: OutcomeValidity = rubricValidity(calls, outcomes).satisfaction;
 * s.noEvidence; // items to look at
 * ```
 */
export interface OutcomeValidity {
  readonly outcome: 'satisfaction' | 'complaint';
  /** Calls that have this outcome. */
  readonly calls: number;
  /** The final score against the outcome. */
  readonly total: ScoreCorrelation;
  /** Sorted as `itemPredictiveness` sorts: predictive first, strongest first, then by id. */
  readonly items: readonly ItemValidity[];
  readonly predictive: readonly string[];
  readonly reversed: readonly string[];
  readonly noEvidence: readonly string[];
  readonly undetermined: readonly string[];
}

/**
 * The result of {@link rubricValidity}.
 *
 * @example
 * ```ts
 * const r: ValidityReport = rubricValidity(calls, outcomes);
 * r.unmatched; // outcome ids with no scored call
 * ```
 */
export interface ValidityReport {
  readonly satisfaction: OutcomeValidity;
  readonly complaint: OutcomeValidity;
  /** Outcome call ids that match no call, sorted. */
  readonly unmatched: readonly string[];
  /** Calls with no outcome at all. */
  readonly withoutOutcome: number;
}


function entries(o: Outcomes): [string, CallOutcome][] {
  return o instanceof Map ? [...o] : Object.entries(o as Record<string, CallOutcome>);
}

/**
 * Correlates the final score and every item with the customers' satisfaction
 * ratings and with complaints (call id → outcome). Per item: its points
 * against the outcome (Pearson and Spearman, with n and CI), and whether
 * *failing* it predicts dissatisfaction / a complaint (`itemPredictiveness`
 * on failed = 1 / not failed = 0), with a verdict. Items never evaluated in a
 * call are missing for that call, not zero.
 *
 * @param calls - scored calls
 * @param outcomes - call id → satisfaction and/or complaint
 * @param options - rubric, failure rules, confidence level, method
 * @returns both outcomes' analyses (with `r: null` and a reason where data are too few)
 * @throws {ValidityError} bad outcomes, duplicate or foreign calls, bad failure rules
 *
 * @example
 * ```ts
 * const r = rubricValidity(scores, { 'C-1': { satisfaction: 5 }, 'C-2': { satisfaction: 2, complaint: true } });
 * r.satisfaction.total.spearman;   // { r, n, ci, p }
 * r.satisfaction.predictive;       // items whose failure goes with low satisfaction
 * r.complaint.noEvidence;          // items that predict nothing
 * ```
 */
export function rubricValidity(calls: readonly CallScore[], outcomes: Outcomes, options: ValidityOptions = {}): ValidityReport {
  const issues: Issue<ValidityIssueCode>[] = [];
  checkCalls(calls, options.rubric, issues);
  checkRules(options.failWhen, options.rubric, ['failWhen'], issues);
  const list = outcomes !== null && typeof outcomes === 'object' ? entries(outcomes) : [];
  if (list.length === 0 && (outcomes === null || typeof outcomes !== 'object')) {
    issues.push({ code: 'invalid_outcomes', path: ['outcomes'], message: 'outcomes must map call ids to { satisfaction?, complaint? }' });
  }
  for (const [id, o] of list) {
    if (o === null || typeof o !== 'object') {
      issues.push({ code: 'invalid_outcome', path: ['outcomes', id], message: 'an outcome is { satisfaction?, complaint? }' });
      continue;
    }
    const s = o.satisfaction;
    if (s !== undefined && s !== null && (typeof s !== 'number' || !Number.isFinite(s))) {
      issues.push({ code: 'invalid_value', path: ['outcomes', id, 'satisfaction'], message: `satisfaction must be a finite number or null, got ${String(s)}` });
    }
    const c = o.complaint;
    if (c !== undefined && c !== null && typeof c !== 'boolean') {
      issues.push({ code: 'invalid_value', path: ['outcomes', id, 'complaint'], message: `complaint must be true, false or null, got ${String(c)}` });
    }
  }
  const level = options.level ?? 0.95;
  if (!(typeof level === 'number' && level > 0 && level < 1)) issues.push({ code: 'invalid_option', path: ['level'], message: `level must be in (0, 1), got ${String(level)}` });
  if (issues.length > 0) throw new ValidityError('invalid rubric-validity input', issues);

  const byId = new Map(list);
  const callIds = new Set(calls.map((c) => c.id));
  // Sorted by id so that the correlations do not depend on the input order.
  const sorted = [...calls].sort((a, b) => cmpStr(a.id, b.id));
  const order = new Map<string, number>();
  for (const s of options.rubric?.sections ?? []) for (const it of s.items) if (it.kind !== 'comment') order.set(it.id, order.size);
  const itemIds = [...new Set(sorted.flatMap((c) => c.items.filter((i) => i.kind !== 'comment').map((i) => i.id)))].sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || cmpStr(a, b),
  );
  const corr = (xs: (number | null)[], ys: (number | boolean | null)[]): ScoreCorrelation => ({
    pearson: pearson(xs, ys, { level }),
    spearman: spearman(xs, ys, { level }),
  });

  const analyse = (outcome: 'satisfaction' | 'complaint'): OutcomeValidity => {
    const rows = sorted
      .map((call) => ({ call, y: byId.get(call.id)?.[outcome] ?? null }))
      .filter((r): r is { call: CallScore; y: number | boolean } => r.y !== null);
    const ys = rows.map((r) => r.y);
    const total = corr(rows.map((r) => r.call.score), ys);
    const pointsOf = (call: CallScore, id: string): number | null => {
      const it = call.items.find((i) => i.id === id);
      return it && isEvaluated(it) ? it.points : null;
    };
    // Passed = 1 with a pass mark of 1 makes itemPredictiveness code "failed" and flip the expected sign for us.
    const predictiveness = itemPredictiveness({
      rows: rows.map(({ call, y }) => ({
        itemScores: Object.fromEntries(
          itemIds.map((id) => {
            const it = call.items.find((i) => i.id === id);
            return [id, it && isEvaluated(it) ? (itemFailed(it, call, options.failWhen?.[id]) ? 0 : 1) : null];
          }),
        ),
        outcome: y,
      })),
      expect: outcome === 'satisfaction' ? 'positive' : 'negative',
      failedBelow: Object.fromEntries(itemIds.map((id) => [id, 1])),
      level,
      ...(options.method ? { method: options.method } : {}),
    });
    const items: ItemValidity[] = predictiveness.map((failure) => {
      const c = failure.correlation;
      const ci = c.ci;
      const verdict: ItemVerdict =
        failure.label === 'predictive'
          ? 'predictive'
          : c.r === null || ci === null
            ? 'undetermined'
            : (failure.expected === 'positive' ? ci[1] < 0 : ci[0] > 0)
              ? 'reversed'
              : 'no-evidence';
      return { itemId: failure.itemId, scores: corr(rows.map((r) => pointsOf(r.call, failure.itemId)), ys), failure, verdict };
    });
    const pick = (v: ItemVerdict): string[] => items.filter((i) => i.verdict === v).map((i) => i.itemId);
    return { outcome, calls: rows.length, total, items, predictive: pick('predictive'), reversed: pick('reversed'), noEvidence: pick('no-evidence'), undetermined: pick('undetermined') };
  };

  return {
    satisfaction: analyse('satisfaction'),
    complaint: analyse('complaint'),
    unmatched: list.map(([id]) => id).filter((id) => !callIds.has(id)).sort(cmpStr),
    withoutOutcome: calls.filter((c) => !byId.has(c.id)).length,
  };
}

/**
 * One agent: QA average and exam result.
 *
 * @example
 * ```ts
 * const a: AgentExam = { agentId: 'wang', calls: 12, qaAverage: 86.5, exam: 92 };
 * ```
 */
export interface AgentExam {
  readonly agentId: string;
  readonly calls: number;
  /** Mean final score of the agent's calls (exact, then a double); null without calls. */
  readonly qaAverage: number | null;
  readonly exam: number | null;
}

/**
 * The result of {@link qaVersusExams}.
 *
 * @example
 * ```ts
 * const r: ExamComparison = qaVersusExams(calls, exams);
 * r.spearman.r; // do agents who score well on exams also score well in QA?
 * ```
 */
export interface ExamComparison {
  /** Every agent with calls or an exam, by id. */
  readonly agents: readonly AgentExam[];
  /** Over agents with both. */
  readonly pearson: CorrelationResult;
  readonly spearman: CorrelationResult;
  readonly withoutExam: readonly string[];
  readonly examWithoutCalls: readonly string[];
}

/**
 * QA averages against training-exam results, per agent: do the two measure
 * the same competence? Agents with only one of the two are listed and left
 * out of the correlations.
 *
 * @param calls - scored calls of the period
 * @param exams - agent id → exam result
 * @param options - confidence level
 * @returns per-agent rows and Pearson/Spearman over agents with both
 * @throws {ValidityError} non-finite exam results, duplicate call ids
 *
 * @example
 * ```ts
 * const r = qaVersusExams(scores, { wang: 92, li: 78, zhao: 85 });
 * r.agents.map((a) => `${a.agentId}: QA ${a.qaAverage} exam ${a.exam}`);
 * ```
 */
export function qaVersusExams(
  calls: readonly CallScore[],
  exams: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  options: { readonly level?: number } = {},
): ExamComparison {
  const issues: Issue<ValidityIssueCode>[] = [];
  checkCalls(calls, undefined, issues);
  const list: [string, number][] = exams instanceof Map ? [...exams] : Object.entries(exams as Record<string, number>);
  for (const [agent, v] of list) {
    if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ code: 'invalid_value', path: ['exams', agent], message: `an exam result must be a finite number, got ${String(v)}` });
  }
  const level = options.level ?? 0.95;
  if (!(typeof level === 'number' && level > 0 && level < 1)) issues.push({ code: 'invalid_option', path: ['level'], message: `level must be in (0, 1), got ${String(level)}` });
  if (issues.length > 0) throw new ValidityError('invalid exam comparison input', issues);

  const exam = new Map(list);
  const sums = new Map<string, { n: number; sum: Ratio }>();
  for (const c of calls) {
    const s = sums.get(c.agentId) ?? { n: 0, sum: Ratio.ZERO };
    sums.set(c.agentId, { n: s.n + 1, sum: s.sum.add(Ratio.from(c.score)) });
  }
  const ids = [...new Set([...sums.keys(), ...exam.keys()])].sort(cmpStr);
  const agents: AgentExam[] = ids.map((agentId) => {
    const s = sums.get(agentId);
    return { agentId, calls: s?.n ?? 0, qaAverage: s ? s.sum.div(Ratio.of(s.n)).toNumber() : null, exam: exam.get(agentId) ?? null };
  });
  const both = agents.filter((a) => a.qaAverage !== null && a.exam !== null);
  const xs = both.map((a) => a.qaAverage);
  const ys = both.map((a) => a.exam);
  return {
    agents,
    pearson: pearson(xs, ys, { level }),
    spearman: spearman(xs, ys, { level }),
    withoutExam: agents.filter((a) => a.exam === null).map((a) => a.agentId),
    examWithoutCalls: agents.filter((a) => a.qaAverage === null).map((a) => a.agentId),
  };
}
