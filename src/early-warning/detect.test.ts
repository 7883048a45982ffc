import { describe, it, expect } from 'vitest';
import { alertsSince, detectDecline } from './detect.js';
import { EarlyWarningError } from './errors.js';

describe('detectDecline', () => {
  it('reports the margin to the failing threshold from the level', () => {
    // A flat 80: the line through the scores is flat at 80; margin 80 − 70 = 10 points = 2.5σ.
    const r = detectDecline([80, 80, 80], { baseline: { mean: 80, sigma: 4 }, failThreshold: 70 });
    expect(r.level).toBe(80);
    expect(r.marginToFail).toBe(10);
    expect(r.marginToFailSigma).toBe(2.5);
    expect(r.firstDecline).toBeNull();
    expect(r.status.inAlarm).toBe(false);
  });

  it('runs the chosen detectors (classic mode: no restart) and sorts every alert by index', () => {
    const xs = [80, 81, 79, 80, 78, 76, 75, 74, 73, 72, 71, 70];
    const r = detectDecline(xs, { baseline: { mean: 80, sigma: 2 }, detectors: ['cusum', 'ewma', 'western-electric', 'nelson'], failThreshold: 70, restart: 'on-acknowledge' });
    const idx = r.alerts.map((a) => a.index);
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    expect(new Set(r.alerts.map((a) => a.rule))).toEqual(new Set(['cusum', 'ewma', 'beyond-3sigma', 'two-of-three-beyond-2sigma', 'four-of-five-beyond-1sigma', 'run-same-side', 'trend']));
    // Western Electric and Nelson share four rules: each fires once, naming both sets.
    const shared = r.alerts.filter((a) => a.rule === 'four-of-five-beyond-1sigma');
    expect(shared).toHaveLength(1);
    expect(shared[0]?.detectors).toEqual(['western-electric', 'nelson']);
    expect(r.firstDecline?.index).toBe(r.alerts.find((a) => a.direction === 'down')?.index);
    expect(r.status.alarm?.since.index).toBe(r.firstDecline?.index);
  });

  it('reports upward alerts too, but firstDecline and the alarm only look down', () => {
    const r = detectDecline([80, 95, 96, 97], { baseline: { mean: 80, sigma: 2 }, detectors: ['xmr'] });
    expect(r.alerts.every((a) => a.direction === 'up')).toBe(true);
    expect(r.firstDecline).toBeNull();
    expect(r.status.inAlarm).toBe(false);
  });

  it('watches a new agent on the team baseline, and uses its own Phase I baseline once its reference period is long enough', () => {
    expect(detectDecline([85, 90], { team: { mean: 88, sigma: 5 } }).baseline).toEqual({ mean: 88, sigma: 5, source: 'team' });
    // 200 evaluations alternating 86 and 90: mean 88 (the agent's own), σ the team's 9.
    const own = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 86 : 90));
    const b = detectDecline(own, { team: { mean: 70, sigma: 9 }, reference: 200 }).baseline;
    expect(b).toEqual({ mean: 88, sigma: 9, source: 'phase1', points: 200, removed: 0 });
    // Without a team, its own σ̂: every moving range is 4, σ̂ = 4/1.128 = 3.546.
    expect(detectDecline(own).baseline.sigma).toBeCloseTo(4 / 1.128, 12);
    // A reference period of 40 (< 200) falls back to the team's.
    expect(detectDecline(own, { team: { mean: 70, sigma: 9 }, reference: 40 }).baseline.source).toBe('team');
  });

  it('without a team, a too-new agent gets a clear no_baseline issue', () => {
    try {
      detectDecline([88, 90, 86]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EarlyWarningError);
      expect((e as EarlyWarningError).issues[0]).toMatchObject({ code: 'no_baseline', path: ['options', 'team'] });
    }
  });

  it('restarts after a signal: an early false alarm does not hide a later decline', () => {
    // An outlier at 60 fires the CUSUM (C⁻ = 88 − 5 − 60 = 23 > H 17.5); the charts restart,
    // so the stable stretch leaves C⁻ at 0 and the later drop to 75 is caught on its own evidence.
    const xs = [88, 60, ...Array<number>(30).fill(88), 75, 75, 75];
    const r = detectDecline(xs, { team: { mean: 88, sigma: 5 }, clip: null });
    const downs = r.alerts.filter((a) => a.direction === 'down' && a.rule === 'cusum').map((a) => a.index);
    // After the drop: C⁻ = 83 − 75 = 8, then 16, then 24 > 17.5 at the third 75 (index 34).
    expect(downs).toEqual([1, 34]);
    expect(r.firstDecline?.index).toBe(1);
    expect(r.lastDecline?.index).toBe(34);
    // The EWMA (restarted at 88) reaches only 84.48 by then, above its limit 88 − 3.79 = 84.21.
    expect(alertsSince(r.alerts, 2).map((a) => [a.rule, a.index])).toEqual([['cusum', 34]]);
  });

  it('acknowledgements close the alarm', () => {
    const xs = [88, 60, 88, 88];
    expect(detectDecline(xs, { team: { mean: 88, sigma: 5 }, clip: null }).status.inAlarm).toBe(true);
    expect(detectDecline(xs, { team: { mean: 88, sigma: 5 }, clip: null, acknowledgedAfter: [1] }).status.inAlarm).toBe(false);
  });

  it('alertsSince takes an index or an ISO date', () => {
    const r = detectDecline([{ score: 88, date: '2026-10-01' }, { score: 60, date: '2026-10-02' }, { score: 60, date: '2026-11-03' }], { team: { mean: 88, sigma: 5 } });
    expect(alertsSince(r.alerts, '2026-11-01').every((a) => a.date === '2026-11-03')).toBe(true);
    expect(alertsSince(r.alerts, '2026-11-01').length).toBeGreaterThan(0);
  });

  it('rejects an unknown detector, a non-finite threshold and bad tuning, all at once', () => {
    try {
      detectDecline([80], { baseline: { mean: 80, sigma: 2 }, detectors: ['magic' as never], failThreshold: NaN, ewma: { lambda: 2 } });
      expect.unreachable();
    } catch (e) {
      expect((e as EarlyWarningError).issues.map((i) => i.code)).toEqual(['unknown_detector', 'out_of_range', 'not_finite']);
    }
  });
});
