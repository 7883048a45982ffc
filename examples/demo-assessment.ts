/**
 * The demo's monthly assessment: the bundled sample centre (eight agents in
 * two teams, a month of evaluated calls and KPI counts from src/generate, see
 * sample-centre.ts), scored with the bundled seven-section rubric and assessed
 * with the bundled seed plan (rubrics/monthly-assessment.zh-CN.json).
 */
import { assessAgents, formatAssessment } from '../src/assessment/index.js';
import type { Locale } from '../src/localize/localize.js';
import { sampleCentre } from './sample-centre.js';

/**
 * Builds the sample centre's October 2026, assesses it and returns the table.
 *
 * @example
 * ```ts
 * console.log(demoAssessment('zh-CN'));
 * ```
 */
export function demoAssessment(locale: Locale): string {
  const { plan, calls, metrics, team } = sampleCentre();
  const result = assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls, metrics, ...(team !== undefined ? { team } : {}) });
  return formatAssessment(result, { locale, plan });
}
