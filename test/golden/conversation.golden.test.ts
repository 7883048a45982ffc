/**
 * Golden call for the timed-transcript measures, worked by hand. The same
 * 72-second call is written three ways — callqa's JSON, WebVTT (W3C) and
 * Amazon Transcribe Call Analytics JSON — and all three must give the same
 * measures. The call (seconds):
 *
 *   #0 agent     0.0– 3.6  您好，很高兴为您服务，请问有什么可以帮您？      18 chars
 *   #1 customer  4.0– 8.5  我想查一下我这个月的话费，为什么比上个月多了这么多？ 24 chars
 *   #2 agent     6.0– 6.4  嗯   (backchannel inside #1: overlap, not an interruption)
 *   #3 agent     9.0–11.4  好的，请您稍等，我帮您查询一下。                 13 chars
 *      — 4 s of silence, 11.4–15.4 —
 *   #4 agent    15.4–20.0  您上个月的账单里…一共是二十八元。               26 chars
 *   #5 customer 19.0–22.0  可是我没有用过那么多流量啊 (cuts into #4 for 1.0 s) 13 chars
 *   #6 agent    22.5–26.5  I understand. Let me check the details for you, please hold on.  12 words
 *      — hold 27.0–62.0 (35 s), silence 26.5–63.0 —
 *   #7 agent    63.0–68.0  感谢您的耐心等待，…产生的。                      30 chars
 *   #8 customer 68.6–70.0  哦，那我知道了，谢谢。                           8 chars
 *   #9 agent    70.3–72.0  感谢您的来电，再见。                             8 chars
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  METRIC_NAMES,
  readMetric,
  readTimedCall,
  readTranscribeCallAnalytics,
  readWebVtt,
  speechUnits,
  transcriptMetrics,
  type CallEvent,
  type TimedCall,
  type TranscriptMetrics,
} from '../../src/conversation/index.js';

const dir = join(import.meta.dirname, 'conversation');
const text = (f: string): string => readFileSync(join(dir, f), 'utf8');
const HOLD: CallEvent[] = [{ type: 'hold', start: 27, end: 62 }];

function fromJson(): TimedCall {
  const r = readTimedCall(text('golden-call.callqa.json'));
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.call;
}
function fromVtt(): TimedCall {
  const r = readWebVtt(text('golden-call.vtt'), { speakers: { 'Wang Fang': 'agent', Caller: 'customer' }, duration: 72 });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return { ...r.call, events: HOLD };
}
function fromTranscribe(): TimedCall {
  const r = readTranscribeCallAnalytics(text('golden-call.transcribe.json'));
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return { ...r.call, events: HOLD };
}

describe('speech units', () => {
  it('counts Han characters one each and Latin words and numbers one each', () => {
    expect(speechUnits('您好，很高兴为您服务，请问有什么可以帮您？')).toBe(18);
    // I / understand / Let / me / check / the / details / for / you / please / hold / on
    expect(speechUnits('I understand. Let me check the details for you, please hold on.')).toBe(12);
    // 您 的 4G 套 餐 — "4G" is one run of letters and digits
    expect(speechUnits('您的4G套餐')).toBe(5);
    expect(speechUnits("don't, 28 dollars")).toBe(3);
  });
});

describe('the golden call, hand-worked', () => {
  const m: TranscriptMetrics = transcriptMetrics(fromJson());

  it('talk time per side counts overlap for both; shares of the 72 s call', () => {
    // agent 3.6 + 0.4 + 2.4 + 4.6 + 4.0 + 5.0 + 1.7 = 21.7 s; customer 4.5 + 3.0 + 1.4 = 8.9 s
    expect(m.durationMs).toBe(72000);
    expect(m.agent.talkMs).toBe(21700);
    expect(m.customer.talkMs).toBe(8900);
    expect(m.agent.talkPercent).toBe(30.14); // 21700 / 72000 = 30.1388…%
    expect(m.customer.talkPercent).toBe(12.36); // 8900 / 72000 = 12.3611…%
    expect(m.agentTalkRatio).toBe(70.92); // 21700 / 30600 = 70.915…%
  });

  it('overlap: the backchannel (0.4 s) and the customer cutting in (1.0 s)', () => {
    expect(m.overlap.count).toBe(2);
    expect(m.overlap.totalMs).toBe(1400);
    expect(m.overlap.instances).toEqual([
      { startMs: 6000, endMs: 6400, turns: [1, 2] },
      { startMs: 19000, endMs: 20000, turns: [4, 5] },
    ]);
  });

  it('one interruption, by the customer; the agent’s 嗯 is a backchannel, not an interruption', () => {
    expect(m.agent.interruptions.count).toBe(0);
    expect(m.customer.interruptions.count).toBe(1);
    expect(m.customer.interruptions.instances[0]).toEqual({ by: 'customer', turn: 5, interrupted: 4, startMs: 19000, endMs: 20000, turns: [4, 5] });
  });

  it('non-talk ≥ 3 s: the 4 s silence and the 36.5 s around the hold (Contact Lens counts hold)', () => {
    expect(m.nonTalk.instances.map((x) => [x.startMs, x.endMs])).toEqual([
      [11400, 15400],
      [26500, 63000],
    ]);
    expect(m.nonTalk.totalMs).toBe(40500);
    expect(m.nonTalk.longestMs).toBe(36500);
    expect(m.nonTalk.percent).toBe(56.25); // 40500 / 72000
    // The gaps under 3 s (0.4, 0.5, 0.5, 0.6, 0.3 s) are not instances.
  });

  it('NICE-style (hold excluded): only the 4 s silence remains; 0.5 s and 1.0 s either side of the hold are under 3 s', () => {
    const nice = transcriptMetrics(fromJson(), { nonTalkIncludesHold: false });
    expect(nice.nonTalk.instances.map((x) => [x.startMs, x.endMs])).toEqual([[11400, 15400]]);
    // `silence` is the same whatever the option.
    expect(m.silence.instances.map((x) => [x.startMs, x.endMs])).toEqual([[11400, 15400]]);
    expect(m.silence.totalMs).toBe(4000);
  });

  it('hold and waits: one 35 s hold; the wait around it is 36.5 s, over 30 s', () => {
    expect(m.hold).toMatchObject({ count: 1, totalMs: 35000, longestMs: 35000 });
    expect(m.waits.instances.map((x) => [x.startMs, x.endMs])).toEqual([
      [11400, 15400],
      [26500, 63000],
    ]);
    expect(m.waits.totalMs).toBe(40500);
    expect(m.waits.long.count).toBe(1);
    expect(m.waits.long.instances[0]).toEqual({ startMs: 26500, endMs: 63000, turns: [6, 7] });
  });

  it('speech rate: a Chinese turn in characters, an English turn in words, the whole call', () => {
    const rate = (turn: number): number | undefined => m.agent.speechRate.turns.find((t) => t.turn === turn)?.perMinute;
    expect(rate(4)).toBe(339.13); // 26 chars in 4.6 s: 26 × 60 / 4.6 = 339.130…
    expect(rate(6)).toBe(180); // 12 words in 4.0 s
    expect(rate(0)).toBe(300); // 18 chars in 3.6 s
    expect(rate(2)).toBeUndefined(); // 嗯: 1 unit, under the 4-unit minimum
    // (18 + 13 + 26 + 12 + 30 + 8) = 107 units over (3.6 + 2.4 + 4.6 + 4.0 + 5.0 + 1.7) = 21.3 s → 301.408…
    expect(m.agent.speechRate.units).toBe(107);
    expect(m.agent.speechRate.ms).toBe(21300);
    expect(m.agent.speechRate.perMinute).toBe(301.41);
    expect(m.agent.speechRate.fastest?.turn).toBe(7); // 30 in 5.0 s = 360
    expect(m.agent.speechRate.slowest?.turn).toBe(6); // 180
    // customer: (24 + 13 + 8) = 45 chars in 8.9 s = 303.37
    expect(m.customer.speechRate.perMinute).toBe(303.37);
  });

  it('longest monologue: #7 (5.0 s); #3 and #4 are split by the 4 s pause', () => {
    expect(m.agent.longestMonologue).toEqual({ startMs: 63000, endMs: 68000, turns: [7] });
    expect(m.customer.longestMonologue).toEqual({ startMs: 4000, endMs: 8500, turns: [1] });
  });

  it('response latency: #1→#3 0.5 s, #5→#6 0.5 s, #8→#9 0.3 s; median 0.5 s', () => {
    expect(m.responseLatency).toEqual({ count: 3, medianMs: 500, maxMs: 500, max: { startMs: 8500, endMs: 9000, turns: [1, 3] } });
  });
});

describe('three formats, one set of measures', () => {
  it('WebVTT and Transcribe JSON read to the same turns and measures as callqa JSON', () => {
    const json = fromJson();
    const vtt = fromVtt();
    const aws = fromTranscribe();
    expect(vtt.transcript).toEqual(json.transcript);
    expect(aws.transcript).toEqual(json.transcript);
    const m = transcriptMetrics(json);
    expect(transcriptMetrics(vtt)).toEqual(m);
    expect(transcriptMetrics(aws)).toEqual(m);
  });

  it('agrees with the figures written in the Transcribe file’s ConversationCharacteristics', () => {
    const doc = JSON.parse(text('golden-call.transcribe.json')) as {
      ConversationCharacteristics: {
        NonTalkTime: { Instances: { BeginOffsetMillis: number; EndOffsetMillis: number }[]; TotalTimeMillis: number };
        Interruptions: { TotalCount: number; TotalTimeMillis: number };
        TalkTime: { DetailsByParticipant: { AGENT: { TotalTimeMillis: number }; CUSTOMER: { TotalTimeMillis: number } } };
      };
    };
    const cc = doc.ConversationCharacteristics;
    const m = transcriptMetrics(fromTranscribe());
    expect(m.nonTalk.instances.map((x) => ({ BeginOffsetMillis: x.startMs, EndOffsetMillis: x.endMs }))).toEqual(
      cc.NonTalkTime.Instances.map((x) => ({ BeginOffsetMillis: x.BeginOffsetMillis, EndOffsetMillis: x.EndOffsetMillis })),
    );
    expect(m.nonTalk.totalMs).toBe(cc.NonTalkTime.TotalTimeMillis);
    expect(m.customer.interruptions.count + m.agent.interruptions.count).toBe(cc.Interruptions.TotalCount);
    expect(m.customer.interruptions.totalMs).toBe(cc.Interruptions.TotalTimeMillis);
    expect(m.agent.talkMs).toBe(cc.TalkTime.DetailsByParticipant.AGENT.TotalTimeMillis);
    expect(m.customer.talkMs).toBe(cc.TalkTime.DetailsByParticipant.CUSTOMER.TotalTimeMillis);
  });
});

describe('the measure catalogue', () => {
  it('holds all 36 names of MetricName, each readable on the golden call', () => {
    // 5 per side × 2 + interruptions 2 × 2 + 6 span kinds × 3 + talk ratio, non-talk %, 2 latencies = 10 + 4 + 18 + 4
    expect(METRIC_NAMES).toHaveLength(36);
    const m = transcriptMetrics(fromJson());
    for (const name of METRIC_NAMES) expect(typeof readMetric(m, name).value === 'number').toBe(true);
    expect(readMetric(m, 'waits.long.count')).toEqual({ value: 1, spans: [{ startMs: 26500, endMs: 63000, turns: [6, 7] }] });
  });
});
