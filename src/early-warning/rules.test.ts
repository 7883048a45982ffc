import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runRules } from './rules.js';
import { EarlyWarningError } from './errors.js';

// Centre 80, σ 4: 1σ = 76/84, 2σ = 72/88, 3σ = 68/92.
// Rules as in the Western Electric Statistical Quality Control Handbook (1956) and
// Nelson, "The Shewhart control chart — tests for special causes", J. Quality Technology 16(4), 1984.
const baseline = { mean: 80, sigma: 4 };
const fired = (xs: number[], set: 'western-electric' | 'nelson' = 'western-electric', extra = {}) =>
  runRules(xs, { baseline, set, ...extra }).alerts.map((a) => [a.rule, a.index, a.direction]);

describe('runRules', () => {
  it('1 beyond 3σ', () => {
    expect(fired([80, 67])).toEqual([['beyond-3sigma', 1, 'down']]);
  });

  it('2 of 3 beyond 2σ on one side, firing when the pattern completes', () => {
    expect(fired([80, 71, 75, 71])).toEqual([['two-of-three-beyond-2sigma', 3, 'down']]);
  });

  it('4 of 5 beyond 1σ on one side', () => {
    expect(fired([75, 75, 77, 75, 75])).toEqual([['four-of-five-beyond-1sigma', 4, 'down']]);
  });

  it('8 in a row on one side (Western Electric) vs 9 (Nelson), once per run', () => {
    const xs = Array<number>(10).fill(79);
    expect(fired(xs)).toEqual([['run-same-side', 7, 'down']]);
    expect(fired(xs, 'nelson')).toEqual([['run-same-side', 8, 'down']]);
    expect(fired(xs, 'western-electric', { runLength: 9 })).toEqual([['run-same-side', 8, 'down']]);
  });

  it('Nelson: 6 in a row steadily decreasing', () => {
    expect(fired([80, 79, 78, 77, 76.5, 76.2], 'nelson')).toEqual([['trend', 5, 'down']]);
    expect(fired([80, 79, 78, 77, 76.5, 76.2])).toEqual([]); // not a Western Electric rule
  });

  it('Nelson: 14 alternating up and down', () => {
    const xs = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? 81 : 79));
    expect(fired(xs, 'nelson')).toEqual([['alternating', 13, 'none']]);
  });

  it('Nelson: 15 within 1σ', () => {
    const xs = [81, 81, 79, 79, 81, 81, 79, 79, 81, 81, 79, 79, 81, 81, 79];
    expect(fired(xs, 'nelson')).toEqual([['within-1sigma', 14, 'none']]);
  });

  it('Nelson: 8 beyond 1σ on both sides', () => {
    const xs = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? 85 : 75));
    expect(fired(xs, 'nelson')).toEqual([['outside-1sigma-both-sides', 7, 'none']]);
  });

  it('gives the window of each pattern', () => {
    const a = runRules([80, 71, 75, 71], { baseline }).alerts[0];
    expect(a?.window).toEqual([1, 3]);
    expect(a?.limit).toBe(72);
  });

  it('never fires on a series within ±1σ that neither trends nor runs', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(79, 81), { maxLength: 7 }), (xs) => {
      expect(runRules(xs.length ? xs : [80], { baseline }).alerts).toEqual([]);
    }));
  });

  it('rejects a bad run length', () => {
    expect(() => runRules([80], { baseline, runLength: 1 })).toThrow(EarlyWarningError);
    expect(() => runRules([80], { baseline, twoOfThree: [4, 3] })).toThrow(/twoOfThree/);
  });
});
