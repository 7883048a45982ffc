import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, readMetric } from '../conversation/catalogue.js';
import { transcriptMetrics } from '../conversation/metrics.js';
import { measureParts } from '../conversation/sweep.js';
import type { TimedCall } from '../conversation/types.js';
import { generateEvaluations } from '../generate/index.js';
import { loadRubric } from '../rubric/load.js';
import fc from 'fast-check';
import { measurePartsFor, numberText } from './measures.js';

const rubric = loadRubric(JSON.parse(readFileSync(new URL('../../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8')));
// Generated timed calls: pauses, holds, interruptions, backchannels (src/generate/timed.ts).
const calls: TimedCall[] = [...generateEvaluations(rubric, { agents: 20, calls: 150, seed: 7, turns: [3, 12] })].map((ev) => {
  const e = ev as unknown as TimedCall;
  const call: { transcript: TimedCall['transcript']; events?: NonNullable<TimedCall['events']>; duration?: number } = { transcript: e.transcript };
  if (e.events) call.events = e.events;
  if (e.duration !== undefined) call.duration = e.duration;
  return call;
});

describe('measures built in parts for scoring', () => {
  it('every measure reads the same from only the parts it needs as from the full measures', () => {
    expect(calls.some((c) => c.events?.some((e) => e.type === 'hold'))).toBe(true);
    let compared = 0;
    for (const call of calls) {
      const full = transcriptMetrics(call);
      for (const name of METRIC_NAMES) {
        const part = measureParts(call, {}, measurePartsFor([name]));
        expect(readMetric(part, name)).toEqual(readMetric(full, name));
        compared++;
      }
    }
    expect(compared).toBe(calls.length * METRIC_NAMES.length);
  });

  it("the seed rubric (speech rate, longest monologue) needs neither gaps nor overlap lists nor the customer's speech rate", () => {
    expect(measurePartsFor(['agent.speechRate', 'agent.longestMonologueSeconds'])).toEqual({ gaps: false, overlaps: false, interruptions: false, latency: false, turnRates: false, agentRate: true, customerRate: false });
    expect(measurePartsFor(['customer.speechRate.fastestTurn'])).toEqual({ gaps: false, overlaps: false, interruptions: false, latency: false, turnRates: false, agentRate: false, customerRate: true });
    expect(measurePartsFor(['waits.long.count']).gaps).toBe(true);
    expect(measurePartsFor(['overlap.seconds']).overlaps).toBe(true);
    expect(measurePartsFor(['interruptions.byAgent.count']).interruptions).toBe(true);
    expect(measurePartsFor(['responseLatency.medianSeconds']).latency).toBe(true);
  });
});

describe('numberText', () => {
  it('writes a measure value as String does', () => {
    // Values as the measures make them (whole, ms / 1000, rates to 2 decimals), and any other double.
    expect(numberText(215.3)).toBe('215.3'); // 215300 / 1000: two trailing zeros dropped
    expect(numberText(-0.05)).toBe('-0.05');
    expect(numberText(60.001)).toBe('60.001');
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000), fc.integer({ min: -1e8, max: 1e8 }).map((n) => n / 100), fc.double()), (v) => {
        expect(numberText(v)).toBe(String(v));
      }),
      { numRuns: 2000 },
    );
  });
});
