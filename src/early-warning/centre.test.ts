import { describe, it, expect } from 'vitest';
import { CentreCollector, watchCentre, type CentreRecord } from './centre.js';
import { detectDecline } from './detect.js';
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

describe('CentreCollector', () => {
  it('fed one record at a time, sorted or not, gives what watchCentre gives', () => {
    const sorted = records();
    // An interleaving that is neither sorted nor reversed: odd positions first, then even ones.
    const mixed = [...sorted.filter((_, i) => i % 2 === 1), ...sorted.filter((_, i) => i % 2 === 0)];
    const want = watchCentre(sorted, { failThreshold: 60 });
    for (const input of [sorted, mixed, [...sorted].reverse()]) {
      const c = new CentreCollector();
      for (const r of input) c.add(r);
      expect(c.size).toBe(120);
      expect(c.watch({ failThreshold: 60 })).toEqual(want);
    }
  });

  it('keeps equal (date, id) pairs in arrival order, as a stable sort does', () => {
    const c = new CentreCollector();
    // Two evaluations with the same date and id (a re-evaluation): 70 then 90, out of date order with a third.
    for (const r of [{ agentId: 'A', id: 'e2', date: '2026-10-02', score: 70 }, { agentId: 'A', id: 'e2', date: '2026-10-02', score: 90 }, { agentId: 'A', id: 'e1', date: '2026-10-01', score: 80 }]) c.add(r);
    const w = c.watch({ baseline: { mean: 80, sigma: 5 }, detectors: ['xmr'] });
    const a = w.agents[0];
    // xmr limits 80 ± 3·5 = [65, 95]: no alert; the order shows in the level's last point instead: the
    // least-squares line through 80, 70, 90 (x = 0, 1, 2) has slope +5 and value 85 at x = 2.
    expect(a && 'report' in a ? a.report.status.level : null).toMatchObject({ estimate: 85, slope: 5 });
  });

  it('3,000 evaluations of one agent in scrambled order: the series charted is the (date, id) order, ids intact', () => {
    // Scores drift down: 90 − i/100 on day ⌊i/100⌋ + 1, ids e0000…e2999; scrambled by i·7 mod 3000 (7 is coprime to 3000).
    const recs = Array.from({ length: 3000 }, (_, i) => ({ agentId: 'A', id: `e${String(i).padStart(4, '0')}`, date: `2026-10-${String(Math.floor(i / 100) + 1).padStart(2, '0')}`, score: 90 - i / 100 }));
    const c = new CentreCollector();
    for (let k = 0; k < 3000; k++) c.add(recs[(k * 7) % 3000] as CentreRecord);
    const w = c.watch({ baseline: { mean: 88, sigma: 2 } });
    const a = w.agents[0];
    const want = detectDecline(recs.map((r) => ({ score: r.score, id: r.id, date: r.date })), { baseline: { mean: 88, sigma: 2 } });
    expect(a && 'report' in a ? a.report : null).toEqual(want);
    expect(want.firstDecline?.id).toMatch(/^e\d{4}$/);
  });

  it('orders ids by code units whether they are ASCII (kept as bytes) or not, and gives them back intact', () => {
    // One day, ids in code-unit order 'a-1' < 'a-10' < 'b-2' < '呼-3' (U+547C), added in the reverse order.
    // xmr limits 80 ± 3·5 = [65, 95]: only the two scores of 0 (a-10 and 呼-3) are beyond, at 0-based indexes 1 and 3.
    const c = new CentreCollector();
    for (const [id, score] of [['呼-3', 0], ['b-2', 80], ['a-10', 0], ['a-1', 80]] as const) c.add({ agentId: 'A', id, date: '2026-10-01', score });
    const a = c.watch({ baseline: { mean: 80, sigma: 5 }, detectors: ['xmr'] }).agents[0];
    expect(a && 'report' in a ? a.report.alerts.map((x) => [x.index, x.id]) : null).toEqual([[1, 'a-10'], [3, '呼-3']]);
  });
});

describe('CentreCollector.watchOutline', () => {
  it('the same agents in the same order as watch, without their alerts, each in full again on demand', () => {
    const c = new CentreCollector();
    for (const r of records()) c.add(r);
    const o = { failThreshold: 60, detectors: ['ewma', 'cusum', 'nelson'] as const };
    const want = c.watch({ ...o, detectors: [...o.detectors] });
    const seen: string[] = [];
    const outline = c.watchOutline({ ...o, detectors: [...o.detectors] }, (a) => seen.push(`${a.agentId}:${'report' in a ? a.report.alerts.length : 'skipped'}`));
    expect(outline.team).toEqual(want.team);
    expect(outline.referenceTo).toBe(want.referenceTo);
    // Y (in alarm) first, as in watch; onAgent saw them in id order, with their alerts.
    expect(outline.agents.map((a) => a.agentId)).toEqual(['Y', 'X']);
    const wy = want.agents[0];
    const yAlerts = wy && 'report' in wy ? wy.report.alerts.length : -1;
    expect(yAlerts).toBeGreaterThan(0);
    expect(seen).toEqual([`X:${(want.agents[1] as unknown as { report: { alerts: unknown[] } }).report.alerts.length}`, `Y:${yAlerts}`]);
    want.agents.forEach((a, i) => {
      expect(outline.agent(i)).toEqual(a);
      const { report, ...rest } = a as Extract<typeof a, { report: unknown }>;
      const { alerts: _alerts, ...withoutAlerts } = report;
      expect(outline.agents[i]).toEqual({ ...rest, report: withoutAlerts });
      expect('alerts' in ((outline.agents[i] as { report: object }).report)).toBe(false);
    });
    expect(() => outline.agent(2)).toThrow(RangeError);
  });

  it('a skipped agent stays as it is', () => {
    // { points: 5 } needs 5 evaluations: Z has 2, so it is skipped with the reason in both forms.
    const c = new CentreCollector();
    for (const r of records()) c.add(r);
    c.add({ agentId: 'Z', id: 'z1', date: '2026-10-01', score: 80 });
    c.add({ agentId: 'Z', id: 'z2', date: '2026-10-02', score: 82 });
    const want = c.watch({ baseline: { points: 5 } });
    const outline = c.watchOutline({ baseline: { points: 5 } });
    const z = outline.agents.find((a) => a.agentId === 'Z');
    expect(z && 'skipped' in z ? z.skipped : null).toMatch(/\S/);
    expect(want.agents.find((a) => a.agentId === 'Z')).toEqual(z);
  });
});
