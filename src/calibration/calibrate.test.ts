import { describe, expect, it } from 'vitest';
import { type CalibrationRating, calibrate, toRatingMatrix } from './calibrate.js';
import { CalibrationError } from './errors.js';

// Two monthly sessions, expert 'lead' and evaluators 'li' and 'wang' scoring
// the same calls. Hand arithmetic in the comments below.
const r = (
  sessionId: string,
  sessionDate: string,
  callId: string,
  evaluatorId: string,
  score: number,
  verified: boolean,
  accurate: number,
): CalibrationRating => ({ sessionId, sessionDate, callId, evaluatorId, score, items: { verified, accurate } });

const RATINGS: CalibrationRating[] = [
  r('jan', '2024-01-15', 'c1', 'lead', 80, true, 8),
  r('jan', '2024-01-15', 'c1', 'li', 78, true, 8),
  r('jan', '2024-01-15', 'c1', 'wang', 84, false, 8),
  r('jan', '2024-01-15', 'c2', 'lead', 90, true, 8),
  r('jan', '2024-01-15', 'c2', 'li', 88, false, 8),
  r('jan', '2024-01-15', 'c2', 'wang', 90, true, 8),
  r('feb', '2024-02-15', 'c3', 'lead', 70, false, 4),
  r('feb', '2024-02-15', 'c3', 'li', 69, true, 4),
  r('feb', '2024-02-15', 'c3', 'wang', 75, false, 4),
  r('feb', '2024-02-15', 'c4', 'lead', 60, false, 0),
  r('feb', '2024-02-15', 'c4', 'li', 60, false, 0),
  r('feb', '2024-02-15', 'c4', 'wang', 66, true, 0),
];

describe('calibrate', () => {
  const report = calibrate(RATINGS, { expertId: 'lead' });

  it('reports spread and consensus per call', () => {
    const c1 = report.calls.find((c) => c.callId === 'c1');
    // Scores 78, 80, 84: range 6; mean 80⅔; squared deviations 64/9 + 4/9 + 100/9 = 168/9;
    // sd = √((168/9)/2) = √(28/3) ≈ 3.055. Consensus of li and wang = (78 + 84)/2 = 81.
    expect(c1).toMatchObject({ min: 78, max: 84, range: 6, consensus: 81, expertScore: 80, reference: 'expert', raters: 3 });
    expect(c1?.sd).toBeCloseTo(Math.sqrt(28 / 3), 12);
    expect(c1?.deviations).toEqual([
      { evaluatorId: 'li', score: 78, deviation: -2 },
      { evaluatorId: 'wang', score: 84, deviation: 4 },
    ]);
  });

  it('labels evaluators harsh, lenient or aligned, overall and per session', () => {
    // li: −2, −2, −1, 0 → mean −1.25 < −1 → harsh; jan −2 harsh, feb −0.5 aligned.
    // wang: +4, 0, +5, +6 → mean 3.75 → lenient.
    const [li, wang] = report.evaluators;
    expect(li).toMatchObject({ evaluatorId: 'li', count: 4, meanBias: -1.25, meanAbsDeviation: 1.25, label: 'harsh' });
    expect(li?.sessions.map((s) => [s.sessionId, s.meanBias, s.label])).toEqual([
      ['jan', -2, 'harsh'],
      ['feb', -0.5, 'aligned'],
    ]);
    expect(wang).toMatchObject({ evaluatorId: 'wang', meanBias: 3.75, meanAbsDeviation: 3.75, label: 'lenient' });
    expect(report.evaluators.map((e) => e.evaluatorId)).not.toContain('lead');
  });

  it('puts the item evaluators read differently first', () => {
    // verified: every call splits 2–1, so each unit adds 1 to o(T,F) and 1 to o(F,T);
    // n = 12, n_T = n_F = 6. α = 1 − (n − 1)·8/(2·6·6) = 1 − 88/72 = −0.2222.
    // Fleiss: P_i = (2² + 1² − 3)/(3·2) = 1/3, P̄_e = 0.5² + 0.5² = 0.5 → κ = −1/3.
    // accurate: all raters agree on every call (8, 8, 4, 0) → α = 1.
    expect(report.items.map((i) => i.itemId)).toEqual(['verified', 'accurate']);
    const [verified, accurate] = report.items;
    expect(verified?.kind).toBe('yes_no');
    expect(verified?.alpha.value).toBeCloseTo(1 - 88 / 72, 12);
    expect(verified?.fleiss?.value).toBeCloseTo(-1 / 3, 12);
    expect(verified?.flagged).toBe(true);
    expect(accurate).toMatchObject({ kind: 'points', flagged: false });
    expect(accurate?.alpha.value).toBeCloseTo(1, 12);
    expect(accurate?.icc?.forms.ICC2.value).toBeCloseTo(1, 12);
  });

  it('measures drift of the consensus against the expert', () => {
    // jan gaps: c1 81 − 80 = 1, c2 89 − 90 = −1 → 0. feb: c3 72 − 70 = 2, c4 63 − 60 = 3 → 2.5.
    // Two points: slope 2.5 per session; change 2.5 > 1 and ends above 0 → lenient.
    expect(report.drift.points.map((p) => [p.sessionId, p.gap])).toEqual([
      ['jan', 0],
      ['feb', 2.5],
    ]);
    expect(report.drift.slope.value).toBeCloseTo(2.5, 12);
    expect(report.drift.drifting).toBe('lenient');
  });

  it('computes agreement on totals over (session, call) units', () => {
    expect(report.units).toHaveLength(4);
    expect(report.raters).toEqual(['lead', 'li', 'wang']);
    expect(report.totals.icc.units).toBe(4);
    expect(report.totals.alpha.value).not.toBeNull();
  });

  it('uses the median of the panel when asked, and the consensus without an expert', () => {
    const rep = calibrate(
      [
        { callId: 'x', evaluatorId: 'a', score: 70 },
        { callId: 'x', evaluatorId: 'b', score: 80 },
        { callId: 'x', evaluatorId: 'c', score: 96 },
      ],
      { consensus: 'median' },
    );
    // median(70, 80, 96) = 80 (the mean would be 82).
    expect(rep.calls[0]).toMatchObject({ consensus: 80, reference: 'consensus', expertScore: null });
    expect(rep.calls[0]?.deviations.map((d) => d.deviation)).toEqual([-10, 0, 16]);
    expect(rep.drift.slope).toEqual({ value: null, reason: 'no_expert_ratings' });
    // One unit only: ICC has too few units.
    expect(rep.totals.icc.forms.ICC1).toEqual({ value: null, reason: 'too_few_units' });
  });

  it('builds a units × raters matrix for any item', () => {
    const { matrix, raters } = toRatingMatrix(RATINGS, { item: 'verified' });
    expect(raters).toEqual(['lead', 'li', 'wang']);
    expect(matrix).toHaveLength(4);
  });

  it('throws CalibrationError listing every problem with its path', () => {
    try {
      calibrate([
        { callId: 'c', evaluatorId: 'a', score: 1, sessionId: 's', sessionDate: '2024-01-01' },
        { callId: 'c', evaluatorId: 'a', score: 2, sessionId: 's' },
        { callId: 'd', evaluatorId: 'a', score: Number.NaN, sessionId: 's', sessionDate: '2024-01-02' },
        { callId: 'e', evaluatorId: 'a', score: 3, items: { x: 1 } },
        { callId: 'e', evaluatorId: 'b', score: 3, items: { x: true } },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalibrationError);
      expect((e as CalibrationError).issues.map((i) => [i.code, i.path])).toEqual([
        ['duplicate_rating', [1]],
        ['invalid_score', [2, 'score']],
        ['conflicting_session_date', [2, 'sessionDate']],
        ['mixed_item_types', [4, 'items', 'x']],
      ]);
    }
    expect(() => calibrate([])).toThrow(CalibrationError);
  });
});
