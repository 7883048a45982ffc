import { describe, expect, it } from 'vitest';
import { readTranscribeCallAnalytics } from './read-transcribe.js';
import { readWebVtt } from './read-webvtt.js';
import { isTimedTranscript, validateTimings } from './validate.js';

const turn = (speaker: string, start: number, end: number): { speaker: string; text: string; start: number; end: number } => ({ speaker, text: '您好', start, end });

describe('validateTimings', () => {
  it('an untimed transcript (no end anywhere) has nothing to check', () => {
    expect(isTimedTranscript([{ speaker: 'agent', text: 'x', start: 5 }, { speaker: 'agent', text: 'y', start: 1 }])).toBe(false);
    expect(validateTimings([{ speaker: 'agent', text: 'x', start: 5 }, { speaker: 'agent', text: 'y', start: 1 }])).toEqual([]);
  });

  it('reports every bad timing in one round, by turn index, reordering nothing', () => {
    const turns = [
      turn('agent', 0, 2), // fine
      { speaker: 'customer', text: '喂', start: 3 }, // 1: no end
      turn('customer', 5, 4), // 2: end before start
      turn('agent', 4, 6), // 3: starts before turn 2
      turn('agent', 5, 7), // 4: agent's turn 3 still running until 6
      turn('customer', 8, 99), // 5: beyond the 60 s call
      { speaker: 'agent', text: 'x', start: 9, end: -1 }, // 6: negative end
    ];
    const issues = validateTimings(turns, undefined, 60);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['missing_time', ['transcript', 1, 'end']],
      ['end_before_start', ['transcript', 2, 'end']],
      ['unsorted_turns', ['transcript', 3, 'start']],
      ['overlapping_turns', ['transcript', 4, 'start']],
      ['beyond_call', ['transcript', 5, 'end']],
      ['invalid_type', ['transcript', 6, 'end']],
    ]);
    expect(issues[3]?.message).toBe("turn 4 (agent) starts at 5 s, before the same speaker's turn 3 ends (6 s)");
  });

  it('checks events: type, end for spans, order and overlap per type, the call’s end', () => {
    const issues = validateTimings([turn('agent', 0, 1)], [
      { type: 'hold', start: 10, end: 40 },
      { type: 'hold', start: 30, end: 50 }, // overlaps the first hold
      { type: 'mute', start: 5 }, // no end
      { type: 'pause', start: 1, end: 2 }, // unknown type
      { type: 'transfer', start: 70 }, // after the call
      { type: 'hold', start: 55, end: 54, note: 'x' }, // unknown key, end before start
    ], 60);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['overlapping_events', ['events', 1, 'start']],
      ['required', ['events', 2, 'end']],
      ['invalid_value', ['events', 3, 'type']],
      ['beyond_call', ['events', 4, 'start']],
      ['unknown_key', ['events', 5, 'note']],
      ['end_before_start', ['events', 5, 'end']],
    ]);
  });
});

describe('readers report problems where their input has them', () => {
  it('WebVTT: the line of the cue', () => {
    const vtt = 'WEBVTT\n\n00:05.000 --> 00:04.000\n<v Agent>您好\n\n00:06.000 --> 00:07.000\n<v Boss>嗯\n\n00:08.000 -> 00:09.000\n<v Agent>x\n';
    const r = readWebVtt(vtt, { speakers: { Agent: 'agent' } });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues.map((i) => [i.code, i.path])).toEqual([
        ['unknown_speaker', ['line', 7]],
        ['invalid_cue', ['line', 9]],
        ['end_before_start', ['line', 3, 'end']],
      ]);
    }
    expect(readWebVtt('WEBVT\n').success).toBe(false);
  });

  it('WebVTT: hours optional, tags stripped, entities decoded, cue ids and NOTE blocks skipped', () => {
    const r = readWebVtt('\uFEFFWEBVTT\n\nNOTE a comment\n\nid-1\n01:00:01.250 --> 01:00:02.000 line:0\n<v.loud Agent><b>Tom &amp; Jerry</b> &lt;3</v>\n');
    expect(r.success && r.call.transcript).toEqual([{ speaker: 'Agent', text: 'Tom & Jerry <3', start: 3601.25, end: 3602 }]);
  });

  it('Transcribe: the JSON path of the entry', () => {
    const r = readTranscribeCallAnalytics({
      Transcript: [
        { ParticipantRole: 'AGENT', BeginOffsetMillis: 0, EndOffsetMillis: 1000, Content: 'Hello' },
        { ParticipantRole: 'SUPERVISOR', BeginOffsetMillis: 500, EndOffsetMillis: 1.5, Content: 'x' },
        { ParticipantRole: 'CUSTOMER', BeginOffsetMillis: 3000, EndOffsetMillis: 2000, Content: 'Hi' },
      ],
    });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues.map((i) => [i.code, i.path])).toEqual([
        ['unknown_speaker', ['Transcript', 1, 'ParticipantRole']],
        ['invalid_type', ['Transcript', 1, 'EndOffsetMillis']],
        ['end_before_start', ['Transcript', 2, 'EndOffsetMillis']],
      ]);
    }
    expect(readTranscribeCallAnalytics('{not json').success).toBe(false);
  });
});
