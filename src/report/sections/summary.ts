/**
 * The report's opening: the title, what the data is, what is wrong with it
 * (said in place), the headline figures against last month, the monthly
 * assessment table — each component's points in the total with its raw value
 * in small type, so that a row adds up on its face — the roll-ups and the
 * legend that says how every scaled number is scaled.
 */
import { incompleteReason, rawLabels } from '../../assessment/format.js';
import type { AgentAssessment } from '../../assessment/index.js';
import { localize } from '../../localize/localize.js';
import type { CallScore } from '../../scoring/types.js';
import type { Context } from '../context.js';
import { dayLabel, esc, num, pct, periodLabel, signed } from '../format.js';
import { tableHtml } from '../svg.js';
import { fill } from '../words.js';

interface Headline {
  readonly calls: number;
  readonly mean: number | null;
  readonly passRate: number | null;
  readonly fatal: number;
}

/**
 * The headline figures of a month's calls.
 *
 * @example
 * ```ts
 * headline(calls); // { calls: 80, mean: 80.95, passRate: 0.95, fatal: 2 }
 * ```
 */
export function headline(calls: readonly CallScore[]): Headline {
  if (calls.length === 0) return { calls: 0, mean: null, passRate: null, fatal: 0 };
  let sum = 0;
  let passed = 0;
  let fatal = 0;
  for (const c of calls) {
    sum += c.score;
    if (!c.failed) passed++;
    if (c.fatal.length > 0) fatal++;
  }
  return { calls: calls.length, mean: sum / calls.length, passRate: passed / calls.length, fatal };
}

/**
 * The title block and the data notes.
 *
 * @example
 * ```ts
 * titleSection(buildContext(input, { locale: 'en' })); // '<header><h1>Monthly QA report …'
 * ```
 */
export function titleSection(ctx: Context): string {
  const { w, locale, assessment: a, input } = ctx;
  const period = periodLabel(a.period.id, locale);
  const heading = ctx.options.centre ? fill(w.centreMonth, { centre: ctx.options.centre, period }) : period;
  const from = fill(w.generatedFrom, {
    calls: num(ctx.calls.length, 0),
    agents: num(a.agents.length, 0),
    rubric: `${input.rubric.id}@${input.rubric.version}`,
    plan: `${a.plan.id}@${a.plan.version}`,
    first: dayLabel(a.period.firstDay, locale, true),
    last: dayLabel(a.period.lastDay, locale, true),
    tz: a.period.timeZone,
  });
  const notes = ctx.notes.length > 0 ? `<aside class="notes" aria-labelledby="notes-h"><h2 id="notes-h">${esc(w.notes)}</h2><ul>${ctx.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></aside>` : '';
  return `<header><h1>${esc(w.title)} <span class="sub">${esc(heading)}</span></h1><p class="meta">${esc(from)}</p></header>${notes}`;
}

/**
 * The four headline figures, each against last month when given.
 *
 * @example
 * ```ts
 * headlineSection(ctx); // '<section id="headline" …'
 * ```
 */
export function headlineSection(ctx: Context): string {
  const { w } = ctx;
  const now = headline(ctx.calls);
  const before = ctx.previousCalls ? headline(ctx.previousCalls) : null;
  const diff = (x: number | null, y: number | null | undefined, fmt: (d: number) => string): string => {
    if (!before) return `<span class="delta">${esc(w.noPrevious)}</span>`;
    if (x === null || y === null || y === undefined) return `<span class="delta">—</span>`;
    return `<span class="delta">${esc(fill(w.vsLast, { d: fmt(x - y) }))}</span>`;
  };
  const card = (label: string, value: string, delta: string): string => `<div class="kpi"><div class="kpi-l">${esc(label)}</div><div class="kpi-v">${esc(value)}</div>${delta}</div>`;
  return (
    `<section id="headline" aria-labelledby="headline-h"><h2 id="headline-h">${esc(w.headline)}</h2><div class="kpis">` +
    card(w.callsEvaluated, num(now.calls, 0), diff(now.calls, before?.calls, (d) => signed(d, 0))) +
    card(w.meanScore, num(now.mean), diff(now.mean, before?.mean, (d) => signed(d))) +
    card(w.passRate, pct(now.passRate), diff(now.passRate, before?.passRate, (d) => `${signed(d * 100, 1)} pp`.replace(' pp', ctx.locale === 'en' ? ' pp' : ' 个百分点'))) +
    card(w.fatalCount, num(now.fatal, 0), diff(now.fatal, before?.fatal, (d) => signed(d, 0))) +
    `</div></section>`
  );
}

function moveWord(a: AgentAssessment, ctx: Context): string {
  const m = a.movement?.change;
  if (!m) return '';
  const word = { up: ctx.w.moveUp, down: ctx.w.moveDown, same: ctx.w.moveSame, new: ctx.w.moveNew, left: ctx.w.moveLeft }[m];
  const arrow = { up: '↑', down: '↓', same: '=', new: '+', left: '−' }[m];
  return `${arrow} ${word}`;
}

/**
 * The assessment table, roll-ups, incomplete agents and the legend.
 *
 * @example
 * ```ts
 * assessmentSection(ctx); // '<section id="assessment" …'
 * ```
 */
export function assessmentSection(ctx: Context): string {
  const { w, locale, assessment: r } = ctx;
  const fb = r.plan.locale;
  const d = r.plan.decimals;
  const comps = r.plan.components;
  const grade = new Map(r.plan.grades.map((g) => [g.id, localize(g.label, locale, fb)]));
  const tier = new Map(r.plan.tiers.map((t) => [t.id, localize(t.label, locale, fb)]));
  const raw = rawLabels(r, locale, ctx.input.plan);
  const head = [w.rank, w.agent, w.team, ...comps.map((c) => `${localize(c.label, locale, fb)} ${c.weight}%`), w.total, w.grade, w.tier, w.move];
  const complete = r.agents.filter((a) => a.status === 'complete');
  const rows = complete.map((a) => [
    num(a.rank, 0),
    esc(a.agentId),
    esc(a.team ?? ''),
    ...a.components.map((c) =>
      c.status === 'excluded'
        ? `<span class="muted">${esc(w.excludedComponent)}</span>`
        : `<span class="pts">${num(c.contribution, d)}</span>${c.raw === null ? '' : `<small class="raw" title="${esc(raw.get(c.id) ?? '')}">${esc(w.raw)} ${num(c.raw, Number.isInteger(c.raw) ? 0 : d)}</small>`}`,
    ),
    `<strong>${num(a.total, d)}</strong>`,
    esc(a.grade ? `${a.grade.id} ${grade.get(a.grade.id) ?? ''}` : ''),
    esc(a.tier ? (tier.get(a.tier.id) ?? a.tier.id) : ''),
    esc(moveWord(a, ctx)),
  ]);
  const numeric = [0, ...comps.map((_, i) => 3 + i), 3 + comps.length];
  const parts: string[] = [`<section id="assessment" aria-labelledby="assessment-h"><h2 id="assessment-h">${esc(w.assessment)}</h2><p>${esc(w.assessmentIntro)}</p>`];
  if (complete.length === 0) parts.push(`<p class="notice" role="note">${esc(w.noAgents)}</p>`);
  else parts.push(tableHtml(head, rows, { numeric, cls: 'assess' }));
  const incomplete = r.agents.filter((a) => a.status !== 'complete');
  if (incomplete.length > 0) {
    parts.push(`<h3>${esc(w.incomplete)}（${num(incomplete.length, 0)}）</h3>`.replace('（', locale === 'en' ? ' (' : '（').replace('）', locale === 'en' ? ')' : '）'));
    parts.push(`<ul class="incomplete">${incomplete.map((a) => `<li>${esc(fill(w.incompleteNote, { agent: a.agentId, reason: incompleteReason(a, r, locale) }))}</li>`).join('')}</ul>`);
  }
  const rollHead = ['', w.assessed, w.mean, w.median, ...r.plan.grades.map((g) => `${g.id} ${localize(g.label, locale, fb)}`)];
  const rollRows = [...r.teams, r.centre].map((t) => [
    esc(t === r.centre ? w.centreRow : fill(w.teamRow, { id: t.id })),
    `${num(t.assessed, 0)}/${num(t.agents, 0)}`,
    num(t.mean, d),
    num(t.median, d),
    ...r.plan.grades.map((g) => num(t.grades[g.id] ?? 0, 0)),
  ]);
  parts.push(tableHtml(rollHead, rollRows, { numeric: rollHead.map((_, i) => i).slice(1), cls: 'roll' }));
  parts.push(`<h3 id="legend-h">${esc(w.legend)}</h3><ul class="legend" aria-labelledby="legend-h">`);
  for (const c of comps) {
    const label = localize(c.label, locale, fb);
    const text = c.type === 'qa' ? fill(w.legendQa, { label, max: num(c.max, 0), weight: num(c.weight, 0) }) : fill(w.legendComponent, { label, max: num(c.max, 0), weight: num(c.weight, 0) });
    parts.push(`<li>${esc(text)}${c.type === 'qa' ? '' : ` <span class="muted">（${esc(w.raw)}：${esc(raw.get(c.id) ?? '')}）</span>`.replace('（', locale === 'en' ? '(' : '（').replace('：', locale === 'en' ? ': ' : '：').replace('）', locale === 'en' ? ')' : '）')}</li>`);
  }
  parts.push(`<li>${esc(fill(w.legendSection, { max: num(ctx.input.rubric.maxScore.toNumber(), 0) }))}</li></ul></section>`);
  return parts.join('');
}
