import { describe, expect, it } from 'vitest';
import { KpiError, computeKpis } from './index.js';

describe('computeKpis', () => {
  it('computes what the data allows and lists the rest with what they lack', () => {
    const { values, notComputed } = computeKpis({ offered: 1600, answered: 1570, abandoned: 30 });
    // 1570 / 1600 = 0.98125 → 0.9813, 98.13; 30 / 1600 = 0.01875 → 0.0188, 1.88.
    expect(values).toEqual({
      answerRate: { kind: 'rate', num: 1570, den: 1600, value: 0.9813, percent: 98.13 },
      abandonRate: { kind: 'rate', num: 30, den: 1600, value: 0.0188, percent: 1.88 },
    });
    expect(notComputed.map((n) => n.kpi)).toEqual([
      'serviceLevelIgnored',
      'serviceLevelAgainst',
      'serviceLevelFavour',
      'averageHandleTime',
      'averageSpeedOfAnswer',
      'firstContactResolution',
      'occupancy',
      'scheduleAdherence',
      'shrinkage',
      'attendance',
      'attrition',
      'notReadyRate',
      'missedCallRate',
      'notReadyOccurrences',
    ]);
    expect(notComputed[0]).toEqual({
      kpi: 'serviceLevelIgnored',
      missing: ['serviceLevelSeconds', 'answeredWithinThreshold'],
      message: 'serviceLevelIgnored needs serviceLevelSeconds, answeredWithinThreshold',
    });
  });

  it('computes every KPI from a full month of one agent', () => {
    const { values, notComputed } = computeKpis(
      {
        offered: 500, answered: 480, abandoned: 20,
        serviceLevelSeconds: 20, answeredWithinThreshold: 400, abandonedWithinThreshold: 12,
        shortAbandonSeconds: 5, shortAbandoned: 4,
        handled: 480, talkSeconds: 96000, holdSeconds: 4800, afterCallWorkSeconds: 14400,
        answerWaitSeconds: 4320,
        resolvedFirstContact: 400, resolutionEligible: 480,
        availableSeconds: 12800,
        adherentSeconds: 540000, scheduledSeconds: 576000,
        shrinkageSeconds: 144000, paidSeconds: 576000,
        shiftsPresent: 19, shiftsScheduled: 20,
        leavers: 1, headcountStart: 20, headcountEnd: 19,
        notReadySeconds: 18000, loggedInSeconds: 144000,
        missedCalls: 11, inboundCalls: 200,
        dailyNotReadyMinutes: [10, 31, 45, 30],
      },
      { excludeShortAbandons: true, averageDecimals: 1 },
    );
    expect(notComputed).toEqual([]);
    const pct = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.kind === 'rate' ? v.percent : v.value]));
    expect(pct).toEqual({
      answerRate: 96, // 480 / 500
      abandonRate: 3.23, // (20 − 4) / (500 − 4) = 16 / 496 = 0.032258… → 3.23
      serviceLevelIgnored: 83.33, // 400 / (500 − 20) = 0.83333…
      serviceLevelAgainst: 80.65, // 400 / 496 = 0.806451… → 80.65
      serviceLevelFavour: 82.26, // (400 + 12 − 4) / 496 = 408 / 496 = 0.822580… → 82.26
      averageHandleTime: 240, // (96000 + 4800 + 14400) / 480 = 115200 / 480
      averageSpeedOfAnswer: 9, // 4320 / 480
      firstContactResolution: 83.33, // 400 / 480
      occupancy: 90, // 115200 / (115200 + 12800) = 0.9
      scheduleAdherence: 93.75, // 540000 / 576000
      shrinkage: 25, // 144000 / 576000
      attendance: 95, // 19 / 20
      attrition: 5.13, // 1 / 19.5 = 0.051282… → 5.13
      notReadyRate: 12.5, // 18000 / 144000
      missedCallRate: 5.5, // 11 / 200
      notReadyOccurrences: 2, // 31 and 45 are > 30
    });
  });

  it('reports a zero denominator as no data among the values', () => {
    const { values } = computeKpis({ missedCalls: 0, inboundCalls: 0 });
    expect(values.missedCallRate).toMatchObject({ value: null, reason: 'no_data' });
  });

  it('asks for short-abandon data only when excluding it', () => {
    const raw = { offered: 10, abandoned: 1, answered: 9 };
    expect(computeKpis(raw).values.abandonRate).toMatchObject({ percent: 10 });
    const { notComputed } = computeKpis(raw, { excludeShortAbandons: true });
    expect(notComputed.find((n) => n.kpi === 'abandonRate')?.missing).toEqual(['shortAbandoned', 'shortAbandonSeconds']);
  });

  it('rejects typos, bad values and inconsistent counts all at once', () => {
    let error: unknown;
    try {
      computeKpis({ offerd: 10, answered: 12, offered: 10, talkSeconds: -3 } as never, { decimals: 2.5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KpiError);
    expect((error as KpiError).issues.map((i) => [i.code, i.path])).toEqual([
      ['negative', ['talkSeconds']],
      ['unknown_key', ['offerd']], // one code set for every loader (src/issues/zod.ts)
      ['exceeds', ['answered']],
      ['invalid_option', ['options', 'decimals']],
    ]);
    // A bad threshold is reported even when there are no daily minutes to apply it to.
    expect(() => computeKpis({}, { notReadyThresholdMinutes: -1 })).toThrow(KpiError);
  });
});
