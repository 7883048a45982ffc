/**
 * What each measure of the catalogue (catalogue.ts) means, in words: for
 * documentation, editors and tools that list the measures. Kept beside the
 * catalogue rather than in it so that a bundle which only scores calls
 * carries none of the text (the `*.docs.ts` convention of the schemas).
 */
import type { MetricName } from './catalogue.js';

function side(name: 'agent' | 'customer'): Record<string, string> {
  const who = name === 'agent' ? 'the agent' : 'the customer';
  const by = name === 'agent' ? 'Agent' : 'Customer';
  return {
    [`${name}.talkSeconds`]: `Time ${who} spoke (overlap counts for both sides).`,
    [`${name}.talkPercent`]: `${who}'s talk time as a percentage of the call.`,
    [`${name}.speechRate`]: `${who}'s speech rate over the whole call: units (Han characters; Latin words and numbers as one each) per minute of the counted turns.`,
    [`${name}.speechRate.fastestTurn`]: `The speech rate of ${who}'s fastest counted turn.`,
    [`${name}.longestMonologueSeconds`]: `${who}'s longest monologue.`,
    [`interruptions.by${by}.count`]: `Interruptions by ${who}.`,
    [`interruptions.by${by}.seconds`]: `Total overlap of ${who}'s interruptions.`,
  };
}

function summary(prefix: string, label: string): Record<string, string> {
  return { [`${prefix}.count`]: `Number of ${label}.`, [`${prefix}.seconds`]: `Total time of ${label}.`, [`${prefix}.longestSeconds`]: `The longest of ${label}.` };
}

/**
 * A one-sentence description of every measure a rubric item may name.
 *
 * @example
 * ```ts
 * METRIC_DESCRIPTIONS['waits.long.count']; // 'Number of waits longer than the long-wait threshold (30 s).'
 * ```
 */
export const METRIC_DESCRIPTIONS: Readonly<Record<MetricName, string>> = {
  ...side('agent'),
  ...side('customer'),
  'agent.talkRatio': "Agent talk ÷ (agent + customer talk) × 100 (Gong's talk ratio).",
  ...summary('overlap', 'overlaps (both sides at once)'),
  ...summary('nonTalk', 'non-talk instances (nobody speaking for at least the threshold)'),
  'nonTalk.percent': 'Non-talk time as a percentage of the call.',
  ...summary('silence', 'silences of at least the threshold, hold time excluded'),
  ...summary('hold', 'holds (from the telephony events; unknown without them)'),
  ...summary('waits', 'waits (holds and silences, merged)'),
  ...summary('waits.long', 'waits longer than the long-wait threshold (30 s)'),
  'responseLatency.medianSeconds': 'Median time from the customer stopping to the agent starting.',
  'responseLatency.maxSeconds': 'Longest time from the customer stopping to the agent starting.',
} as Record<MetricName, string>;
