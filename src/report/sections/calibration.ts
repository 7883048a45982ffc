/**
 * Evaluator calibration: each evaluator's mean deviation from the expert (or
 * the other evaluators' consensus) on the calls they all scored, with the
 * tolerance and the verdict (harsh, lenient, aligned) from src/calibration.
 */
import type { Context } from '../context.js';
import { biasSvg } from '../charts/bias.js';
import { esc, num, signed } from '../format.js';
import { figure, notice, tableHtml } from '../svg.js';
import { fill } from '../words.js';

/**
 * The calibration section.
 *
 * @example
 * ```ts
 * calibrationSection(ctx); // '<section id="calibration" …'
 * ```
 */
export function calibrationSection(ctx: Context): string {
  const { w, locale } = ctx;
  const head = `<section id="calibration" aria-labelledby="calibration-h"><h2 id="calibration-h">${esc(w.calibration)}</h2>`;
  const r = ctx.calibration;
  if (r === null) return `${head}${notice(w.noCalibration)}</section>`;
  if ('error' in r) return `${head}${notice(r.error)}</section>`;
  const tolerance = ctx.input.calibration?.options?.biasTolerance ?? 1;
  const ref = r.expertId ? w.refExpert : w.refConsensus;
  const word = (v: 'harsh' | 'lenient' | 'aligned'): string => w[v];
  const evaluators = r.evaluators.filter((e) => e.evaluatorId !== r.expertId);
  if (evaluators.length === 0) return `${head}${notice(w.noCalibration)}</section>`;
  const svg = biasSvg({
    id: 'calib',
    title: w.calibration,
    desc: evaluators.map((e) => `${e.evaluatorId} ${signed(e.meanBias)} ${word(e.label)}`).join(locale === 'en' ? '; ' : '；'),
    tolerance,
    rows: evaluators.map((e) => ({ label: e.evaluatorId, bias: e.meanBias, verdict: e.label, word: word(e.label) })),
  });
  const rows = evaluators.map((e) => [esc(e.evaluatorId), num(e.count, 0), signed(e.meanBias), num(e.meanAbsDeviation), esc(word(e.label))]);
  return `${head}<p>${esc(fill(w.calibrationIntro, { ref, tol: num(tolerance, 1) }))}</p>${figure(svg, w.calibration, tableHtml([w.evaluator, w.ratedCalls, w.meanBias, w.meanAbs, w.classification], rows, { numeric: [1, 2, 3] }), w.dataTable)}</section>`;
}
