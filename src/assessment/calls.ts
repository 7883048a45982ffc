/**
 * The per-call pass: every call is read once, checked (a record with a
 * string agentId and date and a finite score; a date in the period, read in
 * the centre's zone; an agent on the roster; a score on its component's scale
 * that can be summed exactly) and its score added to its agent's qa sums in
 * the roster, or excluded with the reason. Scores are summed as whole
 * thousandths (exact for published scores of up to three decimals); others
 * are summed exactly as Ratios, on the side. One call at a time
 * ({@link CallPass}), so an array and a stream of calls take the same path.
 */
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import { isoInstant, localDay } from '../periods/day-number.js';
import type { Period } from '../periods/index.js';
import type { CompiledComponent } from './load.js';
import type { Roster } from './roster.js';
import type { CallInput, ExcludedRecord } from './types.js';
import type { AssessmentIssueCode } from './issue-codes.js';

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
 * The per-call pass, one call at a time: {@link CallPass.add} checks a call (a
 * record with string agentId and date and a finite score, a date in the
 * period in the centre's zone, an agent on the roster, a score on the scale
 * that sums exactly) and adds its score to its agent's qa sums in the roster,
 * or excludes it with the reason; {@link CallPass.finish} flushes the last
 * run and returns the number of calls used. `assessAgents` feeds it an array
 * and the streaming `startAssessment` feeds it one record at a time, so both
 * go through this one path. It holds no call: a month of millions of calls
 * costs the roster's typed arrays and nothing more.
 *
 * This is the assessment's hot path (millions of calls): the checks are
 * inline, and a plan with one qa component reading every rubric (the common
 * case) skips the per-component matching and sums each run of one agent's
 * calls (exports usually list an agent's calls together) in two numbers,
 * added to the roster when the agent changes.
 *
 * @example
 * ```ts
 * const pass = new CallPass({ period, qa, roster, issues, excluded });
 * calls.forEach((c, i) => pass.add(c, i));
 * const used = pass.finish();
 * ```
 */
export class CallPass {
  readonly period: Period;
  readonly qa: readonly CompiledComponent[];
  readonly roster: Roster;
  readonly issues: Issue<AssessmentIssueCode>[];
  readonly excluded: ExcludedRecord[];
  /** Calls left out, by reason code (`usage.calls.byReason`). */
  readonly byReason: Record<string, number> = {};
  /** Calls used so far (flushed runs and exact scores). */
  private usedCalls = 0;
  private readonly qaMax: readonly number[];
  private readonly wants: readonly (string | undefined)[];
  private readonly oneQa: boolean;
  private readonly max0: number;
  private readonly first: number;
  private readonly last: number;
  // Exports often list an agent's calls together: the last agent found, and its run's sum in thousandths.
  private lastId: string | null = null;
  private agent = -1;
  private runMilli = 0;
  private runCount = 0;

  constructor(ctx: { period: Period; qa: readonly CompiledComponent[]; roster: Roster; issues: Issue<AssessmentIssueCode>[]; excluded: ExcludedRecord[] }) {
    this.period = ctx.period;
    this.qa = ctx.qa;
    this.roster = ctx.roster;
    this.issues = ctx.issues;
    this.excluded = ctx.excluded;
    this.qaMax = ctx.qa.map((c) => c.max.toNumber());
    this.wants = ctx.qa.map((c) => (c.def as { rubric?: string }).rubric);
    this.oneQa = ctx.qa.length === 1 && this.wants[0] === undefined;
    this.max0 = this.qaMax[0] ?? 0;
    this.first = localDay(ctx.period.firstDay);
    this.last = localDay(ctx.period.lastDay);
  }

  /** Leaves call `i` out with the reason (listed in `excluded`, counted in `byReason`). */
  exclude(i: number, c: Partial<CallInput> | null, code: ExcludedRecord['code'], message: string): void {
    this.byReason[code] = (this.byReason[code] ?? 0) + 1;
    const r: { -readonly [K in keyof ExcludedRecord]: ExcludedRecord[K] } = { kind: 'call', index: i, code, message };
    if (typeof c?.id === 'string') r.id = c.id;
    if (typeof c?.agentId === 'string') r.agentId = c.agentId;
    this.excluded.push(r);
  }

  /** The current run of one agent's calls, added to the roster. */
  private flush(): void {
    if (this.runCount > 0) {
      const { roster } = this;
      const a = this.agent;
      const slot = a * roster.qa;
      roster.milli[slot]! += this.runMilli;
      roster.count[slot]! += this.runCount;
      roster.calls[a]! += this.runCount;
      this.usedCalls += this.runCount;
      this.runMilli = 0;
      this.runCount = 0;
    }
  }

  /**
   * Reads call number `i` (its index in the input, for `excluded` and issue paths).
   */
  // Longer than 80 lines on purpose: the per-call checks are inline in one method (2 M calls a month),
  // and each refusal is its own small function above, so the method reads as the list of checks.
  add(call: unknown, i: number): void {
    const c = call as CallInput | null | undefined;
    if (typeof c !== 'object' || c === null) {
      refuseRecord(this, i);
      return;
    }
    const agentId = c.agentId;
    const date = c.date;
    const score = c.score;
    if (typeof agentId !== 'string' || typeof date !== 'string' || typeof score !== 'number' || !Number.isFinite(score)) {
      refuseFields(this, i, c);
      return;
    }
    // Period membership: a local date compares as a number (as its text
    // would); anything else is an instant, checked against [start, end).
    const day = localDay(date);
    if ((day < this.first || day > this.last) && refuseDate(this, i, c, date, day)) return;
    if (agentId !== this.lastId) {
      this.flush();
      this.lastId = agentId;
      this.agent = this.roster.index.get(agentId) ?? -1;
    }
    const agent = this.agent;
    if (agent < 0) {
      refuseUnknown(this, i, c, agentId);
      return;
    }
    const { qa, qaMax, wants, oneQa, max0 } = this;
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
      refuseOffScale(this, i, c, score, outOfRange, qaMax[outOfRange]!);
      return;
    }
    // Published scores have at most the rubric's decimals: sum them as whole thousandths.
    const m = Math.round(score * 1000);
    let exact: Ratio | null = null;
    if (!(m / 1000 === score && Math.abs(m) < 1e12)) {
      exact = exactScore(score);
      if (exact === null) {
        refuseTooPrecise(this, i, c, score);
        return;
      }
    }
    const { roster } = this;
    let counted = false;
    let mismatch = -1;
    if (oneQa) {
      if (maxScore !== undefined && maxScore !== max0) mismatch = 0;
      else if (exact === null) {
        this.runMilli += m;
        this.runCount++;
        return;
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
      if (mismatch >= 0) refuseScale(this, i, c, mismatch, qaMax[mismatch]!);
      else this.exclude(i, c, 'other_rubric', `scored with rubric ${rubricId ?? '(none)'}, which no qa component reads`);
      return;
    }
    roster.calls[agent]!++;
    this.usedCalls++;
  }

  /** Adds the last run to the roster and returns the number of calls used. */
  finish(): number {
    this.flush();
    return this.usedCalls;
  }
}
