/**
 * Reading a WebVTT file (W3C, "WebVTT: The Web Video Text Tracks Format") as a
 * timed transcript: one turn per cue, the speaker from the cue's voice span
 * (`<v Speaker>…`, classes such as `<v.loud Speaker>` allowed), text without
 * tags and with character references decoded. NOTE, STYLE and REGION blocks
 * are skipped; cue settings after the timings are ignored. Timestamps are
 * `[hh:]mm:ss.ttt`. One pass over the lines; problems name the line.
 */
import type { Issue, PathSegment } from '../issues/issues.js';
import type { ReadResult } from './read-common.js';
import { timingIssuesAt } from './read-common.js';
import type { TimedTurn } from './types.js';
import type { TimingIssueCode } from './issue-codes.js';

/**
 * Options of {@link readWebVtt}.
 *
 * @example
 * ```ts
 * const o: WebVttOptions = { speakers: { 'Wang Fang': 'agent', 'Customer': 'customer' } };
 * ```
 */
export interface WebVttOptions {
  /** Voice name → transcript speaker (e.g. agent / customer). When given, a voice not in it is an issue; when absent, voice names are kept. */
  readonly speakers?: Readonly<Record<string, string>>;
  /** The speaker of cues without a voice span (default: such a cue is an issue). */
  readonly defaultSpeaker?: string;
  /** The call's length in seconds, if known. */
  readonly duration?: number;
}

const TIMESTAMP = String.raw`(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})`;
const TIMING = new RegExp(String.raw`^${TIMESTAMP}[ \t]+-->[ \t]+${TIMESTAMP}(?:[ \t].*)?$`);
const VOICE = /<v(?:\.[^\s>]+)*[ \t]+([^>]+)>/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', lrm: '\u200e', rlm: '\u200f', nbsp: '\u00a0', quot: '"', apos: "'" };

function seconds(h: string | undefined, m: string, s: string, ms: string): number {
  // Whole milliseconds first, then one division: the nearest double to the decimal written.
  return ((Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s)) * 1000 + Number(ms)) / 1000;
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/**
 * Reads WebVTT text into a timed call (turns in seconds), or every problem
 * with its line number.
 *
 * @example
 * ```ts
 * const r = readWebVtt('WEBVTT\n\n00:00.000 --> 00:02.500\n<v Agent>您好，请问有什么可以帮您？\n', { speakers: { Agent: 'agent' } });
 * r.success && r.call.transcript[0]; // { speaker: 'agent', text: '您好，请问有什么可以帮您？', start: 0, end: 2.5 }
 * ```
 */
export function readWebVtt(text: string, options: WebVttOptions = {}): ReadResult {
  const issues: Issue<TimingIssueCode>[] = [];
  const at = (line: number, code: TimingIssueCode, message: string): void => void issues.push({ code, path: ['line', line], message: `line ${line}: ${message}` });
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) at(1, 'invalid_header', 'a WebVTT file starts with "WEBVTT"');
  const turns: TimedTurn[] = [];
  const cueLines: number[] = [];
  let i = 1;
  // The header runs to the first blank line.
  while (i < lines.length && (lines[i] as string).trim() !== '') i++;
  while (i < lines.length) {
    while (i < lines.length && (lines[i] as string).trim() === '') i++;
    if (i >= lines.length) break;
    const first = i;
    const block: string[] = [];
    while (i < lines.length && (lines[i] as string).trim() !== '') block.push(lines[i++] as string);
    const head = block[0] as string;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(head) && !head.includes('-->')) continue;
    const t = head.includes('-->') ? 0 : block[1]?.includes('-->') ? 1 : -1;
    if (t < 0) {
      at(first + 1, 'invalid_cue', 'a cue needs a timing line "mm:ss.ttt --> mm:ss.ttt"');
      continue;
    }
    const lineNo = first + t + 1;
    const m = TIMING.exec(block[t] as string);
    if (!m) {
      at(lineNo, 'invalid_timing', `"${block[t]}" is not "[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt"`);
      continue;
    }
    const payload = block.slice(t + 1).join('\n');
    const voices = [...payload.matchAll(VOICE)].map((v) => (v[1] as string).trim());
    let speaker = voices[0];
    if (voices.some((v) => v !== speaker)) at(lineNo + 1, 'multiple_voices', `one cue has several voices (${[...new Set(voices)].join(', ')}): split it into one cue per speaker`);
    if (speaker === undefined) {
      if (options.defaultSpeaker === undefined) {
        at(lineNo + 1, 'missing_voice', 'the cue has no voice span <v Speaker>, and no defaultSpeaker is set');
        continue;
      }
      speaker = options.defaultSpeaker;
    } else if (options.speakers) {
      const mapped = Object.hasOwn(options.speakers, speaker) ? options.speakers[speaker] : undefined;
      if (mapped === undefined) {
        at(lineNo + 1, 'unknown_speaker', `voice "${speaker}" is not in the speaker map (${Object.keys(options.speakers).join(', ')})`);
        continue;
      }
      speaker = mapped;
    }
    const body = decode(payload.replace(/<[^>]*>/g, '')).trim();
    turns.push({
      speaker,
      text: body,
      start: seconds(m[1], m[2] as string, m[3] as string, m[4] as string),
      end: seconds(m[5], m[6] as string, m[7] as string, m[8] as string),
    });
    cueLines.push(lineNo);
  }
  const call = options.duration === undefined ? { transcript: turns } : { transcript: turns, duration: options.duration };
  issues.push(...timingIssuesAt(call, (turn, field): PathSegment[] => ['line', cueLines[turn] ?? 0, field === 'start' ? 'start' : 'end']));
  return issues.length > 0 ? { success: false, issues } : { success: true, call };
}
