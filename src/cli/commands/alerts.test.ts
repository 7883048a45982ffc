import { describe, it, expect } from 'vitest';
import { scoredRecord } from '../records.js';
import { type CentreRecord, watchCentre } from '../../early-warning/index.js';
import { type AlertsHead, renderAlerts, renderAlertsJson, shownAlerts } from './alerts-render.js';

describe('scoredRecord: the records `callqa score` writes', () => {
  it('compact NDJSON, --full NDJSON and CSV rows (copied from score output) all give id, agentId, date, score', () => {
    const want = { id: 'C202610-000001', agentId: 'A003', date: '2026-10-01', score: 90.72 };
    const compact = { id: 'C202610-000001', agentId: 'A003', evaluatorId: 'QC01', date: '2026-10-01', rubric: { id: 'callcenter-qc-7', version: '1.0.0' }, score: 90.72, maxScore: 100, exactScore: '8800/97', grade: 'excellent', failed: false, fatal: [] };
    const full = { ...compact, items: [{ id: 'accurate', points: 8 }] };
    const csv = { id: 'C202610-000001', agentId: 'A003', evaluatorId: 'QC01', date: '2026-10-01', rubricId: 'callcenter-qc-7', rubricVersion: '1.0.0', score: '90.72', maxScore: '100', grade: 'excellent', failed: 'false', fatal: '' };
    expect(scoredRecord({ value: compact })).toEqual(want);
    expect(scoredRecord({ value: full })).toEqual(want);
    expect(scoredRecord({ row: csv })).toEqual(want);
  });

  it('an evaluation (no score) or a blank score is not a scored record', () => {
    expect(scoredRecord({ value: { id: 'c1', agentId: 'A', date: '2026-10-01', answers: {} } })).toBeNull();
    expect(scoredRecord({ row: { id: 'c1', agentId: 'A', date: '2026-10-01', score: ' ' } })).toBeNull();
    expect(scoredRecord({ value: null })).toBeNull();
  });
});

describe('alerts output written in parts', () => {
  const head: AlertsHead = { detectors: ['ewma', 'cusum'], baseline: 'given 88 ± 4', since: '2026-10-02', all: false };
  /** A steady 88 on day 1, then 70 from day 2: the EWMA and CUSUM against 88 ± 4 signal downward. */
  const records = (agent: string, n: number): CentreRecord[] =>
    Array.from({ length: n }, (_, i) => ({ agentId: agent, id: `${agent}-${String(i).padStart(3, '0')}`, date: `2026-10-0${i < 5 ? 1 : 2}`, score: i < 5 ? 88 : 70 }));

  it('the JSON is JSON.stringify of the whole document, empty centre included', () => {
    for (const w of [watchCentre([...records('B', 30), ...records('A', 12)], { baseline: { mean: 88, sigma: 4 } }), watchCentre([])]) {
      const agents = w.agents.map((a) => ('report' in a ? { ...a, alerts: shownAlerts(a.report.alerts, head) } : a));
      expect(renderAlertsJson(w, head)).toBe(`${JSON.stringify({ ...head, team: w.team, referenceTo: w.referenceTo, agents }, null, 2)}\n`);
    }
    expect(renderAlertsJson(watchCentre([]), head)).toContain('"agents": []\n}\n');
  });

  it('the alerts table is one table: every row at the widths of the widest agent', () => {
    const w = watchCentre([...records('B', 30), ...records('A-long-name', 12)], { baseline: { mean: 88, sigma: 4 } });
    const text = renderAlerts(w, head);
    const rows = text.split('\nAlerts since 2026-10-02\n')[1]?.trimEnd().split('\n') ?? [];
    // Header + each agent's downward alerts. The agent column is 11 wide ('A-long-name') on B's rows too:
    // 'agent' + 6 blanks + 2 between columns, then 'eval' (4 wide, right-aligned) ends at the same place on every row.
    expect(rows[0]).toMatch(/^ {2}agent {8}eval/);
    const evalEnd = (r: string): number => (r.match(/^ {2}\S+ +\S+/)?.[0].length ?? -1);
    expect(new Set(rows.map(evalEnd)).size).toBe(1);
    expect(rows.some((r) => r.startsWith('  B '))).toBe(true);
    expect(rows.some((r) => r.startsWith('  A-long-name '))).toBe(true);
  });
});
