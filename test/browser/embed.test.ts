/**
 * callqa's core in a real browser, as a CRM web app embeds it: headless Chromium
 * (Debian's package, test/browser/chromium.ts) opens examples/browser/index.html,
 * which imports the browser bundle (scripts/browser-bundle.ts) as an ES module,
 * loads the bundled seed rubric, scores the bundled sample calls on the page and
 * in a Web Worker. The JSON must be byte-identical to Node's for the same inputs.
 * Every request is served from the repository under a made-up origin; any other
 * request fails the test (the page must need nothing from the network).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserBundle, ROOT } from '../../scripts/browser-bundle.js';
import { loadRubric, safeScoreCall } from '../../src/index.js';
import { launchChromium } from './chromium.js';

const ORIGIN = 'http://callqa.test';
const BUNDLE = join(ROOT, '.tmp', 'browser', 'callqa.js');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.ndjson': 'application/x-ndjson' };

const rubricJson = JSON.parse(readFileSync(join(ROOT, 'rubrics/callcenter-qc-7.zh-CN.json'), 'utf8')) as Record<string, unknown>;
const ndjson = readFileSync(join(ROOT, 'examples/data/calls.callcenter-qc-7.ndjson'), 'utf8');

/** Node's results for the page's inputs, the way the page computes them. */
function nodeResults(rubric: unknown, text: string): string {
  const compiled = loadRubric(rubric);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return JSON.stringify(lines.map((l) => safeScoreCall(compiled, JSON.parse(l))));
}

/**
 * Evaluates `expression` in the page with `m` bound to the browser bundle's module.
 * (A string, not a function: the test runner would rewrite a function's `import()`.)
 */
async function inPage<T>(expression: string): Promise<T> {
  return (await page.evaluate(`import('/examples/browser/callqa.js').then((m) => ${expression})`)) as T;
}

let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const strayRequests: string[] = [];

beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp', 'browser'), { recursive: true });
  await buildBrowserBundle(BUNDLE);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      strayRequests.push(url.href);
      return route.abort();
    }
    const file = url.pathname === '/examples/browser/callqa.js' ? BUNDLE : join(ROOT, url.pathname);
    try {
      await route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    } catch {
      await route.fulfill({ status: 404, body: '' });
    }
  });
  await page.goto(`${ORIGIN}/examples/browser/index.html`);
  await page.waitForFunction("(document.querySelector('#worker-results')?.textContent ?? '') !== ''", undefined, { timeout: 8_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('callqa in a browser page', () => {
  it('scores the bundled sample calls byte-identically to Node, on the page and in a Web Worker', async () => {
    const expected = nodeResults(rubricJson, ndjson);
    const onPage = await page.textContent('#results');
    const inWorker = await page.textContent('#worker-results');
    expect(onPage).toBe(expected);
    expect(inWorker).toBe(expected);
    // The five sample calls, all scored (none rejected): the page's table has a row each.
    expect(JSON.parse(expected)).toHaveLength(5);
    expect(await page.locator('#scores tbody tr').count()).toBe(5);
    expect(await page.textContent('#status')).toBe('Scored 5 calls on the page and in a worker.');
  });

  it('folds Traditional to Simplified in the browser as in Node (the bundled table, not opencc-js)', async () => {
    // The seed rubric with a required phrase on the thanks item: 谢谢 written in
    // Simplified, said in Traditional (謝謝您的來電) — the rubric folds zh-Hant to zh-Hans.
    const rubric = structuredClone(rubricJson) as { sections: { items: { id: string; phrases?: unknown }[] }[] };
    for (const s of rubric.sections) for (const i of s.items) if (i.id === 'thanks') i.phrases = { phrases: ['谢谢'] };
    const first = JSON.parse(ndjson.split('\n')[0]!) as { answers: Record<string, unknown>; transcript: unknown[] };
    delete first.answers['thanks'];
    first.transcript = [{ speaker: 'agent', text: '謝謝您的來電，再見。', start: 0 }];
    const expected = nodeResults(rubric, JSON.stringify(first));
    const inBrowser = await inPage<string>(`JSON.stringify([m.safeScoreCall(m.loadRubric(${JSON.stringify(rubric)}), ${JSON.stringify(first)})])`);
    expect(inBrowser).toBe(expected);
    const [res] = JSON.parse(expected) as [{ success: true; score: { items: { id: string; answer: unknown; source: string }[] } }];
    const thanks = res.score.items.find((i) => i.id === 'thanks')!;
    expect(thanks).toMatchObject({ answer: true, source: 'transcript' }); // 謝謝 folded to 谢谢 and matched
  });

  it('refuses a formula plan with a typed issue when the page has not provided mathjs', async () => {
    const plan = JSON.parse(readFileSync(join(ROOT, 'rubrics/monthly-assessment.us-eu.en.json'), 'utf8'));
    const codes = await inPage<string[]>(
      `((r) => r.success ? [] : r.issues.map((i) => i.code + '@' + i.path.join('.')))(m.safeLoadPlan(${JSON.stringify(plan)}))`,
    );
    const formulaAt = (plan.components as { type: string }[]).findIndex((c) => c.type === 'formula');
    expect(codes).toEqual([`formula_needs_mathjs@components.${formulaAt}.expression`]);
  });

  it('logged no console error and made no request outside the page’s own files', () => {
    expect(consoleErrors).toEqual([]);
    expect(strayRequests).toEqual([]);
  });
});
