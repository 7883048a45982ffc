/**
 * A call's score as text a QA lead or a coach reads: the number, the grade,
 * each section, what was lost and why, and where in the call it happened.
 */
import { localize, type Locale } from '../localize/localize.js';
import type { Rubric } from '../rubric/compiled.js';
import type { CallScore } from '../scoring/types.js';
import { deductionReason, itemReason } from './reason.js';
import { clock, table, word } from './text.js';
import { measureLines } from './measures.js';

/** Options of {@link formatCallScore}. */
export interface FormatCallScoreOptions {
  /** The language of headings and labels (default: the rubric's, else en). */
  readonly locale?: Locale;
  /** The rubric the call was scored with, for section and item labels (ids otherwise). */
  readonly rubric?: Rubric;
  /** Show the evidence snippets (default true). */
  readonly evidence?: boolean;
}

/**
 * A readable, plain-text breakdown of a call's score.
 *
 * @example
 * ```ts
 * const s = scoreCall(rubric, evaluation);
 * console.log(formatCallScore(s, { rubric, locale: 'zh-CN' }));
 * ```
 */
export function formatCallScore(score: CallScore, options: FormatCallScoreOptions = {}): string {
  const rubric = options.rubric;
  const locale: Locale = options.locale ?? rubric?.locale ?? 'en';
  const fb = rubric?.locale;
  const w = (k: Parameters<typeof word>[0]): string => word(k, locale);
  const sectionLabel = (id: string): string => {
    const s = rubric?.sections.find((x) => x.id === id);
    return s ? localize(s.def.label, locale, fb) : id;
  };
  const itemLabel = (id: string): string => {
    const i = rubric?.items.get(id);
    return i ? localize(i.def.label, locale, fb) : id;
  };
  const lines: string[] = [];
  lines.push(
    `${w('call')} ${score.id} · ${w('agent')} ${score.agentId} · ${score.date} · ${w('rubric')} ${score.rubric.id}@${score.rubric.version}`,
  );
  const gradeLabel = score.grade ? ` · ${w('grade')} ${rubric ? gradeName(rubric, score.grade.id, locale) : score.grade.label}` : '';
  lines.push(`${w('score')} ${score.score} / ${score.maxScore}${gradeLabel} · ${score.failed ? w('failed') : w('passed')}`);
  const sub: string[] = [];
  if (score.criticalScore !== null) sub.push(`${w('critical')} ${score.criticalScore}%`);
  if (score.nonCriticalScore !== null) sub.push(`${w('nonCritical')} ${score.nonCriticalScore}%`);
  if (score.bonus !== 0) sub.push(`${w('bonus')} +${score.bonus}`);
  if (sub.length) lines.push(sub.join(' · '));
  for (const f of score.fatal) {
    lines.push(`${w('fatal')}: ${itemLabel(f.itemId)} (${f.itemId}) — ${w(f.scope === 'call' ? 'scopeCall' : f.scope === 'section' ? 'scopeSection' : 'scopeFlag')}`);
  }
  lines.push('');
  const rows: string[][] = [[w('section'), w('earned'), w('possible'), w('score'), '']];
  for (const s of score.sections) {
    if (!s.applicable && !s.failed) {
      if (score.items.some((i) => i.sectionId === s.id && (i.status === 'na' || i.status === 'not-applicable'))) {
        rows.push([sectionLabel(s.id), '—', '—', '—', w('na')]);
      }
      continue;
    }
    const flags = [s.capped ? w('capped') : '', s.floored ? w('floored') : '', s.failed ? w('fatal') : '', s.deducted ? `−${s.deducted}` : '']
      .filter(Boolean)
      .join(' ');
    rows.push([sectionLabel(s.id), String(s.earned), String(s.possible), String(s.score), flags]);
  }
  lines.push(table(rows, { right: [1, 2, 3] }));
  const legend = scaleLegend(score, locale);
  if (legend) lines.push(legend);

  const lost = score.items.filter(
    (i) => (i.status === 'scored' && i.kind !== 'penalty' && i.kind !== 'fatal' && !i.bonus && i.points < i.max) || i.status === 'na' || i.status === 'not-applicable',
  );
  if (lost.length) {
    lines.push('', `${w('lost')}:`);
    lines.push(
      table(
        lost.map((i) => [
          itemLabel(i.id),
          i.status === 'scored' ? `${i.points}/${i.max}` : w('na'),
          itemReason(i, rubric, locale) + (i.note ? ` — ${i.note}` : ''),
        ]),
        { indent: '  ', right: [1] },
      ),
    );
  }
  if (score.deductions.length) {
    lines.push('', `${w('deductions')}:`);
    lines.push(
      table(
        score.deductions.map((d) => [itemLabel(d.itemId), String(d.points), deductionReason(d, rubric, locale)]),
        { indent: '  ', right: [1] },
      ),
    );
  }
  if (options.evidence !== false && score.evidence.length) {
    lines.push('', `${w('evidence')}:`);
    lines.push(
      table(
        score.evidence.map((e) => [
          `#${e.turn}${e.time !== undefined ? ` ${clock(e.time)}` : ''}`,
          itemLabel(e.itemId),
          `「${e.phrase}」`,
          e.snippet + (e.decided ? '' : ` (${w('evaluatorDecided')})`),
        ]),
        { indent: '  ' },
      ),
    );
  }
  lines.push(...measureLines(score, itemLabel, w));
  return lines.join('\n');
}

/**
 * The legend under the section table when the score column is scaled (earned
 * points ≠ score): says by what, so that "实得 20 · 得分 20.62" is not a puzzle.
 * Null when nothing is scaled.
 *
 * @example
 * ```ts
 * scaleLegend(score, 'en'); // 'Score = earned × 100 ÷ 97 (the points possible in this call; N/A items left out)'
 * ```
 */
export function scaleLegend(score: CallScore, locale: Locale): string | null {
  const applicable = score.sections.filter((s) => s.applicable);
  const possible = applicable.reduce((t, s) => t + s.possible, 0);
  const scaled = applicable.some((s) => s.score !== s.earned);
  if (!scaled || possible <= 0) return null;
  const weighted = applicable.some((s) => s.weight !== undefined);
  if (weighted) return word('legendWeighted', locale);
  const p = String(Math.round(possible * 1e6) / 1e6);
  return word('legendScaled', locale).replaceAll('{max}', String(score.maxScore)).replaceAll('{possible}', p);
}

function gradeName(rubric: Rubric, id: string, locale: Locale): string {
  const g = rubric.grades.find((x) => x.id === id);
  return g ? localize(g.def.label, locale, rubric.locale) : id;
}
