/**
 * Where the points are earned: the agent × section heat map (share of the
 * section's possible points earned over the month's calls where it applied)
 * and the distribution of call scores with the rubric's grade bands.
 */
import { compareCodeUnits as cmp } from '../../order/compare.js';
import { heatmapSvg } from '../charts/heatmap.js';
import { histogramSvg } from '../charts/histogram.js';
import type { Context } from '../context.js';
import { esc, num, pct } from '../format.js';
import { figure, notice, tableHtml } from '../svg.js';
import { localize } from '../../localize/localize.js';
import { fill } from '../words.js';

interface HeatRow {
  readonly agentId: string;
  readonly cells: (number | null)[];
  readonly overall: number | null;
}

/**
 * Per agent and section: earned ÷ possible over the calls where the section applied.
 *
 * @example
 * ```ts
 * heatRows(ctx)[0]; // { agentId: 'A001', cells: [0.95, 1, …], overall: 0.91 }
 * ```
 */
export function heatRows(ctx: Context): HeatRow[] {
  const sections = ctx.input.rubric.sections.map((s) => s.id);
  const index = new Map(sections.map((s, i) => [s, i]));
  const acc = new Map<string, { earned: number[]; possible: number[] }>();
  for (const c of ctx.calls) {
    let a = acc.get(c.agentId);
    if (!a) acc.set(c.agentId, (a = { earned: sections.map(() => 0), possible: sections.map(() => 0) }));
    for (const s of c.sections) {
      const i = index.get(s.id);
      if (i === undefined || !s.applicable || s.possible <= 0) continue;
      a.earned[i] = (a.earned[i] ?? 0) + s.earned;
      a.possible[i] = (a.possible[i] ?? 0) + s.possible;
    }
  }
  return [...acc]
    .map(([agentId, a]) => {
      const e = a.earned.reduce((s, x) => s + x, 0);
      const p = a.possible.reduce((s, x) => s + x, 0);
      return { agentId, cells: a.possible.map((p2, i) => (p2 > 0 ? Math.max(0, (a.earned[i] ?? 0) / p2) : null)), overall: p > 0 ? e / p : null };
    })
    .sort((x, y) => cmp(x.agentId, y.agentId));
}

/**
 * The heat map and the distribution.
 *
 * @example
 * ```ts
 * qualitySection(ctx); // '<section id="quality" …'
 * ```
 */
export function qualitySection(ctx: Context): string {
  const { w, locale } = ctx;
  const parts = [`<section id="quality" aria-labelledby="quality-h"><h2 id="quality-h">${esc(w.heatmap)}</h2>`];
  if (ctx.calls.length === 0) {
    parts.push(notice(fill(w.noCalls, { period: ctx.assessment.period.id })));
  } else {
    const all = heatRows(ctx);
    // Columns: sections that applied at least once.
    const used = ctx.input.rubric.sections.map((_, i) => all.some((r) => r.cells[i] !== null));
    const cols = ctx.input.rubric.sections.filter((_, i) => used[i]);
    const pick = (r: HeatRow): (number | null)[] => r.cells.filter((_, i) => used[i]);
    const rank = new Map(ctx.assessment.agents.map((a, i) => [a.agentId, i]));
    const byRank = [...all].sort((a, b) => (rank.get(a.agentId) ?? 0) - (rank.get(b.agentId) ?? 0) || cmp(a.agentId, b.agentId));
    const max = ctx.options.maxHeatmapAgents;
    const shown = byRank.length <= max ? byRank : [...all].sort((a, b) => (a.overall ?? 2) - (b.overall ?? 2) || cmp(a.agentId, b.agentId)).slice(0, max);
    if (shown.length < all.length) parts.push(`<p class="muted">${esc(fill(w.shownOf, { shown: num(shown.length, 0), total: num(all.length, 0) }))}</p>`);
    const labels = cols.map((s) => ctx.sectionLabel(s.id));
    const svg = heatmapSvg({
      id: 'heatmap',
      title: w.heatmap,
      desc: `${num(shown.length, 0)} × ${num(cols.length, 0)} · ${labels.join(locale === 'en' ? ', ' : '、')}`,
      columns: labels,
      rows: shown.map((r) => ({ label: r.agentId, cells: pick(r) })),
    });
    const table = tableHtml([w.agent, ...labels, w.share], byRank.map((r) => [esc(r.agentId), ...pick(r).map((v) => pct(v)), pct(r.overall)]), { numeric: labels.map((_, i) => i + 1).concat(labels.length + 1) });
    parts.push(figure(svg, w.heatmap, table, w.dataTable, 'wide'));
  }
  parts.push(`<h2 id="dist-h">${esc(w.distribution)}</h2><p>${esc(w.distributionIntro)}</p>`);
  if (ctx.calls.length === 0) parts.push(notice(fill(w.noCalls, { period: ctx.assessment.period.id })));
  else parts.push(distribution(ctx));
  return `${parts.join('')}</section>`;
}

function distribution(ctx: Context): string {
  const { w, locale, input } = ctx;
  const max = input.rubric.maxScore.toNumber();
  const step = max <= 20 ? 1 : max <= 50 ? 2.5 : 5;
  const n = Math.ceil(max / step);
  const bins = Array.from({ length: n }, (_, i) => ({ from: i * step, to: Math.min(max, (i + 1) * step), count: 0 }));
  for (const c of ctx.calls) {
    const i = Math.min(n - 1, Math.max(0, Math.floor(c.score / step)));
    const b = bins[i];
    if (b) b.count++;
  }
  const bands = input.rubric.grades
    .map((g) => ({ from: g.range.min?.toNumber() ?? 0, to: g.range.max?.toNumber() ?? max, label: localize(g.def.label, locale, input.rubric.locale) }))
    .sort((a, b) => a.from - b.from);
  const svg = histogramSvg({
    id: 'dist',
    title: w.distribution,
    desc: `${num(ctx.calls.length, 0)} · ${bands.map((b) => `${b.label} ${num(b.from, 0)}–${num(b.to, 0)}`).join(locale === 'en' ? ', ' : '、')}`,
    bins,
    bands,
  });
  const rows = bins.filter((b) => b.count > 0).map((b) => [`${num(b.from, 1)}–${num(b.to, 1)}`, num(b.count, 0), pct(b.count / ctx.calls.length)]);
  return figure(svg, w.distribution, tableHtml([w.scoreRange, w.calls, '%'], rows, { numeric: [1, 2] }), w.dataTable);
}
