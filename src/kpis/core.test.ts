import { describe, expect, it } from 'vitest';
import { countNotReadyDays, isNotReadyDay, notReadyDays } from './core.js';

describe('the one not-ready-days count', () => {
  it('counts days strictly above the threshold (the seed: "> 30 min"; exactly 30 does not count)', () => {
    // 45 and 31 are above 30; 12 and 30 are not → days 1 and 3, two occurrences.
    expect(notReadyDays([12, 45, 30, 31], 30)).toEqual([1, 3]);
    expect(countNotReadyDays([12, 45, 30, 31], 30)).toBe(2);
    expect([isNotReadyDay(30, 30), isNotReadyDay(30.5, 30)]).toEqual([false, true]);
  });
});
