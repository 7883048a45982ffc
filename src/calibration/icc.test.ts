import { describe, expect, it } from 'vitest';
import { CalibrationError } from './errors.js';
import { SHROUT_FLEISS_1979 } from './fixtures.js';
import { icc } from './icc.js';

describe('icc', () => {
  // Shrout & Fleiss (1979), Psychological Bulletin 86(2) 420–428, Table 2 data
  // (6 targets × 4 judges). Their Table 2 mean squares: BMS 11.24, WMS 6.26,
  // JMS 32.49, EMS 1.02; Table 4 estimates .17 .29 .71 .44 .62 .91. Four-decimal
  // values as printed by R psych::ICC on the same data.
  const r = icc(SHROUT_FLEISS_1979);

  it('reproduces the mean squares of Shrout & Fleiss Table 2', () => {
    expect(r.meanSquares?.BMS).toBeCloseTo(11.24, 2);
    expect(r.meanSquares?.WMS).toBeCloseTo(6.26, 2);
    expect(r.meanSquares?.JMS).toBeCloseTo(32.49, 2);
    expect(r.meanSquares?.EMS).toBeCloseTo(1.02, 2);
  });

  it('reproduces the six ICCs', () => {
    // ICC(1,1) = (11.24 − 6.26)/(11.24 + 3·6.26) = 4.98/30.02 ≈ .166
    expect(r.forms.ICC1.value).toBeCloseTo(0.1657, 4);
    // ICC(2,1) = (11.24 − 1.02)/(11.24 + 3·1.02 + 4(32.49 − 1.02)/6) = 10.22/35.28 ≈ .290
    expect(r.forms.ICC2.value).toBeCloseTo(0.2898, 4);
    // ICC(3,1) = (11.24 − 1.02)/(11.24 + 3·1.02) = 10.22/14.30 ≈ .715
    expect(r.forms.ICC3.value).toBeCloseTo(0.7148, 4);
    // ICC(1,k) = (11.24 − 6.26)/11.24 ≈ .443
    expect(r.forms.ICC1k.value).toBeCloseTo(0.4428, 4);
    // ICC(2,k) = 10.22/(11.24 + (32.49 − 1.02)/6) = 10.22/16.49 ≈ .620
    expect(r.forms.ICC2k.value).toBeCloseTo(0.6201, 4);
    // ICC(3,k) = 10.22/11.24 ≈ .909
    expect(r.forms.ICC3k.value).toBeCloseTo(0.9093, 4);
    expect(r).toMatchObject({ units: 6, raters: 4, droppedUnits: [] });
  });

  it('drops incomplete units and reports them', () => {
    const withGap = [...SHROUT_FLEISS_1979, [5, null, 4, 4]];
    const g = icc(withGap);
    expect(g.droppedUnits).toEqual([6]);
    expect(g.forms.ICC2.value).toBeCloseTo(0.2898, 4);
  });

  it('returns reasons, not NaN, for degenerate input', () => {
    expect(icc([[1], [2], [3]]).forms.ICC1).toEqual({ value: null, reason: 'too_few_raters' });
    expect(icc([[1, 2]]).forms.ICC3).toEqual({ value: null, reason: 'too_few_units' });
    expect(icc([]).forms.ICC2k.value).toBeNull();
    expect(icc([[7, 7], [7, 7]]).forms.ICC2).toEqual({ value: null, reason: 'no_variance' });
    // n = k = 2 with equal row and column means: the ICC(2,1) denominator is 0.
    const zero = icc([[1, 2], [2, 1]]);
    for (const f of Object.values(zero.forms)) if (f.value !== null) expect(Number.isFinite(f.value)).toBe(true);
    expect(zero.forms.ICC2).toEqual({ value: null, reason: 'no_variance' });
  });

  it('throws CalibrationError naming the path of bad cells', () => {
    expect(() => icc([[1, 2], [3]])).toThrow(CalibrationError);
    try {
      icc([[1, Number.NaN], [3, 4]]);
    } catch (e) {
      expect((e as CalibrationError).issues).toEqual([expect.objectContaining({ code: 'invalid_rating', path: [0, 1] })]);
    }
  });
});
