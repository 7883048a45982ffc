/**
 * The agent × section heat map as an SVG string: one row per agent, one column
 * per section, each cell shaded by the share of points earned (five bins, from
 * d3-scale's quantize) and labelled with the percentage, so that it reads
 * without colour. Column headings wrap onto two lines, measured per character
 * class, and are shortened with an ellipsis only when even that is too wide.
 */
import { scaleThreshold } from 'd3-scale';
import { fit, pct, textWidth } from '../format.js';
import { COLOUR, c, svgFrame, text } from '../svg.js';

/**
 * What {@link heatmapSvg} draws.
 *
 * @example
 * ```ts
 * const d: HeatmapDrawing = { id: 'h', title: 'Heat map', desc: '…', columns: ['Info'], rows: [{ label: 'A001', cells: [0.9] }] };
 * ```
 */
export interface HeatmapDrawing {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly columns: readonly string[];
  /** Shares 0–1, or null where the section never applied. */
  readonly rows: readonly { readonly label: string; readonly cells: readonly (number | null)[] }[];
}

/** The share bins: below 60%, 60–70, 70–80, 80–90, 90% and above. */
export const HEAT_BINS = [0.6, 0.7, 0.8, 0.9] as const;

const bin = scaleThreshold<number, number>([...HEAT_BINS], [0, 1, 2, 3, 4]);

/** Splits a heading into at most two lines of about equal width (at spaces for Latin text). */
function twoLines(s: string): [string, string] {
  const words = s.split(' ');
  if (words.length > 1) {
    let best: [string, string] = [s, ''];
    let bestW = Infinity;
    for (let i = 1; i < words.length; i++) {
      const a = words.slice(0, i).join(' ');
      const b = words.slice(i).join(' ');
      const w = Math.max(textWidth(a, 10), textWidth(b, 10));
      if (w < bestW) [best, bestW] = [[a, b], w];
    }
    return best;
  }
  const chars = [...s];
  // A single Latin word is never split; a CJK label of five or more characters is split in two.
  if (chars.length <= 4 || !chars.some((ch) => textWidth(ch, 10) >= 10)) return [s, ''];
  const half = Math.ceil(chars.length / 2);
  return [chars.slice(0, half).join(''), chars.slice(half).join('')];
}

/**
 * The heat map.
 *
 * @example
 * ```ts
 * heatmapSvg({ id: 'h', title: 'Heat map', desc: '2 agents', columns: ['信息内容'], rows: [{ label: 'A001', cells: [0.95] }, { label: 'A002', cells: [0.55] }] });
 * ```
 */
export function heatmapSvg(d: HeatmapDrawing): string {
  const heads = d.columns.map(twoLines);
  const colW = Math.min(104, Math.max(52, ...heads.map(([a, b]) => Math.max(textWidth(a, 10), textWidth(b, 10)) + 8)));
  const rowH = 20;
  const labelW = Math.min(140, Math.max(40, ...d.rows.map((r) => textWidth(r.label, 11))) + 8);
  const top = 34;
  const width = labelW + colW * d.columns.length + 2;
  const height = top + rowH * d.rows.length + 2;
  const parts: string[] = [];
  heads.forEach(([a, b], j) => {
    const cx = labelW + colW * j + colW / 2;
    parts.push(text(cx, b ? 13 : 26, fit(a, colW - 4, 10), { anchor: 'middle', size: 10 }));
    if (b) parts.push(text(cx, 26, fit(b, colW - 4, 10), { anchor: 'middle', size: 10 }));
  });
  d.rows.forEach((r, i) => {
    const y = top + rowH * i;
    parts.push(text(labelW - 6, y + 14, fit(r.label, labelW - 8, 11), { anchor: 'end', size: 11 }));
    r.cells.forEach((v, j) => {
      const x = labelW + colW * j;
      if (v === null) {
        parts.push(`<rect x="${c(x + 1)}" y="${c(y + 1)}" width="${c(colW - 2)}" height="${rowH - 2}" fill="#ffffff" stroke="${COLOUR.grid}"/>`);
        parts.push(text(x + colW / 2, y + 14, '—', { anchor: 'middle', size: 10, fill: COLOUR.muted }));
        return;
      }
      const k = COLOUR.heat[bin(v)] ?? COLOUR.heat[0];
      parts.push(`<rect x="${c(x + 1)}" y="${c(y + 1)}" width="${c(colW - 2)}" height="${rowH - 2}" fill="${k.fill}"/>`);
      parts.push(text(x + colW / 2, y + 14, pct(v, 0), { anchor: 'middle', size: 10, fill: k.text }));
    });
  });
  return svgFrame({ id: d.id, width, height, title: d.title, desc: d.desc, body: parts.join('') });
}
