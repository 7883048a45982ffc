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
