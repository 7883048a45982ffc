/**
 * Evaluator calibration as an SVG string: one row per evaluator, a marker at
 * the mean deviation from the reference (the expert or the consensus), the
 * tolerance as a grey band around zero, and the verdict written beside the
 * marker; harsh and lenient use different marker shapes, not only colours.
 */
import { scaleLinear } from 'd3-scale';
import { fit, signed, textWidth } from '../format.js';
import { COLOUR, bottomAxis, c, svgFrame, text } from '../svg.js';

/**
 * What {@link biasSvg} draws.
 *
 * @example
 * ```ts
 * const d: BiasDrawing = { id: 'b', title: 'Calibration', desc: '…', tolerance: 1, rows: [{ label: 'E01', bias: -2.5, verdict: 'harsh', word: 'harsh' }] };
 * ```
 */
export interface BiasDrawing {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly tolerance: number;
  readonly rows: readonly { readonly label: string; readonly bias: number; readonly verdict: 'harsh' | 'lenient' | 'aligned'; readonly word: string }[];
}

/**
 * The deviation chart.
 *
 * @example
 * ```ts
 * biasSvg({ id: 'b', title: 'Calibration', desc: '2 evaluators', tolerance: 1, rows: [{ label: 'E01', bias: -2.5, verdict: 'harsh', word: 'harsh' }, { label: 'E02', bias: 0.4, verdict: 'aligned', word: 'aligned' }] });
 * ```
 */
export function biasSvg(d: BiasDrawing): string {
  const rowH = 24;
  const labelW = Math.min(140, Math.max(50, ...d.rows.map((r) => textWidth(r.label, 11))) + 10);
  const plotW = 520;
  const noteW = Math.max(...d.rows.map((r) => textWidth(`${signed(r.bias)} ${r.word}`, 10))) + 14;
  const width = labelW + plotW + 10;
  const top = 8;
  const height = top + rowH * d.rows.length + 24;
  const extent = Math.max(d.tolerance * 2, ...d.rows.map((r) => Math.abs(r.bias))) * 1.15;
  const x = scaleLinear([-extent, extent], [labelW + noteW, labelW + plotW - noteW]).nice();
  const parts: string[] = [];
  const y0 = top;
  const y1 = top + rowH * d.rows.length;
  parts.push(`<rect x="${c(x(-d.tolerance))}" y="${y0}" width="${c(x(d.tolerance) - x(-d.tolerance))}" height="${c(y1 - y0)}" fill="${COLOUR.band[1]}"/>`);
  parts.push(`<line x1="${c(x(0))}" x2="${c(x(0))}" y1="${y0}" y2="${c(y1)}" stroke="${COLOUR.ink}"/>`);
  parts.push(bottomAxis(x, y1, 6, (v) => signed(v, 0)));
  d.rows.forEach((r, i) => {
    const cy = top + rowH * i + rowH / 2;
    const cx = x(r.bias);
    parts.push(text(labelW - 6, cy + 4, fit(r.label, labelW - 10, 11), { anchor: 'end', size: 11 }));
    parts.push(`<line x1="${c(x(0))}" x2="${c(cx)}" y1="${c(cy)}" y2="${c(cy)}" stroke="${COLOUR.muted}"/>`);
    const colour = r.verdict === 'aligned' ? COLOUR.ok : COLOUR.alarm;
    // Harsh points left (◀), lenient right (▶), aligned is a circle.
    const mark =
      r.verdict === 'aligned'
        ? `<circle cx="${c(cx)}" cy="${c(cy)}" r="5" fill="${colour}"/>`
        : r.verdict === 'harsh'
          ? `<path d="M${c(cx - 6)},${c(cy)}L${c(cx + 5)},${c(cy - 6)}L${c(cx + 5)},${c(cy + 6)}Z" fill="${colour}"/>`
          : `<path d="M${c(cx + 6)},${c(cy)}L${c(cx - 5)},${c(cy - 6)}L${c(cx - 5)},${c(cy + 6)}Z" fill="${colour}"/>`;
    parts.push(mark);
    const label = `${signed(r.bias)} ${r.word}`;
    const right = r.bias >= 0;
    parts.push(text(right ? cx + 9 : cx - 9, cy - 7, label, { anchor: right ? 'start' : 'end', size: 10, fill: colour }));
  });
  return svgFrame({ id: d.id, width, height, title: d.title, desc: d.desc, body: parts.join('') });
}
