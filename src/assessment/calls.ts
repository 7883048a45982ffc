/**
 * The per-call pass: every call is read once, checked (a record with a
 * string agentId and date and a finite score; a date in the period, read in
 * the centre's zone; an agent on the roster; a score on its component's scale
 * that can be summed exactly) and its score added to its agent's qa sums in
 * the roster, or excluded with the reason. Scores are summed as whole
 * thousandths (exact for published scores of up to three decimals); others
 * are summed exactly as Ratios, on the side.
 */
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import { isoInstant, localDay } from '../periods/day-number.js';
import type { Period } from '../periods/index.js';
import type { CompiledComponent } from './load.js';
import type { Roster } from './roster.js';
import type { CallInput, ExcludedRecord } from './types.js';
import type { AssessmentIssueCode } from './issue-codes.js';

/** What {@link groupCalls} reads and where it reports. */
export interface CallPass {
  readonly period: Period;
  readonly qa: readonly CompiledComponent[];
  readonly roster: Roster;
  readonly issues: Issue<AssessmentIssueCode>[];
  readonly exclude: (i: number, c: Partial<CallInput> | null, code: ExcludedRecord['code'], message: string) => void;
}

function exactScore(score: number): Ratio | null {
  try {
    return Ratio.from(score);
  } catch {
    return null;
  }
}

// Why a call is left out. Each its own function: the loops below stay small, and
// both say exactly the same thing about the same call.

function refuseRecord(pass: CallPass, i: number): void {
  pass.exclude(i, null, 'invalid', 'not a call record');
  pass.issues.push({ code: 'invalid_record', path: ['calls', i], message: 'a call must be an object with agentId, date and score' });
}

function refuseFields(pass: CallPass, i: number, c: CallInput): void {
  const { agentId, date, score } = c as { agentId: unknown; date: unknown; score: unknown };
  const field = typeof agentId !== 'string' ? 'agentId' : typeof date !== 'string' ? 'date' : 'score';
  pass.exclude(i, c, 'invalid', `${field} is missing or invalid`);
  pass.issues.push({
    code: field === 'score' && typeof score === 'number' ? 'invalid_value' : 'required',
    path: ['calls', i, field],
    message: `call ${c.id ?? `#${i}`}: ${field} is missing or not a ${field === 'score' ? 'finite number' : 'string'}`,
  });
}

function badDate(pass: CallPass, i: number, c: CallInput, date: string): void {
  const msg = `date "${date}" is not a real YYYY-MM-DD day or an ISO date-time (YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM)`;
  pass.exclude(i, c, 'invalid', msg);
  pass.issues.push({ code: 'invalid_date', path: ['calls', i, 'date'], message: `call ${c.id ?? `#${i}`}: ${msg}` });
}

/**
 * Whether a call whose date is not a plain in-period day is left out (and
 * reported): a day outside the period, a malformed date, or an instant
 * outside the period's [start, end) in the centre's zone.
 */
function refuseDate(pass: CallPass, i: number, c: CallInput, date: string, day: number): boolean {
  const { period } = pass;
  if (day === -2) {
    badDate(pass, i, c, date);
    return true;
  }
  if (day >= 0) {
    pass.exclude(i, c, 'outside_period', `${date} is outside ${period.id} (${period.firstDay} – ${period.lastDay})`);
    return true;
  }
  const t = isoInstant(date);
  if (Number.isNaN(t)) {
    badDate(pass, i, c, date);
    return true;
  }
  if (t < period.start.getTime() || t >= period.end.getTime()) {
    pass.exclude(i, c, 'outside_period', `${date} is outside ${period.id} in ${period.timeZone}`);
    return true;
  }
  return false;
}

function refuseUnknown(pass: CallPass, i: number, c: CallInput, agentId: string): void {
  pass.exclude(i, c, 'unknown_agent', `agent ${agentId} is not on the roster`);
}

function refuseOffScale(pass: CallPass, i: number, c: CallInput, score: number, k: number, max: number): void {
  const msg = `score ${score} is outside the scale 0–${max} of the component "${pass.qa[k]!.id}"`;
  pass.exclude(i, c, 'invalid', msg);
  pass.issues.push({ code: 'out_of_range', path: ['calls', i, 'score'], message: `call ${c.id ?? `#${i}`}: ${msg}` });
}

function refuseTooPrecise(pass: CallPass, i: number, c: CallInput, score: number): void {
  // e.g. 32.230000000000004: float noise that no rubric publishes.
  pass.exclude(i, c, 'invalid', `score ${score} has too many digits to be used exactly`);
  pass.issues.push({ code: 'too_precise', path: ['calls', i, 'score'], message: `call ${c.id ?? `#${i}`}: score ${score} has too many digits to be used exactly; round it as its rubric does` });
}

function refuseScale(pass: CallPass, i: number, c: CallInput, k: number, max: number): void {
  pass.exclude(i, c, 'scale_mismatch', `the call is scored out of ${c.maxScore}, the component "${pass.qa[k]!.id}" out of ${max}`);
}

/**
 * The calls, in one pass: each is checked (a record with string agentId and
 * date and a finite score, a date in the period in the centre's zone, an agent
 * on the roster, a score on the scale that sums exactly) and its score added
 * to its agent's qa sums in the roster; the rest are excluded with the
 * reason. Returns the number of calls used. This loop is the assessment's hot
 * path (millions of calls): the checks are inline, and a plan with one qa
 * component reading every rubric (the common case) skips the per-component
 * matching and sums each run of one agent's calls in locals.
 */
// Longer than 80 lines on purpose: the per-call checks are inline in one loop (2 M calls a month),
// and each refusal is its own small function above, so the loop reads as the list of checks.
export function groupCalls(calls: readonly CallInput[], pass: CallPass): number {
  const { qa, roster } = pass;
  const agents = roster.index;
  const qaMax = qa.map((c) => c.max.toNumber());
  const wants = qa.map((c) => (c.def as { rubric?: string }).rubric);
  const oneQa = qa.length === 1 && wants[0] === undefined;
  const max0 = qaMax[0] ?? 0;
  const first = localDay(pass.period.firstDay);
  const last = localDay(pass.period.lastDay);
  // Exports often list an agent's calls together: remember the last agent found.
  let lastId: string | null = null;
  let agent: number | undefined;
  let used = 0;
  // One qa component: a run of the same agent's calls is summed in locals and
  // added to the roster when the agent changes (exports usually group calls by agent).
  let runMilli = 0;
  let runCount = 0;
  const flush = (): void => {
    if (runCount > 0) {
      const slot = agent! * roster.qa;
      roster.milli[slot]! += runMilli;
      roster.count[slot]! += runCount;
      roster.calls[agent!]! += runCount;
      runMilli = 0;
      runCount = 0;
    }
  };
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as CallInput | null | undefined;
    if (typeof c !== 'object' || c === null) {
      refuseRecord(pass, i);
      continue;
    }
    const agentId = c.agentId;
    const date = c.date;
    const score = c.score;
    if (typeof agentId !== 'string' || typeof date !== 'string' || typeof score !== 'number' || !Number.isFinite(score)) {
      refuseFields(pass, i, c);
      continue;
    }
    // Period membership: a local date compares as a number (as its text
    // would); anything else is an instant, checked against [start, end).
    const day = localDay(date);
    if ((day < first || day > last) && refuseDate(pass, i, c, date, day)) continue;
    if (agentId !== lastId) {
      flush();
      lastId = agentId;
      agent = agents.get(agentId);
    }
    if (agent === undefined) {
      refuseUnknown(pass, i, c, agentId);
      continue;
    }
    // A score off the scale would be clamped away only in the mean: refuse the
    // call before any bucket is touched (a plan may have several qa components).
    const maxScore = c.maxScore;
    const rubricId = oneQa ? undefined : (c.rubric?.id ?? c.rubricId);
    let outOfRange = -1;
    if (oneQa) {
      if ((maxScore === undefined || maxScore === max0) && (score < 0 || score > max0)) outOfRange = 0;
    } else {
      for (let k = 0; k < qa.length; k++) {
        const want = wants[k];
        if ((want !== undefined && rubricId !== want) || (maxScore !== undefined && maxScore !== qaMax[k])) continue;
        if (score < 0 || score > qaMax[k]!) {
          outOfRange = k;
          break;
        }
      }
    }
    if (outOfRange >= 0) {
      refuseOffScale(pass, i, c, score, outOfRange, qaMax[outOfRange]!);
      continue;
    }
    // Published scores have at most the rubric's decimals: sum them as whole thousandths.
    const m = Math.round(score * 1000);
    let exact: Ratio | null = null;
    if (!(m / 1000 === score && Math.abs(m) < 1e12)) {
      exact = exactScore(score);
      if (exact === null) {
        refuseTooPrecise(pass, i, c, score);
        continue;
      }
    }
    let counted = false;
    let mismatch = -1;
    if (oneQa) {
      if (maxScore !== undefined && maxScore !== max0) mismatch = 0;
      else if (exact === null) {
        runMilli += m;
        runCount++;
        used++;
        continue;
      } else {
        roster.add(agent, 0, m, exact);
        counted = true;
      }
    } else {
      for (let k = 0; k < qa.length; k++) {
        const want = wants[k];
        if (want !== undefined && rubricId !== want) continue;
        if (maxScore !== undefined && maxScore !== qaMax[k]) {
          mismatch = k;
          continue;
        }
        roster.add(agent, k, m, exact);
        counted = true;
      }
    }
    if (!counted) {
      if (mismatch >= 0) refuseScale(pass, i, c, mismatch, qaMax[mismatch]!);
      else pass.exclude(i, c, 'other_rubric', `scored with rubric ${rubricId ?? '(none)'}, which no qa component reads`);
      continue;
    }
    roster.calls[agent]!++;
    used++;
  }
  flush();
  return used;
}

