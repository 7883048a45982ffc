/**
 * `renderReport`: one self-contained HTML page for a month — inline CSS and
 * inline SVG charts, no script, no external resource — in zh-CN or en. Pure and
 * synchronous (no `node:` import), so it runs in a browser too; the same input
 * gives byte-identical output (no clock, no random ids, no `Intl`).
 */
import { buildContext, type ReportInput, type ReportOptions } from './context.js';
import { esc, periodLabel } from './format.js';
import { calibrationSection } from './sections/calibration.js';
import { callsSection } from './sections/calls.js';
import { problemsSection } from './sections/problems.js';
import { qualitySection } from './sections/quality.js';
import { assessmentSection, headlineSection, titleSection } from './sections/summary.js';
import { trendSection } from './sections/trend.js';
import { STYLE } from './style.js';

/**
 * The monthly QA report as an HTML string.
 *
 * @param input - the rubric, the plan, the month, its scored calls and KPI records (and optionally last month and calibration ratings)
 * @param options - language, centre name and how many agents the charts draw
 * @returns a complete HTML document
 * @throws {AssessmentError} when the plan cannot assess the input at all (e.g. an unknown period id)
 *
 * @example
 * ```ts
 * const html = renderReport({ rubric, plan, period: '2026-10', calls, metrics }, { locale: 'en' });
 * writeFileSync('report.html', html);
 * ```
 */
export function renderReport(input: ReportInput, options: ReportOptions = {}): string {
  const ctx = buildContext(input, options);
  const { w, locale } = ctx;
  const toc: [string, string][] = [
    ['headline', w.headline],
    ['assessment', w.assessment],
    ['trend', w.trend],
    ['quality', w.heatmap],
    ['problems', w.problems],
    ['calibration', w.calibration],
    ['calls', w.bestWorst],
  ];
  const title = `${w.title} · ${ctx.options.centre ? `${ctx.options.centre} · ` : ''}${periodLabel(ctx.assessment.period.id, locale)}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><style>${STYLE}</style></head>`,
    '<body><main>',
    titleSection(ctx),
    `<nav aria-label="${esc(w.contents)}"><ol>${toc.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ol></nav>`,
    headlineSection(ctx),
    assessmentSection(ctx),
    trendSection(ctx),
    qualitySection(ctx),
    problemsSection(ctx),
    calibrationSection(ctx),
    callsSection(ctx),
    '</main></body></html>',
    '',
  ].join('\n');
}
