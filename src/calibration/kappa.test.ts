import { describe, expect, it } from 'vitest';
import { CalibrationError } from './errors.js';
import { WIKIPEDIA_FLEISS_COUNTS, countsToRatings } from './fixtures.js';
import { cohenKappa, cohenKappaFromTable, fleissKappa, fleissKappaFromCounts } from './kappa.js';

describe('fleissKappa', () => {
  // Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
  // Column totals 20, 28, 39, 21, 32 of 140 → P̄_e = (20²+28²+39²+21²+32²)/140²
  // = 4170/19600 = 0.2128; P̄ = 0.378; κ = (0.378 − 0.2128)/(1 − 0.2128) = 0.210.
  it('reproduces Wikipedia’s worked example from counts', () => {
    const k = fleissKappaFromCounts(WIKIPEDIA_FLEISS_COUNTS);
    expect(k.value).toBeCloseTo(0.20993, 4);
    if (k.value === null) throw new Error('unreachable');
    expect(k.chanceAgreement).toBeCloseTo(4170 / 19600, 12);
    expect(k.observedAgreement).toBeCloseTo(0.378, 3);
  });

  it('gives the same value from raw units × raters ratings', () => {
    expect(fleissKappa(countsToRatings(WIKIPEDIA_FLEISS_COUNTS)).value).toBeCloseTo(0.20993, 4);
  });

  it('drops incomplete units and reports them', () => {
    const raw: (number | null)[][] = countsToRatings(WIKIPEDIA_FLEISS_COUNTS);
    raw.push([1, 2, null, ...Array.from({ length: 11 }, () => 3)]);
    const k = fleissKappa(raw);
    expect(k.droppedUnits).toEqual([10]);
    expect(k.value).toBeCloseTo(0.20993, 4);
  });

  it('returns reasons for degenerate data', () => {
    expect(fleissKappa([[true, true], [true, true]])).toMatchObject({ value: null, reason: 'no_variance' });
    expect(fleissKappa([[1], [2]])).toMatchObject({ value: null, reason: 'too_few_raters' });
    expect(fleissKappa([])).toMatchObject({ value: null, reason: 'too_few_units' });
  });

  it('rejects unequal rater counts', () => {
    expect(() => fleissKappaFromCounts([[1, 2], [1, 1]])).toThrow(CalibrationError);
  });
});

describe('cohenKappa', () => {
  // Wikipedia "Cohen's kappa", simple example: 50 grant proposals, A yes/B yes 20,
  // A yes/B no 5, A no/B yes 10, A no/B no 15. p_o = 35/50 = 0.7;
  // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
  it('reproduces the 2×2 example', () => {
    const k = cohenKappaFromTable([[20, 5], [10, 15]]);
    expect(k.value).toBeCloseTo(0.4, 12);
    expect(k).toMatchObject({ observedAgreement: 0.7, chanceAgreement: 0.5, units: 50 });
  });

  it('gives the same value from two evaluators’ yes/no answers', () => {
    const pairs: (boolean | null)[][] = [
      ...Array.from({ length: 20 }, () => [true, true]),
      ...Array.from({ length: 5 }, () => [true, false]),
      ...Array.from({ length: 10 }, () => [false, true]),
      ...Array.from({ length: 15 }, () => [false, false]),
      [true, null],
    ];
    const k = cohenKappa(pairs);
    expect(k.value).toBeCloseTo(0.4, 12);
    expect(k.droppedUnits).toEqual([50]);
  });

  it('returns reasons for degenerate data', () => {
    expect(cohenKappa([[1, 1], [1, 1]])).toMatchObject({ value: null, reason: 'no_variance' });
    expect(cohenKappa([[1, 1, 1]])).toMatchObject({ value: null, reason: 'too_few_raters' });
    expect(cohenKappaFromTable([])).toMatchObject({ value: null, reason: 'too_few_units' });
    expect(() => cohenKappaFromTable([[1, 2]])).toThrow(CalibrationError);
  });
});
