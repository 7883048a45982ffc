/**
 * The pure core as a web app, a worker or an edge runtime gets it: the module
 * graph of `callqa` reaches no Node built-in, runs in a bare ECMAScript realm
 * (nothing but the language's globals and Intl), and each typical import fits its
 * size budget (scripts/size.ts, also `npm run size`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bundle, measure, SIZE_CASES } from '../../scripts/size.js';
import { loadRubric, safeScoreCall, icc, calendarMonth } from '../../src/index.js';

const ROOT = join(import.meta.dirname, '../..');

describe('the core entry', () => {
  it('imports no Node built-in anywhere in its module graph', async () => {
    // `export *` visits every module the entry reaches; the plugin records any built-in.
    const b = await bundle("export * from 'callqa';");
    expect(b.nodeImports).toEqual([]);
  });

  it('runs in a bare ECMAScript realm (no process, Buffer, require, window, document) and agrees with Node', async () => {
    const b = await bundle("import * as callqa from 'callqa'; globalThis.callqa = callqa;", { format: 'iife' });
    // A fresh V8 context has the ECMAScript built-ins, Intl (and V8's console), and nothing of Node's or the browser's.
    const realm = createContext({});
    expect(runInContext('[typeof process, typeof Buffer, typeof require, typeof window, typeof document, typeof Intl]', realm)).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'object',
    ]);
    runInContext(new TextDecoder().decode(b.code), realm);
    const rubric = readFileSync(join(ROOT, 'rubrics/callcenter-qc-7.zh-CN.json'), 'utf8');
    const calls = readFileSync(join(ROOT, 'examples/data/calls.callcenter-qc-7.ndjson'), 'utf8').split('\n').filter(Boolean);
    const inRealm = runInContext(
      `const r = callqa.loadRubric(${rubric});
       JSON.stringify({
         scores: ${JSON.stringify(calls)}.map((l) => callqa.safeScoreCall(r, JSON.parse(l))),
         icc: callqa.icc([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]),
         month: callqa.calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' }),
       })`,
      realm,
    ) as string;
    const r = loadRubric(JSON.parse(rubric));
    expect(inRealm).toBe(
      JSON.stringify({
        scores: calls.map((l) => safeScoreCall(r, JSON.parse(l))),
        // Shrout & Fleiss (1979), Table 2: the six targets rated by four judges.
        icc: icc([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]),
        month: calendarMonth('2026-10', { timeZone: 'Asia/Shanghai' }),
      }),
    );
  });
});

describe('size budgets (browser bundle, minified, gzip)', () => {
  for (const c of SIZE_CASES) {
    it(`import { ${c.imports.join(', ')} } ≤ ${(c.budget / 1024).toFixed(0)} KB — ${c.why}`, async () => {
      const r = await measure(c);
      expect(r.nodeImports).toEqual([]);
      expect(r.gzip).toBeLessThanOrEqual(c.budget);
    });
  }
});
