import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PeriodError,
  inPeriod,
  localDate,
  period,
  periodOf,
  selectVersion,
  validateVersionTimeline,
  type PeriodSpec,
} from './index.js';

const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham'];

const spec: fc.Arbitrary<PeriodSpec> = fc.oneof(
  fc.record({ kind: fc.constant('month' as const), timeZone: fc.constantFrom(...ZONES) }),
  fc.record({ kind: fc.constant('isoWeek' as const), timeZone: fc.constantFrom(...ZONES) }),
  fc.record({ kind: fc.constant('quarter' as const), timeZone: fc.constantFrom(...ZONES) }),
  fc.record({ kind: fc.constant('cycle' as const), timeZone: fc.constantFrom(...ZONES), startDay: fc.integer({ min: 1, max: 28 }) }),
);

// 1990–2100: wide enough for many DST rule changes, inside four-digit years.
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('period properties', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('the period of an instant contains it, and its id rebuilds it', () => {
    fc.assert(
      fc.property(instant, spec, (t, s) => {
        const p = periodOf(t, s);
        expect(inPeriod(t, p)).toBe(true);
        expect(period(p.id, s)).toEqual(p);
        // Its local days bracket the instant's local day.
        const day = localDate(t, s.timeZone);
        expect(p.firstDay <= day && day <= p.lastDay).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('periods tile time: the instant at a period’s end belongs to the next one', () => {
    fc.assert(
      fc.property(instant, spec, (t, s) => {
        const p = periodOf(t, s);
        const next = periodOf(p.end, s);
        expect(next.start).toEqual(p.end);
        expect(next.id).not.toBe(p.id);
        expect(periodOf(p.start.getTime() - 1, s).end).toEqual(p.start);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the server’s time zone', () => {
    fc.assert(
      fc.property(instant, spec, fc.constantFrom('Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kathmandu'), (t, s, server) => {
        process.env.TZ = 'UTC';
        const a = periodOf(t, s);
        process.env.TZ = server;
        expect(periodOf(t, s)).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects any string that is not a period id with a PeriodError', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        try {
          period(id, { kind: 'month', timeZone: 'UTC' });
          expect(id).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        } catch (e) {
          expect(e).toBeInstanceOf(PeriodError);
        }
      }),
    );
  });
});

describe('version timeline properties', () => {
  const day0 = new TZDate(2020, 0, 1, 'UTC');
  const dayAt = (n: number): string => format(addDays(day0, n), 'yyyy-MM-dd');

  // Cut points at increasing day offsets: version i runs from cut i to the day before cut i+1; the last is open.
  const timeline = fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 8 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    return sorted.map((c, i) => {
      const next = sorted[i + 1];
      return next === undefined ? { effectiveFrom: dayAt(c), id: i } : { effectiveFrom: dayAt(c), effectiveTo: dayAt(next - 1), id: i };
    });
  });

  it('a contiguous timeline is valid and every covered day selects the version whose range holds it', () => {
    fc.assert(
      fc.property(timeline, fc.integer({ min: 0, max: 2100 }), fc.boolean(), (versions, n, reversed) => {
        const list = reversed ? [...versions].reverse() : versions;
        expect(validateVersionTimeline(list, { contiguous: true })).toEqual([]);
        const day = dayAt(n);
        const first = versions[0]!.effectiveFrom;
        if (day < first) {
          expect(() => selectVersion(list, day)).toThrow(PeriodError);
          return;
        }
        const v = selectVersion(list, day);
        expect(v.effectiveFrom <= day && (v.effectiveTo === undefined || day <= v.effectiveTo)).toBe(true);
      }),
    );
  });

  it('stretching any version by one day makes an overlap', () => {
    fc.assert(
      fc.property(
        timeline.filter((v) => v.length >= 2),
        fc.nat(),
        (versions, k) => {
          const i = k % (versions.length - 1);
          const stretched = versions.map((v, j) =>
            j === i ? { ...v, effectiveTo: versions[j + 1]!.effectiveFrom } : v,
          );
          expect(validateVersionTimeline(stretched).map((x) => x.code)).toEqual(['overlap']);
        },
      ),
    );
  });
});

describe('consecutive periods share their boundary where a local midnight does not exist', () => {
  // Zones whose DST starts at midnight: Santiago (first Sunday of September),
  // Havana (March), Amman (2016-04-01 00:00 → 01:00).
  const GAP_ZONES = ['America/Santiago', 'America/Havana', 'Asia/Amman'];
  const gapSpec: fc.Arbitrary<PeriodSpec> = fc.oneof(
    fc.record({ kind: fc.constant('month' as const), timeZone: fc.constantFrom(...GAP_ZONES) }),
    fc.record({ kind: fc.constant('isoWeek' as const), timeZone: fc.constantFrom(...GAP_ZONES) }),
    fc.record({ kind: fc.constant('quarter' as const), timeZone: fc.constantFrom(...GAP_ZONES) }),
    fc.record({ kind: fc.constant('cycle' as const), timeZone: fc.constantFrom(...GAP_ZONES), startDay: fc.integer({ min: 1, max: 28 }) }),
  );

  it('cycle startDay 6 in Santiago: 2026-10 ends exactly where 2026-11 starts', () => {
    const s: PeriodSpec = { kind: 'cycle', startDay: 6, timeZone: 'America/Santiago' };
    // 2026-09-06 00:00 does not exist (clocks go 00:00 → 01:00, -04 → -03): the day starts 01:00-03 = 04:00Z.
    // 2026-10-06 00:00-03 = 03:00Z: the end of 2026-10 and the start of 2026-11.
    expect(period('2026-10', s).start.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(period('2026-10', s).end.toISOString()).toBe('2026-10-06T03:00:00.000Z');
    expect(period('2026-11', s).start.toISOString()).toBe('2026-10-06T03:00:00.000Z');
    // 2026-09: 2026-08-06 00:00-04 = 04:00Z to the gap day's first instant, 2026-09-06T04:00Z.
    expect(period('2026-09', s).start.toISOString()).toBe('2026-08-06T04:00:00.000Z');
    expect(period('2026-09', s).end.toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('Amman, April 2016 (midnight 1 April skipped): March ends where April starts', () => {
    const s: PeriodSpec = { kind: 'month', timeZone: 'Asia/Amman' };
    // 2016-04-01 00:00+02 does not exist; the day starts 01:00+03 = 2016-03-31T22:00Z.
    expect(period('2016-03', s).end.toISOString()).toBe('2016-03-31T22:00:00.000Z');
    expect(period('2016-04', s).start.toISOString()).toBe('2016-03-31T22:00:00.000Z');
    // 2016-05-01 00:00+03 = 2016-04-30T21:00Z.
    expect(period('2016-04', s).end.toISOString()).toBe('2016-04-30T21:00:00.000Z');
  });

  it('end of one === start of the next, for every kind', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 0, 1) }), gapSpec, (t, s) => {
        const p = periodOf(t, s);
        const next = periodOf(p.end, s);
        expect(next.id).not.toBe(p.id);
        expect(next.start.toISOString()).toBe(p.end.toISOString());
        expect(period(next.id, s).start.toISOString()).toBe(p.end.toISOString());
      }),
      { numRuns: 3000 },
    );
  });

  it('every period of 2010–2029 in these zones, exhaustively for months and cycles', () => {
    for (const timeZone of GAP_ZONES) {
      for (const startDay of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 25, 28]) {
        const s: PeriodSpec = { kind: 'cycle', startDay, timeZone };
        for (let y = 2010; y < 2030; y++) {
          for (let m = 1; m <= 12; m++) {
            const id = `${y}-${String(m).padStart(2, '0')}`;
            const nextId = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
            expect(period(id, s).end.toISOString(), `${timeZone} ${startDay} ${id}`).toBe(period(nextId, s).start.toISOString());
          }
        }
      }
    }
  });
});
