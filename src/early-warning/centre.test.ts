import { describe, it, expect } from 'vitest';
import { watchCentre, type CentreRecord } from './centre.js';
import { EarlyWarningError } from './errors.js';

/** Agent X steady at 88 ± 2 all October and November; agent Y the same in October, then 70s in November. */
function records(): CentreRecord[] {
  const out: CentreRecord[] = [];
  for (let d = 1; d <= 30; d++) {
    for (const [agent, month] of [['X', '10'], ['X', '11'], ['Y', '10'], ['Y', '11']] as const) {
      const day = `2026-${month}-${String(d).padStart(2, '0')}`;
      const steady = d % 2 ? 90 : 86;
      out.push({ agentId: agent, id: `${agent}-${month}-${d}`, date: day, score: agent === 'Y' && month === '11' ? 76 : steady });
    }
  }
  return out;
}

describe('watchCentre', () => {
  it('estimates the team baseline from the first month only, and lists the agent in alarm first', () => {
    const w = watchCentre(records().reverse(), { failThreshold: 60 });
    // October: 60 scores alternating 86/90 → mean 88, every moving range 4 → σ̂ = 4/1.128 = 3.546.
    expect(w.referenceTo).toBe('2026-10-31');
    expect(w.team).toMatchObject({ mean: 88, points: 60, removed: 0 });
    expect(w.team?.sigma).toBeCloseTo(4 / 1.128, 12);
    expect(w.agents.map((a) => a.agentId)).toEqual(['Y', 'X']);
    const y = w.agents[0];
    // Y's November at 76: lower CUSUM against 88 − 3.546 = 84.45 gains 8.45 a call, H = 3.5 × 3.546 = 12.41:
    // it signals at the second November call (16.9 > 12.41), index 31, on 2026-11-02.
    expect(y && 'report' in y ? y.report.status.alarm?.since : null).toMatchObject({ index: 31, date: '2026-11-02' });
    const x = w.agents[1];
    expect(x && 'report' in x ? x.report.status.inAlarm : null).toBe(false);
  });

  it('rejects a date that is not a calendar day', () => {
    expect(() => watchCentre(records(), { referenceTo: '2026-13-01' })).toThrow(EarlyWarningError);
  });
});
