import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from './catalogue.js';
import { METRIC_DESCRIPTIONS } from './catalogue.docs.js';

describe('METRIC_DESCRIPTIONS', () => {
  it('describes every measure a rubric may name, and nothing else', () => {
    expect(Object.keys(METRIC_DESCRIPTIONS).sort()).toEqual([...METRIC_NAMES]);
    for (const name of METRIC_NAMES) expect(METRIC_DESCRIPTIONS[name]).toMatch(/^\S.*\.$/);
  });

  it('names the side and the threshold in its words', () => {
    expect(METRIC_DESCRIPTIONS['interruptions.byCustomer.count']).toBe('Interruptions by the customer.');
    expect(METRIC_DESCRIPTIONS['waits.long.count']).toBe('Number of waits longer than the long-wait threshold (30 s).');
  });
});
