import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transcriptMetrics } from '../conversation/metrics.js';
import type { TimedCall } from '../conversation/types.js';
import { validateTimings } from '../conversation/validate.js';
import { loadRubric } from '../rubric/load.js';
import { generateEvaluations } from './generate.js';

const rubric = loadRubric(JSON.parse(readFileSync(new URL('../../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8')));
const calls = [...generateEvaluations(rubric, { agents: 10, calls: 200, seed: 5 })];

describe('timed synthetic transcripts', () => {
  it('are reproducible: the same options give the same calls', () => {
    expect(JSON.stringify([...generateEvaluations(rubric, { agents: 10, calls: 200, seed: 5 })])).toBe(JSON.stringify(calls));
  });

  it('always have valid timings (sorted, no same-speaker overlap, within the duration)', () => {
    for (const ev of calls) expect(validateTimings(ev.transcript, ev.events, ev.duration)).toEqual([]);
  });

  it('show what the measures look for: holds, silences, interruptions both ways, backchannels, fast talkers', () => {
    const ms = calls.map((ev) => transcriptMetrics(ev as unknown as TimedCall));
    const some = (f: (m: (typeof ms)[number]) => boolean): number => ms.filter(f).length;
    expect(some((m) => m.hold.count > 0)).toBeGreaterThan(20);
    expect(some((m) => m.silence.count > 0)).toBeGreaterThan(20);
    expect(some((m) => m.customer.interruptions.count > 0)).toBeGreaterThan(20);
    expect(some((m) => m.agent.interruptions.count > 0)).toBeGreaterThan(5);
    expect(some((m) => m.overlap.count > m.agent.interruptions.count + m.customer.interruptions.count)).toBeGreaterThan(20); // backchannels overlap without interrupting
    expect(some((m) => (m.agent.speechRate.perMinute ?? 0) > 300)).toBeGreaterThan(5);
    // Mostly a moderate pace: Chinese agents at 190–285 characters a minute unless rushing.
    expect(some((m) => (m.agent.speechRate.perMinute ?? 0) >= 150 && (m.agent.speechRate.perMinute ?? 0) <= 300)).toBeGreaterThan(150);
  });

  it('leaves measure items to the measures, and answers them without timings', () => {
    expect(calls.every((ev) => !('pace' in ev.answers) && !('pauses' in ev.answers))).toBe(true);
    const untimed = [...generateEvaluations(rubric, { agents: 10, calls: 20, seed: 5, timings: false })];
    expect(untimed.every((ev) => 'pace' in ev.answers && ev.transcript?.every((t) => t.end === undefined))).toBe(true);
  });
});
