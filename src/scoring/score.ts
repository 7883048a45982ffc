/**
 * Scoring one call against a compiled rubric. Pure and synchronous: the same
 * rubric and evaluation always give a deep-equal CallScore.
 *
 * Order of operations (README, "Scoring rules"):
 *  1. each item's answer: the evaluator's, else derived from the transcript, else a default;
 *  2. section: Σ item points → cap → − penalties → floor; N/A items leave earned and possible
 *     (or earn full marks under the `full-marks` policy);
 *  3. total by the rubric's mode, renormalised over what applied;
 *  4. + bonus (capped); fatal scopes: call → 0, section → that section 0, flag → marked only;
 *  5. the final floor; one rounding of every reported figure.
 */
import { inInterval } from '../bands/interval.js';
import { matchesCondition, type AttributeValue } from '../conditions/conditions.js';
import { Ratio } from '../exact/rational.js';
import { CallqaError, type Issue, type PathSegment } from '../issues/issues.js';
import { localize } from '../localize/localize.js';
import type { PhraseEvidence } from '../phrases/index.js';
import type { CompiledItem, CompiledSection, Rubric } from '../rubric/compiled.js';
import type { AnswerValue, Evaluation, Turn } from './evaluation.js';
import type { AnswerSource, CallScore, Deduction, FatalHit, ItemEvidence, ItemScore, ItemStatus, SectionScore } from './types.js';

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
export class EvaluationError extends CallqaError {
  constructor(issues: readonly Issue[]) {
    super('Invalid evaluation', issues);
    this.name = 'EvaluationError';
  }
}

/** The result of {@link safeScoreCall}. */
export type SafeScoreResult =
  | { readonly success: true; readonly score: CallScore }
  | { readonly success: false; readonly issues: readonly Issue[] };

const ZERO = Ratio.ZERO;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d))?$/;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

interface ParsedEvaluation {
  id: string;
  agentId: string;
  evaluatorId: string | undefined;
  date: string;
  answers: Record<string, unknown>;
  attributes: Record<string, AttributeValue> | undefined;
  transcript: Turn[] | undefined;
}

/** Structural checks, hand-written because this runs once per call on the hot path. */
function parseEvaluation(ev: unknown, issues: Issue[]): ParsedEvaluation | null {
  if (!isPlainObject(ev)) {
    issues.push({ code: 'invalid_type', path: [], message: 'an evaluation must be an object' });
    return null;
  }
  const str = (k: string, required: boolean): string | undefined => {
    const v = ev[k];
    if (v === undefined) {
      if (required) issues.push({ code: 'required', path: [k], message: `${k} is required` });
      return undefined;
    }
    if (k === 'id' && typeof v === 'number' && Number.isInteger(v)) return String(v);
    if (typeof v !== 'string' || v === '') {
      issues.push({ code: 'invalid_type', path: [k], message: `${k} must be a non-empty string` });
      return undefined;
    }
    return v;
  };
  const id = str('id', true);
  const agentId = str('agentId', true);
  const evaluatorId = str('evaluatorId', false);
  const date = str('date', true);
  if (date !== undefined && !DATE_RE.test(date)) {
    issues.push({ code: 'invalid_date', path: ['date'], message: `date "${date}" is not YYYY-MM-DD or an ISO date-time with an offset` });
  }
  for (const k of Object.keys(ev)) {
    if (!['id', 'agentId', 'evaluatorId', 'date', 'answers', 'attributes', 'transcript'].includes(k)) {
      issues.push({ code: 'unknown_key', path: [k], message: `unknown key "${k}"` });
    }
  }
  const answers = ev['answers'];
  if (!isPlainObject(answers)) {
    issues.push({ code: answers === undefined ? 'required' : 'invalid_type', path: ['answers'], message: 'answers must be an object from item id to answer' });
  }
  let attributes: Record<string, AttributeValue> | undefined;
  const attrs = ev['attributes'];
  if (attrs !== undefined) {
    if (!isPlainObject(attrs)) issues.push({ code: 'invalid_type', path: ['attributes'], message: 'attributes must be an object' });
    else {
      for (const [k, v] of Object.entries(attrs)) {
        if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
          issues.push({ code: 'invalid_type', path: ['attributes', k], message: 'an attribute is a string, number or boolean' });
        }
      }
      attributes = attrs as Record<string, AttributeValue>;
    }
  }
  let transcript: Turn[] | undefined;
  const tr = ev['transcript'];
  if (tr !== undefined) {
    if (!Array.isArray(tr)) issues.push({ code: 'invalid_type', path: ['transcript'], message: 'transcript must be an array of turns' });
    else {
      tr.forEach((t: unknown, i) => {
        if (!isPlainObject(t) || typeof t['speaker'] !== 'string' || typeof t['text'] !== 'string') {
          issues.push({ code: 'invalid_type', path: ['transcript', i], message: 'a turn is { speaker: string, text: string, start?: number }' });
        } else if (t['start'] !== undefined && !(typeof t['start'] === 'number' && Number.isFinite(t['start']) && t['start'] >= 0)) {
          issues.push({ code: 'invalid_type', path: ['transcript', i, 'start'], message: 'start is seconds from the call’s start (≥ 0)' });
        }
      });
      transcript = tr as Turn[];
    }
  }
  if (id === undefined || agentId === undefined || date === undefined || !isPlainObject(answers)) return null;
  return { id, agentId, evaluatorId, date, answers, attributes, transcript };
}

interface Answer {
  value: AnswerValue;
  note: string | undefined;
  causes: string[] | undefined;
}

function readAnswer(raw: unknown, path: PathSegment[], issues: Issue[]): Answer | null {
  if (raw === null || typeof raw === 'boolean' || typeof raw === 'string') return { value: raw, note: undefined, causes: undefined };
  if (typeof raw === 'number') {
    if (Number.isFinite(raw)) return { value: raw, note: undefined, causes: undefined };
    issues.push({ code: 'invalid_answer_kind', path, message: 'a numeric answer must be finite' });
    return null;
  }
  if (isPlainObject(raw) && 'value' in raw) {
    const inner = readAnswer(raw['value'], [...path, 'value'], issues);
    if (!inner) return null;
    const note = raw['note'];
    const causes = raw['causes'];
    if (note !== undefined && typeof note !== 'string') issues.push({ code: 'invalid_type', path: [...path, 'note'], message: 'note must be a string' });
    if (causes !== undefined && !(Array.isArray(causes) && causes.every((c) => typeof c === 'string'))) {
      issues.push({ code: 'invalid_type', path: [...path, 'causes'], message: 'causes must be an array of strings' });
    }
    for (const k of Object.keys(raw)) {
      if (k !== 'value' && k !== 'note' && k !== 'causes') issues.push({ code: 'unknown_key', path: [...path, k], message: `unknown key "${k}"` });
    }
    return {
      value: inner.value,
      note: typeof note === 'string' ? note : undefined,
      causes: Array.isArray(causes) ? (causes as string[]) : undefined,
    };
  }
  issues.push({ code: 'invalid_answer_kind', path, message: 'an answer is true/false, a number, a string, null (N/A) or { value, note?, causes? }' });
  return null;
}

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
  hits: readonly PhraseEvidence[] | undefined,
  hasTranscript: boolean,
  rubric: Rubric,
  issues: Issue[],
): ItemOutcome {
  const path: PathSegment[] = ['answers', item.id];
  const out: ItemOutcome = {
    status: 'scored',
    source: 'evaluator',
    value: answer?.value,
    earned: ZERO,
    occurrences: 0,
    deduction: ZERO,
    fatal: false,
    reason: '',
    answer: answer ?? null,
  };
  if (answer?.causes) {
    const allowed = item.rootCauses ?? rubric.rootCauses;
    answer.causes.forEach((c, ci) => {
      if (allowed && !allowed.has(c)) issues.push({ code: 'unknown_root_cause', path: [...path, 'causes', ci], message: `root cause "${c}" is not declared for item "${item.id}"` });
    });
  }
  if (item.kind === 'comment') {
    out.status = 'comment';
    if (answer && answer.value !== null && typeof answer.value !== 'string') {
      issues.push({ code: 'invalid_answer_kind', path, message: `item "${item.id}" expects ${KIND_EXPECTS.comment}` });
    }
    if (answer === undefined && item.required && applies) issues.push({ code: 'missing_answer', path, message: `item "${item.id}" is required` });
    out.reason = 'comment';
    return out;
  }
  if (!applies) {
    out.status = 'not-applicable';
    out.source = answer === undefined ? 'default' : 'evaluator';
    out.reason = 'condition not met';
    return out;
  }

  let value: AnswerValue | undefined = answer?.value;
  if (answer === undefined) {
    if (item.phrases && hasTranscript) {
      out.source = 'transcript';
      const n = hits?.length ?? 0;
      if (item.kind === 'yes-no') {
        const need = item.phrases.match ?? 'any';
        const found = new Set((hits ?? []).map((h) => h.phrase));
        value = need === 'any' ? n > 0 : item.phrases.phrases.every((p) => found.has(p));
        out.reason = value ? `required phrase found: ${[...found].join('、')}` : `required phrase missing: ${item.phrases.phrases.filter((p) => !found.has(p)).join('、')}`;
      } else if (item.kind === 'penalty') value = n;
      else if (item.kind === 'fatal') value = n > 0;
    } else if (item.required) {
      issues.push({
        code: 'missing_answer',
        path,
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
      issues.push({ code: 'na_not_allowed', path, message: `item "${item.id}" may not be answered N/A` });
      return out;
    }
    out.status = 'na';
    out.reason = 'N/A';
    return out;
  }

  const wrong = (): ItemOutcome => {
    issues.push({ code: 'invalid_answer_kind', path, message: `item "${item.id}" expects ${KIND_EXPECTS[item.kind]}, got ${JSON.stringify(value)}` });
    return out;
  };

  switch (item.kind) {
    case 'yes-no': {
      if (typeof value !== 'boolean') return wrong();
      out.earned = value ? item.yes : item.no;
      if (out.reason === '') out.reason = value ? 'yes' : 'no';
      break;
    }
    case 'levels': {
      if (typeof value !== 'string') return wrong();
      const pts = item.levels?.get(value);
      if (pts === undefined) {
        issues.push({ code: 'unknown_level', path, message: `"${value}" is not a level of item "${item.id}" (levels: ${[...(item.levels?.keys() ?? [])].join(', ')})` });
        return out;
      }
      out.earned = pts;
      out.reason = `level "${value}": ${fmtR(pts)} of ${fmtR(item.max)}`;
      break;
    }
    case 'numeric': {
      if (typeof value !== 'number') return wrong();
      const x = Ratio.from(value);
      if (item.domain && !inInterval(item.domain, x)) {
        issues.push({ code: 'out_of_range', path, message: `${value} is outside ${item.domain.text}` });
        return out;
      }
      const hit = item.ranges?.find((rg) => inInterval(rg.range, x));
      if (!hit) {
        issues.push({ code: 'out_of_range', path, message: `${value} falls in none of item "${item.id}"'s ranges` });
        return out;
      }
      out.earned = hit.points;
      out.reason = `${value} in ${hit.range.text}: ${fmtR(hit.points)}`;
      break;
    }
    case 'scale': {
      const def = item.def as Extract<CompiledItem['def'], { kind: 'scale' }>;
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrong();
      if (value < def.scale.min || value > def.scale.max) {
        issues.push({ code: 'out_of_range', path, message: `${value} is outside the scale ${def.scale.min}–${def.scale.max}` });
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
      else return wrong();
      const counted = item.maxOccurrences !== null ? Math.min(count, item.maxOccurrences) : count;
      let ded = item.perOccurrence.mul(Ratio.of(counted));
      if (item.maxDeduction !== null) ded = ded.min(item.maxDeduction);
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
      if (typeof value !== 'boolean') return wrong();
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

interface SectionWork {
  sec: CompiledSection;
  earned: Ratio;
  possible: Ratio;
  capped: boolean;
  floored: boolean;
  failed: boolean;
  deducted: Ratio;
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
  const issues: Issue[] = [];
  const ev = parseEvaluation(evaluation, issues);
  if (!ev) return { success: false, issues };

  // Answers: every key must name an item of this rubric.
  const answers = new Map<string, Answer>();
  for (const key of Object.keys(ev.answers)) {
    const path = ['answers', key];
    if (!rubric.items.has(key)) {
      issues.push({ code: 'unknown_item', path, message: `"${key}" is not an item of rubric ${rubric.id}@${rubric.version}` });
      continue;
    }
    const a = readAnswer(ev.answers[key], path, issues);
    if (a) answers.set(key, a);
  }

  // Transcript evidence, grouped by item, limited to each item's window.
  const hitsByItem = new Map<string, PhraseEvidence[]>();
  const hasTranscript = ev.transcript !== undefined;
  if (rubric.matcher && ev.transcript) {
    const all = rubric.matcher.matchTranscript(ev.transcript, { speakers: rubric.speakers });
    let agentTurns: number[] | null = null;
    for (const h of all) {
      const item = rubric.items.get(h.ruleId);
      const win = item?.phrases?.window;
      if (win) {
        agentTurns ??= agentTurnIndices(ev.transcript, rubric.speakers);
        const allowed = win.from === 'start' ? agentTurns.slice(0, win.turns) : agentTurns.slice(-win.turns);
        if (!allowed.includes(h.turn)) continue;
      }
      let list = hitsByItem.get(h.ruleId);
      if (!list) hitsByItem.set(h.ruleId, (list = []));
      list.push(h);
    }
  }

  const mode = rubric.mode;
  const fullMarks = rubric.naPolicy === 'full-marks';
  const itemScores: ItemScore[] = [];
  const deductions: Deduction[] = [];
  const fatal: FatalHit[] = [];
  const evidence: ItemEvidence[] = [];
  const works: SectionWork[] = [];
  let callFatal = false;
  let bonus = ZERO;
  let critE = ZERO;
  let critP = ZERO;
  let nonE = ZERO;
  let nonP = ZERO;
  const dec = rubric.decimals;
  const rm = rubric.roundingMode;
  const round = (x: Ratio): number => x.round(dec, rm);

  for (const sec of rubric.sections) {
    const secApplies = sec.when === undefined || matchesCondition(sec.when, ev.attributes);
    let pos = ZERO;
    let possible = ZERO;
    let deducted = ZERO;
    let failed = false;
    for (const item of sec.items) {
      const applies = secApplies && (item.when === undefined || matchesCondition(item.when, ev.attributes));
      const answer = answers.get(item.id);
      const hits = hitsByItem.get(item.id);
      const o = evaluateItem(item, applies, answer, hits, hasTranscript, rubric, issues);
      if (hits) for (const h of hits) evidence.push({ ...h, itemId: item.id, decided: o.source === 'transcript' });

      // What the item contributes to earned and possible, in section units.
      let earnedHere = ZERO;
      let possibleHere = ZERO;
      let weighted: Ratio | null = null;
      if (item.scoring || item.bonus) {
        const counts = o.status === 'scored' || ((o.status === 'na' || o.status === 'not-applicable') && fullMarks);
        if (counts) {
          const e = o.status === 'scored' ? o.earned : item.max;
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
      }
      pos = pos.add(earnedHere);
      possible = possible.add(possibleHere);
      if (item.kind === 'penalty' && o.status === 'scored' && !o.deduction.isZero()) {
        deducted = deducted.add(o.deduction);
        deductions.push({
          itemId: item.id,
          sectionId: sec.id,
          points: round(o.deduction.neg()),
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
      const scoredPoints = item.kind === 'penalty' ? o.earned : o.status === 'scored' || (fullMarks && o.status !== 'comment') ? (o.status === 'scored' ? o.earned : item.max) : ZERO;
      const is: ItemScore = {
        id: item.id,
        sectionId: sec.id,
        kind: item.kind,
        status: o.status,
        source: o.source,
        answer: o.value,
        points: round(item.kind === 'fatal' || item.kind === 'comment' ? ZERO : scoredPoints),
        possible: round(item.bonus ? ZERO : possibleHere.isZero() ? ZERO : item.max),
        max: round(item.max),
        critical: item.critical,
        bonus: item.bonus,
        fatal: o.fatal,
        reason: o.status === 'na' && fullMarks ? 'N/A (full marks)' : o.reason,
        ...(weighted !== null ? { weighted: round(weighted) } : {}),
        ...(item.kind === 'penalty' ? { occurrences: o.occurrences } : {}),
        ...(o.answer?.note !== undefined ? { note: o.answer.note } : {}),
        ...(o.answer?.causes !== undefined ? { causes: o.answer.causes } : {}),
      };
      itemScores.push(is);
    }

    let capped = false;
    if (sec.cap !== null) {
      if (pos.gt(sec.cap)) {
        pos = sec.cap;
        capped = true;
      }
      possible = possible.min(sec.cap);
    }
    let earned = pos.sub(deducted);
    let floored = false;
    if (earned.lt(sec.floor)) {
      earned = sec.floor;
      floored = true;
    }
    if (failed) {
      // fail-section outranks N/A: the section counts, at zero, even if nothing else applied.
      earned = ZERO;
      if (possible.isZero()) possible = sec.fullPossible;
    }
    works.push({ sec, earned, possible, capped, floored, failed, deducted });
  }

  if (issues.length > 0) return { success: false, issues };

  // Totals, renormalised over the sections that applied.
  let totalE = ZERO;
  let totalP = ZERO;
  for (const w of works) {
    if (w.possible.isZero()) continue;
    if (mode === 'section-weighted') {
      totalE = totalE.add(w.earned.div(w.possible).mul(w.sec.weight ?? ZERO));
      totalP = totalP.add(w.sec.weight ?? ZERO);
    } else {
      totalE = totalE.add(w.earned);
      totalP = totalP.add(w.possible);
    }
  }
  if (totalP.isZero()) {
    return { success: false, issues: [{ code: 'nothing_applicable', path: ['answers'], message: 'every scoring item is N/A or not applicable: there is nothing to score' }] };
  }
  const factor = rubric.maxScore.div(totalP);
  let raw = totalE.mul(factor);
  if (rubric.bonusCap !== null) bonus = bonus.min(rubric.bonusCap);
  raw = raw.add(bonus);
  if (raw.lt(rubric.floor)) raw = rubric.floor;
  const final = callFatal ? ZERO : raw;

  const sections: SectionScore[] = works.map((w) => {
    const applicable = !w.possible.isZero();
    const contribution = !applicable
      ? ZERO
      : mode === 'section-weighted'
        ? w.earned.div(w.possible).mul(w.sec.weight ?? ZERO).mul(factor)
        : w.earned.mul(factor);
    return {
      id: w.sec.id,
      applicable,
      earned: round(w.earned),
      possible: round(w.possible),
      ...(w.sec.weight !== null ? { weight: round(w.sec.weight) } : {}),
      score: round(callFatal ? ZERO : contribution),
      capped: w.capped,
      floored: w.floored,
      failed: w.failed,
      deducted: round(w.deducted),
    };
  });

  const rounded = Ratio.from(final.toFixed(dec, rm));
  const band = rubric.grades.find((g) => inInterval(g.range, rounded));
  const grade = band ? { id: band.id, label: localize(band.def.label, rubric.locale), passing: band.passing } : null;
  const pct = (e: Ratio, p: Ratio): number | null => (p.isZero() ? null : round(e.div(p).mul(Ratio.HUNDRED)));

  const score: CallScore = {
    id: ev.id,
    agentId: ev.agentId,
    ...(ev.evaluatorId !== undefined ? { evaluatorId: ev.evaluatorId } : {}),
    date: ev.date,
    rubric: { id: rubric.id, version: rubric.version },
    score: round(final),
    maxScore: round(rubric.maxScore),
    exactScore: final.toString(),
    grade,
    failed: fatal.length > 0 || (grade !== null && !grade.passing),
    fatal,
    criticalScore: pct(critE, critP),
    nonCriticalScore: pct(nonE, nonP),
    bonus: round(bonus),
    sections,
    items: itemScores,
    deductions,
    evidence,
  };
  return { success: true, score };
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
