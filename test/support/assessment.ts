/**
 * Test fixtures for monthly assessments: the bundled seed plan, and one
 * agent's month of KPI inputs that every metric of that plan accepts.
 */
import { readFileSync } from 'node:fs';

/** The bundled seed plan as JSON (a fresh copy each call, so a test may edit it). */
export function seedPlanJson(): any {
  return JSON.parse(readFileSync(new URL('../../rubrics/monthly-assessment.zh-CN.json', import.meta.url), 'utf8'));
}

/** A valid metrics record for the seed plan (a fresh object each call). */
export function validMetrics(): Record<string, number | number[]> {
  return {
    dailyNotReadyMinutes: [10, 20],
    missedCalls: 2,
    inboundCalls: 100,
    handled: 100,
    talkSeconds: 20000,
    afterCallWorkSeconds: 5000,
    examScore: 90,
    upheldComplaints: 0,
  };
}
