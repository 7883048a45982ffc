import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KPI_FIELDS, KPI_FORMULAS, kpiCheck, kpiFieldOk, kpiInputIssues, kpiInputOk, type KpiField } from './index.js';
import { roundingIssues, roundingOk } from './validate.js';

// Values near every rule's edge: negatives, fractions, sub-millisecond
// durations, non-finite numbers, wrong types, and too-large numbers.
const value = fc.oneof(
  fc.nat(50),
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: 0, max: 50_000 }).map((x) => x / 1000),
  fc.constantFrom(0.5, 1.0005, 1e-7, -0, 1e11, 1e11 + 1, 1e12, 1e12 + 1, 1441, 1440, NaN, Infinity, null, '3', true),
  fc.double({ min: -1, max: 2000, noNaN: true }),
);
const minutes = fc.oneof(fc.array(value, { maxLength: 4 }), value);
const record = fc.dictionary(
  fc.oneof(fc.constantFrom(...KPI_FIELDS), fc.constantFrom('offerd', 'agentId')),
  value,
  { maxKeys: 8 },
).chain((r): fc.Arbitrary<Record<string, unknown>> => ('dailyNotReadyMinutes' in r ? minutes.map((m) => ({ ...r, dailyNotReadyMinutes: m })) : fc.constant(r)));
const fields = fc.subarray([...KPI_FIELDS], { minLength: 1, maxLength: 6 });

describe('fast KPI checks', () => {
  it('say valid exactly when kpiInputIssues finds no issue', () => {
    fc.assert(
      fc.property(record, fields, fc.boolean(), fc.boolean(), (raw, fs, strictly, requireAll) => {
        const required = requireAll ? fs : fs.slice(0, 1);
        const strict = strictly && fs.length === KPI_FIELDS.length;
        const fast = kpiInputOk(raw, kpiCheck(fs, required, strict));
        expect(fast).toBe(kpiInputIssues(raw, fs, required, strict).length === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('agree with the strict whole-record check of computeKpis', () => {
    fc.assert(
      fc.property(record, (raw) => {
        expect(kpiInputOk(raw, kpiCheck(KPI_FIELDS, [], true))).toBe(kpiInputIssues(raw, KPI_FIELDS, [], true).length === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('check one field as its schema does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KPI_FIELDS), value, (f: KpiField, v) => {
        expect(kpiFieldOk(f, v)).toBe(kpiInputIssues({ [f]: v }, [f], [f]).length === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('check rounding options as roundingIssues does', () => {
    fc.assert(
      fc.property(fc.option(fc.record({ decimals: value, percentDecimals: value }, { requiredKeys: [] }), { nil: undefined }), (o) => {
        expect(roundingOk(o, ['decimals', 'percentDecimals'])).toBe(roundingIssues(o, ['decimals', 'percentDecimals']).length === 0);
      }),
    );
  });
});

describe('KPI_FORMULAS', () => {
  it('keeps durations as whole milliseconds', () => {
    const f = KPI_FORMULAS.averageHandleTime.fraction({ handled: 3, talkSeconds: 100.5, afterCallWorkSeconds: 20.25 }, {});
    expect(f).toEqual({ num: 120750, den: 3, shownNum: 120.75, shownDen: 3 });
  });
});
