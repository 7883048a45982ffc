/**
 * Call records the period and scale cannot hold: impossible or non-ISO dates
 * and scores off the qa scale are excluded as invalid with an issue at their
 * path, never used and never "outside the period".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { assessAgents, loadPlan, type CallInput } from '../../src/assessment/index.js';
import { seedPlanJson, validMetrics } from '../support/assessment.js';

const plan = loadPlan(seedPlanJson());
const metrics = validMetrics();

/** One call of A1 in October 2026 (Asia/Shanghai), plus the call under test at index 1. */
function run(call: Partial<CallInput>) {
  const calls = [{ id: 'ok', agentId: 'A1', date: '2026-10-05', score: 90 }, { id: 'x', agentId: 'A1', score: 90, ...call } as CallInput];
  return assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', metrics: { A1: metrics }, calls });
}

function expectInvalid(call: Partial<CallInput>, code: string, field: 'date' | 'score') {
  const r = run(call);
  expect(r.usage.calls.used, JSON.stringify(r.excluded)).toBe(1);
  expect(r.excluded).toEqual([expect.objectContaining({ kind: 'call', index: 1, code: 'invalid' })]);
  expect(r.issues.filter((i) => i.code === code).map((i) => i.path)).toEqual([['calls', 1, field]]);
}

describe('call dates: strict ISO, real calendar days', () => {
  it.each([
    // Legacy formats Date.parse reads in the server's zone; "(tz)" holds a "z".
    'Oct 31 2026 23:30 (tz)',
    'Sat Oct 31 2026 23:30:00 GMT+0800',
    '2026-10-31 23:30Z',
    '2026-10-31T23:30',
    '2026-10-31T23:30:00+08:00 ',
    // Impossible calendar days, as instants and as local dates.
    '2026-02-30T10:00Z',
    '2026-10-31T24:30Z',
    '2026-10-31T23:60Z',
    '2026-10-31T23:30+25:00',
    '2026-09-31',
    '2026-09-45',
    '2026-10-32',
    '2026-10-00',
    '2026-13-01',
  ])('%s is invalid_date', (date) => expectInvalid({ date }, 'invalid_date', 'date'));

  it.each([
    // 2026-10-31T23:30+08:00 is Shanghai's 31 October; 15:30Z is the same instant.
    ['2026-10-31T23:30:00+08:00', 2],
    ['2026-10-31T15:30Z', 2],
    ['2026-10-31T15:30:59.999z', 2],
    ['2026-10-31T23:30+0800', 2],
    // 16:00Z on the 31st is 00:00 on 1 November in Shanghai: outside.
    ['2026-10-31T16:00:00Z', 1],
    // 30 September 16:00Z is 1 October 00:00 in Shanghai: inside.
    ['2026-09-30T16:00Z', 2],
    ['2026-10-31', 2],
    ['2026-09-30', 1],
  ] as const)('%s → %i calls used', (date, used) => {
    const r = run({ date });
    expect(r.usage.calls.used).toBe(used);
    expect(r.issues.filter((i) => i.code === 'invalid_date')).toEqual([]);
  });
});

describe("the server's zone never reaches a call date", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });
  // Date.parse read this in the server's zone: used under Shanghai, outside_period under Los Angeles.
  it.each(['Asia/Shanghai', 'America/Los_Angeles', 'UTC'])('under TZ=%s a legacy date is invalid_date', (zone) => {
    process.env.TZ = zone;
    expectInvalid({ date: 'Oct 31 2026 23:30 (tz)' }, 'invalid_date', 'date');
    // 2026-10-31T23:30+08:00 is used wherever the server runs.
    expect(run({ date: '2026-10-31T23:30+08:00' }).usage.calls.used).toBe(2);
  });
});

describe('call scores: on the qa scale', () => {
  // The seed's qa component scores out of 100.
  it.each([-0.5, 100.5, 1000])('%s is out_of_range', (score) => expectInvalid({ date: '2026-10-06', score }, 'out_of_range', 'score'));
  it.each([0, 100])('%s is used', (score) => {
    const r = run({ date: '2026-10-06', score });
    expect(r.usage.calls.used).toBe(2);
    expect(r.issues.filter((i) => i.code === 'out_of_range')).toEqual([]);
  });
});
