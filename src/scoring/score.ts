/**
 * Scoring one call against a compiled rubric. Pure and synchronous: the same
 * rubric and evaluation always give a deep-equal CallScore.
 *
 * Order of operations (README, "Scoring rules"):
 *  1. each item's answer: the evaluator's, else derived from the transcript, else a default;
 *  2. section: Σ item points → cap → − penalties → floor; N/A items leave earned and possible
 *     (or earn full marks under the `full-marks` policy);
 *  3. total by the rubric's mode, renormalised over what applied;
 *  4. + bonus (capped); the final floor; fatal scopes: call → 0 (over the floor and any
 *     bonus), section → that section 0, flag → marked only;
 *  5. one rounding of every reported figure, from its exact value.
 */
import { inInterval, type Interval } from '../bands/interval.js';
import { matchesCondition } from '../conditions/conditions.js';
import { ArithmeticOverflowError, Ratio } from '../exact/rational.js';
import { checkBounds, EVALUATION_LIMITS } from '../issues/bounds.js';
import { CallqaError, type Issue } from '../issues/issues.js';
import { guard } from '../issues/safe.js';
import type { PhraseEvidence, PhraseTally } from '../phrases/index.js';
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import type { AnswerValue, Evaluation, Turn } from './evaluation.js';
import { answerLayout, NO_ANSWER, NO_LIMITS, OUT_OF_BOUNDS, parseEvaluation, readAnswer, type Answer } from './parse.js';
import type { AnswerSource, CallScore, Deduction, FatalHit, ItemEvidence, ItemScore, ItemStatus, SectionScore } from './types.js';
import { keepShared, sharedItem } from './shared-items.js';
import { applyMeasure, dropMeasureCascade, measureCall, timingsSound, type MeasureEvidence } from './measures.js';
import type { EvaluationIssueCode } from './issue-codes.js';

/**
 * Thrown by {@link scoreCall} when an evaluation does not fit its rubric;
 * `issues` lists every problem with its path (e.g. `answers.greeting`).
 *
 * @example
 * ```ts
 * try { scoreCall(rubric, evaluation); } catch (e) {
 *   if (e instanceof EvaluationError) console.error(e.issues);
 * }
 * ```
 */
export class EvaluationError extends CallqaError<EvaluationIssueCode> {
  constructor(issues: readonly Issue<EvaluationIssueCode>[]) {
    super('Invalid evaluation', issues);
    this.name = 'EvaluationError';
  }
}

/** The result of {@link safeScoreCall}. */
export type SafeScoreResult =
  | { readonly success: true; readonly score: CallScore }
  | { readonly success: false; readonly issues: readonly Issue<EvaluationIssueCode>[] };

const ZERO = Ratio.ZERO;
const KIND_EXPECTS: Record<string, string> = {
  'yes-no': 'true or false',
  levels: 'a level id',
  numeric: 'a number',
  scale: 'an integer on the scale',
  comment: 'a string',
  penalty: 'a count of occurrences (or true for one)',
  fatal: 'true (breached) or false',
};

interface ItemOutcome {
  status: ItemStatus;
  source: AnswerSource;
  value: AnswerValue | undefined;
  earned: Ratio;
  occurrences: number;
  deduction: Ratio;
  fatal: boolean;
  reason: string;
  answer: Answer | null;
}

function fmtR(x: Ratio): string {
  return x.d === 1 ? String(x.n) : x.toFixed(4).replace(/\.?0+$/, '');
}

/** Decides one item's outcome from its answer; pushes issues for answers that don't fit. */
function evaluateItem(
  item: CompiledItem,
  applies: boolean,
  answer: Answer | null | undefined,
  hits: PhraseTally<PhraseEvidence> | undefined,
  hasTranscript: boolean,
  rubric: Rubric,
  issues: Issue<EvaluationIssueCode>[],
  out: ItemOutcome,
): ItemOutcome {
  // One outcome per call, reset for each item (read before the next item is decided).
  out.status = 'scored';
  out.source = 'evaluator';
  out.value = answer?.value;
  out.earned = ZERO;
  out.occurrences = 0;
  out.deduction = ZERO;
  out.fatal = false;
  out.reason = '';
  out.answer = answer ?? null;
  if (answer === null) return out; // the answer itself was malformed; readAnswer reported it
  if (answer?.causes) {
    const allowed = item.rootCauses ?? rubric.rootCauses;
    answer.causes.forEach((c, ci) => {
      if (allowed && !allowed.has(c)) issues.push({ code: 'unknown_root_cause', path: ['answers', item.id, 'causes', ci], message: `root cause "${c}" is not declared for item "${item.id}"` });
    });
  }
  if (item.kind === 'comment') {
    out.status = 'comment';
    if (answer && answer.value !== null && typeof answer.value !== 'string') {
      issues.push({ code: 'invalid_answer_kind', path: ['answers', item.id], message: `item "${item.id}" expects ${KIND_EXPECTS.comment}` });
    }
    if (answer === undefined && item.required && applies) issues.push({ code: 'missing_answer', path: ['answers', item.id], message: `item "${item.id}" is required` });
    out.reason = 'comment';
    return out;
  }
  if (!applies && answer === undefined) {
    out.status = 'not-applicable';
    out.source = 'default';
    out.reason = 'condition not met';
    return out;
  }
  if (!applies) {
    // An answer to an item that does not apply is still checked (a CRM sending garbage should
    // hear about it), then set aside: it earns, deducts and fails nothing.
    evaluateItem(item, true, answer, undefined, false, rubric, issues, out);
    out.status = 'not-applicable';
    out.earned = ZERO;
    out.deduction = ZERO;
    out.occurrences = 0;
    out.fatal = false;
    out.reason = 'condition not met';
    return out;
  }

  let value: AnswerValue | undefined = answer?.value;
  if (answer === undefined) {
    if (item.phrases && hasTranscript) {
      out.source = 'transcript';
      const n = hits?.count ?? 0;
      if (item.kind === 'yes-no') {
        const need = item.phrases.match ?? 'any';
        const found = new Set(hits?.phrases);
        value = need === 'any' ? n > 0 : item.phrases.phrases.every((p) => found.has(p));
        out.reason = value ? `required phrase found: ${[...found].join('、')}` : `required phrase missing: ${item.phrases.phrases.filter((p) => !found.has(p)).join('、')}`;
      } else if (item.kind === 'penalty') value = n;
      else if (item.kind === 'fatal') value = n > 0;
    } else if (item.required) {
      issues.push({
        code: 'missing_answer',
        path: ['answers', item.id],
        message: item.phrases ? `item "${item.id}" needs an answer or a transcript to match its phrases` : `item "${item.id}" needs an answer`,
      });
      return out;
    } else {
      out.source = 'default';
      if (item.kind === 'penalty') value = 0;
      else if (item.kind === 'fatal') value = false;
      else value = null; // an optional scoring item left blank is N/A
    }
  }
  out.value = value;

  if (value === null) {
    if (!item.naAllowed && out.source === 'evaluator') {
      issues.push({ code: 'na_not_allowed', path: ['answers', item.id], message: `item "${item.id}" may not be answered N/A` });
      return out;
    }
    out.status = 'na';
    out.reason = 'N/A';
    return out;
  }


  switch (item.kind) {
    case 'yes-no': {
      if (typeof value !== 'boolean') return wrongKind(item, value, out, issues);
      out.earned = value ? item.yes : item.no;
      if (out.reason === '') out.reason = value ? 'yes' : 'no';
      break;
    }
    case 'levels': {
      if (typeof value !== 'string') return wrongKind(item, value, out, issues);
      const pts = item.levels?.get(value);
      if (pts === undefined) {
        issues.push({ code: 'unknown_level', path: ['answers', item.id], message: `"${value}" is not a level of item "${item.id}" (levels: ${[...(item.levels?.keys() ?? [])].join(', ')})` });
        return out;
      }
      out.earned = pts;
      out.reason = item.levelReasons?.get(value) ?? '';
      break;
    }
    case 'numeric': {
      if (typeof value !== 'number') return wrongKind(item, value, out, issues);
      const x = Ratio.from(value);
      if (item.domain && !inInterval(item.domain, x)) {
        issues.push({ code: 'out_of_range', path: ['answers', item.id], message: `${value} is outside ${item.domain.text}` });
        return out;
      }
      const hit = findRange(item, x);
      if (!hit) {
        issues.push({ code: 'out_of_range', path: ['answers', item.id], message: `${value} falls in none of item "${item.id}"'s ranges` });
        return out;
      }
      out.earned = hit.points;
      out.reason = `${value} in ${hit.range.text}: ${fmtR(hit.points)}`;
      break;
    }
    case 'scale': {
      const def = item.def as Extract<CompiledItem['def'], { kind: 'scale' }>;
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongKind(item, value, out, issues);
      if (value < def.scale.min || value > def.scale.max) {
        issues.push({ code: 'out_of_range', path: ['answers', item.id], message: `${value} is outside the scale ${def.scale.min}–${def.scale.max}` });
        return out;
      }
      out.earned = Ratio.of(value - def.scale.min, def.scale.max - def.scale.min).mul(item.max);
      out.reason = `${value} on ${def.scale.min}–${def.scale.max}`;
      break;
    }
    case 'penalty': {
      let count: number;
      if (typeof value === 'boolean') count = value ? 1 : 0;
      else if (typeof value === 'number' && Number.isInteger(value) && value >= 0) count = value;
      else return wrongKind(item, value, out, issues);
      const counted = item.maxOccurrences !== null ? Math.min(count, item.maxOccurrences) : count;
      const ded = penaltyDeduction(item, counted);
      if (ded === null) {
        issues.push({ code: 'too_large', path: ['answers', item.id], message: `${count} occurrences × ${fmtR(item.perOccurrence)} points is too large a deduction to be held exactly` });
        return out;
      }
      out.occurrences = count;
      out.deduction = ded;
      out.earned = ded.neg();
      out.reason =
        count === 0
          ? 'none'
          : `${count} occurrence${count === 1 ? '' : 's'} × −${fmtR(item.perOccurrence)}${counted !== count || (item.maxDeduction && ded.eq(item.maxDeduction)) ? `, capped at −${fmtR(ded)}` : ''}`;
      break;
    }
    case 'fatal': {
      if (typeof value !== 'boolean') return wrongKind(item, value, out, issues);
      out.fatal = value;
      out.reason = value ? 'breach' : 'no breach';
      return out;
    }
  }
  if (item.fatalScope !== null && item.autoFailWhen.includes(value)) {
    out.fatal = true;
    out.reason += ' (auto-fail)';
  }
  return out;
}

/**
 * count × perOccurrence, capped at maxDeduction. The cap is decided first, by an
 * exact BigInt comparison, so a huge count (a transcript full of 喂) under a cap
 * never forms the product; without a cap, a product beyond safe integers is null.
 * (A count of 0 is kept per rubric, shared-items.ts: this runs for counts above 0.)
 */
function penaltyDeduction(item: CompiledItem, counted: number): Ratio | null {
  const p = item.perOccurrence;
  const cap = item.maxDeduction;
  if (cap !== null) {
    if (BigInt(counted) * BigInt(p.n) * BigInt(cap.d) >= BigInt(cap.n) * BigInt(p.d)) return cap;
  }
  try {
    return p.mul(Ratio.of(counted));
  } catch (e) {
    if (e instanceof ArithmeticOverflowError) return null;
    throw e;
  }
}

function wrongKind(item: CompiledItem, value: AnswerValue | undefined, out: ItemOutcome, issues: Issue<EvaluationIssueCode>[]): ItemOutcome {
  issues.push({ code: 'invalid_answer_kind', path: ['answers', item.id], message: `item "${item.id}" expects ${KIND_EXPECTS[item.kind]}, got ${JSON.stringify(value)}` });
  return out;
}

function findRange(item: CompiledItem, x: Ratio): { readonly range: Interval; readonly points: Ratio } | undefined {
  for (const rg of item.ranges ?? []) if (inInterval(rg.range, x)) return rg;
  return undefined;
}

/**
 * Scores a call, returning every problem with the evaluation instead of throwing.
 *
 * @example
 * ```ts
 * const res = safeScoreCall(rubric, evaluation);
 * if (res.success) console.log(res.score.score);
 * else console.error(res.issues);
 * ```
 */
export function safeScoreCall(rubric: Rubric, evaluation: Evaluation | unknown): SafeScoreResult {
  // The last line of defence: whatever was not foreseen becomes an issue (code internal), never a throw.
  return guard<SafeScoreResult, EvaluationIssueCode>(() => scoreChecked(rubric, evaluation));
}

/** A compiled rubric has its items in a Map (a rubric's JSON, passed by mistake, does not). */
function isCompiledRubric(r: unknown): boolean {
  return typeof r === 'object' && r !== null && (r as { items?: unknown }).items instanceof Map && Array.isArray((r as { sections?: unknown }).sections);
}

function scoreChecked(rubric: Rubric, evaluation: unknown): SafeScoreResult {
  if (!isCompiledRubric(rubric)) {
    return { success: false, issues: [{ code: 'not_a_rubric', path: [], message: 'the rubric must be a compiled rubric from loadRubric (not its JSON)' }] };
  }
  // One walk reads the evaluation and checks its bounds; only an input past a bound is walked again, for the paths.
  let issues: Issue<EvaluationIssueCode>[] = [];
  const layout = answerLayout(rubric);
  let ev = parseEvaluation(evaluation, issues, layout);
  if (ev === OUT_OF_BOUNDS) {
    const bounds = checkBounds(evaluation, EVALUATION_LIMITS);
    if (bounds.length > 0) return { success: false, issues: bounds };
    issues = [];
    ev = parseEvaluation(evaluation, issues, layout, NO_LIMITS);
  }
  if (ev === null || ev === OUT_OF_BOUNDS) return { success: false, issues };

  // Answers: every key must name an item of this rubric.
  for (const key of ev.unknownAnswers) {
    issues.push({ code: 'unknown_item', path: ['answers', key], message: `"${key}" is not an item of rubric ${rubric.id}@${rubric.version}` });
  }

  // Transcript evidence, grouped by item, limited to each item's window: every hit
  // counted, the first PHRASE_EVIDENCE_LIMIT kept as evidence.
  let hitsByItem: Map<string, PhraseTally<PhraseEvidence>> | undefined;
  const hasTranscript = ev.hasTranscript;
  if (rubric.matcher && ev.transcript) {
    hitsByItem = new Map();
    const turns = ev.transcript;
    let agentTurns: number[] | null = null;
    // Each windowed item's allowed turns, made once per call (not per hit).
    const allowedTurns = new Map<string, Set<number>>();
    const inWindow = (ruleId: string, turn: number): boolean => {
      const win = rubric.items.get(ruleId)?.phrases?.window;
      if (!win) return true;
      let allowed = allowedTurns.get(ruleId);
      if (allowed === undefined) {
        agentTurns ??= agentTurnIndices(turns, rubric.speakers);
        allowed = new Set(win.from === 'start' ? agentTurns.slice(0, win.turns) : agentTurns.slice(-win.turns));
        allowedTurns.set(ruleId, allowed);
      }
      return allowed.has(turn);
    };
    for (const t of rubric.matcher.tallyTranscript(turns, { speakers: rubric.speakers, include: inWindow })) {
      if (t.count > 0) hitsByItem.set(t.ruleId, t);
    }
  }

  // Measures of a timed transcript, for items with measure rules (only when its timings are sound).
  const input = evaluation as Record<string, unknown>; // an object: parseEvaluation checked it
  const measured = timingsSound(issues) ? measureCall(rubric, ev.transcript, input['events'], input['duration']) : null;
  const measures: MeasureEvidence[] = [];
  const mode = rubric.mode;
  const fullMarks = rubric.naPolicy === 'full-marks';
  const itemScores: ItemScore[] = [];
  const deductions: Deduction[] = [];
  const fatal: FatalHit[] = [];
  const evidence: ItemEvidence[] = [];
  const sections: Mutable<SectionScore>[] = [];
  const shares: Ratio[] = []; // each section's share of the total before scaling (0 when it dropped out)
  const weightedMode = mode === 'section-weighted';
  let totalE = ZERO;
  let totalP = ZERO;
  let callFatal = false;
  let bonus = ZERO;
  let critE = ZERO;
  let critP = ZERO;
  let nonE = ZERO;
  let nonP = ZERO;
  const dec = rubric.decimals;
  const rm = rubric.roundingMode;

  const outcome: ItemOutcome = { status: 'scored', source: 'evaluator', value: undefined, earned: ZERO, occurrences: 0, deduction: ZERO, fatal: false, reason: '', answer: null };
  // Items answered plainly take their kept outcome (shared-items.ts): whole points summed as integers.
  const shared = layout.shared;
  let critEU = 0;
  let critPU = 0;
  let nonEU = 0;
  let nonPU = 0;
  let slot = 0; // the item's place in the rubric: sections and items are walked in the layout's order
  for (let si = 0; si < rubric.sections.length; si++) {
    const sec = rubric.sections[si]!;
    const secItems = sec.items;
    const secApplies = sec.when === undefined || matchesCondition(sec.when, ev.attributes);
    let pos = ZERO;
    let possible = ZERO;
    let posU = 0;
    let possibleU = 0;
    let deducted = ZERO;
    let failed = false;
    const firstDeduction = deductions.length; // the section's deductions, dropped if it drops out
    const firstItem = itemScores.length;
    for (let ii = 0; ii < secItems.length; ii++) {
      const item = secItems[ii]!;
      const applies = secApplies && (item.when === undefined || matchesCondition(item.when, ev.attributes));
      const s = slot++;
      const raw = ev.answerSlots[s];
      const hits = hitsByItem?.get(item.id);
      const m = measured ? applyMeasure(item, measured, !applies || raw !== NO_ANSWER) : null;
      const plain = applies && hits === undefined && m === null;
      const kept = plain ? sharedItem(shared, s, raw) : undefined;
      if (kept !== undefined) {
        // Its points and possible points are whole (shared-items.ts), so the reported figures are the exact ones.
        posU += kept.points;
        possibleU += kept.possible;
        if (item.critical) {
          critEU += kept.points;
          critPU += kept.possible;
        } else {
          nonEU += kept.points;
          nonPU += kept.possible;
        }
        itemScores.push(kept);
        continue;
      }
      const issuesBefore = issues.length;
      const answer = raw === NO_ANSWER ? undefined : readAnswer(raw, item.id, issues);
      const decided = m?.decided ?? null;
      const o = evaluateItem(item, applies, decided ? { value: decided.value, note: undefined, causes: undefined } : answer, hits, hasTranscript, rubric, issues, outcome);
      if (decided) {
        o.source = 'measure';
        o.reason = `${decided.reason} → ${o.reason}`;
      }
      if (m) for (const e of m.evidence) measures.push(e);
      if (hits) for (const h of hits.hits) evidence.push(withItem(h, item.id, o.source === 'transcript'));

      // What the item contributes to earned and possible, in section units.
      let earnedHere = ZERO;
      let possibleHere = ZERO;
      let weighted: Ratio | null = null;
      let shown = ZERO; // the item's own points, as reported
      if (item.scoring || item.bonus) {
        // Bonus points are earned, never granted: N/A on a bonus item adds nothing, whatever the policy.
        const counts = o.status === 'scored' || (!item.bonus && (o.status === 'na' || o.status === 'not-applicable') && fullMarks);
        if (counts) {
          const e = o.status === 'scored' ? o.earned : item.max;
          shown = e;
          if (item.bonus) {
            bonus = bonus.add(e);
          } else {
            earnedHere = e;
            possibleHere = item.max;
            if (item.weight !== null) {
              weighted = e.mul(item.weight).div(item.max);
              earnedHere = weighted;
              possibleHere = item.weight;
            }
            if (item.critical) {
              critE = critE.add(e);
              critP = critP.add(item.max);
            } else {
              nonE = nonE.add(e);
              nonP = nonP.add(item.max);
            }
          }
        }
      } else if (item.kind === 'penalty') {
        shown = o.earned;
      }
      pos = pos.add(earnedHere);
      possible = possible.add(possibleHere);
      if (item.kind === 'penalty' && o.status === 'scored' && !o.deduction.isZero()) {
        deducted = deducted.add(o.deduction);
        deductions.push({
          itemId: item.id,
          sectionId: sec.id,
          points: o.deduction.neg().round(dec, rm),
          occurrences: o.occurrences,
          source: o.source,
          reason: o.reason,
        });
      }
      if (o.fatal && item.fatalScope) {
        fatal.push({ itemId: item.id, sectionId: sec.id, scope: item.fatalScope, source: o.source, reason: o.reason });
        if (item.fatalScope === 'call') callFatal = true;
        else if (item.fatalScope === 'section') failed = true;
      }
      const maxShown = item.max.round(dec, rm);
      const is: Mutable<ItemScore> = {
        id: item.id,
        sectionId: sec.id,
        kind: item.kind,
        status: o.status,
        source: o.source,
        answer: o.value,
        points: shown.round(dec, rm),
        possible: possibleHere.isZero() ? 0 : maxShown,
        max: maxShown,
        critical: item.critical,
        bonus: item.bonus,
        fatal: o.fatal,
        reason: o.status === 'na' && fullMarks ? 'N/A (full marks)' : o.reason,
      };
      if (weighted !== null) is.weighted = weighted.round(dec, rm);
      if (item.kind === 'penalty') {
        is.occurrences = o.occurrences;
      }
      if (o.answer?.note !== undefined) is.note = o.answer.note;
      if (o.answer?.causes !== undefined) is.causes = o.answer.causes;
      itemScores.push(is);
      // Decided by the answer alone: kept for the next call that gives it.
      if (plain && issues.length === issuesBefore && !o.fatal && o.deduction.isZero() && !item.bonus && item.weight === null) {
        keepShared(shared, item, s, raw, is, earnedHere.d === 1 && possibleHere.d === 1);
      }
    }
    if (posU !== 0) pos = pos.add(Ratio.of(posU));
    if (possibleU !== 0) possible = possible.add(Ratio.of(possibleU));

    let capped = false;
    if (sec.cap !== null) {
      if (pos.gt(sec.cap)) {
        pos = sec.cap;
        capped = true;
      }
      possible = possible.min(sec.cap);
    }
    if (failed && possible.isZero()) {
      // fail-section outranks N/A: the section counts, at zero, even if nothing else applied.
      possible = sec.fullPossible;
    }
    let earned = ZERO;
    let floored = false;
    if (possible.isZero()) {
      // Nothing here applied: the section drops out, and so do its penalties (they are not reported as deducted).
      deducted = ZERO;
    } else if (failed) {
      earned = ZERO;
    } else {
      earned = pos.sub(deducted);
      // The floor never lifts a section above what it could earn (N/A may have shrunk that).
      const floor = sec.floor.min(possible);
      if (earned.lt(floor)) {
        earned = floor;
        floored = true;
      }
    }
    const applicable = !possible.isZero();
    let share = ZERO;
    if (!applicable) {
      if (deductions.length > firstDeduction) deductions.length = firstDeduction;
      // A copy: a kept item score is shared (frozen).
      for (let k = firstItem; k < itemScores.length; k++) {
        const p = itemScores[k]!;
        if (p.kind === 'penalty') itemScores[k] = { ...p, status: 'not-applicable', points: 0, reason: 'nothing in its section applied' };
      }
    } else if (weightedMode) {
      // Totals, renormalised over the sections that applied.
      const weight = sec.weight ?? ZERO;
      share = earned.div(possible).mul(weight);
      totalP = totalP.add(weight);
    } else {
      share = earned;
      totalP = totalP.add(possible);
    }
    totalE = totalE.add(share);
    shares.push(share);
    // Its score (the share scaled to the final score) is set once the total is known.
    const ss: Mutable<SectionScore> = {
      id: sec.id,
      applicable,
      earned: earned.round(dec, rm),
      possible: possible.round(dec, rm),
      score: 0,
      capped,
      floored,
      failed,
      deducted: deducted.round(dec, rm),
    };
    if (sec.weight !== null) ss.weight = sec.weight.round(dec, rm);
    sections.push(ss);
  }

  dropMeasureCascade(issues, rubric);
  if (issues.length > 0) return { success: false, issues };
  if (totalP.isZero()) {
    return { success: false, issues: [{ code: 'nothing_applicable', path: ['answers'], message: 'every scoring item is N/A or not applicable: there is nothing to score' }] };
  }
  const factor = rubric.maxScore.div(totalP);
  if (rubric.bonusCap !== null) bonus = bonus.min(rubric.bonusCap);
  // A call-scope fatal outranks everything: the call scores 0 and no bonus is added.
  if (callFatal) bonus = ZERO;
  let raw = totalE.mul(factor).add(bonus);
  if (raw.lt(rubric.floor)) raw = rubric.floor;
  const final = callFatal ? ZERO : raw;

  if (!callFatal) for (let i = 0; i < sections.length; i++) sections[i]!.score = shares[i]!.roundTimes(factor, dec, rm);

  critE = critE.add(Ratio.of(critEU));
  critP = critP.add(Ratio.of(critPU));
  nonE = nonE.add(Ratio.of(nonEU));
  nonP = nonP.add(Ratio.of(nonPU));
  const rounded = final.roundToRatio(dec, rm);
  let grade: CallScore['grade'] = null;
  for (const g of rubric.grades) {
    if (inInterval(g.range, rounded)) {
      grade = { id: g.id, label: g.label, passing: g.passing };
      break;
    }
  }

  const score: Mutable<CallScore> = {
    id: ev.id,
    agentId: ev.agentId,
    date: ev.date,
    rubric: { id: rubric.id, version: rubric.version },
    score: final.round(dec, rm), // the double whose shortest printing is the rounded decimal (as Number(toFixed) gives)
    maxScore: rubric.maxScore.round(dec, rm),
    exactScore: final.toString(),
    grade,
    failed: fatal.length > 0 || (grade !== null && !grade.passing),
    fatal,
    criticalScore: critP.isZero() ? null : critE.div(critP).roundTimes(Ratio.HUNDRED, dec, rm),
    nonCriticalScore: nonP.isZero() ? null : nonE.div(nonP).roundTimes(Ratio.HUNDRED, dec, rm),
    bonus: bonus.round(dec, rm),
    sections,
    items: itemScores,
    deductions,
    evidence,
  };
  if (ev.evaluatorId !== undefined) score.evaluatorId = ev.evaluatorId;
  if (measured) score.measures = measures;
  return { success: true, score };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function withItem(h: PhraseEvidence, itemId: string, decided: boolean): ItemEvidence {
  const e: Mutable<ItemEvidence> = { ruleId: h.ruleId, phrase: h.phrase, start: h.start, end: h.end, turn: h.turn, speaker: h.speaker, snippet: h.snippet, itemId, decided };
  if (h.time !== undefined) e.time = h.time;
  return e;
}

function agentTurnIndices(turns: readonly Turn[], speakers: readonly string[]): number[] {
  const want = new Set(speakers.map((s) => s.toLowerCase()));
  const out: number[] = [];
  turns.forEach((t, i) => {
    if (want.has(t.speaker.toLowerCase())) out.push(i);
  });
  return out;
}

/**
 * Scores one evaluated call against a compiled rubric: the final score, the
 * grade, and a breakdown of every point earned, lost or not applicable, with
 * transcript evidence. Throws {@link EvaluationError} listing every problem.
 *
 * @example
 * ```ts
 * const rubric = loadRubric(json);
 * const s = scoreCall(rubric, {
 *   id: 'c-1', agentId: 'a-7', date: '2026-10-08',
 *   answers: { accurate: 'corrected', complete: true },
 * });
 * console.log(s.score, s.grade?.label);
 * ```
 */
export function scoreCall(rubric: Rubric, evaluation: Evaluation | unknown): CallScore {
  const res = safeScoreCall(rubric, evaluation);
  if (!res.success) throw new EvaluationError(res.issues);
  return res.score;
}
