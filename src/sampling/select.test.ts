import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { selectSample } from './select.js';
import { SamplingError } from './errors.js';
import type { CallRecord } from './types.js';

/** 10 agents × 40 calls over May 2024; agent a0 and a1 are new hires; types cycle. */
function population(): CallRecord[] {
  const out: CallRecord[] = [];
  for (let a = 0; a < 10; a++) {
    for (let i = 0; i < 40; i++) {
      const day = 1 + ((i * 7 + a) % 28);
      out.push({
        id: `c-${a}-${i}`,
        agentId: `a${a}`,
        date: `2024-05-${String(day).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`,
        durationSec: 60 + ((i * 37 + a * 11) % 600),
        type: ['enquiry', 'enquiry', 'complaint', 'sales'][i % 4] as string,
        ...(a < 2 ? { groups: ['new-hire'] } : {}),
      });
    }
  }
  return out;
}

const ids = (calls: readonly CallRecord[]): string[] => calls.map((c) => c.id);

describe('selectSample', () => {
  const pop = population();

  it('is reproducible for a seed and differs between seeds', () => {
    const a = selectSample(pop, { seed: 'may', size: 40 });
    expect(ids(selectSample(pop, { seed: 'may', size: 40 }).calls)).toEqual(ids(a.calls));
    expect(ids(selectSample(pop, { seed: 'june', size: 40 }).calls)).not.toEqual(ids(a.calls));
    expect(a.n).toBe(40);
  });

  it('does not depend on the order of the records (any shuffle, any options)', () => {
    fc.assert(fc.property(fc.shuffledSubarray(pop, { minLength: pop.length, maxLength: pop.length }), fc.integer({ min: 0, max: 3 }), (shuffled, variant) => {
      const options = [
        { seed: 7, rate: 0.1 },
        { seed: 'x', size: 60, perAgent: { min: 5, max: 8 } },
        { seed: 'y', size: 30, stratify: { by: 'type' as const } },
        { seed: 'z', size: 50, oversample: { 'new-hire': 3 }, stratify: { by: 'agentId' as const } },
      ][variant]!;
      expect(ids(selectSample(shuffled, options).calls)).toEqual(ids(selectSample(pop, options).calls));
    }), { numRuns: 40 });
  });

  it('sorts the sample by date then id', () => {
    const s = selectSample(pop, { seed: 1, size: 50 }).calls;
    for (let i = 1; i < s.length; i++) {
      const d = Date.parse(s[i - 1]!.date) - Date.parse(s[i]!.date);
      expect(d < 0 || (d === 0 && s[i - 1]!.id < s[i]!.id)).toBe(true);
    }
  });

  it('rate 2% of 400 calls → ⌈8⌉ = 8', () => {
    expect(selectSample(pop, { seed: 1, rate: 0.02 }).n).toBe(8);
  });

  it('keeps every agent within 5–15 calls', () => {
    const s = selectSample(pop, { seed: 3, size: 100, perAgent: { min: 5, max: 15 } });
    expect(s.n).toBe(100);
    for (const a of s.agents) {
      expect(a.selected).toBeGreaterThanOrEqual(5);
      expect(a.selected).toBeLessThanOrEqual(15);
    }
    expect(s.agents.reduce((t, a) => t + a.selected, 0)).toBe(100);
  });

  it('raises n to meet the minimum and says so', () => {
    const s = selectSample(pop, { seed: 3, size: 20, perAgent: { min: 5 } });
    expect(s.n).toBe(50);
    expect(s.notes[0]?.code).toBe('raised_by_quota');
  });

  it('caps n at what the per-agent maximum allows and says so', () => {
    const s = selectSample(pop, { seed: 3, size: 200, perAgent: { max: 10 } });
    expect(s.n).toBe(100);
    expect(s.notes[0]?.code).toBe('capped');
  });

  it('stratifies proportionally: 200/100/100 by type, n 40 → 20/10/10', () => {
    const s = selectSample(pop, { seed: 5, size: 40, stratify: { by: 'type' } });
    expect(s.strata?.map((x) => [x.key, x.size, x.allocated, x.selected])).toEqual([
      ['complaint', 100, 10, 10],
      ['enquiry', 200, 20, 20],
      ['sales', 100, 10, 10],
    ]);
  });

  it('stratifies by Neyman allocation with the given σ', () => {
    // N_hσ_h: complaint 100·12 = 1200, enquiry 200·3 = 600, sales 100·6 = 600 → 20/10/10 of 40.
    const s = selectSample(pop, { seed: 5, size: 40, stratify: { by: 'type', method: 'neyman', sigma: { complaint: 12, enquiry: 3, sales: 6 } } });
    expect(s.strata?.map((x) => x.selected)).toEqual([20, 10, 10]);
  });

  it('oversamples declared groups', () => {
    // New hires are 80 of 400 calls (20%); with factor 4 each stratum (agent) weight is 4× —
    // proportional allocation by agent gives them 4·40/(2·160 + 8·40) = 160/640 = 25% each of n.
    const s = selectSample(pop, { seed: 9, size: 80, oversample: { 'new-hire': 4 }, stratify: { by: 'agentId' } });
    expect(s.strata?.filter((x) => x.key === 'a0' || x.key === 'a1').map((x) => x.selected)).toEqual([20, 20]);
    // Without strata the weighted ranking still favours them, clearly above their 20% share.
    const u = selectSample(pop, { seed: 9, size: 80, oversample: { 'new-hire': 4 } });
    expect(u.calls.filter((c) => c.groups?.includes('new-hire')).length).toBeGreaterThan(0.35 * 80);
  });

  it('rejects an empty population, duplicate ids, bad dates and contradictory options', () => {
    expect(() => selectSample([], { seed: 1, size: 1 })).toThrow(SamplingError);
    const dup = [pop[0]!, pop[0]!];
    expect(() => selectSample(dup, { seed: 1, size: 1 })).toThrow(/duplicate_id/);
    expect(() => selectSample([{ ...pop[0]!, date: 'yesterday' }], { seed: 1, size: 1 })).toThrow(/invalid_date/);
    expect(() => selectSample(pop, { seed: 1, size: 1, rate: 0.1 })).toThrow(/size_or_rate/);
    expect(() => selectSample(pop, { seed: 1, size: 10, perAgent: { min: 9, max: 3 } })).toThrow(/min_above_max/);
    expect(() => selectSample(pop, { seed: 1, size: 10, stratify: { by: 'type', method: 'neyman' } })).toThrow(/missing_sigma/);
  });
});
