import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icc } from './icc.js';
import { fleissKappa } from './kappa.js';
import { type AlphaLevel, krippendorffAlpha } from './krippendorff.js';

// Complete integer matrices, units × raters, at least 2 × 2.
const matrixArb = fc
  .tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 2, max: 5 }))
  .chain(([n, k]) => fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: k, maxLength: k }), { minLength: n, maxLength: n }));

// The same, with some cells missing.
const sparseArb = matrixArb.chain((m) =>
  fc.array(fc.array(fc.boolean(), { minLength: m[0]!.length, maxLength: m[0]!.length }), { minLength: m.length, maxLength: m.length }).map((mask) =>
    m.map((row, u) => row.map((v, r) => (mask[u]![r] ? null : v))),
  ),
);

// Per-unit true scores with at least two distinct values, every rater agreeing.
const agreeArb = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 10 }), fc.integer({ min: 2, max: 6 }))
  .filter(([truth]) => new Set(truth).size > 1)
  .map(([truth, k]) => truth.map((t) => Array.from({ length: k }, () => t)));

const permute = <T>(m: readonly (readonly T[])[], perm: readonly number[]): T[][] => m.map((row) => perm.map((j) => row[j] as T));
const permArb = (k: number): fc.Arbitrary<number[]> =>
  fc.array(fc.double({ noNaN: true, min: 0, max: 1 }), { minLength: k, maxLength: k }).map((keys) =>
    keys.map((key, i) => [key, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i),
  );

const LEVELS: readonly AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

describe('agreement properties', () => {
  it('is 1 when every evaluator agrees and units differ', () => {
    fc.assert(
      fc.property(agreeArb, (m) => {
        const r = icc(m);
        for (const f of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const) expect(r.forms[f].value).toBeCloseTo(1, 9);
        for (const level of LEVELS) expect(krippendorffAlpha(m, level).value).toBeCloseTo(1, 9);
        expect(fleissKappa(m).value).toBeCloseTo(1, 9);
      }),
    );
  });

  it('ICC and interval alpha do not change when a constant is added to every score', () => {
    fc.assert(
      fc.property(matrixArb, sparseArb, fc.integer({ min: -50, max: 50 }), (m, sparse, c) => {
        const a = icc(m);
        const b = icc(m.map((row) => row.map((v) => v + c)));
        for (const f of ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const) {
          const x = a.forms[f].value;
          const y = b.forms[f].value;
          if (x === null) expect(y).toBeNull();
          else expect(y).toBeCloseTo(x, 8);
        }
        const s = krippendorffAlpha(sparse, 'interval').value;
        const t = krippendorffAlpha(sparse.map((row) => row.map((v) => (v === null ? null : v + c))), 'interval').value;
        if (s === null) expect(t).toBeNull();
        else expect(t).toBeCloseTo(s, 8);
      }),
    );
  });

  it('Fleiss kappa and alpha do not change when raters are permuted', () => {
    fc.assert(
      fc.property(sparseArb.chain((m) => fc.tuple(fc.constant(m), permArb(m[0]!.length))), ([m, perm]) => {
        const p = permute(m, perm);
        expect(fleissKappa(p).value).toBe(fleissKappa(m).value);
        for (const level of LEVELS) {
          const x = krippendorffAlpha(m, level).value;
          const y = krippendorffAlpha(p, level).value;
          if (x === null) expect(y).toBeNull();
          else expect(y).toBeCloseTo(x, 10);
        }
      }),
    );
  });

  it('never returns NaN or Infinity', () => {
    fc.assert(
      fc.property(sparseArb, (m) => {
        const values = [
          ...Object.values(icc(m).forms).map((f) => f.value),
          ...LEVELS.map((l) => krippendorffAlpha(m, l).value),
          fleissKappa(m).value,
        ];
        for (const v of values) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });
});
