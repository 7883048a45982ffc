/**
 * What every chart shares: the palette (WCAG AA against white, checked in
 * svg.test.ts), the accessible `<svg role="img">` frame with `<title>` and
 * `<desc>`, axes drawn from a d3 scale's ticks, and the `<figure>` that puts a
 * data table behind each chart in a `<details>`. Coordinates are rounded to
 * two decimals so the output is the same on every machine.
 */
import { esc } from './format.js';

/** The palette: text and marks ≥ 4.5:1 against white, fills labelled in text. */
export const COLOUR = {
  ink: '#1a1a1a',
  muted: '#595959',
  grid: '#d0d0d0',
  line: '#1f5fa8',
  alarm: '#b3261e',
  ok: '#2e6b30',
  band: ['#f4f4f4', '#e4e4e4'],
  /** Heat-map bins from the lowest share to the highest, with the text colour each needs. */
  heat: [
    { fill: '#08306b', text: '#ffffff' },
    { fill: '#2b5d9b', text: '#ffffff' },
    { fill: '#9ecae1', text: '#1a1a1a' },
    { fill: '#c6dbef', text: '#1a1a1a' },
    { fill: '#eef5fb', text: '#1a1a1a' },
  ],
} as const;

/**
 * A coordinate as SVG text: two decimals at most, no trailing zeros.
 *
 * @example
 * ```ts
 * c(12.3456); // '12.35'
 * ```
 */
export function c(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * The `<svg role="img">` frame with its title and description.
 *
 * @example
 * ```ts
 * svgFrame({ id: 'xmr-A001', width: 400, height: 200, title: 'A001', desc: '10 calls', body: '<path d="M0,0"/>' });
 * ```
 */
export function svgFrame(o: { id: string; width: number; height: number; title: string; desc: string; body: string; defs?: string }): string {
  return (
    `<svg role="img" aria-labelledby="${o.id}-t ${o.id}-d" viewBox="0 0 ${c(o.width)} ${c(o.height)}" width="${c(o.width)}" height="${c(o.height)}" ` +
    `class="chart" xmlns="http://www.w3.org/2000/svg" font-size="11">` +
    `<title id="${o.id}-t">${esc(o.title)}</title><desc id="${o.id}-d">${esc(o.desc)}</desc>${o.defs ? `<defs>${o.defs}</defs>` : ''}${o.body}</svg>`
  );
}

/**
 * A text element (escaped), anchored start, middle or end.
 *
 * @example
 * ```ts
 * text(10, 20, 'A001', { anchor: 'end' });
 * ```
 */
export function text(x: number, y: number, s: string, o: { anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string; weight?: 'bold'; cls?: string } = {}): string {
  const attrs = [`x="${c(x)}"`, `y="${c(y)}"`];
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.size) attrs.push(`font-size="${o.size}"`);
  attrs.push(`fill="${o.fill ?? COLOUR.ink}"`);
  if (o.weight) attrs.push('font-weight="bold"');
  if (o.cls) attrs.push(`class="${o.cls}"`);
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

/** A linear scale as d3-scale makes one, reduced to what the axes read. */
interface TickScale {
  (x: number): number;
  ticks(count?: number): number[];
}

/**
 * A vertical axis at `x` with grid lines to `x2`, labelled by `format`.
 *
 * @example
 * ```ts
 * leftAxis(scaleLinear([0, 100], [200, 0]), 40, 400, 5, (v) => String(v));
 * ```
 */
export function leftAxis(scale: TickScale, x: number, x2: number, count: number, format: (v: number) => string): string {
  return scale
    .ticks(count)
    .map((v) => {
      const y = scale(v);
      return `<line x1="${c(x)}" x2="${c(x2)}" y1="${c(y)}" y2="${c(y)}" stroke="${COLOUR.grid}" stroke-width="0.5"/>${text(x - 4, y + 3.5, format(v), { anchor: 'end', size: 10, fill: COLOUR.muted })}`;
    })
    .join('');
}

/**
 * A horizontal axis at `y`: tick labels under it.
 *
 * @example
 * ```ts
 * bottomAxis(scaleLinear([0, 100], [40, 400]), 200, 5, (v) => `${v}%`);
 * ```
 */
export function bottomAxis(scale: TickScale, y: number, count: number, format: (v: number) => string): string {
  return scale
    .ticks(count)
    .map((v) => {
      const x = scale(v);
      return `<line x1="${c(x)}" x2="${c(x)}" y1="${c(y)}" y2="${c(y + 4)}" stroke="${COLOUR.muted}"/>${text(x, y + 15, format(v), { anchor: 'middle', size: 10, fill: COLOUR.muted })}`;
    })
    .join('');
}

/**
 * A chart in a `<figure>` with a caption and its data table behind a `<details>`.
 *
 * @example
 * ```ts
 * figure('<svg …/>', 'Score trend', tableHtml(['Call', 'Score'], [['C1', '90.00']]), 'Data table');
 * ```
 */
export function figure(svg: string, caption: string, table: string, summary: string, cls = ''): string {
  return `<figure class="fig${cls ? ` ${cls}` : ''}">${svg}<figcaption>${esc(caption)}</figcaption><details><summary>${esc(summary)}</summary>${table}</details></figure>`;
}

/**
 * An HTML table from already-escaped cells (use {@link esc} on text); numeric columns align right.
 *
 * @example
 * ```ts
 * tableHtml(['Item', 'Lost'], [['Accurate', '12.00']], { numeric: [1] });
 * ```
 */
export function tableHtml(head: readonly string[], rows: readonly (readonly string[])[], o: { numeric?: readonly number[]; cls?: string; caption?: string } = {}): string {
  const right = new Set(o.numeric ?? []);
  const cell = (tag: 'th' | 'td', s: string, i: number): string => `<${tag}${right.has(i) ? ' class="n"' : ''}${tag === 'th' ? ' scope="col"' : ''}>${s}</${tag}>`;
  return (
    `<div class="tw"><table${o.cls ? ` class="${o.cls}"` : ''}>${o.caption ? `<caption>${o.caption}</caption>` : ''}` +
    `<thead><tr>${head.map((h, i) => cell('th', esc(h), i)).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((s, i) => cell('td', s, i)).join('')}</tr>`).join('')}</tbody></table></div>`
  );
}

/**
 * A note shown in place of a chart that cannot be drawn.
 *
 * @example
 * ```ts
 * notice('No calls this month.');
 * ```
 */
export function notice(message: string): string {
  return `<p class="notice" role="note">${esc(message)}</p>`;
}
