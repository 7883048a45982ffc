import { describe, it, expect } from 'vitest';
import { checkBalance } from './balance.js';
import { SamplingError } from './errors.js';
import type { CallRecord } from './types.js';

/**
 * 20 calls in Asia/Shanghai (UTC+8), i = 0…19:
 * local hour 09:00 for i 0–3, 10:00 for 4–11, 14:00 for 12–17, 20:00 for 18–19 (volumes 4, 8, 6, 2);
 * 2024-05-01 for i 0–11, 2024-05-02 for 12–19; duration (i+1)·10 s; complaint when i % 4 = 0.
 */
function call(i: number): CallRecord {
  const hour = i < 4 ? 9 : i < 12 ? 10 : i < 18 ? 14 : 20;
  const day = i < 12 ? '01' : '02';
  return {
    id: `c${i}`,
    agentId: 'a',
    date: `2024-05-${day}T${String(hour).padStart(2, '0')}:00:00+08:00`,
    durationSec: (i + 1) * 10,
    type: i % 4 === 0 ? 'complaint' : 'enquiry',
  };
}
const population = Array.from({ length: 20 }, (_, i) => call(i));
// All six idle-hour calls plus four busy-hour ones; call 13 re-typed to 'sales', a type the population lacks.
const sample = [0, 1, 2, 3, 18, 19, 4, 5, 12, 13].map((i) => (i === 13 ? { ...call(i), type: 'sales' } : call(i)));

describe('checkBalance', () => {
  const report = checkBalance(population, sample, { timeZone: 'Asia/Shanghai' });
  const dim = (name: string) => report.dimensions.find((d) => d.dimension === name)!;

  it('hour: busy = local hours above the median volume; χ² by hand', () => {
    // Median of 2, 4, 6, 8 is 5 → busy hours 10 and 14 (14 calls, 0.7), idle 0.3.
    // Sample 4 busy, 6 idle; expected 7 and 3: χ² = 9/7 + 9/3 = 4.2857, df 1,
    // p = 2(1 − Φ(√4.2857 = 2.0702)) = 2 × 0.01922 = 0.0384 (normal table) → flagged.
    const h = dim('hour');
    expect(h.detail?.busyHours).toEqual([10, 14]);
    expect(h.categories.map((c) => [c.key, c.populationShare, c.sampleShare])).toEqual([['busy', 0.7, 0.4], ['idle', 0.3, 0.6]]);
    expect(h.chiSquare).toBeCloseTo(30 / 7, 10);
    expect(h.df).toBe(1);
    expect(h.pValue).toBeCloseTo(0.0384, 3);
    expect(h.maxAbsDeviation).toBeCloseTo(0.3, 10);
    expect(h.flagged).toBe(true);
  });

  it('uses the time zone: in UTC the same calls fall at hours 1, 2, 6 and 12', () => {
    expect(checkBalance(population, sample).dimensions[0]?.detail?.busyHours).toEqual([2, 6]);
  });

  it('day: busy 2024-05-01 (12 of 20); sample 6 of 10 → balanced', () => {
    const d = dim('day');
    expect(d.detail?.busyDays).toEqual(['2024-05-01']);
    expect(d.chiSquare).toBeCloseTo(0, 10);
    expect(d.pValue).toBeCloseTo(1, 10);
    expect(d.flagged).toBe(false);
  });

  it('length: tertiles 73.3 s and 136.7 s (type-7 quantiles of 10…200)', () => {
    // h = 19/3 = 6.33 → 70 + 0.33·10; h = 38/3 = 12.67 → 130 + 0.67·10.
    // Population short/medium/long 7/6/7; sample 6/1/3; expected 3.5/3/3.5:
    // χ² = 2.5²/3.5 + 2²/3 + 0.5²/3.5 = 1.7857 + 1.3333 + 0.0714 = 3.1905, df 2, p = e^{−1.5952} = 0.2029.
    const l = dim('length');
    expect(l.detail?.tertiles?.[0]).toBeCloseTo(220 / 3, 10);
    expect(l.detail?.tertiles?.[1]).toBeCloseTo(410 / 3, 10);
    expect(l.categories.map((c) => c.sampleCount)).toEqual([6, 1, 3]);
    expect(l.chiSquare).toBeCloseTo(3.190476, 5);
    expect(l.pValue).toBeCloseTo(0.2029, 4);
    expect(l.maxAbsDeviation).toBeCloseTo(0.25, 10);
    expect(l.flagged).toBe(true); // by the deviation, not by p
    expect(l.reasons).toHaveLength(1);
  });

  it('type: a category with zero expected is reported, not divided by', () => {
    // complaint 3 vs expected 2.5, enquiry 6 vs 7.5: χ² = 0.1 + 0.3 = 0.4, df 1,
    // p = 2(1 − Φ(0.6325)) = 2 × 0.2635 = 0.527; 'sales' has expected 0.
    const t = dim('type');
    const sales = t.categories.find((c) => c.key === 'sales');
    expect(sales).toMatchObject({ populationCount: 0, sampleCount: 1, expected: 0 });
    expect(t.unexpectedSampleCalls).toBe(1);
    expect(t.chiSquare).toBeCloseTo(0.4, 10);
    expect(t.pValue).toBeCloseTo(0.527, 3);
    expect(t.lowExpected).toBe(true);
    for (const c of t.categories) expect(Number.isFinite(c.deviation)).toBe(true);
  });

  it('excludes calls without a duration from the length dimension only', () => {
    const { durationSec: _omit, ...noDuration } = call(0);
    const r = checkBalance([...population.slice(1), noDuration], sample.slice(1));
    expect(r.dimensions.find((d) => d.dimension === 'length')?.excluded).toEqual({ population: 1, sample: 0 });
  });

  it('rejects an empty population or sample, a bad time zone and bad dates', () => {
    expect(() => checkBalance([], sample)).toThrow(SamplingError);
    expect(() => checkBalance(population, [])).toThrow(/empty_sample/);
    expect(() => checkBalance(population, sample, { timeZone: 'Mars/Olympus' })).toThrow(/invalid_time_zone/);
    expect(() => checkBalance([{ ...call(0), date: 'soon' }], sample)).toThrow(/invalid_date/);
  });
});
