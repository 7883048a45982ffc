import { describe, expect, it } from 'vitest';
import { sampleCentre } from '../../examples/sample-centre.js';
import type { ReportInput } from './context.js';
import { fit, num, textWidth } from './format.js';
import { renderReport } from './render.js';
import { COLOUR } from './svg.js';

const input = sampleCentre();
const zh = renderReport(input, { locale: 'zh-CN' });
const charts = (html: string): number => (html.match(/<svg role="img"/g) ?? []).length;
/** The visible text of a page (tags and the stylesheet removed). */
const textOf = (html: string): string => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');

describe('renderReport', () => {
  it('gives byte-identical HTML for the same input, whatever the order of calls and KPI records', () => {
    expect(renderReport(input, { locale: 'zh-CN' })).toBe(zh);
    const metrics = Object.fromEntries(Object.entries(input.metrics).reverse());
    const shuffled: ReportInput = { ...input, calls: [...input.calls].reverse(), metrics };
    expect(renderReport(shuffled, { locale: 'zh-CN' })).toBe(zh);
  });

  it('is one self-contained page: no script, no external resource', () => {
    expect(zh.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    // url(#…) points at a pattern inside the same SVG; the SVG namespace is a name, not a request.
    expect(zh).not.toMatch(/<script|<link|<img|<iframe|url\((?!#)|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('shows each component’s points with the raw value beside it, and each row adds up to its total', () => {
    const rows = [...zh.matchAll(/<tr>((?:(?!<\/tr>).)*<strong>([\d.]+)<\/strong>(?:(?!<\/tr>).)*)<\/tr>/g)];
    expect(rows).toHaveLength(8);
    for (const [, row = '', total = ''] of rows) {
      const points = [...row.matchAll(/<span class="pts">([\d.−]+)<\/span>/g)].map((m) => Number((m[1] ?? '').replace('−', '-')));
      expect(points).toHaveLength(6);
      expect(Math.round(points.reduce((s, x) => s + x, 0) * 100) / 100).toBe(Number(total));
    }
    // A005: 10 + 5 + 0 + 5 + 4 + 62.81 (QA mean 89.73 × 70% = 62.811) = 86.81, the raw mean in small type beside it.
    expect(zh).toContain('<span class="pts">62.81</span><small class="raw" title="当月质检平均分">原始值 89.73</small>');
    expect(zh).toContain('<strong>86.81</strong>');
  });

  it('writes zh-CN with no English words (ids, the time zone and σ aside)', () => {
    const text = textOf(zh)
      .replaceAll(`${input.rubric.id}@${input.rubric.version}`, '')
      .replaceAll(`${input.plan.id}@${input.plan.version}`, '')
      .replaceAll('Asia/Shanghai', '')
      .replaceAll('QA-lead', '')
      .replace(/\b(?:C\d{6}-\d{6}|A\d{3}|T\d|E\d{2})\b/g, '');
    expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });

  it('draws every chart of the sample: centre and 8 agent trends, heat map, distribution, two Paretos, calibration', () => {
    expect(charts(zh)).toBe(14);
    // every chart has a title, a description and a data table
    expect((zh.match(/<title id="/g) ?? []).length).toBe(14);
    expect((zh.match(/<desc id="/g) ?? []).length).toBe(14);
    expect((zh.match(/<figure class="fig[^"]*"><svg/g) ?? []).length).toBe(14);
  });
});

describe('bad input is said in place, never a broken chart', () => {
  it('a month with no calls', () => {
    const { previous: _p, calibration: _c, ...rest } = input;
    const html = renderReport({ ...rest, calls: [] }, { locale: 'en' });
    expect(charts(html)).toBe(0);
    // trend, heat map, distribution, problems and calls each say it
    expect(html.split('There are no evaluated calls in 2026-10; no chart can be drawn.').length - 1).toBe(5);
    expect(html).toContain('No calibration sessions were given for this month.');
  });

  it('plan and calls of different periods', () => {
    const html = renderReport({ ...input, period: '2026-11' }, { locale: 'zh-CN' });
    expect(html).toContain('80 通通话不在考核期 2026年11月 内（日期 2026年10月1日 至 2026年10月31日），已剔除；请确认考核方案与通话属于同一月份。');
    // only the calibration chart (its ratings carry no period) remains
    expect(charts(html)).toBe(1);
  });

  it('an agent with one call: named in the notes, no trend chart for them', () => {
    const one = input.calls.filter((c) => c.agentId !== 'A001' || c.id === input.calls.find((x) => x.agentId === 'A001')?.id);
    const html = renderReport({ ...input, calls: one }, { locale: 'en' });
    expect(html).toContain('1 agents have a single evaluated call this month (A001): no trend and no variation can be shown.');
    expect(charts(html)).toBe(13);
    expect(html).not.toContain('>A001 · T1<');
  });

  it('missing KPI records: the agent is listed as incomplete with the reason', () => {
    const metrics = Object.fromEntries(Object.entries(input.metrics).filter(([id]) => id !== 'A002'));
    const html = renderReport({ ...input, metrics }, { locale: 'zh-CN' });
    expect(html).toContain('1 名座席缺少运营指标记录（A002），相关考核项无法计分。');
    expect(html).toMatch(/<li>A002：[^<]*缺少运营指标/);
  });

  it('scores that never vary: no limits, said in place', () => {
    const flat = input.calls.map((c) => ({ ...c, score: 80, exactScore: '80' }));
    const html = renderReport({ ...input, calls: flat }, { locale: 'en' });
    expect(html).toContain('The scores do not vary: no control limits can be computed.');
    expect(html).not.toContain('id="xmr-a0');
  });
});

describe('formatting and measuring', () => {
  it('formats numbers the same everywhere', () => {
    expect(num(12345.678, 2)).toBe('12,345.68');
    expect(num(-2, 0)).toBe('−2');
    expect(num(1.005, 2)).toBe('1.01');
    expect(num(-0.001, 2)).toBe('0.00');
    expect(num(null)).toBe('—');
  });

  it('estimates CJK at 1 em and Latin narrower, and shortens only what does not fit', () => {
    expect(textWidth('服务态度', 12)).toBe(48);
    expect(textWidth('AHT', 10)).toBeCloseTo(22.2, 5); // 3 capitals × 0.74 em
    expect(fit('服务态度', 48, 12)).toBe('服务态度');
    // 信息内 (36) + … (12) = 48 ≤ 50; one more character would need 60
    expect(fit('信息内容准确无误', 50, 12)).toBe('信息内…');
  });

  it('uses colours that pass WCAG AA against white, and heat-map labels that pass on their cells', () => {
    const lum = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const contrast = (a: string, b: string): number => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return ((x ?? 0) + 0.05) / ((y ?? 0) + 0.05);
    };
    for (const c of [COLOUR.ink, COLOUR.muted, COLOUR.line, COLOUR.alarm, COLOUR.ok]) expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    for (const h of COLOUR.heat) expect(contrast(h.text, h.fill)).toBeGreaterThanOrEqual(4.5);
  });
});
