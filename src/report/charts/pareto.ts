/**
 * A Pareto chart of points lost as an SVG string, drawn horizontally so that
 * long (Chinese or English) item names sit in a measured label column: bars
 * sorted by points lost, the cumulative share as a d3-shape line with markers
 * against a 0–100 % axis on top, and the bar fill telling common problems
 * (solid) from individual ones (hatched) — a pattern, not a hue.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { fit, num, textWidth } from '../format.js';
import { COLOUR, c, svgFrame, text } from '../svg.js';

/**
 * What {@link paretoSvg} draws.
 *
 * @example
 * ```ts
 * const d: ParetoDrawing = { id: 'p', title: 'Pareto', desc: '…', rows: [{ label: 'Accurate', value: 12, kind: 'common' }], legend: { common: 'common', individual: 'individual' } };
 * ```
 */
export interface ParetoDrawing {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  /** Largest first. */
  readonly rows: readonly { readonly label: string; readonly value: number; readonly kind: 'common' | 'individual' | 'none' }[];
  /** Legend words; omit for a chart without the split (root causes). */
  readonly legend?: { readonly common: string; readonly individual: string };
}

const HATCH = (id: string): string =>
  `<pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
  `<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLOUR.line}" stroke-width="3"/></pattern>`;

/**
 * The Pareto chart.
 *
 * @example
 * ```ts
 * paretoSvg({ id: 'p', title: 'Pareto', desc: '2 items', rows: [{ label: 'A', value: 8, kind: 'common' }, { label: 'B', value: 2, kind: 'individual' }] });
 * ```
 */
export function paretoSvg(d: ParetoDrawing): string {
  const rowH = 22;
  const labelW = Math.min(200, Math.max(60, ...d.rows.map((r) => textWidth(r.label, 11))) + 10);
  const valueW = 46;
  const top = d.legend ? 50 : 30;
  const plotW = 360;
  const width = labelW + plotW + valueW;
  const height = top + rowH * d.rows.length + 6;
  const total = d.rows.reduce((s, r) => s + r.value, 0);
  const max = Math.max(...d.rows.map((r) => r.value), 0.0001);
  const x = scaleLinear([0, max], [labelW, labelW + plotW]);
  const xc = scaleLinear([0, 1], [labelW, labelW + plotW]);
  const parts: string[] = [];
  if (d.legend) {
    parts.push(`<rect x="${c(labelW)}" y="4" width="14" height="12" fill="${COLOUR.line}"/>`);
    parts.push(text(labelW + 18, 14, d.legend.common, { size: 11 }));
    const x2 = labelW + 30 + textWidth(d.legend.common, 11);
    parts.push(`<rect x="${c(x2)}" y="4" width="14" height="12" fill="url(#${d.id}-hatch)" stroke="${COLOUR.line}"/>`);
    parts.push(text(x2 + 18, 14, d.legend.individual, { size: 11 }));
  }
  // The cumulative-share axis along the top.
  for (const t of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    parts.push(`<line x1="${c(xc(t))}" x2="${c(xc(t))}" y1="${top - 6}" y2="${c(height - 6)}" stroke="${COLOUR.grid}" stroke-width="0.5"/>`);
    parts.push(text(xc(t), top - 9, `${num(t * 100, 0)}%`, { anchor: t === 1 ? 'end' : t === 0 ? 'start' : 'middle', size: 10, fill: COLOUR.muted }));
  }
  let cum = 0;
  const cumPts: [number, number][] = [];
  d.rows.forEach((r, i) => {
    const y = top + rowH * i;
    parts.push(text(labelW - 6, y + 15, fit(r.label, labelW - 10, 11), { anchor: 'end', size: 11 }));
    const fill = r.kind === 'individual' ? `url(#${d.id}-hatch)` : COLOUR.line;
    parts.push(`<rect x="${c(labelW)}" y="${c(y + 3)}" width="${c(Math.max(1, x(r.value) - labelW))}" height="${rowH - 6}" fill="${fill}" stroke="${COLOUR.line}" stroke-width="0.8"/>`);
    parts.push(text(labelW + plotW + 4, y + 15, num(r.value, 1), { size: 11 }));
    cum += r.value;
    cumPts.push([xc(total > 0 ? cum / total : 0), y + rowH / 2]);
  });
  const path = line().digits(2)(cumPts);
  parts.push(`<path d="${path ?? ''}" fill="none" stroke="${COLOUR.alarm}" stroke-width="1.5"/>`);
  for (const [px, py] of cumPts) parts.push(`<rect x="${c(px - 3)}" y="${c(py - 3)}" width="6" height="6" fill="${COLOUR.alarm}"/>`);
  return svgFrame({ id: d.id, width, height, title: d.title, desc: d.desc, body: parts.join(''), ...(d.legend ? { defs: HATCH(d.id) } : {}) });
}
