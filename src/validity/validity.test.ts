import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINI, miniCall } from '../problems/fixtures.js';
import { ValidityError } from './errors.js';
import { qaVersusExams, rubricValidity } from './validity.js';

// Mini rubric (12 points → 100). Six calls, satisfaction 1–5, complaints on v5 and v6:
//   v1 full 100 (5), v2 full 100 (5), v3 no greeting 83.33 (4),
//   v4 accurate "corrected" 66.67 (3), v5 accurate "wrong" 33.33 (1, complaint),
//   v6 wrong + no greeting 16.67 (1, complaint)
const calls = [
  miniCall({ id: 'v1', agent: 'A' }),
  miniCall({ id: 'v2', agent: 'A' }),
  miniCall({ id: 'v3', agent: 'B', greet: false }),
  miniCall({ id: 'v4', agent: 'B', accurate: 'corrected' }),
  miniCall({ id: 'v5', agent: 'C', accurate: 'wrong' }),
  miniCall({ id: 'v6', agent: 'C', accurate: 'wrong', greet: false }),
];
const outcomes = {
  v1: { satisfaction: 5, complaint: false },
  v2: { satisfaction: 5, complaint: false },
  v3: { satisfaction: 4, complaint: false },
  v4: { satisfaction: 3, complaint: false },
  v5: { satisfaction: 1, complaint: true },
  v6: { satisfaction: 1, complaint: true },
  ghost: { satisfaction: 3 },
};

describe('rubricValidity', () => {
  const r = rubricValidity(calls, outcomes, { rubric: MINI });

  it('correlates the total score with satisfaction', () => {
    // Spearman: score ranks [5.5, 5.5, 4, 3, 2, 1], satisfaction ranks [5.5, 5.5, 4, 3, 1.5, 1.5];
    // both means 3.5; Sxy = 4 + 4 + .25 + .25 + 3 + 5 = 16.5, Sxx = 17, Syy = 16.5 → r = √(16.5/17) ≈ 0.98518
    expect(r.satisfaction.calls).toBe(6);
    expect(r.satisfaction.total.spearman.r).toBeCloseTo(Math.sqrt(16.5 / 17), 10);
    expect(r.satisfaction.total.spearman.n).toBe(6);
    expect(r.satisfaction.total.pearson.ci).not.toBeNull();
  });

  it('finds the items whose failure predicts dissatisfaction', () => {
    // accurate failed [0,0,0,1,1,1] vs satisfaction [5,5,4,3,1,1]: mean f ½, mean s 19/6;
    // Sxy = −½·27/6 + ½·(−27/6) = −4.5, Sxx = 1.5, Syy = 606/36 → r = −4.5/√25.25 ≈ −0.89554.
    // Fisher z = atanh r ≈ −1.4467, ± 1.96/√3 → upper tanh(−0.315) < 0 → predictive.
    const accurate = r.satisfaction.items.find((i) => i.itemId === 'accurate')!;
    expect(accurate.failure.correlation.r).toBeCloseTo(-4.5 / Math.sqrt(25.25), 10);
    expect(accurate.verdict).toBe('predictive');
    expect(r.satisfaction.predictive).toEqual(['accurate']);
    // greet failed [0,0,1,0,0,1]: Sxy = −4/3, Sxx = 4/3, Syy = 101/6 → r ≈ −0.2814, CI spans 0
    const greet = r.satisfaction.items.find((i) => i.itemId === 'greet')!;
    expect(greet.failure.correlation.r).toBeCloseTo(-(4 / 3) / Math.sqrt((4 / 3) * (101 / 6)), 10);
    expect(r.satisfaction.noEvidence).toEqual(['greet']);
    // never failed → no variance → undetermined
    expect(r.satisfaction.undetermined).toEqual(['empathy', 'fillers', 'forbidden', 'privacy']);
    // item points: accurate 8, 8, 8, 4, 0, 0 vs satisfaction — strongly positive
    expect(accurate.scores.pearson.r).toBeGreaterThan(0.9);
  });

  it('does the same for complaints, with the signs reversed', () => {
    // accurate failed [0,0,0,1,1,1] vs complaint [0,0,0,0,1,1]: phi = 1/√(1.5 · 4/3) = 1/√2 ≈ 0.7071;
    // with n = 6 the CI reaches below 0 → no evidence yet
    const accurate = r.complaint.items.find((i) => i.itemId === 'accurate')!;
    expect(accurate.failure.expected).toBe('positive');
    expect(accurate.failure.correlation.r).toBeCloseTo(Math.SQRT1_2, 10);
    expect(accurate.verdict).toBe('no-evidence');
    expect(r.complaint.total.pearson.r).toBeLessThan(0);
  });

  it('reports unmatched outcomes and calls without one', () => {
    expect(r.unmatched).toEqual(['ghost']);
    expect(rubricValidity(calls, new Map([['v1', { satisfaction: 5 }]])).withoutOutcome).toBe(5);
  });

  it('flags an item whose failure goes with happier customers as reversed', () => {
    // empathy failed exactly on the satisfied calls: r(failed, satisfaction) = +1, CI [1, 1]
    const cs = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => miniCall({ id: `e${i}`, agent: 'A', empathy: i > 4 }));
    const out = Object.fromEntries(cs.map((c, i) => [c.id, { satisfaction: i < 4 ? 5 : 1 }]));
    expect(rubricValidity(cs, out).satisfaction.reversed).toEqual(['empathy']);
  });

  it('gives a NaN-free result without outcomes', () => {
    const none = rubricValidity(calls, {});
    expect(none.satisfaction).toMatchObject({ calls: 0, items: [], predictive: [] });
    expect(none.satisfaction.total.pearson).toMatchObject({ r: null, reason: 'too_few_pairs', n: 0 });
    expect(JSON.stringify(none)).not.toContain('NaN');
    expect(rubricValidity([], {}).withoutOutcome).toBe(0);
  });

  it('does not depend on call order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(calls, { minLength: calls.length }), (shuffled) => {
        expect(rubricValidity(shuffled, outcomes)).toEqual(rubricValidity(calls, outcomes));
      }),
      { numRuns: 20 },
    );
  });

  it('rejects bad outcomes with paths', () => {
    try {
      rubricValidity(calls, { v1: { satisfaction: Number.NaN }, v2: { complaint: 'yes' as unknown as boolean } }, { level: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidityError);
      expect((e as ValidityError).issues.map((i) => i.path)).toEqual([['outcomes', 'v1', 'satisfaction'], ['outcomes', 'v2', 'complaint'], ['level']]);
    }
  });
});

describe('qaVersusExams', () => {
  it('sets QA averages against exam results per agent', () => {
    // A: (100 + 66.67)/2 = 83.335; B: 33.33; C: 83.33; D has an exam but no calls.
    // QA ranks A 3, B 1, C 2 = exam ranks (90, 60, 85) → Spearman 1.
    const r = qaVersusExams(
      [miniCall({ id: 'x1', agent: 'A' }), miniCall({ id: 'x2', agent: 'A', accurate: 'corrected' }), miniCall({ id: 'x3', agent: 'B', accurate: 'wrong' }), miniCall({ id: 'x4', agent: 'C', greet: false })],
      { A: 90, B: 60, C: 85, D: 70 },
    );
    expect(r.agents).toEqual([
      { agentId: 'A', calls: 2, qaAverage: 83.335, exam: 90 },
      { agentId: 'B', calls: 1, qaAverage: 33.33, exam: 60 },
      { agentId: 'C', calls: 1, qaAverage: 83.33, exam: 85 },
      { agentId: 'D', calls: 0, qaAverage: null, exam: 70 },
    ]);
    expect(r.spearman).toMatchObject({ r: 1, n: 3 });
    // Pearson by hand: dx = [16.67, −33.335, 16.665], dy = [35/3, −55/3, 20/3] → r ≈ 0.98784
    expect(r.pearson.r).toBeCloseTo(0.98784, 4);
    expect(r.examWithoutCalls).toEqual(['D']);
    expect(r.withoutExam).toEqual([]);
  });

  it('handles one agent and rejects bad exams', () => {
    const one = qaVersusExams([miniCall({ id: 'y', agent: 'A' })], new Map([['A', 80]]));
    expect(one.pearson).toMatchObject({ r: null, reason: 'too_few_pairs', n: 1 });
    expect(() => qaVersusExams([], { A: Number.POSITIVE_INFINITY })).toThrow(ValidityError);
  });
});
