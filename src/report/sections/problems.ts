/**
 * Where points are lost: a Pareto chart of points lost by item (common
 * problems solid, individual hatched) and one by root cause, then the training
 * needs (common problems → training and the process owner) and the coaching
 * list (individual problems → each agent). The figures are src/problems'
 * `analyzeProblems`; the Pareto order here is by points lost.
 */
import { compareCodeUnits as cmp } from '../../order/compare.js';
import { paretoSvg } from '../charts/pareto.js';
import type { Context } from '../context.js';
import { esc, num, pct } from '../format.js';
import { figure, notice, tableHtml } from '../svg.js';
import { causeLabel, fill } from '../words.js';

/**
 * Rows sorted by value (largest first, then by key) with their cumulative share.
 *
 * @example
 * ```ts
 * withCumulative([{ key: 'a', value: 1 }, { key: 'b', value: 3 }]); // b 0.75, a 1
 * ```
 */
export function withCumulative<T extends { readonly key: string; readonly value: number }>(rows: readonly T[]): (T & { readonly cumulative: number })[] {
  const sorted = [...rows].filter((r) => r.value > 0).sort((a, b) => b.value - a.value || cmp(a.key, b.key));
  const total = sorted.reduce((s, r) => s + r.value, 0);
  let cum = 0;
  return sorted.map((r) => ({ ...r, cumulative: total > 0 ? (cum += r.value) / total : 0 }));
}

/**
 * The problems section.
 *
 * @example
 * ```ts
 * problemsSection(ctx); // '<section id="problems" …' with the two Pareto charts
 * ```
 */
export function problemsSection(ctx: Context): string {
  const { w, locale } = ctx;
  const parts = [`<section id="problems" aria-labelledby="problems-h"><h2 id="problems-h">${esc(w.problems)}</h2><p>${esc(w.commonIntro)}</p>`];
  const p = ctx.problems;
  if (!p) return `${parts.join('')}${notice(fill(w.noCalls, { period: ctx.assessment.period.id }))}</section>`;
  const kindWord = (k: string): string => (k === 'common' ? w.common : k === 'individual' ? w.individual : w.none);
  const items = withCumulative(p.items.map((i) => ({ ...i, key: i.itemId, value: i.pointsLost })));
  const top = items.slice(0, ctx.options.maxParetoRows);
  parts.push(`<h3>${esc(w.paretoItems)}</h3>`);
  if (items.length === 0) parts.push(notice(w.noEvidence));
  else {
    const svg = paretoSvg({
      id: 'pareto-items',
      title: w.paretoItems,
      desc: top.map((i) => `${ctx.itemLabel(i.itemId)} ${num(i.pointsLost, 1)} (${kindWord(i.classification)})`).join(locale === 'en' ? '; ' : '；'),
      rows: top.map((i) => ({ label: ctx.itemLabel(i.itemId), value: i.pointsLost, kind: i.classification })),
      legend: { common: w.common, individual: w.individual },
    });
    const rows = items.map((i) => [
      esc(ctx.itemLabel(i.itemId)),
      esc(ctx.sectionLabel(i.sectionId)),
      num(i.pointsLost, 1),
      pct(i.cumulative),
      num(i.failures, 0),
      `${num(i.agentsFailed, 0)}/${num(i.agentsEvaluated, 0)}`,
      esc(kindWord(i.classification)),
      esc(i.owner ?? ''),
    ]);
    parts.push(figure(svg, w.paretoItems, tableHtml([w.item, w.section, w.pointsLost, w.cumulative, w.failures, w.agentsFailed, w.classification, w.owner], rows, { numeric: [2, 3, 4, 5] }), w.dataTable));
  }
  parts.push(`<h3>${esc(w.paretoCauses)}</h3>`);
  const causes = withCumulative(p.causes.map((c) => ({ ...c, key: c.cause, value: c.pointsLost })));
  if (causes.length === 0) parts.push(notice(w.noCauses));
  else {
    const svg = paretoSvg({
      id: 'pareto-causes',
      title: w.paretoCauses,
      desc: causes.map((c) => `${causeLabel(c.cause, locale)} ${num(c.pointsLost, 1)}`).join(locale === 'en' ? '; ' : '；'),
      rows: causes.map((c) => ({ label: causeLabel(c.cause, locale), value: c.pointsLost, kind: 'none' })),
    });
    const rows = causes.map((c) => [esc(causeLabel(c.cause, locale)), num(c.pointsLost, 1), pct(c.cumulative), num(c.count, 0)]);
    parts.push(figure(svg, w.paretoCauses, tableHtml([w.cause, w.pointsLost, w.cumulative, w.failures], rows, { numeric: [1, 2, 3] }), w.dataTable));
  }
  if (p.training.length > 0) {
    parts.push(`<h3>${esc(w.training)}</h3>`);
    const lost = new Map(p.items.map((i) => [i.itemId, i.pointsLost]));
    const training = [...p.training].sort((a, b) => (lost.get(b.itemId) ?? 0) - (lost.get(a.itemId) ?? 0) || cmp(a.itemId, b.itemId));
    const shown = training.slice(0, ctx.options.maxParetoRows);
    if (shown.length < training.length) parts.push(`<p class="muted">${esc(fill(w.topOf, { shown: num(shown.length, 0), total: num(training.length, 0) }))}</p>`);
    parts.push(
      tableHtml(
        [w.item, w.section, w.agentsFailed, w.failures, w.pointsLost, w.owner],
        shown.map((t) => [esc(ctx.itemLabel(t.itemId)), esc(ctx.sectionLabel(t.sectionId)), `${num(t.agentsFailed, 0)}/${num(t.agentsEvaluated, 0)}`, num(t.failures, 0), num(lost.get(t.itemId) ?? 0, 1), esc(t.owner ?? '')]),
        { numeric: [2, 3, 4] },
      ),
    );
  }
  if (p.coaching.length > 0) {
    parts.push(`<h3>${esc(w.coaching)}</h3>`);
    parts.push(
      tableHtml(
        [w.agent, w.lostItems],
        p.coaching.map((c) => [esc(c.agentId), esc(c.items.map((i) => `${ctx.itemLabel(i.itemId)} ×${i.failures}`).join(locale === 'en' ? ', ' : '、'))]),
      ),
    );
  }
  return `${parts.join('')}</section>`;
}
