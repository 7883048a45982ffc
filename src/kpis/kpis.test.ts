import { describe, expect, it } from 'vitest';
import {
  KpiError,
  abandonRate,
  answerRate,
  attendance,
  attrition,
  averageHandleTime,
  averageSpeedOfAnswer,
  firstContactResolution,
  missedCallRate,
  notReadyOccurrences,
  notReadyRate,
  occupancy,
  scheduleAdherence,
  serviceLevel,
  shrinkage,
  computeKpis,
  kpiInputIssues,
} from './index.js';
import { issuesOf as sharedIssuesOf } from '../../test/support/issues.js';

const issuesOf = (fn: () => unknown) => sharedIssuesOf(fn, KpiError);

describe('answerRate', () => {
  it('rounds half-up from the exact fraction', () => {
    // 1570 / 1600 = 0.98125 exactly: 4 decimals → 0.9813 (tie goes up); percent 98.125 → 98.13.
    expect(answerRate({ offered: 1600, answered: 1570 })).toEqual({
      kind: 'rate',
      num: 1570,
      den: 1600,
      value: 0.9813,
      percent: 98.13,
    });
  });

  it('honours declared decimals', () => {
    // 1 / 16 = 0.0625: 3 decimals → 0.063 (tie up); percent 6.25 at 1 decimal → 6.3 (tie up).
    const r = answerRate({ offered: 16, answered: 1 }, { decimals: 3, percentDecimals: 1 });
    expect(r).toMatchObject({ value: 0.063, percent: 6.3 });
    // 2 / 3 = 0.6666…: → 0.6667 and 66.67, no float tail.
    expect(answerRate({ offered: 3, answered: 2 })).toMatchObject({ value: 0.6667, percent: 66.67 });
    // 0 decimals: 2/3 → 1 and 67.
    expect(answerRate({ offered: 3, answered: 2 }, { decimals: 0, percentDecimals: 0 })).toMatchObject({ value: 1, percent: 67 });
  });

  it('reports no data rather than NaN when nothing was offered', () => {
    expect(answerRate({ offered: 0, answered: 0 })).toEqual({
      kind: 'no_data',
      value: null,
      reason: 'no_data',
      message: 'no calls offered',
    });
  });

  it('rejects answered > offered, with the path', () => {
    const issues = issuesOf(() => answerRate({ offered: 10, answered: 12 }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'exceeds', path: ['answered'] });
  });

  it('lists every issue at once', () => {
    const issues = issuesOf(() => answerRate({ offered: -1, answered: 1.5 }, { decimals: -1 }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['negative', ['offered']],
      ['not_integer', ['answered']],
      ['invalid_option', ['options', 'decimals']],
    ]);
  });

  it('turns garbage into issues, never a TypeError', () => {
    const missing = issuesOf(() => answerRate({} as never));
    expect(missing.map((i) => i.code)).toEqual(['required', 'required']);
    const notObject = issuesOf(() => answerRate(null as never));
    expect(notObject[0]).toMatchObject({ code: 'invalid_type', path: [] });
    const inf = issuesOf(() => answerRate({ offered: Infinity, answered: Number.NaN }));
    expect(inf.map((i) => i.code)).toEqual(['invalid_type', 'invalid_type']);
  });
});

describe('abandonRate', () => {
  it('divides abandoned by offered', () => {
    // 9 / 200 = 0.045 → 4.5%.
    expect(abandonRate({ offered: 200, abandoned: 9 })).toMatchObject({ value: 0.045, percent: 4.5 });
  });

  it('can exclude short abandons from both sides', () => {
    // (9 − 4) / (200 − 4) = 5 / 196 = 0.025510… → 0.0255, 2.55%.
    const r = abandonRate(
      { offered: 200, abandoned: 9, shortAbandoned: 4, shortAbandonSeconds: 5 },
      { excludeShortAbandons: true },
    );
    expect(r).toEqual({ kind: 'rate', num: 5, den: 196, value: 0.0255, percent: 2.55 });
  });

  it('needs the short-abandon data to exclude it', () => {
    const issues = issuesOf(() => abandonRate({ offered: 200, abandoned: 9 }, { excludeShortAbandons: true }));
    expect(issues.map((i) => i.path)).toEqual([['shortAbandoned'], ['shortAbandonSeconds']]);
  });

  it('rejects more short abandons than abandons', () => {
    const issues = issuesOf(() => abandonRate({ offered: 200, abandoned: 3, shortAbandoned: 4, shortAbandonSeconds: 5 }));
    expect(issues[0]).toMatchObject({ code: 'exceeds', path: ['shortAbandoned'] });
  });
});

describe('serviceLevel', () => {
  const input = {
    serviceLevelSeconds: 20,
    offered: 100,
    answered: 90,
    answeredWithinThreshold: 72,
    abandoned: 10,
    abandonedWithinThreshold: 6,
    shortAbandoned: 2,
    shortAbandonSeconds: 5,
  };

  it('applies the three treatments of abandoned calls', () => {
    // ignored: 72 / (100 − 10) = 0.8; against: 72 / 100; favour: (72 + 6) / 100.
    expect(serviceLevel(input, { treatment: 'ignored' })).toEqual({ kind: 'rate', num: 72, den: 90, value: 0.8, percent: 80 });
    expect(serviceLevel(input, { treatment: 'against' })).toEqual({ kind: 'rate', num: 72, den: 100, value: 0.72, percent: 72 });
    expect(serviceLevel(input, { treatment: 'favour' })).toEqual({ kind: 'rate', num: 78, den: 100, value: 0.78, percent: 78 });
  });

  it('excludes short abandons when asked', () => {
    // against: 72 / 98 = 0.734693… → 0.7347, 73.47.
    expect(serviceLevel(input, { treatment: 'against', excludeShortAbandons: true })).toEqual({
      kind: 'rate', num: 72, den: 98, value: 0.7347, percent: 73.47,
    });
    // favour: (72 + 6 − 2) / 98 = 76 / 98 = 0.775510… → 0.7755, 77.55.
    expect(serviceLevel(input, { treatment: 'favour', excludeShortAbandons: true })).toMatchObject({
      num: 76, den: 98, value: 0.7755, percent: 77.55,
    });
    // ignored: short abandons cancel out, 72 / 90 as before.
    expect(serviceLevel(input, { treatment: 'ignored', excludeShortAbandons: true })).toMatchObject({ num: 72, den: 90 });
  });

  it('requires what the treatment needs', () => {
    const base = { serviceLevelSeconds: 20, offered: 100, answeredWithinThreshold: 72 };
    expect(issuesOf(() => serviceLevel(base, { treatment: 'ignored' }))[0]).toMatchObject({ code: 'required', path: ['abandoned'] });
    expect(issuesOf(() => serviceLevel(base, { treatment: 'favour' }))[0]).toMatchObject({
      code: 'required',
      path: ['abandonedWithinThreshold'],
    });
    expect(serviceLevel(base, { treatment: 'against' })).toMatchObject({ percent: 72 });
    expect(issuesOf(() => serviceLevel(base, { treatment: 'both' as never }))[0]).toMatchObject({ path: ['options', 'treatment'] });
  });

  it('gives no data when every call was abandoned (ignored treatment)', () => {
    const r = serviceLevel({ serviceLevelSeconds: 20, offered: 5, answeredWithinThreshold: 0, abandoned: 5 }, { treatment: 'ignored' });
    expect(r.value).toBeNull();
  });

  it('rejects inconsistent counts', () => {
    const issues = issuesOf(() =>
      serviceLevel({ ...input, answeredWithinThreshold: 95, shortAbandonSeconds: 30 }, { treatment: 'against' }),
    );
    // 95 in time + 10 abandoned = 105 > 100 offered: also an 'exceeds' at abandoned.
    expect(issues.map((i) => i.path[0])).toEqual(['answeredWithinThreshold', 'abandoned', 'abandonedWithinThreshold', 'shortAbandonSeconds']);
  });
});

describe('averages', () => {
  it('AHT = (talk + hold + after-call work) / handled', () => {
    // (3000 + 100 + 600) / 12 = 3700 / 12 = 308.333… → 308.33.
    expect(averageHandleTime({ handled: 12, talkSeconds: 3000, holdSeconds: 100, afterCallWorkSeconds: 600 })).toEqual({
      kind: 'average', unit: 'seconds', num: 3700, den: 12, value: 308.33,
    });
    // Hold omitted: (100.5 + 20.25) / 3 = 120.75 / 3 = 40.25.
    expect(averageHandleTime({ handled: 3, talkSeconds: 100.5, afterCallWorkSeconds: 20.25 })).toMatchObject({ num: 120.75, value: 40.25 });
  });

  it('adds decimals without float artefacts', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats; here 100 ms + 200 ms = 300 ms.
    expect(averageHandleTime({ handled: 1, talkSeconds: 0.1, afterCallWorkSeconds: 0.2 })).toMatchObject({ num: 0.3, value: 0.3 });
  });

  it('rejects durations finer than a millisecond', () => {
    const issues = issuesOf(() => averageHandleTime({ handled: 1, talkSeconds: 0.0001, afterCallWorkSeconds: -2 }));
    expect(issues.map((i) => [i.code, i.path[0]])).toEqual([
      ['too_precise', 'talkSeconds'],
      ['negative', 'afterCallWorkSeconds'],
    ]);
  });

  it('ASA = answer wait / answered', () => {
    // 50 / 3 = 16.666… → 16.67; 0 decimals → 17.
    expect(averageSpeedOfAnswer({ answered: 3, answerWaitSeconds: 50 }).value).toBe(16.67);
    expect(averageSpeedOfAnswer({ answered: 3, answerWaitSeconds: 50 }, { decimals: 0 }).value).toBe(17);
    expect(averageSpeedOfAnswer({ answered: 0, answerWaitSeconds: 0 })).toMatchObject({ value: null, reason: 'no_data' });
  });
});

describe('workforce and agent rates', () => {
  it('computes each rate from its formula', () => {
    // 413 / 500 = 0.826.
    expect(firstContactResolution({ resolvedFirstContact: 413, resolutionEligible: 500 })).toMatchObject({ value: 0.826, percent: 82.6 });
    // (3000 + 0 + 600) / (3600 + 400) = 0.9.
    expect(occupancy({ talkSeconds: 3000, afterCallWorkSeconds: 600, availableSeconds: 400 })).toEqual({
      kind: 'rate', num: 3600, den: 4000, value: 0.9, percent: 90,
    });
    // 27000 / 28800 = 0.9375.
    expect(scheduleAdherence({ adherentSeconds: 27000, scheduledSeconds: 28800 })).toMatchObject({ value: 0.9375, percent: 93.75 });
    // 9000 / 28800 = 0.3125.
    expect(shrinkage({ shrinkageSeconds: 9000, paidSeconds: 28800 })).toMatchObject({ value: 0.3125, percent: 31.25 });
    // 21 / 22 = 0.954545… → 0.9545, 95.45.
    expect(attendance({ shiftsPresent: 21, shiftsScheduled: 22 })).toMatchObject({ value: 0.9545, percent: 95.45 });
    // 3 / ((50 + 48) / 2) = 3 / 49 = 0.061224… → 0.0612, 6.12.
    expect(attrition({ leavers: 3, headcountStart: 50, headcountEnd: 48 })).toEqual({
      kind: 'rate', num: 3, den: 49, value: 0.0612, percent: 6.12,
    });
    // 1800 / 28800 = 0.0625.
    expect(notReadyRate({ notReadySeconds: 1800, loggedInSeconds: 28800 })).toMatchObject({ value: 0.0625, percent: 6.25 });
    // 6 / 120 = 0.05.
    expect(missedCallRate({ missedCalls: 6, inboundCalls: 120 })).toMatchObject({ value: 0.05, percent: 5 });
  });

  it('allows attrition above 100% (staff turned over more than once)', () => {
    // 5 / ((4 + 4) / 2) = 1.25.
    expect(attrition({ leavers: 5, headcountStart: 4, headcountEnd: 4 })).toMatchObject({ value: 1.25, percent: 125 });
  });

  it('rejects parts above their wholes', () => {
    expect(issuesOf(() => attendance({ shiftsPresent: 23, shiftsScheduled: 22 }))[0]).toMatchObject({ path: ['shiftsPresent'] });
    expect(issuesOf(() => missedCallRate({ missedCalls: 7, inboundCalls: 6 }))[0]).toMatchObject({ path: ['missedCalls'] });
    expect(issuesOf(() => notReadyRate({ notReadySeconds: 2, loggedInSeconds: 1 }))[0]).toMatchObject({ path: ['notReadySeconds'] });
  });

  it('gives no data for zero denominators', () => {
    expect(missedCallRate({ missedCalls: 0, inboundCalls: 0 }).value).toBeNull();
    expect(occupancy({ talkSeconds: 0, afterCallWorkSeconds: 0, availableSeconds: 0 }).value).toBeNull();
    expect(attrition({ leavers: 0, headcountStart: 0, headcountEnd: 0 }).value).toBeNull();
  });
});

describe('notReadyOccurrences', () => {
  it('counts days strictly above the threshold', () => {
    // 45 and 31 are above 30; exactly 30 is not ("> 30 min").
    expect(notReadyOccurrences({ dailyNotReadyMinutes: [12, 45, 30, 31] })).toEqual({
      kind: 'count', value: 2, days: [1, 3], thresholdMinutes: 30,
    });
    // Threshold 20: 45, 30 and 31 count.
    expect(notReadyOccurrences({ dailyNotReadyMinutes: [12, 45, 30, 31] }, { thresholdMinutes: 20 }).days).toEqual([1, 2, 3]);
    expect(notReadyOccurrences({ dailyNotReadyMinutes: [] }).value).toBe(0);
  });

  it('rejects impossible days and thresholds', () => {
    const issues = issuesOf(() => notReadyOccurrences({ dailyNotReadyMinutes: [10, -1, 1441] }, { thresholdMinutes: -5 }));
    expect(issues.map((i) => i.path)).toEqual([['dailyNotReadyMinutes', 1], ['dailyNotReadyMinutes', 2], ['options', 'thresholdMinutes']]);
  });
});

describe('serviceLevel ignored: answered within T and abandoned share the offered calls', () => {
  // 'ignored' = A / (offered − B) = 9 / (10 − 5) = 9/5 = 180% without the check:
  // 9 answered in time + 5 abandoned = 14 calls out of 10 offered.
  const input = { serviceLevelSeconds: 20, offered: 10, answeredWithinThreshold: 9, abandoned: 5 };
  const expected = {
    code: 'exceeds',
    path: ['abandoned'],
    message: 'answeredWithinThreshold + abandoned (14) exceeds offered (10): a call answered within T was not abandoned',
  };

  it('serviceLevel throws an exceeds issue', () => {
    expect(issuesOf(() => serviceLevel(input, { treatment: 'ignored' }))).toContainEqual(expected);
  });

  it('kpiInputIssues says the same', () => {
    expect(kpiInputIssues(input, ['serviceLevelSeconds', 'offered', 'answeredWithinThreshold', 'abandoned'], [])).toEqual([expected]);
  });

  it('computeKpis refuses the record', () => {
    expect(() => computeKpis(input)).toThrow(KpiError);
    try {
      computeKpis(input);
    } catch (e) {
      expect((e as KpiError).issues).toContainEqual(expected);
    }
  });

  it('at the limit it is 100%: 5 in time, 5 abandoned of 10 → 5 / (10 − 5)', () => {
    expect(serviceLevel({ ...input, answeredWithinThreshold: 5 }, { treatment: 'ignored' })).toMatchObject({ percent: 100 });
  });
});
