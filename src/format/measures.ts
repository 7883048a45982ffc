/**
 * The measures part of a call's breakdown: for each item with a measure rule,
 * the measure's value and the time spans (m:ss.s) and turns it rests on, so a
 * coach can go straight to the moment in the recording.
 */
import { UNIT_TEXT } from '../conversation/catalogue.js';
import type { CallScore } from '../scoring/types.js';
import { table, type Word } from './text.js';

/**
 * Seconds as m:ss.s.
 *
 * @example
 * ```ts
 * timeOf(63.5); // '1:03.5'
 * ```
 */
export function timeOf(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const m = Math.floor(tenths / 600);
  const s = (tenths % 600) / 10;
  return `${m}:${s < 10 ? '0' : ''}${s.toFixed(1)}`;
}

/**
 * The lines of the measures section ('' and a heading first), or none when the score has no measures.
 *
 * @example
 * ```ts
 * measureLines(score, (id) => id, (k) => k).join('\n');
 * ```
 */
export function measureLines(score: CallScore, itemLabel: (id: string) => string, w: (k: Word) => string): string[] {
  if (!score.measures || score.measures.length === 0) return [];
  const rows = score.measures.map((m) => [
    itemLabel(m.itemId),
    `${m.metric} = ${m.value === null ? '—' : `${m.value}${UNIT_TEXT[m.unit] ?? ''}`}`,
    m.spans.map((s) => `${timeOf(s.start)}–${timeOf(s.end)} #${s.turns.join(',#')}`).join('; ') + (m.decided ? '' : ` (${w('evaluatorDecided')})`),
  ]);
  return ['', `${w('measures')}:`, table(rows, { indent: '  ' })];
}
