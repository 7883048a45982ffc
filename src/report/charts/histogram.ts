/**
 * The call-score distribution as an SVG string: bars of equal score ranges
 * (d3-scale bands), the count printed on each bar, and the rubric's grade
 * bands drawn behind them in alternating greys with the grade's name, so that
 * the bands read without colour.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { fit, num, textWidth } from '../format.js';
import { COLOUR, c, leftAxis, svgFrame, text } from '../svg.js';

/**
 * What {@link histogramSvg} draws.
 *
 * @example
 * ```ts
 * const d: HistogramDrawing = { id: 'd', title: 'Scores', desc: '…', bins: [{ from: 90, to: 100, count: 3 }], bands: [{ from: 90, to: 100, label: 'A' }] };
 * ```
 */
export interface HistogramDrawing {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  /** Consecutive score ranges, lowest first. */
  readonly bins: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  readonly bands: readonly { readonly from: number; readonly to: number; readonly label: string }[];
}

/**
 * The histogram.
 *
 * @example
 * ```ts
 * histogramSvg({ id: 'd', title: 'Scores', desc: '4 calls', bins: [{ from: 80, to: 90, count: 1 }, { from: 90, to: 100, count: 3 }], bands: [{ from: 80, to: 100, label: 'Good' }] });
 * ```
 */
export function histogramSvg(d: HistogramDrawing): string {
  const m = { top: 40, right: 10, bottom: 24, left: 34 };
  const width = Math.max(360, m.left + m.right + d.bins.length * 36);
  const height = 220;
  const lo = d.bins[0]?.from ?? 0;
  const hi = d.bins[d.bins.length - 1]?.to ?? 100;
  const xs = scaleLinear([lo, hi], [m.left, width - m.right]);
  const band = scaleBand(d.bins.map((_, i) => String(i)), [m.left, width - m.right]).paddingInner(0.15);
  const maxCount = Math.max(1, ...d.bins.map((b) => b.count));
  const y = scaleLinear([0, maxCount], [height - m.bottom, m.top]).nice();
  const parts: string[] = [];
  d.bands.forEach((g, i) => {
    const x0 = xs(Math.max(lo, g.from));
    const x1 = xs(Math.min(hi, g.to));
    if (x1 <= x0) return;
    parts.push(`<rect x="${c(x0)}" y="${m.top - 30}" width="${c(x1 - x0)}" height="${c(height - m.bottom - m.top + 30)}" fill="${COLOUR.band[i % 2]}"/>`);
    parts.push(text((x0 + x1) / 2, m.top - 18, fit(g.label, x1 - x0 - 4, 10), { anchor: 'middle', size: 10, fill: COLOUR.ink }));
  });
  parts.push(leftAxis(y, m.left, width - m.right, 4, (v) => (Number.isInteger(v) ? num(v, 0) : '')));
  d.bins.forEach((b, i) => {
    const x = band(String(i)) ?? 0;
    const bw = band.bandwidth();
    if (b.count > 0) {
      parts.push(`<rect x="${c(x)}" y="${c(y(b.count))}" width="${c(bw)}" height="${c(y(0) - y(b.count))}" fill="${COLOUR.line}"/>`);
      if (textWidth(String(b.count), 10) <= bw + 6) parts.push(text(x + bw / 2, y(b.count) - 3, String(b.count), { anchor: 'middle', size: 10 }));
    }
  });
  const every = Math.ceil(d.bins.length / 10);
  d.bins.forEach((b, i) => {
    if (i % every === 0) parts.push(text(xs(b.from), height - 8, num(b.from, 0), { anchor: 'middle', size: 10, fill: COLOUR.muted }));
  });
  parts.push(text(xs(hi), height - 8, num(hi, 0), { anchor: 'end', size: 10, fill: COLOUR.muted }));
  return svgFrame({ id: d.id, width, height, title: d.title, desc: d.desc, body: parts.join('') });
}
