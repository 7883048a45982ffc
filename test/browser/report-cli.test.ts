/**
 * `callqa report` as a user runs it (the built CLI, `node callqa.cjs`): the sample
 * centre's month from `callqa generate`, written to a file, is the same page the
 * library renders from the same records, and opens in Chromium with no console
 * error, no request and every chart drawn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan, metricsFromRows } from '../../src/assessment/index.js';
import { renderReport } from '../../src/report/index.js';
import { loadRubric } from '../../src/rubric/load.js';
import { scoreCall } from '../../src/scoring/score.js';
import { ROOT, RUBRIC, callqa, ensureCli, tempDir } from '../cli/helpers.js';
import { launchChromium } from './chromium.js';

const PLAN = join(ROOT, 'rubrics', 'monthly-assessment.zh-CN.json');
let dir = '';
let browser: Browser;

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  const g = callqa(['generate', '--agents', '8', '--calls', '80', '--seed', '2026', '-o', join(dir, 'calls.ndjson'), '--kpis', join(dir, 'kpis.csv')]);
  expect(g.code).toBe(0);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('callqa report', () => {
  it('writes the page renderReport gives for the same records, and prints its path', () => {
    const out = join(dir, 'report.html');
    const r = callqa(['report', join(dir, 'calls.ndjson'), '-r', RUBRIC, '--plan', PLAN, '--metrics', join(dir, 'kpis.csv'), '--period', '2026-10', '--locale', 'en', '--centre', 'Sample centre', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    const rubric = loadRubric(JSON.parse(readFileSync(RUBRIC, 'utf8')));
    const calls = readFileSync(join(dir, 'calls.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => scoreCall(rubric, JSON.parse(l)));
    const { metrics } = metricsFromRows(parseCsv(readFileSync(join(dir, 'kpis.csv'), 'utf8'), { columns: true }) as Record<string, string>[], '2026-10');
    const expected = renderReport({ rubric, plan: loadPlan(JSON.parse(readFileSync(PLAN, 'utf8'))), period: '2026-10', calls, metrics }, { locale: 'en', centre: 'Sample centre' });
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('opens in Chromium with no console error, no request, and every chart drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const self = `file://${join(dir, 'report.html')}`;
    // The page itself is let through; any other request is recorded and refused.
    await page.route('**/*', (route) => {
      if (route.request().url() === self) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    await page.goto(self);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    const sizes = await page.locator('svg.chart').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((b) => b.width * b.height));
    // centre + 8 agents + heat map + distribution + item Pareto (no causes tagged, no calibration given)
    expect(sizes).toHaveLength(12);
    expect(sizes.every((a) => a > 2500)).toBe(true);
    await page.close();
  });
});
