/**
 * The sample centre's monthly report, opened in headless Chromium as a QA lead
 * would open the file: no console error, no network request (every request is
 * routed and refused unless it is the page itself), every chart visible with a
 * size, no text overflowing its box (HTML boxes by scrollWidth/clientWidth, SVG
 * text by its bounding box inside the viewBox, and the width estimate used to
 * lay out labels never below the rendered width), axe-core without serious or
 * critical violations, and screenshots at 1280 px and at A4 print width kept
 * under .tmp/report-artifacts/ (git-ignored). In zh-CN and en.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCentre } from '../../examples/sample-centre.js';
import { renderReport } from '../../src/report/index.js';
import { textWidth } from '../../src/report/format.js';
import { launchChromium } from './chromium.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, '.tmp', 'report-artifacts');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** A4's printable width at 96 px per inch: 210 mm less the stylesheet's 12 mm margins = 186 mm = 703 px. */
const A4_WIDTH = 703;

let browser: Browser;
const input = sampleCentre();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// The checks run inside the page; they are JavaScript source (the project's TypeScript has no DOM types).

/** Every visible text box whose content is wider than the box, and the page scrolling sideways. */
const OVERFLOWING = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('h1, h2, h3, p, li, th, td, figcaption, summary, .kpi-l, .kpi-v, .delta, small.raw')) {
    if (el.offsetParent === null) continue; // hidden (a closed <details>)
    if (el.scrollWidth > el.clientWidth + 1) out.push(el.tagName + ' "' + (el.textContent || '').slice(0, 40) + '" ' + el.scrollWidth + ' > ' + el.clientWidth);
  }
  const d = document.documentElement;
  if (d.scrollWidth > d.clientWidth + 1) out.push('page ' + d.scrollWidth + ' > ' + d.clientWidth);
  return out;
})()`;

/** SVG text outside its chart's viewBox, and every label with its rendered length and font size. */
const SVG_TEXT = `(() => {
  const outside = [];
  const labels = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5) {
        outside.push(svg.querySelector('title').textContent + ': "' + t.textContent + '" [' + b.x.toFixed(1) + ', ' + b.y.toFixed(1) + ', ' + b.width.toFixed(1) + '×' + b.height.toFixed(1) + '] in ' + vb.width + '×' + vb.height);
      }
      labels.push({ text: t.textContent || '', length: t.getComputedTextLength(), size: Number.parseFloat(getComputedStyle(t).fontSize) });
    }
  }
  return { outside, labels };
})()`;

/** Every chart is an <svg role="img"> with a title, a description and a data table in its figure. */
const DESCRIBED = `[...document.querySelectorAll('svg.chart')].every((s) =>
  s.getAttribute('role') === 'img' && !!s.querySelector('title')?.textContent && !!s.querySelector('desc')?.textContent && !!s.closest('figure')?.querySelector('details table'))`;

/** Rules about the page as a whole (run on the whole document); every other rule runs on parts of the page. */
const PAGE_RULES = ['document-title', 'html-has-lang', 'html-lang-valid', 'landmark-one-main', 'page-has-heading-one', 'region', 'bypass', 'landmark-unique', 'duplicate-id', 'duplicate-id-aria', 'heading-order'];

/** axe-core: the page-wide rules on the whole document, or every other rule (or colour contrast only) on some sections. */
const axeRun = (include: readonly string[] | null, contrast: boolean): string => `(async () => {
  const include = ${JSON.stringify(include)};
  const pageRules = ${JSON.stringify(PAGE_RULES)};
  const off = Object.fromEntries(pageRules.concat('color-contrast').map((id) => [id, { enabled: false }]));
  const r = include === null
    ? await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'rule', values: pageRules } })
    : ${contrast}
      ? await axe.run({ include: include.map((sel) => [sel]) }, { resultTypes: ['violations'], runOnly: { type: 'rule', values: ['color-contrast'] } })
      : await axe.run({ include: include.map((sel) => [sel]) }, { resultTypes: ['violations'], rules: off });
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
})()`;

async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(OVERFLOWING);
}

async function svgText(page: Page): Promise<{ outside: string[]; labels: { text: string; length: number; size: number }[] }> {
  return page.evaluate<{ outside: string[]; labels: { text: string; length: number; size: number }[] }>(SVG_TEXT);
}

for (const locale of ['zh-CN', 'en'] as const) {
  describe(`the sample centre's report in ${locale}, in Chromium`, () => {
    const html = renderReport(input, { locale, centre: locale === 'en' ? 'Sample centre' : '示例中心' });
    let page: Page;
    const errors: string[] = [];
    const requests: string[] = [];

    beforeAll(async () => {
      writeFileSync(join(ARTIFACTS, `report.${locale}.html`), html);
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await page.setContent(html, { waitUntil: 'load' });
    });
    afterAll(async () => {
      await page?.close();
    });

    it('loads with no console error and no network request', () => {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(html).not.toMatch(/<script|<link|<img|@import|url\(http/i);
    });

    it('shows every chart with a non-zero size, each with a title, a description and a data table', async () => {
      const charts = await page.locator('svg.chart').all();
      // centre trend + 8 agents + heat map + distribution + Pareto by item and by cause + calibration
      expect(charts.length).toBe(14);
      for (const ch of charts) {
        await expect.poll(() => ch.isVisible()).toBe(true);
        const box = await ch.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(50);
        expect(box?.height ?? 0).toBeGreaterThan(50);
      }
      const described = await page.evaluate<boolean>(DESCRIBED);
      expect(described).toBe(true);
    });

    it('has no text overflowing its box at 1280 px, and labels sized by the width estimate', async () => {
      expect(await overflowing(page)).toEqual([]);
      const { outside, labels } = await svgText(page);
      expect(outside).toEqual([]);
      // The layout estimate (CJK 1 em, Latin 0.62–0.92 em) must never be below what Chromium draws.
      const under = labels.filter((l) => l.text !== '' && textWidth(l.text, l.size) + 0.5 < l.length).map((l) => `${l.text}: estimated ${textWidth(l.text, l.size).toFixed(1)} < drawn ${l.length.toFixed(1)}`);
      expect(under).toEqual([]);
      expect(labels.some((l) => /[\u4e00-\u9fff]/.test(l.text))).toBe(locale === 'zh-CN');
    });

    it('keeps a full-page screenshot at 1280 px', async () => {
      const file = join(ARTIFACTS, `report.${locale}.1280.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    });

    // axe-core in parts (each run costs seconds on this shared 2-core machine) so that every test stays
    // under 10 s; together they run every rule on the whole page.
    const TOP = ['header', 'nav', '#headline', '#assessment', '#trend'];
    const BOTTOM = ['#quality', '#problems', '#calibration', '#calls'];
    const parts: [string, string[] | null, boolean][] = [
      ['page-wide rules, whole page', null, false],
      ['every other rule but colour contrast: title to trend', TOP, false],
      ['every other rule but colour contrast: heat map to calls', BOTTOM, false],
      ['colour contrast: title to trend', TOP, true],
      ['colour contrast: heat map, distribution, problems, calibration', ['#quality', '#problems', '#calibration'], true],
      ['colour contrast: best and worst calls', ['#calls'], true],
    ];
    for (const [name, include, contrast] of parts) {
      it(`passes axe-core (${name}) with no serious or critical violation`, async () => {
        if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate<{ id: string; impact: string; nodes: string[] }[]>(axeRun(include, contrast));
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      });
    }

    it('prints on A4: no text overflowing at A4 printable width in print media', async () => {
      await page.setViewportSize({ width: A4_WIDTH, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      expect(await overflowing(page)).toEqual([]);
      expect((await svgText(page)).outside).toEqual([]);
    });

    it('keeps a full-page screenshot at A4 printable width in print media', async () => {
      const file = join(ARTIFACTS, `report.${locale}.a4.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
}
