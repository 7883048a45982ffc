/**
 * Behaviour unchanged (issue 13, deliverable 4): the results of assessAgents on
 * the seed plan, the English plan and 2,000 random centres hash to the digests
 * committed before the engine was restructured. A differing digest means some
 * figure, reason, order or error message changed: find it by running
 * behaviour.ts's `outcome` on the old and new code, centre by centre.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/assessment/index.js';
import { CENTRES, CHUNK, centresDigest, loadPlans, planDigest } from './behaviour.js';

const expected = JSON.parse(readFileSync(new URL('./fixtures/behaviour-digests.json', import.meta.url), 'utf8'));
let plans: Plan[] = [];

describe('assessment behaviour reference', () => {
  beforeAll(() => {
    plans = loadPlans();
  }, 30_000);

  it('the seed plan on a 300-agent centre gives the committed results', () => expect(planDigest(plans, 0)).toBe(expected.seedPlan));
  it('the English plan on a 300-agent centre gives the committed results', () => expect(planDigest(plans, 1)).toBe(expected.englishPlan));
  it('the committed digests cover 2,000 random centres', () => expect(expected.randomCentres).toHaveLength(CENTRES / CHUNK));
  it.each(Array.from({ length: CENTRES / CHUNK }, (_, k) => [k * CHUNK, (k + 1) * CHUNK] as const))(
    'random centres %i to %i give the committed results, byte for byte',
    (from, to) => expect(centresDigest(plans, from, to)).toBe(expected.randomCentres[from / CHUNK]),
  );
});
