/**
 * Score trend and early warning: an individuals (XmR) chart for the centre
 * (daily mean scores, its own limits) and one per agent against the centre's
 * baseline (mean of the month's calls, σ̂ from their moving ranges — the
 * "team baseline" of src/early-warning, since ten calls are too few for an
 * agent's own limits), with the Western Electric run rules; agents with a
 * downward alarm first. Uses only `individualsChart` and `runRules`.
 */
import { individualsChart, runRules, type Alert, type Baseline } from '../../early-warning/index.js';
import { compareCodeUnits as cmp } from '../../order/compare.js';
import type { CallScore } from '../../scoring/types.js';
import { xmrSvg } from '../charts/xmr.js';
import type { Context } from '../context.js';
import { dayLabel, esc, num } from '../format.js';
import { figure, notice, tableHtml } from '../svg.js';
import { fill, ruleLabel } from '../words.js';

interface Series {
  readonly id: string;
  readonly title: string;
  /** The agent charted (none for the centre's series): what agents are sorted by. */
  readonly agentId?: string;
  readonly values: readonly number[];
  readonly rows: readonly { readonly label: string; readonly id: string }[];
}

interface Drawn {
  readonly series: Series;
  readonly centre: number;
  readonly ucl: number;
  readonly lcl: number;
  readonly alerts: readonly Alert[];
  readonly alarm: boolean;
}

function draw(series: Series, baseline: Baseline): Drawn | { error: string } {
  try {
    const ch = individualsChart(series.values, { baseline });
    const rr = runRules(series.values, { baseline });
    const alerts = [...ch.alerts, ...rr.alerts].sort((a, b) => a.index - b.index || cmp(a.rule, b.rule));
    return { series, centre: ch.centre, ucl: ch.ucl, lcl: ch.lcl, alerts, alarm: alerts.some((x) => x.direction === 'down') };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function chartFigure(d: Drawn, ctx: Context, wide: boolean): string {
  const { w, locale } = ctx;
  const signals = d.alerts.map((a) => ({ index: a.index, direction: a.direction }));
  const byIndex = new Map<number, string[]>();
  for (const a of d.alerts) byIndex.set(a.index, [...(byIndex.get(a.index) ?? []), ruleLabel(a.rule, locale)]);
  const desc = `${d.series.title}: ${num(d.series.values.length, 0)} · ${w.centreLine} ${num(d.centre)} · ${w.ucl} ${num(d.ucl)} · ${w.lcl} ${num(d.lcl)} · ${d.alarm ? w.alarm : w.noAlarm}`;
  const svg = xmrSvg({
    id: d.series.id,
    title: d.series.title,
    desc,
    values: d.series.values,
    centre: d.centre,
    ucl: d.ucl,
    lcl: d.lcl,
    signals,
    labels: { centre: w.centreLine, ucl: w.ucl, lcl: w.lcl },
    ceiling: ctx.input.rubric.maxScore.toNumber(),
    ...(wide ? { width: 760, height: 200, ends: [d.series.rows[0]?.label ?? '', d.series.rows[d.series.rows.length - 1]?.label ?? ''] as const } : {}),
  });
  const rows = d.series.values.map((v, i) => [num(i + 1, 0), esc(d.series.rows[i]?.label ?? ''), esc(d.series.rows[i]?.id ?? ''), num(v), esc((byIndex.get(i) ?? []).join(locale === 'en' ? '; ' : '；'))]);
  const caption = `${d.series.title}${d.alarm ? ` — ${w.alarm}` : ''}`;
  return figure(svg, caption, tableHtml(['#', w.date, w.call, w.score, w.alarm], rows, { numeric: [0, 3] }), w.dataTable, d.alarm ? 'alarm' : '');
}

function byAgent(calls: readonly CallScore[]): Map<string, CallScore[]> {
  const m = new Map<string, CallScore[]>();
  for (const c of calls) {
    const l = m.get(c.agentId);
    if (l) l.push(c);
    else m.set(c.agentId, [c]);
  }
  return m;
}

/**
 * The trend section.
 *
 * @example
 * ```ts
 * trendSection(ctx); // '<section id="trend" …' with the centre's and each agent's XmR chart
 * ```
 */
export function trendSection(ctx: Context): string {
  const { w, locale } = ctx;
  const parts = [`<section id="trend" aria-labelledby="trend-h"><h2 id="trend-h">${esc(w.trend)}</h2><p>${esc(w.trendIntro)}</p>`];
  if (ctx.calls.length === 0) return `${parts.join('')}${notice(fill(w.noCalls, { period: ctx.assessment.period.id }))}</section>`;
  // The centre: daily means, its own limits.
  const days = new Map<string, number[]>();
  for (const c of ctx.calls) {
    const k = c.date.slice(0, 10);
    const list = days.get(k);
    if (list) list.push(c.score);
    else days.set(k, [c.score]);
  }
  const dayKeys = [...days.keys()].sort(cmp);
  const centreSeries: Series = {
    id: 'xmr-centre',
    title: w.centreTrend,
    values: dayKeys.map((k) => {
      const v = days.get(k) ?? [];
      return v.reduce((s, x) => s + x, 0) / v.length;
    }),
    rows: dayKeys.map((k) => ({ label: dayLabel(k, locale), id: '' })),
  };
  const centre = dayKeys.length >= 2 ? draw(centreSeries, { points: dayKeys.length }) : { error: w.fewPoints };
  parts.push('error' in centre ? notice(`${w.centreTrend}: ${centre.error === w.fewPoints ? w.fewPoints : w.noVariation}`) : chartFigure(centre, ctx, true));

  // The agents, against the centre's baseline.
  const scores = ctx.calls.map((c) => c.score);
  let baseline: Baseline | null = null;
  if (scores.length >= 2) {
    try {
      const all = individualsChart(scores, { baseline: { points: scores.length } });
      baseline = { mean: all.baseline.mean, sigma: all.baseline.sigma };
    } catch {
      baseline = null;
    }
  }
  if (!baseline) return `${parts.join('')}${notice(scores.length < 2 ? w.fewPoints : w.noVariation)}</section>`;
  const rank = new Map(ctx.assessment.agents.map((a, i) => [a.agentId, i]));
  const drawn: Drawn[] = [];
  for (const [agentId, calls] of byAgent(ctx.calls)) {
    if (calls.length < 2) continue;
    const team = ctx.agentTeam.get(agentId);
    const d = draw(
      { id: `xmr-a${drawn.length}`, title: `${agentId}${team ? ` · ${team}` : ''}`, agentId, values: calls.map((c) => c.score), rows: calls.map((c) => ({ label: dayLabel(c.date, locale), id: c.id })) },
      baseline,
    );
    if (!('error' in d)) drawn.push(d);
  }
  const agentOf = (d: Drawn): string => d.series.agentId ?? '';
  drawn.sort((a, b) => Number(b.alarm) - Number(a.alarm) || (rank.get(agentOf(a)) ?? 0) - (rank.get(agentOf(b)) ?? 0) || cmp(agentOf(a), agentOf(b)));
  const alarms = drawn.filter((d) => d.alarm).length;
  parts.push(`<p class="${alarms > 0 ? 'alarm-line' : ''}">${esc(fill(w.agentsInAlarm, { n: num(alarms, 0) }))}</p>`);
  const shown = drawn.slice(0, ctx.options.maxTrendAgents);
  if (shown.length < drawn.length) parts.push(`<p class="muted">${esc(fill(w.shownOf, { shown: num(shown.length, 0), total: num(drawn.length, 0) }))}</p>`);
  parts.push(`<div class="grid">${shown.map((d) => chartFigure(d, ctx, false)).join('')}</div>`);
  const summary = drawn.map((d) => {
    const v = d.series.values;
    return [esc(d.series.title), num(v.length, 0), num(v.reduce((s, x) => s + x, 0) / v.length), num(Math.min(...v)), esc([...new Set(d.alerts.filter((a) => a.direction === 'down').map((a) => ruleLabel(a.rule, locale)))].join(locale === 'en' ? '; ' : '；'))];
  });
  parts.push(`<details><summary>${esc(w.allAgentsTable)}</summary>${tableHtml([w.agent, w.calls, w.mean, w.lowest, w.alarm], summary, { numeric: [1, 2, 3] })}</details>`);
  return `${parts.join('')}</section>`;
}
