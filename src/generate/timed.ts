/**
 * Timed synthetic transcripts: each turn gets a start and an end from a pace
 * (characters or words a minute, drawn per call around the agent's skill), the
 * gaps between turns are short hand-overs with now and then a silence while
 * the agent looks something up, and some calls get a hold (an event, with the
 * agent asking and thanking), a customer cutting in, the agent cutting in (less
 * skilled agents more often) and backchannels over the other side. Turns come
 * out in order of start, one speaker's turns never overlap, and everything is
 * drawn from the call's own seeded generator: the same call every time.
 */
import { speechUnits } from '../conversation/units.js';
import type { CallEvent } from '../conversation/types.js';
import type { Turn } from '../scoring/evaluation.js';
import type { Random } from './random.js';
import type { SentenceBank } from './text.js';

/** A generated timed call. */
export interface TimedTranscript {
  readonly transcript: Turn[];
  readonly events: CallEvent[];
  readonly duration: number;
}

const sec = (ms: number): number => Math.round(ms / 10) / 100; // 10 ms steps, two decimals

/**
 * Lays out the agent's lines (opening, middle, closing) and customer replies on a time line.
 *
 * @example
 * ```ts
 * const t = timedTranscript(randomFor(1, 2, 0), ZH_CN, 'agent', ['您好', '好的', '再见'], 0.9);
 * t.transcript[0]?.start; // 0
 * ```
 */
export function timedTranscript(r: Random, bank: SentenceBank, agentSpeaker: string, agentLines: readonly string[], skill: number): TimedTranscript {
  const zh = bank.holdAsk[0] !== undefined && /\p{Script=Han}/u.test(bank.holdAsk[0]);
  // Units a minute: Chinese characters or English words; a few agents rush.
  const fast = r.chance((1 - skill) * 0.6);
  const agentRate = zh ? (fast ? r.int(305, 360) : r.int(190, 285)) : fast ? r.int(200, 240) : r.int(130, 180);
  const customerRate = zh ? r.int(200, 300) : r.int(130, 190);
  const holdAt = r.chance(0.2 + (1 - skill) * 0.3) && agentLines.length > 2 ? r.int(1, agentLines.length - 2) : -1;
  const turns: Turn[] = [];
  const events: CallEvent[] = [];
  let t = r.int(200, 900); // ring-to-greeting
  let lastAgentEnd = 0;
  let lastCustomerEnd = 0;
  const dur = (text: string, rate: number): number => Math.max(400, Math.round((speechUnits(text) * 60000) / rate) + r.int(-150, 250));

  agentLines.forEach((line, k) => {
    const text = k === holdAt ? (r.pick(bank.holdAsk) as string) : line;
    const start = Math.max(t, lastAgentEnd + 100);
    const end = start + dur(text, agentRate);
    turns.push({ speaker: agentSpeaker, text, start: sec(start), end: sec(end) });
    lastAgentEnd = end;
    t = end;
    if (k === holdAt) {
      const holdStart = end + r.int(300, 800);
      const holdEnd = holdStart + (r.chance(0.15) ? r.int(100, 180) : r.int(15, 95)) * 1000;
      events.push({ type: 'hold', start: sec(holdStart), end: sec(holdEnd) });
      const back = holdEnd + r.int(300, 900);
      const backEnd = back + dur(r.pick(bank.holdBack), agentRate);
      turns.push({ speaker: agentSpeaker, text: r.pick(bank.holdBack), start: sec(back), end: sec(backEnd) });
      lastAgentEnd = backEnd;
      t = backEnd;
    }
    if (k === agentLines.length - 1) return;
    // The customer replies: usually after a short pause, sometimes cutting in.
    const reply = r.pick(bank.customer);
    const agentTurnMs = end - start;
    const cutIn = k !== holdAt && r.chance(0.12) && agentTurnMs > 2000;
    const cStart = Math.max(cutIn ? end - r.int(600, 1500) : t + r.int(250, 1100), lastCustomerEnd + 100);
    const cEnd = Math.max(cStart + dur(reply, customerRate), t + 200);
    lastCustomerEnd = cEnd;
    turns.push({ speaker: 'customer', text: reply, start: sec(cStart), end: sec(cEnd) });
    // The agent acknowledges over a long reply, or cuts in before it ends.
    const agentCutsIn = r.chance((1 - skill) * 0.12) && cEnd - cStart > 2000;
    const b = cStart + Math.round((cEnd - cStart) * 0.45);
    if (!agentCutsIn && r.chance(0.3) && cEnd - cStart > 1800 && b > lastAgentEnd + 100) {
      turns.push({ speaker: agentSpeaker, text: r.pick(bank.backchannel), start: sec(b), end: sec(b + r.int(250, 500)) });
      lastAgentEnd = b + 500;
    }
    // Now and then the agent is silent for a while before answering (looking something up).
    const think = r.chance(0.12) ? r.int(3000, 9000) : r.int(200, 900);
    t = agentCutsIn ? cEnd - r.int(600, 1200) : cEnd + think;
  });
  // Turns are pushed in order of start except a backchannel, which starts inside the reply before it.
  const last = turns[turns.length - 1];
  return { transcript: turns, events, duration: last ? Math.max(last.end ?? 0, sec(t)) : 0 };
}
