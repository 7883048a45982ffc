/**
 * Best and worst calls per agent (src/problems' `reviewCalls`), each with the
 * evidence that decided it: an auto-fail, the items that lost points with the
 * reason in the reader's language (src/format's `itemReason`), the deductions,
 * and the phrases the transcript matched, with the turn and time.
 */
import { deductionReason, itemReason } from '../../format/reason.js';
import { clock } from '../../format/text.js';
import type { CallScore } from '../../scoring/types.js';
import type { Context } from '../context.js';
import { dayLabel, esc, num } from '../format.js';
import { notice, tableHtml } from '../svg.js';
import { fill } from '../words.js';

/** At most this many lines of evidence per call: the page is a summary, the call's own breakdown has the rest. */
const MAX_LINES = 4;

/**
 * The deciding evidence of a call as HTML list items.
 *
 * @example
 * ```ts
 * evidenceHtml(call, ctx); // '<ul class="ev"><li>服务禁语 −2：…</li>…</ul>'
 * ```
 */
export function evidenceHtml(call: CallScore, ctx: Context): string {
  const { w, locale, input } = ctx;
  const lines: string[] = [];
  for (const f of call.fatal) lines.push(`<strong>${esc(w.fatal)}</strong>: ${esc(ctx.itemLabel(f.itemId))}`);
  for (const d of call.deductions) lines.push(`${esc(ctx.itemLabel(d.itemId))} ${num(d.points, 0)}：${esc(deductionReason(d, input.rubric, locale))}`.replace('：', locale === 'en' ? ': ' : '：'));
  const lost = call.items
    .filter((i) => i.status === 'scored' && i.kind !== 'penalty' && i.kind !== 'fatal' && !i.bonus && i.points < i.max)
    .sort((a, b) => b.max - b.points - (a.max - a.points));
  for (const i of lost) lines.push(`${esc(ctx.itemLabel(i.id))} ${num(i.points, 0)}/${num(i.max, 0)}：${esc(itemReason(i, input.rubric, locale))}`.replace('：', locale === 'en' ? ': ' : '：'));
  const phrases = call.evidence.slice(0, 3).map((e) => `「${esc(e.phrase)}」${e.time !== undefined ? ` ${clock(e.time)}` : ''}`);
  const shown = lines.slice(0, MAX_LINES);
  if (phrases.length > 0) shown.push(`${esc(w.evidence)}: ${phrases.join(' ')}`.replace(': ', locale === 'en' ? ': ' : '：'));
  if (shown.length === 0) return `<span class="muted">${esc(w.noEvidence)}</span>`;
  return `<ul class="ev">${shown.map((l) => `<li>${l}</li>`).join('')}</ul>`;
}

/**
 * The best/worst calls section.
 *
 * @example
 * ```ts
 * callsSection(ctx); // '<section id="calls" …'
 * ```
 */
export function callsSection(ctx: Context): string {
  const { w, locale } = ctx;
  const head = `<section id="calls" aria-labelledby="calls-h"><h2 id="calls-h">${esc(w.bestWorst)}</h2><p>${esc(w.bestWorstIntro)}</p>`;
  if (ctx.reviews.length === 0) return `${head}${notice(fill(w.noCalls, { period: ctx.assessment.period.id }))}</section>`;
  const byId = new Map(ctx.calls.map((c) => [c.id, c]));
  const rows: string[][] = [];
  for (const r of ctx.reviews) {
    for (const [kind, list] of [[w.best, r.best], [w.worst, r.worst]] as const) {
      for (const c of list) {
        const call = byId.get(c.callId);
        rows.push([esc(r.agentId), esc(kind), esc(c.callId), esc(dayLabel(c.date, locale)), num(c.score), call ? evidenceHtml(call, ctx) : '']);
      }
    }
  }
  return `${head}${tableHtml([w.agent, `${w.best}/${w.worst}`, w.call, w.date, w.score, w.evidence], rows, { numeric: [4], cls: 'calls' })}</section>`;
}
