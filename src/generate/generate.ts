/**
 * A reproducible synthetic contact centre: evaluations that fit a rubric, with
 * transcripts, and per-agent operational counts. Pure: the same options give
 * the same records, byte for byte, on every machine. Used by `callqa generate`,
 * the demo, the tests and the benchmarks.
 */
import { CallqaError, type Issue } from '../issues/issues.js';
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import type { Evaluation, Turn } from '../scoring/evaluation.js';
import { randomFor, type Random } from './random.js';
import { EN, NOTES_EN, NOTES_ZH, ZH_CN, type SentenceBank } from './text.js';
import { timedTranscript } from './timed.js';
import { ruleOf } from '../scoring/measures.js';
import type { CallEvent } from '../conversation/types.js';
import type { GenerateIssueCode } from './issue-codes.js';

/**
 * Options of {@link generateEvaluations} and {@link generateKpis}.
 *
 * @example
 * ```ts
 * const o: GenerateOptions = { agents: 20, calls: 300, seed: 7, month: '2026-10' };
 * ```
 */
export interface GenerateOptions {
  /** Number of agents (≥ 1). */
  readonly agents: number;
  /** Number of evaluated calls in the month, across all agents (≥ 0). */
  readonly calls: number;
  /** Any integer; the same seed gives the same centre. */
  readonly seed: number;
  /** `YYYY-MM`; default `2026-10`. */
  readonly month?: string;
  /** Attach a transcript to each call (default true). */
  readonly transcripts?: boolean;
  /**
   * Items with phrase rules: leave them to the transcript (`'transcript'`, the
   * default — what a speech-analytics feed does) or answer them too (`'answer'`).
   * Without transcripts they are always answered.
   */
  readonly phraseItems?: 'transcript' | 'answer';
  /** Agent turns between opening and closing: [min, max], default [3, 6]. */
  readonly turns?: readonly [number, number];
  /**
   * Timed transcripts (start and end on every turn, hold events, the call's
   * duration), default true; items with measure rules are then left to the
   * measures unless `phraseItems` is `'answer'`. False: turns carry a start only.
   */
  readonly timings?: boolean;
}

/**
 * One agent's operational counts for the month (the `--kpis` CSV).
 *
 * @example
 * ```ts
 * const row: KpiRow = generateKpis({ agents: 1, calls: 0, seed: 1 })[0]!;
 * row.answered + row.missed === row.offered; // true
 * ```
 */
export interface KpiRow {
  readonly agentId: string;
  readonly month: string;
  readonly offered: number;
  readonly answered: number;
  readonly missed: number;
  readonly talkSeconds: number;
  readonly holdSeconds: number;
  readonly afterCallWorkSeconds: number;
  readonly examScore: number;
  readonly upheldComplaints: number;
  /** Not-ready minutes for each day of the month (0 on days off). */
  readonly dailyNotReadyMinutes: readonly number[];
}

/**
 * Thrown for options that cannot describe a centre (e.g. 0 agents, month "2026-13").
 *
 * @example
 * ```ts
 * try { generateKpis({ agents: 0, calls: 0, seed: 1 }); } catch (e) { if (e instanceof GenerateError) console.error(e.issues); }
 * ```
 */
export class GenerateError extends CallqaError<GenerateIssueCode> {
  constructor(issues: readonly Issue<GenerateIssueCode>[]) {
    super('Invalid generate options', issues);
    this.name = 'GenerateError';
  }
}

const STREAM_AGENT = 1;
const STREAM_CALL = 2;
const STREAM_KPI = 3;

interface Month {
  readonly text: string;
  readonly days: number;
}

function checkOptions(o: GenerateOptions): Month {
  const issues: Issue<GenerateIssueCode>[] = [];
  if (!Number.isInteger(o.agents) || o.agents < 1) issues.push({ code: 'invalid_option', path: ['agents'], message: 'agents must be an integer ≥ 1' });
  if (!Number.isInteger(o.calls) || o.calls < 0) issues.push({ code: 'invalid_option', path: ['calls'], message: 'calls must be an integer ≥ 0' });
  if (!Number.isInteger(o.seed)) issues.push({ code: 'invalid_option', path: ['seed'], message: 'seed must be an integer' });
  const text = o.month ?? '2026-10';
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!m) issues.push({ code: 'invalid_option', path: ['month'], message: `month "${text}" is not YYYY-MM` });
  const t = o.turns ?? [3, 6];
  if (!(Number.isInteger(t[0]) && Number.isInteger(t[1]) && t[0] >= 0 && t[1] >= t[0])) {
    issues.push({ code: 'invalid_option', path: ['turns'], message: 'turns must be [min, max] integers with 0 ≤ min ≤ max' });
  }
  if (issues.length > 0 || !m) throw new GenerateError(issues);
  const days = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { text, days };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/**
 * The id of agent `index` (0-based) in a centre of `agents` agents: `A001`…
 *
 * @example
 * ```ts
 * agentId(0, 20); // 'A001'
 * ```
 */
export function agentId(index: number, agents: number): string {
  return `A${pad(index + 1, Math.max(3, String(agents).length))}`;
}

/** An agent's skill in [0.6, 0.97]: the chance of doing each thing right. */
function skillOf(seed: number, agent: number): number {
  return 0.6 + 0.37 * randomFor(seed, STREAM_AGENT, agent).float();
}

function levelAnswer(item: CompiledItem, r: Random, p: number): string {
  const levels = [...(item.levels?.entries() ?? [])].sort((a, b) => b[1].cmp(a[1]));
  const ids = levels.map(([id]) => id);
  if (ids.length === 0) return '';
  if (r.chance(p)) return ids[0] as string;
  return ids.length > 1 ? r.pick(ids.slice(1)) : (ids[0] as string);
}

function numericAnswer(item: CompiledItem, r: Random, p: number): number {
  const ranges = [...(item.ranges ?? [])].sort((a, b) => b.points.cmp(a.points));
  const chosen = ranges.length === 0 ? undefined : r.chance(p) ? ranges[0] : r.pick(ranges);
  if (!chosen) return 0;
  const { min, max, minInclusive, maxInclusive } = chosen.range;
  const lo = min !== null ? min.toNumber() : (max !== null ? max.toNumber() : 0) - 60;
  const hi = max !== null ? max.toNumber() : lo + 60;
  let a = Math.ceil(lo);
  let b = Math.floor(hi);
  if (a === lo && !minInclusive) a++;
  if (b === hi && !maxInclusive) b--;
  if (a <= b) return r.int(a, b);
  return (lo + hi) / 2; // a range narrower than one unit: its midpoint is inside it
}

interface Injection {
  turn: 'first' | 'last' | 'any';
  phrase: string;
}

/**
 * Synthetic evaluations for a rubric, lazily (a million records stream in
 * constant memory). Dates run through the month in order; each agent has a
 * skill level that drives their answers; transcripts carry the rubric's
 * required phrases most of the time and its forbidden ones occasionally.
 *
 * @example
 * ```ts
 * const rubric = loadRubric(json);
 * for (const ev of generateEvaluations(rubric, { agents: 5, calls: 50, seed: 1 })) {
 *   scoreCall(rubric, ev);
 * }
 * ```
 */
export function* generateEvaluations(rubric: Rubric, options: GenerateOptions): Generator<Evaluation> {
  const month = checkOptions(options);
  const withTranscript = options.transcripts ?? true;
  const leaveToTranscript = withTranscript && (options.phraseItems ?? 'transcript') === 'transcript';
  const timed = withTranscript && (options.timings ?? true);
  const [minTurns, maxTurns] = options.turns ?? [3, 6];
  const bank: SentenceBank = rubric.locale === 'en' ? EN : ZH_CN;
  const notes = rubric.locale === 'en' ? NOTES_EN : NOTES_ZH;
  const agentSpeaker = rubric.speakers[0] ?? 'agent';
  const skills = Array.from({ length: options.agents }, (_, a) => skillOf(options.seed, a));
  const evaluators = Math.max(1, Math.ceil(options.agents / 20));
  const items = [...rubric.items.values()];
  const width = Math.max(6, String(options.calls).length);
  const compactMonth = month.text.replace('-', '');

  for (let i = 0; i < options.calls; i++) {
    const r = randomFor(options.seed, STREAM_CALL, i);
    const agent = r.int(0, options.agents - 1);
    const p = skills[agent] ?? 0.8;
    const day = Math.floor((i * month.days) / Math.max(1, options.calls)) + 1;
    const answers: Record<string, string | number | boolean | null> = {};
    const injections: Injection[] = [];

    for (const item of items) {
      const phrases = item.phrases?.phrases ?? [];
      const win = item.phrases?.window;
      const where: Injection['turn'] = win ? (win.from === 'start' ? 'first' : 'last') : 'any';
      let injected = 0;
      if (withTranscript && phrases.length > 0) {
        if (item.kind === 'yes-no') {
          if (r.chance(p)) {
            const need = item.phrases?.match === 'all' ? phrases : [r.pick(phrases)];
            for (const ph of need) injections.push({ turn: where, phrase: ph });
            injected = 1;
          }
        } else if (item.kind === 'penalty') {
          if (r.chance((1 - p) * 0.5)) {
            injected = r.chance(0.2) ? 2 : 1;
            for (let k = 0; k < injected; k++) injections.push({ turn: where, phrase: r.pick(phrases) });
          }
        } else if (item.kind === 'fatal' && r.chance(0.002)) {
          injections.push({ turn: where, phrase: r.pick(phrases) });
          injected = 1;
        }
        if (leaveToTranscript) continue;
      }
      if (timed && leaveToTranscript && ruleOf(item)) continue; // left to the timed transcript's measures
      const transcriptDecided = withTranscript && phrases.length > 0;
      switch (item.kind) {
        case 'yes-no':
          answers[item.id] = item.naAllowed && r.chance(0.08) ? null : transcriptDecided ? injected > 0 : r.chance(p);
          break;
        case 'levels':
          answers[item.id] = item.naAllowed && r.chance(0.08) ? null : levelAnswer(item, r, p);
          break;
        case 'numeric':
          answers[item.id] = item.naAllowed && r.chance(0.08) ? null : numericAnswer(item, r, p);
          break;
        case 'scale': {
          const def = item.def as Extract<CompiledItem['def'], { kind: 'scale' }>;
          const span = def.scale.max - def.scale.min;
          const drop = Math.min(span, r.int(0, Math.round((1 - p) * span * 2)));
          answers[item.id] = item.naAllowed && r.chance(0.08) ? null : def.scale.max - drop;
          break;
        }
        case 'comment':
          if (r.chance(0.3)) answers[item.id] = r.pick(notes);
          break;
        case 'penalty':
          answers[item.id] = transcriptDecided ? injected : r.chance((1 - p) * 0.4) ? (r.chance(0.2) ? 2 : 1) : 0;
          break;
        case 'fatal':
          answers[item.id] = transcriptDecided ? injected > 0 : r.chance(0.003);
          break;
      }
    }

    const ev: {
      id: string;
      agentId: string;
      evaluatorId: string;
      date: string;
      answers: typeof answers;
      attributes: Record<string, string | number>;
      transcript?: Turn[];
      events?: CallEvent[];
      duration?: number;
    } = {
      id: `C${compactMonth}-${pad(i + 1, width)}`,
      agentId: agentId(agent, options.agents),
      evaluatorId: `QC${pad((agent % evaluators) + 1, 2)}`,
      date: `${month.text}-${pad(day, 2)}`,
      answers,
      attributes: {
        type: r.pick(['enquiry', 'enquiry', 'enquiry', 'billing', 'billing', 'complaint', 'sales']),
        durationSec: r.int(45, 900),
        hour: r.int(8, 21),
      },
    };
    if (withTranscript) {
      const lines = agentLines(r, bank, r.int(minTurns, maxTurns), injections);
      if (timed) {
        const tt = timedTranscript(r, bank, agentSpeaker, lines, p);
        ev.transcript = tt.transcript;
        ev.events = tt.events; // the telephony side reports its events, none included
        ev.duration = tt.duration;
      } else ev.transcript = untimedTranscript(r, bank, agentSpeaker, lines);
    }
    yield ev;
  }
}

/** The agent's lines: opening, `middle` lines, closing, with the injected phrases placed. */
function agentLines(r: Random, bank: SentenceBank, middle: number, injections: readonly Injection[]): string[] {
  const agentTurns: string[] = [r.pick(bank.opening)];
  for (let k = 0; k < middle; k++) agentTurns.push(r.pick(bank.agent));
  agentTurns.push(r.pick(bank.closing));
  for (const inj of injections) {
    const at = inj.turn === 'first' ? 0 : inj.turn === 'last' ? agentTurns.length - 1 : r.int(0, agentTurns.length - 1);
    const carried = inj.turn === 'any' ? r.pick(bank.carrier).replace('{}', inj.phrase) : inj.phrase;
    agentTurns[at] = inj.turn === 'last' ? `${agentTurns[at] ?? ''}${carried}` : `${carried}${agentTurns[at] ?? ''}`;
  }
  return agentTurns;
}

/** Turns with a start only, a customer reply between agent lines. */
function untimedTranscript(r: Random, bank: SentenceBank, agentSpeaker: string, agentTurns: readonly string[]): Turn[] {
  const turns: Turn[] = [];
  let t = 0;
  agentTurns.forEach((text, k) => {
    turns.push({ speaker: agentSpeaker, text, start: t });
    t += Math.round(text.length * 0.25 + r.int(1, 4));
    if (k < agentTurns.length - 1) {
      const c = r.pick(bank.customer);
      turns.push({ speaker: 'customer', text: c, start: t });
      t += Math.round(c.length * 0.25 + r.int(1, 4));
    }
  });
  return turns;
}

/**
 * Per-agent operational counts for the month: offered/answered/missed calls,
 * not-ready minutes per day, talk/hold/after-call-work seconds, exam score and
 * upheld complaints. Deterministic for (seed, agents, month).
 *
 * @example
 * ```ts
 * const rows = generateKpis({ agents: 3, calls: 0, seed: 7, month: '2026-10' });
 * rows[0]?.dailyNotReadyMinutes.length; // 31
 * ```
 */
export function generateKpis(options: GenerateOptions): KpiRow[] {
  const month = checkOptions(options);
  const [y, m] = month.text.split('-').map(Number) as [number, number];
  const rows: KpiRow[] = [];
  for (let a = 0; a < options.agents; a++) {
    const r = randomFor(options.seed, STREAM_KPI, a);
    const p = skillOf(options.seed, a);
    const offered = r.int(600, 1400);
    const missed = Math.round(offered * (1 - p) * r.float() * 0.6);
    const answered = offered - missed;
    const daily: number[] = [];
    for (let d = 1; d <= month.days; d++) {
      const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
      const off = weekday === 0 || (weekday === 6 && r.chance(0.5));
      daily.push(off ? 0 : r.chance((1 - p) * 0.5) ? r.int(31, 75) : r.int(0, 30));
    }
    rows.push({
      agentId: agentId(a, options.agents),
      month: month.text,
      offered,
      answered,
      missed,
      talkSeconds: answered * r.int(150, 320),
      holdSeconds: answered * r.int(5, 60),
      afterCallWorkSeconds: answered * r.int(20, 90),
      examScore: Math.min(100, Math.round(50 + 50 * p * (0.8 + 0.3 * r.float()))),
      upheldComplaints: r.chance(0.15) ? r.int(1, 2) : 0,
      dailyNotReadyMinutes: daily,
    });
  }
  return rows;
}

/**
 * The KPI rows as CSV columns: scalar fields as numbers, the daily minutes as
 * a JSON array (one cell, like transcripts in evaluation CSVs).
 *
 * @example
 * ```ts
 * KPI_COLUMNS[0]; // 'agentId'
 * ```
 */
export const KPI_COLUMNS = [
  'agentId',
  'month',
  'offered',
  'answered',
  'missed',
  'talkSeconds',
  'holdSeconds',
  'afterCallWorkSeconds',
  'examScore',
  'upheldComplaints',
  'dailyNotReadyMinutes',
] as const;
