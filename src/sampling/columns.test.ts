import { describe, expect, it } from 'vitest';
import { SampleColumnsBuilder, callIssues, collisionIndices, duplicateIdIssues, oversamplingWeight, priorities, type SampleColumns } from './columns.js';
import { uniformForId } from './hash.js';
import { selectFromColumns, selectSample } from './select.js';
import { PopulationProfile, balanceOfProfile, checkBalance } from './balance.js';
import type { CallRecord } from './types.js';

const call = (i: number): CallRecord => ({
  id: `c${i}`,
  agentId: `a${i % 7}`,
  date: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:30:00Z`,
  ...(i % 5 === 0 ? {} : { durationSec: (i * 37) % 900 }),
  type: ['enquiry', 'complaint', 'sales'][i % 3] as string,
  ...(i % 11 === 0 ? { groups: ['new-hire', 'night'] } : {}),
});
const calls = Array.from({ length: 3000 }, (_, i) => call(i));

describe('SampleColumnsBuilder', () => {
  it('keeps u, weight, agent and stratum per call through growth (3,000 calls > the first 1,024 slots)', () => {
    const cols = SampleColumnsBuilder.from(calls, { seed: 's', oversample: { 'new-hire': 2, night: 3 }, stratify: 'type' });
    expect(cols.size).toBe(3000);
    expect(cols.u[2999]).toBe(uniformForId('s', 'c2999'));
    // c2992 = 11 × 272 is in both groups: the larger factor, 3; c2993 is in none: 1.
    expect([cols.weight[2992], cols.weight[2993]]).toEqual([3, 1]);
    expect(cols.agents[cols.agent[2999] as number]).toBe('a3'); // 2999 = 7 × 428 + 3
    expect(cols.strata[cols.stratum?.[2999] as number]).toBe('sales'); // 2999 = 3 × 999 + 2 → the third type
  });

  it('oversamplingWeight: the largest factor of the declared groups, 1 when none applies', () => {
    const c = { id: 'x', agentId: 'a', date: '2026-10-01', groups: ['night', 'new-hire', 'other'] };
    expect(oversamplingWeight(c, { 'new-hire': 2, night: 0.5 })).toBe(2);
    expect(oversamplingWeight(c, { other: 0.5 })).toBe(0.5); // a factor below 1 applies too
    expect(oversamplingWeight(c, undefined)).toBe(1);
  });

  it('callIssues names each missing field of a call', () => {
    expect(callIssues({ id: '', agentId: '', date: 'soon' } as CallRecord, 4).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['required', 'population.4.id'],
      ['required', 'population.4.agentId'],
      ['invalid_date', 'population.4.date'],
    ]);
  });
});

describe('collisions and ties', () => {
  /** Three calls: 0 and 2 share u and weight (as a duplicate id or a hash collision would). */
  const cols: SampleColumns = {
    size: 3,
    u: Float64Array.from([0.25, 0.75, 0.25]),
    weight: Float64Array.from([1, 1, 1]),
    agent: Uint32Array.from([0, 0, 0]),
    agents: ['a'],
    stratum: null,
    strata: [],
  };

  it('collisionIndices lists the calls sharing a u or a priority', () => {
    expect(collisionIndices(cols, priorities(cols))).toEqual([0, 2]);
    // −ln(0.25)/1 = ln 4 ≈ 1.386 and −ln(0.75) ≈ 0.288: call 1 comes first.
    expect(Array.from(priorities(cols))).toEqual([Math.log(4), -Math.log(0.75), Math.log(4)]);
  });

  it('a tie on priority is broken by id, asking only for the tied calls', () => {
    const asked: number[] = [];
    const ids = ['zeta', 'mid', 'alpha'];
    const r = selectFromColumns(cols, { seed: 1, size: 2 }, (i) => {
      asked.push(i);
      return ids[i] as string;
    });
    // Call 1 (priority 0.288) first, then of the tie at ln 4 the smaller id: 'alpha' (call 2).
    expect(r.chosen).toEqual([1, 2]);
    expect(new Set(asked)).toEqual(new Set([0, 2]));
  });

  it('duplicateIdIssues reports every repeat after the first, in index order', () => {
    expect(duplicateIdIssues(new Map([[9, 'c1'], [2, 'c1'], [5, 'c2'], [7, 'c1']])).map((i) => i.path)).toEqual([
      ['population', 7, 'id'],
      ['population', 9, 'id'],
    ]);
  });
});

describe('the columns and the profile give the in-memory results', () => {
  it('selectFromColumns chooses the calls selectSample returns', () => {
    const options = { seed: 'q', size: 120, perAgent: { min: 3, max: 30 }, stratify: { by: 'type' as const }, oversample: { 'new-hire': 2 } };
    const cols = SampleColumnsBuilder.from(calls, { seed: 'q', oversample: options.oversample, stratify: 'type' });
    const { chosen } = selectFromColumns(cols, options, (i) => (calls[i] as CallRecord).id);
    expect(chosen.map((i) => (calls[i] as CallRecord).id).sort()).toEqual(selectSample(calls, options).calls.map((c) => c.id).sort());
    expect(chosen).toHaveLength(120);
  });

  it('balanceOfProfile equals checkBalance, and the profile counts by local hour and day', () => {
    const sample = calls.filter((_, i) => i % 13 === 0);
    const profile = new PopulationProfile('Asia/Shanghai');
    for (const c of calls) profile.add(c);
    expect(balanceOfProfile(profile, sample)).toEqual(checkBalance(calls, sample, { timeZone: 'Asia/Shanghai' }));
    // c0 is 2026-10-01T00:30Z = 08:30 in Shanghai (UTC+8); hours i mod 24 spread 3,000 calls as 125 per hour.
    expect(profile.localOf(calls[0] as CallRecord)).toEqual({ hour: 8, day: '2026-10-01' });
    expect(profile.hours.get(8)).toBe(125);
    // Durations: every call but each 5th (600 of them) has one.
    expect(profile.sortedDurations()).toHaveLength(2400);
  });
});
