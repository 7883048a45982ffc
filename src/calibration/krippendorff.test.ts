import { describe, expect, it } from 'vitest';
import { CalibrationError } from './errors.js';
import { KRIPPENDORFF_2011 } from './fixtures.js';
import { krippendorffAlpha } from './krippendorff.js';

describe('krippendorffAlpha', () => {
  // Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", the
  // 4 observers × 12 units example with missing data. Published results:
  // nominal .743, ordinal .815, interval .849, ratio .797.
  it('reproduces the nominal alpha .743', () => {
    // Unit 12 has a single value and is not pairable: n = 40 pairable values,
    // n_1..n_5 = 9, 13, 10, 5, 3; off-diagonal coincidences sum to 8.
    // α = 1 − (n − 1)·8/(n² − Σn_c²) = 1 − 39·8/(1600 − 384) = 1 − 312/1216 = .7434
    const a = krippendorffAlpha(KRIPPENDORFF_2011, 'nominal');
    expect(a.value).toBeCloseTo(0.743, 3);
    expect(a.value).toBeCloseTo(1 - 312 / 1216, 10);
    expect(a.pairableValues).toBe(40);
    expect(a.units).toBe(11);
  });
  it('reproduces the ordinal alpha .815', () => {
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'ordinal').value).toBeCloseTo(0.815, 3);
  });
  it('reproduces the interval alpha .849', () => {
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'interval').value).toBeCloseTo(0.849, 3);
  });
  it('reproduces the ratio alpha .797', () => {
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'ratio').value).toBeCloseTo(0.797, 3);
  });

  it('treats booleans as 0/1 categories', () => {
    // Two units, perfect agreement, two values present → α = 1.
    expect(krippendorffAlpha([[true, true], [false, false]], 'nominal').value).toBe(1);
  });

  it('returns reasons for degenerate data', () => {
    expect(krippendorffAlpha([[1, null], [null, 2]], 'interval')).toMatchObject({ value: null, reason: 'no_pairable_values' });
    expect(krippendorffAlpha([[3, 3], [3, 3]], 'interval')).toMatchObject({ value: null, reason: 'no_variance' });
    expect(krippendorffAlpha([], 'nominal')).toMatchObject({ value: null, reason: 'no_pairable_values' });
  });

  it('rejects negative ratio data with the cell path', () => {
    try {
      krippendorffAlpha([[1, -2], [3, 4]], 'ratio');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalibrationError);
      expect((e as CalibrationError).issues[0]).toMatchObject({ code: 'negative_ratio_value', path: [0, 1] });
    }
  });
});
