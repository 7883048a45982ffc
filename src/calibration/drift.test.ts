import { describe, expect, it } from 'vitest';
import { consensusDrift } from './drift.js';
import { CalibrationError } from './errors.js';

describe('consensusDrift', () => {
  it('fits a least-squares line to the gap and flags lenient drift', () => {
    // Gaps 0, 1, 3 at sessions x = 0, 1, 2 (given out of date order).
    // x̄ = 1, ȳ = 4/3; Sxy = (−1)(−4/3) + 0 + (1)(5/3) = 3; Sxx = 2 → slope 1.5.
    // Fitted first = 4/3 − 1.5 = −1/6, last = 4/3 + 1.5 = 17/6; change 3 > 1 and last > 0.
    const d = consensusDrift([
      { sessionId: 'mar', date: '2024-03-10', gap: 3 },
      { sessionId: 'jan', date: '2024-01-10', gap: 0 },
      { sessionId: 'feb', date: '2024-02-10', gap: 1 },
    ]);
    expect(d.points.map((p) => p.sessionId)).toEqual(['jan', 'feb', 'mar']);
    expect(d.slope.value).toBeCloseTo(1.5, 12);
    expect(d.fittedFirst).toBeCloseTo(-1 / 6, 12);
    expect(d.fittedLast).toBeCloseTo(17 / 6, 12);
    expect(d.drifting).toBe('lenient');
  });

  it('does not flag convergence towards the expert', () => {
    // −3 → −1: the panel was harsh and is catching up; fitted last −1 < 0.
    const d = consensusDrift([
      { sessionId: 'a', date: '2024-01-01', gap: -3 },
      { sessionId: 'b', date: '2024-02-01', gap: -1 },
    ]);
    expect(d.slope.value).toBe(2);
    expect(d.drifting).toBeNull();
  });

  it('flags harsh drift and treats a change of exactly the tolerance as no drift', () => {
    const harsh = consensusDrift([
      { sessionId: 'a', date: '2024-01-01', gap: 0 },
      { sessionId: 'b', date: '2024-02-01', gap: -2 },
    ]);
    expect(harsh.drifting).toBe('harsh');
    const edge = consensusDrift(
      [
        { sessionId: 'a', date: '2024-01-01', gap: 0 },
        { sessionId: 'b', date: '2024-02-01', gap: 2 },
      ],
      { tolerance: 2 },
    );
    expect(edge.drifting).toBeNull();
  });

  it('needs two sessions', () => {
    expect(consensusDrift([{ sessionId: 'a', date: '2024-01-01', gap: 5 }]).slope).toEqual({ value: null, reason: 'too_few_units' });
  });

  it('rejects bad dates with the path', () => {
    try {
      consensusDrift([{ sessionId: 'a', date: 'last Tuesday', gap: 0 }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalibrationError);
      expect((e as CalibrationError).issues[0]).toMatchObject({ code: 'invalid_date', path: [0, 'date'] });
    }
  });
});
