import { describe, it, expect } from 'vitest';
import { scoredRecord } from '../records.js';

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
