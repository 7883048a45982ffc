import { describe, expect, it } from 'vitest';
import { CorrelationError } from './errors.js';
import { itemPredictiveness } from './predictiveness.js';

// Ten calls. 'apology' (0/1) tracks satisfaction closely; 'pace' is flat noise.
// satisfaction: 5 5 4 5 4 2 1 2 1 2   apology: 1 1 1 1 1 0 0 0 0 0
// pace:         2 1 2 1 2 1 2 1 2 1
// apology vs satisfaction (point-biserial): group means 4.6 vs 1.6; by hand,
// x̄ = 0.5, ȳ = 3.1, Sxy = 5·0.5·1.5 + 5·(−0.5)·(−1.5) = 7.5, Sxx = 2.5,
// Syy = Σ(y − 3.1)² = 3·1.9² + 2·0.9² + 3·1.1² + 2·2.1² = 24.9 → r = 7.5/√(2.5·24.9) = 0.95059.
// pace: Sxy = 0.5·(15 − 15.5) − 0.5·(16 − 15.5) = −0.5 → r = −0.5/√(2.5·24.9) = −0.06337.
const SAT = [5, 5, 4, 5, 4, 2, 1, 2, 1, 2];
const APOLOGY = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const PACE = [2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
const rows = SAT.map((outcome, i) => ({ itemScores: { pace: PACE[i]!, apology: APOLOGY[i]! === 1 }, outcome }));

describe('itemPredictiveness', () => {
  it('labels items whose CI excludes 0 in the expected direction, predictive first', () => {
    const out = itemPredictiveness({ rows });
    expect(out.map((p) => [p.itemId, p.label])).toEqual([
      ['apology', 'predictive'],
      ['pace', 'no-evidence'],
    ]);
    expect(out[0]?.correlation.r).toBeCloseTo(7.5 / Math.sqrt(2.5 * 24.9), 12);
    expect(out[1]?.correlation.r).toBeCloseTo(-0.5 / Math.sqrt(2.5 * 24.9), 12);
    expect(out[0]?.correlation.n).toBe(10);
  });

  it('flips the expected sign for complaints and for failed coding', () => {
    // Complaint = satisfaction ≤ 2: higher apology score → fewer complaints → negative.
    const complaints = rows.map((r) => ({ ...r, outcome: r.outcome <= 2 ? 1 : 0 }));
    const neg = itemPredictiveness({ rows: complaints, expect: 'negative' });
    expect(neg[0]).toMatchObject({ itemId: 'apology', expected: 'negative', label: 'predictive' });
    // Coding apology as failed (score < 1): failing predicts complaints → positive expected.
    const failed = itemPredictiveness({ rows: complaints, expect: 'negative', failedBelow: { apology: 1 } });
    expect(failed[0]).toMatchObject({ itemId: 'apology', coding: 'failed', expected: 'positive', label: 'predictive' });
    expect(failed[0]?.correlation.r).toBeCloseTo(1, 12);
  });

  it('does not call an item predictive when the sign is the wrong way', () => {
    const out = itemPredictiveness({ rows, expect: 'negative' });
    expect(out.every((p) => p.label === 'no-evidence')).toBe(true);
  });

  it('drops missing scores per item and handles items with no data', () => {
    const sparse = [...rows, { itemScores: { pace: null, rare: 3 }, outcome: 3 }, { itemScores: { apology: true }, outcome: null }];
    const out = itemPredictiveness({ rows: sparse, method: 'spearman' });
    const rare = out.find((p) => p.itemId === 'rare');
    expect(rare?.correlation).toMatchObject({ r: null, reason: 'too_few_pairs', n: 1 });
    expect(rare?.label).toBe('no-evidence');
    expect(out.at(-1)?.itemId).toBe('rare');
    expect(out.find((p) => p.itemId === 'pace')?.correlation).toMatchObject({ n: 10, dropped: 2 });
  });

  it('throws CorrelationError with the row path', () => {
    expect(() => itemPredictiveness({ rows: [{ itemScores: { a: Number.POSITIVE_INFINITY }, outcome: 1 }] })).toThrow(CorrelationError);
  });
});
