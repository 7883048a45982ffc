import type { Issue } from '../issues/issues.js';
import { consensusDrift, type DriftPoint, type DriftResult } from './drift.js';
import { CalibrationError } from './errors.js';
import { icc, type IccResult } from './icc.js';
import { cohenKappa, fleissKappa, type KappaResult } from './kappa.js';
import { type AlphaResult, krippendorffAlpha } from './krippendorff.js';
import type { RatingValue } from './matrix.js';
import { compareCodeUnits as cmp } from '../order/compare.js';
import type { CalibrationIssueCode } from './errors.js';

/**
 * One evaluator's scoring of one call in a calibration session.
 *
 * @example
 * ```ts
 * const r: CalibrationRating = {
 *   callId: 'c1', evaluatorId: 'wang', score: 86,
 *   items: { accurate: 8, verified: true },
 *   sessionId: '2024-05', sessionDate: '2024-05-20',
 * };
 * ```
 */
export interface CalibrationRating {
  readonly callId: string;
  readonly evaluatorId: string;
  /** The call's total score. */
  readonly score: number;
  /** Item scores (points) or yes/no answers; null when not applicable. */
  readonly items?: Readonly<Record<string, number | boolean | null>>;
  /** Calibration session; ratings without one form the session `''`. */
  readonly sessionId?: string;
  /** ISO 8601 date of the session, needed for drift. */
  readonly sessionDate?: string;
}

/**
 * Options for {@link calibrate}.
 *
 * @example
 * ```ts
 * const o: CalibrateOptions = { expertId: 'qa-lead', consensus: 'median', biasTolerance: 2 };
 * ```
 */
export interface CalibrateOptions {
  /** The designated expert (QA lead). Deviations are then measured from the expert's score. */
  readonly expertId?: string;
  /** How the panel's consensus is formed. Default `'mean'`. */
  readonly consensus?: 'mean' | 'median';
  /** |mean bias| above this (points) labels an evaluator harsh/lenient. Default 1. */
  readonly biasTolerance?: number;
  /** Fitted drift (points) over the sessions that is flagged. Default 1. */
  readonly driftTolerance?: number;
  /** Items whose Krippendorff alpha is below this are flagged. Default 0.667 (Krippendorff's lowest tentative level). */
  readonly itemAlphaThreshold?: number;
}

/**
 * One evaluator's deviation on one call.
 *
 * @example
 * ```ts
 * const d: Deviation = { evaluatorId: 'li', score: 80, deviation: -4 };
 * ```
 */
export interface Deviation {
  readonly evaluatorId: string;
  readonly score: number;
  /** score − reference (expert if they rated the call, else consensus). */
  readonly deviation: number;
}

/**
 * Spread and consensus of one call.
 *
 * @example
 * ```ts
 * const c: CallCalibration = calibrate(ratings).calls[0]!;
 * c.range; // max − min over every rating of the call, expert included
 * ```
 */
export interface CallCalibration {
  readonly sessionId: string;
  readonly callId: string;
  /** Ratings of the call (expert included). */
  readonly raters: number;
  readonly min: number;
  readonly max: number;
  readonly range: number;
  /** Sample standard deviation (n − 1) of all ratings; null with one rating. */
  readonly sd: number | null;
  /** Mean or median of the non-expert evaluators; null if only the expert rated. */
  readonly consensus: number | null;
  readonly expertScore: number | null;
  /** What deviations are measured from. */
  readonly reference: 'expert' | 'consensus';
  readonly deviations: readonly Deviation[];
}

/**
 * Mean bias and mean absolute deviation of one evaluator.
 *
 * @example
 * ```ts
 * const s: BiasSummary = { count: 4, meanBias: -2.5, meanAbsDeviation: 2.5, label: 'harsh' };
 * ```
 */
export interface BiasSummary {
  readonly count: number;
  /** Mean signed deviation: < 0 harsher, > 0 more lenient than the reference. */
  readonly meanBias: number;
  readonly meanAbsDeviation: number;
  /** |meanBias| > tolerance → harsh/lenient; exactly the tolerance is aligned. */
  readonly label: 'harsh' | 'lenient' | 'aligned';
}

/**
 * One evaluator over all sessions, and per session.
 *
 * @example
 * ```ts
 * const e: EvaluatorCalibration = calibrate(ratings).evaluators[0]!;
 * e.sessions.map((s) => s.meanBias);
 * ```
 */
export interface EvaluatorCalibration extends BiasSummary {
  readonly evaluatorId: string;
  readonly sessions: readonly (BiasSummary & { readonly sessionId: string; readonly date: string | null })[];
}

/**
 * Agreement on one scorecard item across evaluators.
 *
 * @example
 * ```ts
 * const worst: ItemAgreement | undefined = calibrate(ratings).items[0];
 * worst?.flagged; // true when evaluators read this item differently
 * ```
 */
export interface ItemAgreement {
  readonly itemId: string;
  /** `'yes_no'` when every answer is boolean, else `'points'`. */
  readonly kind: 'yes_no' | 'points';
  /** Nominal alpha for yes/no items, interval alpha for points. */
  readonly alpha: AlphaResult;
  /** Points items only. */
  readonly icc?: IccResult;
  /** Yes/no items only. */
  readonly fleiss?: KappaResult;
  /** Yes/no items with exactly two raters. */
  readonly cohen?: KappaResult;
  /** alpha below the threshold. */
  readonly flagged: boolean;
}

/**
 * The result of {@link calibrate}.
 *
 * @example
 * ```ts
 * const report: CalibrationReport = calibrate(ratings, { expertId: 'lead' });
 * report.drift.drifting; // 'lenient' | 'harsh' | null
 * ```
 */
export interface CalibrationReport {
  readonly consensusMethod: 'mean' | 'median';
  readonly expertId: string | null;
  /** Units of the agreement matrices: (session, call), in this order. */
  readonly units: readonly { readonly sessionId: string; readonly callId: string }[];
  /** Raters (columns) of the agreement matrices, expert included, sorted. */
  readonly raters: readonly string[];
  readonly calls: readonly CallCalibration[];
  /** Non-expert evaluators, sorted by id. */
  readonly evaluators: readonly EvaluatorCalibration[];
  /** Agreement on total scores. */
  readonly totals: { readonly icc: IccResult; readonly alpha: AlphaResult };
  /** Lowest alpha first (undefined alphas last), then by item id. */
  readonly items: readonly ItemAgreement[];
  /** Consensus − expert per dated session and its trend; slope null without an expert. */
  readonly drift: DriftResult;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
function bias(devs: readonly number[], tol: number): BiasSummary {
  const meanBias = mean(devs);
  return {
    count: devs.length,
    meanBias,
    meanAbsDeviation: mean(devs.map(Math.abs)),
    label: meanBias < -tol ? 'harsh' : meanBias > tol ? 'lenient' : 'aligned',
  };
}

/**
 * The problems of one calibration rating on its own (at index `i`): ids, score,
 * session date and item values. What needs several ratings (duplicates,
 * conflicting session dates, mixed item types) is checked by {@link calibrate}.
 *
 * @example
 * ```ts
 * ratingIssues({ callId: 'c1', evaluatorId: '', score: 80 }, 0)[0]?.code; // 'invalid_id'
 * ```
 */
export function ratingIssues(r: CalibrationRating, i: number): Issue<CalibrationIssueCode>[] {
  const issues: Issue<CalibrationIssueCode>[] = [];
  if (typeof r.callId !== 'string' || r.callId === '') issues.push({ code: 'invalid_id', path: [i, 'callId'], message: 'callId must be a non-empty string' });
  if (typeof r.evaluatorId !== 'string' || r.evaluatorId === '') issues.push({ code: 'invalid_id', path: [i, 'evaluatorId'], message: 'evaluatorId must be a non-empty string' });
  if (typeof r.score !== 'number' || !Number.isFinite(r.score)) issues.push({ code: 'invalid_score', path: [i, 'score'], message: `score must be a finite number, got ${String(r.score)}` });
  if (r.sessionDate !== undefined && Number.isNaN(Date.parse(r.sessionDate))) issues.push({ code: 'invalid_date', path: [i, 'sessionDate'], message: `not an ISO 8601 date: ${JSON.stringify(r.sessionDate)}` });
  for (const [itemId, v] of Object.entries(r.items ?? {})) {
    if (v !== null && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) issues.push({ code: 'invalid_item_score', path: [i, 'items', itemId], message: `item score must be a finite number, a boolean or null, got ${String(v)}` });
  }
  return issues;
}

function validate(ratings: readonly CalibrationRating[], options: CalibrateOptions): void {
  const issues: Issue<CalibrationIssueCode>[] = [];
  if (ratings.length === 0) issues.push({ code: 'empty', path: [], message: 'no ratings to calibrate' });
  const seen = new Map<string, number>();
  const dates = new Map<string, string>();
  const itemKinds = new Map<string, { kind: 'boolean' | 'number'; at: number }>();
  ratings.forEach((r, i) => {
    issues.push(...ratingIssues(r, i));
    const session = r.sessionId ?? '';
    const k = JSON.stringify([session, r.callId, r.evaluatorId]);
    const first = seen.get(k);
    if (first !== undefined) {
      issues.push({ code: 'duplicate_rating', path: [i], message: `${r.evaluatorId} already rated call ${r.callId} in session ${JSON.stringify(session)} (rating ${first})` });
    } else seen.set(k, i);
    if (r.sessionDate !== undefined) {
      if (!Number.isNaN(Date.parse(r.sessionDate))) {
        const d = dates.get(session);
        if (d === undefined) dates.set(session, r.sessionDate);
        else if (d !== r.sessionDate) issues.push({ code: 'conflicting_session_date', path: [i, 'sessionDate'], message: `session ${JSON.stringify(session)} is dated both ${d} and ${r.sessionDate}` });
      }
    }
    for (const [itemId, v] of Object.entries(r.items ?? {})) {
      if (v === null) continue;
      const kind = typeof v === 'boolean' ? 'boolean' : 'number';
      if (kind === 'number' && !Number.isFinite(v)) continue; // ratingIssues reported it
      const prev = itemKinds.get(itemId);
      if (prev === undefined) itemKinds.set(itemId, { kind, at: i });
      else if (prev.kind !== kind) issues.push({ code: 'mixed_item_types', path: [i, 'items', itemId], message: `item ${itemId} is ${kind} here but ${prev.kind} in rating ${prev.at}` });
    }
  });
  for (const name of ['biasTolerance', 'driftTolerance'] as const) {
    const v = options[name];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) issues.push({ code: 'invalid_option', path: [name], message: `${name} must be a finite number ≥ 0, got ${v}` });
  }
  if (issues.length > 0) throw new CalibrationError('invalid calibration ratings', issues);
}

/**
 * Build a units × raters matrix from calibration ratings: units are the
 * distinct (session, call) pairs sorted, raters the evaluator ids sorted.
 *
 * @param ratings - calibration ratings
 * @param value - `'score'` for totals, or `{ item }` for one item
 * @returns the matrix with its row and column labels
 *
 * @example
 * ```ts
 * const { matrix, raters } = toRatingMatrix(ratings, { item: 'verified' });
 * fleissKappa(matrix);
 * ```
 */
export function toRatingMatrix(
  ratings: readonly CalibrationRating[],
  value: 'score' | { readonly item: string },
): { units: { sessionId: string; callId: string }[]; raters: string[]; matrix: RatingValue[][] } {
  const unitKey = (r: CalibrationRating): string => JSON.stringify([r.sessionId ?? '', r.callId]);
  const unitKeys = [...new Set(ratings.map(unitKey))].sort(cmp);
  const raters = [...new Set(ratings.map((r) => r.evaluatorId))].sort(cmp);
  const row = new Map(unitKeys.map((k, i) => [k, i]));
  const col = new Map(raters.map((k, i) => [k, i]));
  const matrix: RatingValue[][] = unitKeys.map(() => raters.map(() => null));
  for (const r of ratings) {
    const v = value === 'score' ? r.score : (r.items?.[value.item] ?? null);
    (matrix[row.get(unitKey(r)) as number] as RatingValue[])[col.get(r.evaluatorId) as number] = v;
  }
  const units = unitKeys.map((k) => {
    const [sessionId, callId] = JSON.parse(k) as [string, string];
    return { sessionId, callId };
  });
  return { units, raters, matrix };
}

/**
 * Calibration summary of a panel of evaluators scoring the same calls: per
 * call spread and consensus, per evaluator bias (harsh/lenient/aligned) overall
 * and per session, agreement (ICC, Krippendorff's alpha, Fleiss/Cohen kappa)
 * on totals and per item with the items evaluators read differently first, and
 * drift of the consensus against the expert across sessions.
 *
 * The consensus is taken over non-expert evaluators so that the expert is an
 * independent reference; deviations are from the expert's score where the
 * expert rated the call, otherwise from the consensus (the evaluator's own
 * score included).
 *
 * @param ratings - every rating, any order
 * @param options - expert, consensus method, tolerances
 * @returns the report; degenerate parts are `{ value: null, reason }`
 * @throws {CalibrationError} empty input, duplicate ratings, invalid scores or dates,
 *   an item that is boolean in one rating and numeric in another
 *
 * @example
 * ```ts
 * const report = calibrate([
 *   { callId: 'c1', evaluatorId: 'lead', score: 80 },
 *   { callId: 'c1', evaluatorId: 'wang', score: 84 },
 *   { callId: 'c1', evaluatorId: 'li', score: 78 },
 * ], { expertId: 'lead' });
 * report.evaluators.map((e) => [e.evaluatorId, e.meanBias]); // [['li', -2], ['wang', 4]]
 * ```
 */
export function calibrate(ratings: readonly CalibrationRating[], options: CalibrateOptions = {}): CalibrationReport {
  validate(ratings, options);
  const method = options.consensus ?? 'mean';
  const biasTol = options.biasTolerance ?? 1;
  const expertId = options.expertId ?? null;
  const threshold = options.itemAlphaThreshold ?? 0.667;

  const sessionDates = new Map<string, string | null>();
  for (const r of ratings) {
    const s = r.sessionId ?? '';
    if (!sessionDates.has(s) || sessionDates.get(s) === null) sessionDates.set(s, r.sessionDate ?? null);
  }
  const byCall = new Map<string, CalibrationRating[]>();
  for (const r of ratings) {
    const k = JSON.stringify([r.sessionId ?? '', r.callId]);
    const list = byCall.get(k);
    if (list) list.push(r);
    else byCall.set(k, [r]);
  }

  const calls: CallCalibration[] = [];
  const devsByEvaluator = new Map<string, Map<string, number[]>>();
  const gapsBySession = new Map<string, number[]>();
  for (const k of [...byCall.keys()].sort(cmp)) {
    const list = [...(byCall.get(k) as CalibrationRating[])].sort((a, b) => cmp(a.evaluatorId, b.evaluatorId));
    const [sessionId, callId] = JSON.parse(k) as [string, string];
    const scores = list.map((r) => r.score);
    const expert = list.find((r) => r.evaluatorId === expertId);
    const panel = list.filter((r) => r.evaluatorId !== expertId);
    const consensus = panel.length === 0 ? null : method === 'mean' ? mean(panel.map((r) => r.score)) : median(panel.map((r) => r.score));
    const reference = expert !== undefined ? 'expert' : 'consensus';
    const ref = expert?.score ?? consensus;
    const deviations = ref === null ? [] : panel.map((r) => ({ evaluatorId: r.evaluatorId, score: r.score, deviation: r.score - ref }));
    for (const d of deviations) {
      const perSession = devsByEvaluator.get(d.evaluatorId) ?? new Map<string, number[]>();
      devsByEvaluator.set(d.evaluatorId, perSession);
      // push, not a spread copy: an evaluator of every call of a session would cost O(calls²).
      const list = perSession.get(sessionId);
      if (list) list.push(d.deviation);
      else perSession.set(sessionId, [d.deviation]);
    }
    if (expert !== undefined && consensus !== null) {
      const gaps = gapsBySession.get(sessionId);
      if (gaps) gaps.push(consensus - expert.score);
      else gapsBySession.set(sessionId, [consensus - expert.score]);
    }
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    calls.push({ sessionId, callId, raters: list.length, min, max, range: max - min, sd: sampleSd(scores), consensus, expertScore: expert?.score ?? null, reference, deviations });
  }

  const sessionOrder = (a: string, b: string): number => {
    const da = sessionDates.get(a) ?? null;
    const db = sessionDates.get(b) ?? null;
    if (da !== null && db !== null) return Date.parse(da) - Date.parse(db) || cmp(a, b);
    if (da !== db) return da === null ? 1 : -1; // undated sessions last
    return cmp(a, b);
  };
  const evaluators: EvaluatorCalibration[] = [...devsByEvaluator.keys()].sort(cmp).map((evaluatorId) => {
    const perSession = devsByEvaluator.get(evaluatorId) as Map<string, number[]>;
    const sessions = [...perSession.keys()].sort(sessionOrder).map((sessionId) => ({
      sessionId,
      date: sessionDates.get(sessionId) ?? null,
      ...bias(perSession.get(sessionId) as number[], biasTol),
    }));
    return { evaluatorId, ...bias([...perSession.values()].flat(), biasTol), sessions };
  });

  const totalsM = toRatingMatrix(ratings, 'score');
  const totals = { icc: icc(totalsM.matrix), alpha: krippendorffAlpha(totalsM.matrix, 'interval') };

  const itemIds = [...new Set(ratings.flatMap((r) => Object.keys(r.items ?? {})))].sort(cmp);
  const items: ItemAgreement[] = itemIds.map((itemId) => {
    const { matrix } = toRatingMatrix(ratings, { item: itemId });
    const yesNo = matrix.every((row) => row.every((v) => v === null || typeof v === 'boolean'));
    const alpha = krippendorffAlpha(matrix, yesNo ? 'nominal' : 'interval');
    const flagged = alpha.value !== null && alpha.value < threshold;
    if (!yesNo) return { itemId, kind: 'points', alpha, icc: icc(matrix), flagged };
    const base = { itemId, kind: 'yes_no' as const, alpha, fleiss: fleissKappa(matrix), flagged };
    return totalsM.raters.length === 2 ? { ...base, cohen: cohenKappa(matrix) } : base;
  });
  items.sort((a, b) => {
    const va = a.alpha.value;
    const vb = b.alpha.value;
    if (va !== null && vb !== null && va !== vb) return va - vb;
    if ((va === null) !== (vb === null)) return va === null ? 1 : -1;
    return cmp(a.itemId, b.itemId);
  });

  const driftOptions = options.driftTolerance === undefined ? {} : { tolerance: options.driftTolerance };
  const expertSessions = [...gapsBySession.keys()];
  const undated = expertSessions.filter((s) => (sessionDates.get(s) ?? null) === null);
  let drift: DriftResult;
  if (expertSessions.length === 0 || (expertSessions.length > 1 && undated.length > 0)) {
    drift = {
      ...consensusDrift([], driftOptions),
      slope: { value: null, reason: expertSessions.length === 0 ? 'no_expert_ratings' : 'undated_sessions' },
    };
  } else {
    const points: DriftPoint[] = expertSessions.map((sessionId) => ({
      sessionId,
      // A lone undated session cannot trend anyway; any valid date keeps it in the points.
      date: sessionDates.get(sessionId) ?? '1970-01-01',
      gap: mean(gapsBySession.get(sessionId) as number[]),
    }));
    drift = consensusDrift(points, driftOptions);
  }

  return { consensusMethod: method, expertId, units: totalsM.units, raters: totalsM.raters, calls, evaluators, totals, items, drift };
}
