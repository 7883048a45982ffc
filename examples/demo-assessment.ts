/**
 * The demo's monthly assessment: a reproducible sample centre (eight agents in
 * two teams, a month of evaluated calls and KPI counts from src/generate),
 * scored with the bundled seven-section rubric and assessed with the bundled
 * seed plan (rubrics/monthly-assessment.zh-CN.json).
 */
import { readFileSync } from 'node:fs';
import { assessAgents, formatAssessment, loadPlan, type CallInput, type MetricsRecord } from '../src/assessment/index.js';
import { generateEvaluations, generateKpis } from '../src/generate/index.js';
import type { Locale } from '../src/localize/localize.js';
import { loadRubric } from '../src/rubric/load.js';
import { safeScoreCall } from '../src/scoring/score.js';

const json = (file: string): unknown => JSON.parse(readFileSync(new URL(`../rubrics/${file}`, import.meta.url), 'utf8'));

/**
 * Builds the sample centre's October 2026, assesses it and returns the table.
 *
 * @example
 * ```ts
 * console.log(demoAssessment('zh-CN'));
 * ```
 */
export function demoAssessment(locale: Locale): string {
  const rubric = loadRubric(json('callcenter-qc-7.zh-CN.json'));
  const plan = loadPlan(json('monthly-assessment.zh-CN.json'));
  const options = { agents: 8, calls: 80, seed: 2026, month: '2026-10' };
  const calls: CallInput[] = [];
  for (const ev of generateEvaluations(rubric, options)) {
    const r = safeScoreCall(rubric, ev);
    if (r.success) calls.push(r.score);
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
  const result = assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls, metrics, team });
  return formatAssessment(result, { locale, plan });
}
