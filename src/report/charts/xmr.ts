/**
 * The individuals (XmR) chart as an SVG string: the scores in time order as a
 * d3-shape line, the centre line and the control limits, and the calls where
 * an early-warning rule fired drawn as triangles (shape, not only colour, marks
 * them). The limits come from src/early-warning; this file only draws.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { fit, num, textWidth } from '../format.js';
import { COLOUR, c, leftAxis, svgFrame, text } from '../svg.js';

/**
 * What {@link xmrSvg} draws.
 *
 * @example
 * ```ts
 * const d: XmrDrawing = { id: 'x1', title: 'A001', desc: '10 calls', values: [88, 90], centre: 89, ucl: 95, lcl: 83, signals: [1], labels: { centre: 'CL', ucl: 'UCL', lcl: 'LCL' } };
 * ```
 */
export interface XmrDrawing {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly values: readonly number[];
  readonly centre: number;
  readonly ucl: number;
  readonly lcl: number;
  /** The values where a rule fired, and which way it points (a fall is an alarm; a rise is good news). */
  readonly signals: readonly { readonly index: number; readonly direction: 'down' | 'up' | 'none' }[];
  readonly labels: { readonly centre: string; readonly ucl: string; readonly lcl: string };
  readonly width?: number;
  readonly height?: number;
  /** The highest possible score: a limit above it is named in the label but not drawn off the scale. */
  readonly ceiling?: number;
  /** Labels of the first and last point on the x axis (default their numbers). */
  readonly ends?: readonly [string, string];
}

const ROUND = 2;

/**
 * An individuals chart (at least two values).
 *
 * @example
 * ```ts
 * xmrSvg({ id: 'x', title: 'A001', desc: '…', values: [88, 90, 70], centre: 86, ucl: 96, lcl: 76, signals: [2], labels: { centre: 'CL', ucl: 'UCL', lcl: 'LCL' } });
 * ```
 */
export function xmrSvg(d: XmrDrawing): string {
  const width = d.width ?? 380;
  const height = d.height ?? 170;
  const labelW = Math.max(...[d.labels.centre, d.labels.ucl, d.labels.lcl].map((s) => textWidth(`↑${s} 100.00`, 10))) + 6;
  const m = { top: 10, right: labelW, bottom: 22, left: 34 };
  const ceiling = d.ceiling ?? Infinity;
  const lo = Math.max(Math.min(d.lcl, ...d.values), Math.min(0, ...d.values));
  const hi = Math.min(Math.max(d.ucl, ...d.values), Math.max(ceiling, ...d.values));
  const pad = Math.max(1, (hi - lo) * 0.08);
  const y = scaleLinear([lo - pad, hi + pad], [height - m.bottom, m.top]);
  const x = scaleLinear([0, Math.max(1, d.values.length - 1)], [m.left + 4, width - m.right - 4]);
  const path = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))
    .digits(ROUND)(d.values as number[]);
  // A fall wins over a rise or a pattern at the same point.
  const signals = new Map<number, 'down' | 'up' | 'none'>();
  for (const sg of d.signals) if (signals.get(sg.index) !== 'down') signals.set(sg.index, sg.direction);
  const marks = d.values
    .map((v, i) => {
      const px = x(i);
      const py = y(v);
      const dir = signals.get(i);
      if (dir === undefined) return `<circle cx="${c(px)}" cy="${c(py)}" r="2.6" fill="${COLOUR.line}"/>`;
      // A fall: a downward triangle in the alarm colour; a rise or a pattern: an upward one in green. Larger, with a white edge.
      if (dir === 'down') return `<path d="M${c(px - 5.5)},${c(py - 4)}L${c(px + 5.5)},${c(py - 4)}L${c(px)},${c(py + 5.5)}Z" fill="${COLOUR.alarm}" stroke="#ffffff" stroke-width="0.8"/>`;
      return `<path d="M${c(px - 5.5)},${c(py + 4)}L${c(px + 5.5)},${c(py + 4)}L${c(px)},${c(py - 5.5)}Z" fill="${COLOUR.ok}" stroke="#ffffff" stroke-width="0.8"/>`;
    })
    .join('');
  const hline = (v: number, dash: string, label: string, colour: string): string =>
    v > hi || v < lo
      ? text(width - m.right + 4, v > hi ? m.top + 3.5 : height - m.bottom, fit(`${v > hi ? '↑' : '↓'}${label} ${num(v)}`, labelW - 4, 10), { size: 10, fill: colour })
      : `<line x1="${c(m.left)}" x2="${c(width - m.right)}" y1="${c(y(v))}" y2="${c(y(v))}" stroke="${colour}" stroke-width="1.2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
    text(width - m.right + 4, y(v) + 3.5, fit(`${label} ${num(v)}`, labelW - 4, 10), { size: 10, fill: colour });
  // Keep the three limit labels apart when the limits are close together.
  const body = [
    leftAxis(y, m.left, width - m.right, 4, (v) => num(v, 0)),
    hline(d.ucl, '5 3', d.labels.ucl, COLOUR.alarm),
    hline(d.centre, '', d.labels.centre, COLOUR.ink),
    hline(d.lcl, '5 3', d.labels.lcl, COLOUR.alarm),
    `<path d="${path ?? ''}" fill="none" stroke="${COLOUR.line}" stroke-width="1.5"/>`,
    marks,
    text(m.left, height - 6, d.ends?.[0] ?? '1', { size: 10, fill: COLOUR.muted }),
    text(width - m.right, height - 6, d.ends?.[1] ?? String(d.values.length), { anchor: 'end', size: 10, fill: COLOUR.muted }),
  ].join('');
  return svgFrame({ id: d.id, width, height, title: d.title, desc: d.desc, body });
}
