import { describe, it, expect } from 'vitest';
import { detectDecline } from './detect.js';
import { EarlyWarningError } from './errors.js';

describe('detectDecline', () => {
  it('reports the margin to the failing threshold from the EWMA level', () => {
    // A flat 80 keeps the EWMA at 80: margin 80 − 70 = 10 points = 2.5σ.
    const r = detectDecline([80, 80, 80], { baseline: { mean: 80, sigma: 4 }, failThreshold: 70 });
    expect(r.level).toBe(80);
    expect(r.marginToFail).toBe(10);
    expect(r.marginToFailSigma).toBe(2.5);
    expect(r.firstDecline).toBeNull();
  });

  it('runs the chosen detectors and sorts every alert by index', () => {
    const xs = [80, 81, 79, 80, 78, 76, 75, 74, 73, 72, 71, 70];
    const r = detectDecline(xs, { baseline: { mean: 80, sigma: 2 }, detectors: ['cusum', 'ewma', 'western-electric', 'nelson'], failThreshold: 70 });
    const idx = r.alerts.map((a) => a.index);
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    expect(new Set(r.alerts.map((a) => a.rule))).toEqual(new Set(['cusum', 'ewma', 'beyond-3sigma', 'two-of-three-beyond-2sigma', 'four-of-five-beyond-1sigma', 'run-same-side', 'trend']));
    expect(r.firstDecline?.direction).toBe('down');
    expect(r.firstDecline?.index).toBe(r.alerts.find((a) => a.direction === 'down')?.index);
    expect(r.marginToFail).toBeGreaterThan(0); // the EWMA lags: the agent is still above 70 on average
  });

  it('reports upward alerts too, but firstDecline only looks down', () => {
    const r = detectDecline([80, 95, 96, 97], { baseline: { mean: 80, sigma: 2 }, detectors: ['xmr'] });
    expect(r.alerts.every((a) => a.direction === 'up')).toBe(true);
    expect(r.firstDecline).toBeNull();
  });

  it('estimates the baseline from the agent\'s first points by default', () => {
    const r = detectDecline([88, 90, 89, 91, 90, 88, 89, 90, 91, 89, 88]);
    expect(r.baseline).toMatchObject({ source: 'own', points: 10 });
  });

  it('rejects an unknown detector and a non-finite threshold', () => {
    expect(() => detectDecline([80], { baseline: { mean: 80, sigma: 2 }, detectors: ['magic' as never] })).toThrow(EarlyWarningError);
    expect(() => detectDecline([80], { baseline: { mean: 80, sigma: 2 }, failThreshold: NaN })).toThrow(/failThreshold/);
  });
});
