/**
 * Deterministic formatting for the report: HTML escaping, numbers (fixed
 * decimals, comma grouping, a true minus sign — never `Intl`, whose output
 * depends on the ICU data of the machine), dates in the report's locale, and a
 * text-width estimate per character class (CJK full-width ≈ 1 em, Latin
 * narrower) so that chart labels get room or are shortened, never cut off.
 */
import { isWide } from '../format/text.js';
import type { ReportLocale } from './words.js';

/**
 * Escapes text for HTML and SVG content and attribute values.
 *
 * @example
 * ```ts
 * esc('<a & "b">'); // '&lt;a &amp; &quot;b&quot;&gt;'
 * ```
 */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * A number with fixed decimals, comma thousands and U+2212 for negatives;
 * `null` (or a non-finite number) prints as an em dash.
 *
 * @example
 * ```ts
 * num(12345.678, 2); // '12,345.68'
 * num(-2, 0);        // '−2'
 * ```
 */
export function num(x: number | null | undefined, decimals = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  // toFixed rounds the binary value; add a relative nudge so 1.005 → 1.01 as written.
  const fixed = (Math.abs(x) * (1 + Number.EPSILON)).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const zero = /^[0.]+$/.test(fixed);
  return `${x < 0 && !zero ? '−' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/**
 * A share (0–1) as a percentage with `decimals` decimals.
 *
 * @example
 * ```ts
 * pct(0.875, 1); // '87.5%'
 * ```
 */
export function pct(share: number | null | undefined, decimals = 1): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${num(share * 100, decimals)}%`;
}

/**
 * A signed difference (`+1.20`, `−0.35`, `±0.00`).
 *
 * @example
 * ```ts
 * signed(1.2, 2); // '+1.20'
 * ```
 */
export function signed(x: number | null, decimals = 2): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const s = num(x, decimals);
  return s.startsWith('−') ? s : /^[0.,]+$/.test(s) ? `±${s}` : `+${s}`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A period id as people write it: `2026-10` → `2026年10月` / `October 2026`;
 * any other id is returned as it is.
 *
 * @example
 * ```ts
 * periodLabel('2026-10', 'en'); // 'October 2026'
 * ```
 */
export function periodLabel(id: string, locale: ReportLocale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(id);
  if (!m) return id;
  const month = Number(m[2]);
  return locale === 'en' ? `${MONTHS_EN[month - 1] ?? m[2]} ${m[1]}` : `${m[1]}年${month}月`;
}

/**
 * A day (`YYYY-MM-DD`, or the date part of an ISO date-time, as written in the
 * centre's local time) and its time when present: `10月8日 09:12` / `8 Oct 09:12`.
 *
 * @example
 * ```ts
 * dayLabel('2026-10-08T09:12:00+08:00', 'zh-CN'); // '10月8日 09:12'
 * ```
 */
export function dayLabel(date: string, locale: ReportLocale, withYear = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(date);
  if (!m) return date;
  const [, y, mo, d, hh, mm] = m;
  const time = hh !== undefined ? ` ${hh}:${mm}` : '';
  if (locale === 'en') return `${Number(d)} ${(MONTHS_EN[Number(mo) - 1] ?? '').slice(0, 3)}${withYear ? ` ${y}` : ''}${time}`;
  return `${withYear ? `${y}年` : ''}${Number(mo)}月${Number(d)}日${time}`;
}

/** Width of one character in em, by class (over- rather than under-estimated). */
function charEm(cp: number): number {
  if (isWide(cp)) return 1; // East Asian wide: a full em
  if (cp >= 0x30 && cp <= 0x39) return 0.64;
  if (cp >= 0x41 && cp <= 0x5a) return 0.74;
  if (cp >= 0x61 && cp <= 0x7a) return cp === 0x6d || cp === 0x77 ? 0.92 : 0.62;
  if (cp === 0x20) return 0.32;
  if (cp === 0x2014 || cp === 0x2026 || cp === 0x25 || (cp >= 0x2190 && cp <= 0x21ff)) return 1;
  // + − ± × ÷ = < > are drawn about 0.84 em wide.
  if (cp === 0x2b || cp === 0x2212 || cp === 0xb1 || cp === 0xd7 || cp === 0xf7 || cp === 0x3d || cp === 0x3c || cp === 0x3e) return 0.86;
  return 0.62;
}

/**
 * Estimated rendered width of `s` in px at `fontSize` px: CJK full-width
 * characters count 1 em, digits 0.64 em, Latin letters 0.62–0.92 em, % and arrows 1 em,
 * + − ± × ÷ = 0.86 em (the widths of DejaVu Sans, the widest common fallback,
 * rounded up; the browser test checks the estimate against Chromium).
 *
 * @example
 * ```ts
 * textWidth('服务态度', 12); // 48
 * ```
 */
export function textWidth(s: string, fontSize: number): number {
  let em = 0;
  for (const ch of s) em += charEm(ch.codePointAt(0) ?? 0);
  return em * fontSize;
}

/**
 * `s` shortened with an ellipsis to fit `maxWidth` px at `fontSize` (the full
 * text belongs in a `<title>` or the data table beside it).
 *
 * @example
 * ```ts
 * fit('信息内容准确无误', 60, 12); // '信息内…'
 * ```
 */
export function fit(s: string, maxWidth: number, fontSize: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const chars = [...s];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}
