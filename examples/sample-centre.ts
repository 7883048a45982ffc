/**
 * The bundled sample centre: eight agents in two teams, a month of evaluated
 * calls (src/generate, seed 2026) scored with the bundled seven-section rubric,
 * their KPI counts, last month (seed 2025) for the comparison, and one
 * calibration session (a QA lead and three evaluators re-scoring six of the
 * month's calls with fixed leanings: one harsh, one aligned, one lenient).
 * Everything is reproducible: the same call gives the same centre.
 */
import { readFileSync } from 'node:fs';
import { loadPlan, type MetricsRecord } from '../src/assessment/index.js';
import type { CalibrationRating } from '../src/calibration/index.js';
import { generateEvaluations, generateKpis, randomFor } from '../src/generate/index.js';
import type { ReportInput } from '../src/report/index.js';
import { loadRubric } from '../src/rubric/load.js';
import type { Rubric } from '../src/rubric/index.js';
import { safeScoreCall } from '../src/scoring/score.js';
import type { CallScore } from '../src/scoring/types.js';

const json = (file: string): unknown => JSON.parse(readFileSync(new URL(`../rubrics/${file}`, import.meta.url), 'utf8'));

/** The root cause the sample's evaluators tag, by section. */
const CAUSE_BY_SECTION: Readonly<Record<string, string>> = {
  information: 'knowledge-base',
  voice: 'training',
  language: 'coaching',
  attitude: 'coaching',
  understanding: 'training',
  answering: 'process',
  proactive: 'training',
};

/**
 * One month of the sample centre: scored calls, KPI records by agent, teams.
 *
 * @example
 * ```ts
 * const m = sampleMonth(rubric, '2026-10', 2026); // m.calls.length === 80
 * ```
 */
export function sampleMonth(rubric: Rubric, month: string, seed: number, agents = 8, calls = 80): { calls: CallScore[]; metrics: Record<string, MetricsRecord>; team: Record<string, string> } {
  const options = { agents, calls, seed, month };
  const scored: CallScore[] = [];
  const sectionOf = new Map([...rubric.items.values()].map((i) => [i.id, rubric.sections[i.sectionIndex]?.id ?? '']));
  for (const ev of generateEvaluations(rubric, options)) {
    // The evaluators tag a root cause on their answers, by section (the generator does not).
    const answers = Object.fromEntries(
      Object.entries(ev.answers).map(([id, a]) => {
        const cause = CAUSE_BY_SECTION[sectionOf.get(id) ?? ''];
        return [id, cause && (a === null || typeof a !== 'object') ? { value: a, causes: [cause] } : a];
      }),
    );
    const r = safeScoreCall(rubric, { ...ev, answers });
    if (r.success) scored.push(r.score);
  }
  const metrics: Record<string, MetricsRecord> = {};
  const team: Record<string, string> = {};
  generateKpis(options).forEach((row, i) => {
    // The generator's per-agent counts under src/kpis field names.
    metrics[row.agentId] = {
      missedCalls: row.missed,
      inboundCalls: row.offered,
      handled: row.answered,
      talkSeconds: row.talkSeconds,
      holdSeconds: row.holdSeconds,
      afterCallWorkSeconds: row.afterCallWorkSeconds,
      examScore: row.examScore,
      upheldComplaints: row.upheldComplaints,
      dailyNotReadyMinutes: row.dailyNotReadyMinutes,
    };
    team[row.agentId] = i % 2 === 0 ? 'T1' : 'T2';
  });
  return { calls: scored, metrics, team };
}

/** Evaluator leanings in the sample session, in points. */
const LEANING: readonly [string, number][] = [
  ['E01', -3],
  ['E02', 0],
  ['E03', 2.5],
];

/**
 * A calibration session on six of the month's calls: the QA lead's score is the
 * call's own, each evaluator's is it plus a leaning and up to ±1 point of noise.
 *
 * @example
 * ```ts
 * sampleCalibration(calls).length; // 24 (6 calls × 4 raters)
 * ```
 */
export function sampleCalibration(calls: readonly CallScore[]): CalibrationRating[] {
  const picked = calls.filter((_, i) => i % 13 === 0).slice(0, 6);
  const out: CalibrationRating[] = [];
  picked.forEach((c, k) => {
    out.push({ callId: c.id, evaluatorId: 'QA-lead', score: c.score, sessionId: '2026-10-S1', sessionDate: '2026-10-28' });
    LEANING.forEach(([id, lean], j) => {
      const noise = randomFor(2026, 40 + j, k).int(-10, 10) / 10;
      const score = Math.min(100, Math.max(0, Math.round((c.score + lean + noise) * 100) / 100));
      out.push({ callId: c.id, evaluatorId: id, score, sessionId: '2026-10-S1', sessionDate: '2026-10-28' });
    });
  });
  return out;
}

/**
 * The sample centre's October 2026 as report input.
 *
 * @example
 * ```ts
 * const html = renderReport(sampleCentre(), { locale: 'en' });
 * ```
 */
export function sampleCentre(): ReportInput {
  const rubric = loadRubric(json('callcenter-qc-7.zh-CN.json'));
  const plan = loadPlan(json('monthly-assessment.zh-CN.json'));
  const now = sampleMonth(rubric, '2026-10', 2026);
  const before = sampleMonth(rubric, '2026-09', 2025);
  return {
    rubric,
    plan,
    period: '2026-10',
    timeZone: 'Asia/Shanghai',
    calls: now.calls,
    metrics: now.metrics,
    team: now.team,
    previous: { period: '2026-09', calls: before.calls, metrics: before.metrics },
    calibration: { ratings: sampleCalibration(now.calls), options: { expertId: 'QA-lead' } },
    // Common = failed by at least 80% of the agents: in this generated centre nearly every item is missed by someone, so the default 30% would call everything common.
    problems: { commonShare: 0.8 },
  };
}
