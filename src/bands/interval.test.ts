import { describe, expect, it } from 'vitest';
import { Ratio } from '../exact/rational.js';
import { checkTiling, hullOf, inInterval, parseInterval, type Interval } from './interval.js';

const iv = (s: string): Interval => {
  const r = parseInterval(s);
  if (!r) throw new Error(`bad interval ${s}`);
  return r;
};

describe('intervals', () => {
  it('parses bounds and their inclusivity', () => {
    const a = iv('[80, 90)');
    expect(a.min?.toNumber()).toBe(80);
    expect(a.minInclusive).toBe(true);
    expect(a.maxInclusive).toBe(false);
    expect(iv('(-inf, 60)').min).toBeNull();
    expect(iv('[90, inf)').max).toBeNull();
    expect(parseInterval('80-90')).toBeNull();
  });

  it('puts an edge value on the declared side', () => {
    expect(inInterval(iv('[80, 90)'), Ratio.of(90))).toBe(false);
    expect(inInterval(iv('[90, 100]'), Ratio.of(90))).toBe(true);
    expect(inInterval(iv('(5, 10]'), Ratio.from(5.0001))).toBe(true);
    expect(inInterval(iv('(5, 10]'), Ratio.of(5))).toBe(false);
  });

  it('accepts a tiling and reports gaps and overlaps with the band’s path', () => {
    const domain = iv('[0, 100]');
    const path = (i: number) => ['grades', i, 'range'];
    expect(checkTiling([iv('[0, 60)'), iv('[60, 90)'), iv('[90, 100]')], domain, path)).toEqual([]);
    // The seed's "80–89 / ≥ 90" leaves 89 < x < 90 uncovered.
    const gap = checkTiling([iv('[0, 89]'), iv('[90, 100]')], domain, path);
    expect(gap.map((i) => [i.code, i.path])).toEqual([['band_gap', ['grades', 1, 'range']]]);
    // Both inclusive at 60: the value 60 would be in two bands.
    const overlap = checkTiling([iv('[0, 60]'), iv('[60, 100]')], domain, path);
    expect(overlap.map((i) => i.code)).toEqual(['band_overlap']);
    // Neither inclusive at 60: 60 itself falls in no band.
    expect(checkTiling([iv('[0, 60)'), iv('(60, 100]')], domain, path).map((i) => i.code)).toEqual(['band_gap']);
    // Not reaching the top, nor the bottom.
    expect(checkTiling([iv('[0, 60)'), iv('[60, 100)')], domain, path).map((i) => i.code)).toEqual(['band_gap']);
    expect(checkTiling([iv('[10, 60)'), iv('[60, 100]')], domain, path).map((i) => i.code)).toEqual(['band_gap']);
  });

  it('takes the hull of several intervals', () => {
    expect(hullOf([iv('[5, 10]'), iv('(-inf, 5)')])?.text).toBe('(-inf, 10]');
    expect(hullOf([])).toBeNull();
  });
});
