import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { detectDecline } from './detect.js';
import { EarlyWarningError } from './errors.js';
import { createMonitor, resumeMonitor, type MonitorOptions } from './monitor.js';
import { alertReason } from './reason.js';
import type { DetectorName } from './types.js';

const TEAM = { mean: 88, sigma: 5 };

describe('createMonitor', () => {
  it('watches a new agent from its first evaluation on the team baseline', () => {
    const m = createMonitor(TEAM, { failThreshold: 70 });
    expect(m.push(87, { id: 'c1' })).toEqual([]);
    expect(m.status()).toMatchObject({ evaluations: 1, inAlarm: false, alarm: null, failThreshold: 70 });
    // One score: the level is that score, ± 1.96 × σ 5 = ± 9.80.
    const lv = m.status().level;
    expect(lv?.estimate).toBe(87);
    expect(lv?.upper).toBeCloseTo(87 + 1.959963985 * 5, 6);
    expect(m.status().projection).toEqual({ evaluationsToFail: null, marginToFail: 17, basis: 'stable' });
  });

  it('a sharp drop raises EWMA and CUSUM alerts with values, limits, window and reasons', () => {
    const m = createMonitor(TEAM, { locale: 'zh-CN', clip: null });
    m.push(87, { id: 'c1', date: '2026-10-01' });
    const raised = m.push(62, { id: 'c2', date: '2026-10-02' });
    // EWMA: 0.1·87 + 0.9·88 = 87.9, then 0.1·62 + 0.9·87.9 = 85.31;
    // limit at t = 2: 88 − 3.3·5·√(0.1/1.9·(1 − 0.9⁴)) = 88 − 16.5·0.13454 = 85.78.
    // CUSUM: C⁻ = max(0, 88 − 5 − 87) = 0, then 83 − 62 = 21 > H = 3.5·5 = 17.5.
    expect(raised.map((a) => [a.rule, a.direction, a.index, a.id])).toEqual([['ewma', 'down', 1, 'c2'], ['cusum', 'down', 1, 'c2']]);
    expect(raised[0]?.value).toBeCloseTo(85.31, 10);
    expect(raised[0]?.limit).toBeCloseTo(85.780, 3);
    expect(raised[1]).toMatchObject({ value: 21, limit: 17.5, window: [1, 1], estimatedMean: 62, detectors: ['cusum'] });
    expect(raised[1]?.message).toBe('下侧累积和（CUSUM）21 超过决策限 H = 17.5（连续 1 次评估），当前均值约 62');
    const s = m.status();
    expect(s.inAlarm).toBe(true);
    expect(s.alarm).toMatchObject({ since: { index: 1, rule: 'ewma', id: 'c2', date: '2026-10-02' }, rules: ['ewma', 'cusum'], alerts: 2 });
  });

  it('acknowledging closes the alarm and restarts the charts: the same evidence is not raised again', () => {
    const m = createMonitor(TEAM, { restart: 'on-acknowledge', clip: null });
    expect(m.push(60).map((a) => a.rule)).toEqual(['ewma', 'cusum']);
    // Without acknowledgement the charts stay beyond their limits but do not repeat the alert.
    expect(m.push(80)).toEqual([]);
    m.acknowledge();
    expect(m.status().inAlarm).toBe(false);
    // Restarted: C⁻ = 83 − 80 = 3 (not 23 + 3 + 3), the EWMA back at 88 → 87.2 within 88 − 1.65.
    expect(m.push(80)).toEqual([]);
    expect(m.state().cusum.lo).toBe(3);
  });

  it('projects, at the present slope, the evaluations until the expected score crosses the failing threshold', () => {
    const m = createMonitor(TEAM, { failThreshold: 70, detectors: ['xmr'] });
    // 20 scores falling 0.5 a call from 88: the line's slope is −0.5, its last value 78.5;
    // (78.5 − 70)/0.5 = 17 evaluations. Slope interval: −0.5 ± 1.96·5/√665 = −0.5 ± 0.38, below 0.
    for (let i = 0; i < 20; i++) m.push(88 - 0.5 * i);
    const s = m.status();
    expect(s.level?.slope).toBeCloseTo(-0.5, 12);
    expect(s.level?.estimate).toBeCloseTo(78.5, 12);
    expect(s.level?.slopeUpper).toBeCloseTo(-0.5 + 1.959963985 * 5 / Math.sqrt(665), 6);
    expect(s.projection).toEqual({ evaluationsToFail: 17, marginToFail: expect.closeTo(8.5, 10), basis: 'declining' });
  });

  it('one fatal call scored 0 is clipped to μ − 4σ for the charts: one bad call, not a decline', () => {
    // After 20 calls at 88, a 0 clipped to 88 − 20 = 68: C⁻ = 83 − 68 = 15 < H 17.5; the EWMA
    // 0.1·68 + 0.9·88 = 86 stays above 88 − 3.3·5·√(0.1/1.9·(1 − 0.9⁴²)) = 84.22.
    const clipped = createMonitor(TEAM);
    const raw = createMonitor(TEAM, { clip: null });
    for (let i = 0; i < 20; i++) { clipped.push(88); raw.push(88); }
    expect(clipped.push(0)).toEqual([]);
    // Unclipped, the same call fires both charts (EWMA 79.2, C⁻ 83).
    expect(raw.push(0).map((a) => a.rule)).toEqual(['ewma', 'cusum']);
  });

  it('an alarm closes by itself after 30 evaluations without a new downward alert (restart on signal)', () => {
    const m = createMonitor(TEAM, { clip: null });
    m.push(60);
    for (let i = 0; i < 29; i++) m.push(88);
    expect(m.status().inAlarm).toBe(true); // 29 quiet evaluations after the alert
    m.push(88);
    expect(m.status().inAlarm).toBe(false); // the 30th
    const kept = createMonitor(TEAM, { clip: null, autoClear: null });
    kept.push(60);
    for (let i = 0; i < 40; i++) kept.push(88);
    expect(kept.status().inAlarm).toBe(true);
  });

  it('state is plain JSON and resumes mid-stream', () => {
    const m = createMonitor(TEAM, { detectors: ['ewma', 'cusum', 'western-electric', 'nelson'] });
    for (const x of [88, 86, 84, 83]) m.push(x);
    const json = JSON.stringify(m.state());
    const back = resumeMonitor(JSON.parse(json));
    expect(JSON.stringify(back.state())).toBe(json);
    expect(back.push(70)).toEqual(m.push(70));
  });

  it('rejects a bad baseline, bad options and a foreign state with typed issues', () => {
    try {
      createMonitor({ mean: NaN, sigma: 0 }, { cusum: { h: -1 }, trendWindow: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EarlyWarningError);
      expect((e as EarlyWarningError).issues.map((i) => i.path.join('.'))).toEqual(['baseline.mean', 'baseline.sigma', 'options.cusum.h', 'options.trendWindow']);
    }
    expect(() => resumeMonitor({ format: 'other' })).toThrow(/bad_state/);
    expect(() => createMonitor(TEAM).push(NaN)).toThrow(EarlyWarningError);
  });
});

describe('reasons in both locales', () => {
  it('say the same facts', () => {
    const f = { rule: 'run-same-side', direction: 'down', value: 80, limit: 88, window: [3, 10] } as const;
    expect(alertReason(f, 'en')).toBe('8 evaluations in a row below the centre');
    expect(alertReason(f, 'zh-CN')).toBe('连续 8 次评估低于中心线');
    expect(alertReason({ rule: 'two-of-three-beyond-2sigma', direction: 'down', value: 77, limit: 78, window: [5, 7], pattern: '2 of 3' }, 'zh-CN')).toBe('3 次中有 2 次评估低于中心线 2σ 以上（界限 78）');
  });
});

describe('live = batch (property)', () => {
  const DETECTORS: DetectorName[] = ['xmr', 'ewma', 'cusum', 'western-electric', 'nelson'];
  it('pushing a series one by one, saving and resuming at random points, gives exactly detectDecline\'s alerts and status', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 40, max: 100 }), { minLength: 0, maxLength: 60 }),
        fc.subarray(DETECTORS, { minLength: 1 }),
        fc.constantFrom<'on-signal' | 'on-acknowledge'>('on-signal', 'on-acknowledge'),
        fc.array(fc.nat({ max: 59 }), { maxLength: 4 }),
        fc.array(fc.nat({ max: 59 }), { maxLength: 3 }),
        (xs, detectors, restart, acks, saves) => {
          const options: MonitorOptions = { detectors, restart, failThreshold: 70 };
          const batch = detectDecline(xs, { ...options, baseline: TEAM, acknowledgedAfter: acks });
          let m = createMonitor(TEAM, options);
          const live = xs.flatMap((x, i) => {
            const raised = m.push(x, {});
            if (acks.includes(i)) m.acknowledge();
            if (saves.includes(i)) m = resumeMonitor(JSON.parse(JSON.stringify(m.state())));
            return raised;
          });
          expect(live).toEqual(batch.alerts);
          expect(m.status()).toEqual({ ...batch.status, baseline: { ...TEAM, source: 'given' } });
        },
      ),
      { numRuns: 200, seed: 14 },
    );
  });

  it('without restarts, the monitor agrees with the classic charts (cusumChart, ewmaChart, runRules)', async () => {
    const { cusumChart } = await import('./cusum.js');
    const { ewmaChart } = await import('./ewma.js');
    const { runRules } = await import('./rules.js');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 60, max: 100 }), { maxLength: 50 }), (xs) => {
        if (xs.length === 0) return;
        const r = detectDecline(xs, { baseline: TEAM, detectors: ['ewma', 'cusum', 'nelson'], restart: 'on-acknowledge', clip: null, ewma: { lambda: 0.2, L: 3 }, cusum: { k: 0.5, h: 5 } });
        const key = (a: { rule: string; index: number; direction: string; window: readonly number[] }): string => `${a.rule}@${a.index}${a.direction}[${a.window.join(',')}]`;
        const classic = [
          ...ewmaChart(xs, { baseline: TEAM }).alerts,
          ...cusumChart(xs, { baseline: TEAM }).alerts,
          ...runRules(xs, { baseline: TEAM, set: 'nelson' }).alerts,
        ].map(key).sort();
        expect(r.alerts.map(key).sort()).toEqual(classic);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
