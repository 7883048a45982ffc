import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KpiError, abandonRate, answerRate, averageHandleTime, computeKpis, serviceLevel, type KpiResult } from './index.js';

/** Decimal places of a number as it prints. */
const places = (x: number): number => (String(x).split('.')[1] ?? '').length;

const calls = fc
  .record({ answered: fc.nat(1e6), abandoned: fc.nat(1e6), other: fc.nat(1e6) })
  .map(({ answered, abandoned, other }) => ({ answered, abandoned, offered: answered + abandoned + other }));

describe('KPI properties', () => {
  it('a rate is within [0, 1], close to the true ratio, and prints with its declared decimals', () => {
    fc.assert(
      fc.property(calls, ({ offered, answered }) => {
        const r = answerRate({ offered, answered });
        if (offered === 0) return expect(r.value).toBeNull();
        if (r.kind !== 'rate') throw new Error('expected a rate');
        expect(r.value).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThanOrEqual(1);
        // Rounding to 4 decimals moves the value by at most half a unit in the 4th place.
        expect(Math.abs(r.value - answered / offered)).toBeLessThanOrEqual(0.00005 + 1e-12);
        expect(Math.abs(r.percent - (100 * answered) / offered)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(places(r.value)).toBeLessThanOrEqual(4);
        expect(places(r.percent)).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('orders the service-level treatments: against ≤ favour and against ≤ ignored', () => {
    const input = calls.chain(({ offered, answered, abandoned }) =>
      fc.record({
        offered: fc.constant(offered),
        answered: fc.constant(answered),
        abandoned: fc.constant(abandoned),
        answeredWithinThreshold: fc.nat(answered),
        abandonedWithinThreshold: fc.nat(abandoned),
        serviceLevelSeconds: fc.constant(20),
      }),
    );
    fc.assert(
      fc.property(input, (i) => {
        const against = serviceLevel(i, { treatment: 'against' }).value;
        const favour = serviceLevel(i, { treatment: 'favour' }).value;
        const ignored = serviceLevel(i, { treatment: 'ignored' }).value;
        // Same denominator, larger numerator; same numerator, smaller denominator.
        // Half-up rounding is monotone, so the order survives it.
        if (against !== null && favour !== null) expect(against).toBeLessThanOrEqual(favour);
        if (against !== null && ignored !== null) expect(against).toBeLessThanOrEqual(ignored);
      }),
    );
  });

  it('answer and abandon rates are complements when every call is answered or abandoned', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), (answered, abandoned) => {
        const offered = answered + abandoned;
        const a = answerRate({ offered, answered });
        const b = abandonRate({ offered, abandoned });
        if (a.kind !== 'rate' || b.kind !== 'rate') return;
        // Each percent is off by at most 0.005, so the sum is within 0.01 of 100.
        expect(Math.abs(a.percent + b.percent - 100)).toBeLessThanOrEqual(0.01 + 1e-9);
      }),
    );
  });

  it('AHT of millisecond durations is exact: n calls of the same length average to that length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 3_600_000 }), (n, millis) => {
        const seconds = millis / 1000;
        const r = averageHandleTime({ handled: n, talkSeconds: (n * millis) / 1000, afterCallWorkSeconds: 0 }, { decimals: 3 });
        expect(r.value).toBe(seconds);
      }),
    );
  });

  it('never returns NaN or Infinity, and never throws anything but a KpiError', () => {
    const anyNumber = fc.oneof(fc.nat(1000), fc.integer({ min: -5, max: 5 }), fc.double({ min: -10, max: 1e4 }), fc.constantFrom(NaN, Infinity));
    const raw = fc.record(
      {
        offered: anyNumber, answered: anyNumber, abandoned: anyNumber, handled: anyNumber,
        talkSeconds: anyNumber, afterCallWorkSeconds: anyNumber, availableSeconds: anyNumber,
        serviceLevelSeconds: anyNumber, answeredWithinThreshold: anyNumber, abandonedWithinThreshold: anyNumber,
        leavers: anyNumber, headcountStart: anyNumber, headcountEnd: anyNumber,
        dailyNotReadyMinutes: fc.array(anyNumber, { maxLength: 5 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, (r) => {
        let values: Record<string, KpiResult>;
        try {
          values = computeKpis(r).values as Record<string, KpiResult>;
        } catch (e) {
          expect(e).toBeInstanceOf(KpiError);
          expect((e as KpiError).issues.length).toBeGreaterThan(0);
          return;
        }
        for (const v of Object.values(values)) {
          if (v.value !== null) expect(Number.isFinite(v.value)).toBe(true);
          if (v.kind === 'rate') expect(Number.isFinite(v.percent)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
