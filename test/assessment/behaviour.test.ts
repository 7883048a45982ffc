/**
 * Behaviour unchanged (issue 13, deliverable 4): the results of assessAgents on
 * the seed plan, the English plan and 2,000 random centres hash to the digests
 * committed before the engine was restructured. A differing digest means some
 * figure, reason, order or error message changed: find it by running
 * behaviour.ts's `outcome` on the old and new code, centre by centre.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digests } from './behaviour.js';

const expected = JSON.parse(readFileSync(new URL('./fixtures/behaviour-digests.json', import.meta.url), 'utf8'));

describe('assessment behaviour reference', () => {
  it('seed plan, English plan and 2,000 random centres give the committed results, byte for byte', () => {
    const d = digests(2000);
    expect(d.seedPlan).toBe(expected.seedPlan);
    expect(d.englishPlan).toBe(expected.englishPlan);
    expect(d.randomCentres).toBe(expected.randomCentres);
  }, 10_000);
});
