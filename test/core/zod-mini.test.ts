/**
 * callqa validates with zod/mini (tree-shakable) and must keep classic zod's
 * English messages without touching the host application's global zod config.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { kpiInputIssues, safeLoadPlan, safeLoadRubric } from '../../src/index.js';

const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../rubrics/${f}`, import.meta.url), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('zod/mini in the library', () => {
  it('no source file imports classic zod or sets zod’s global configuration', () => {
    const src = new URL('../../src', import.meta.url).pathname;
    const offenders = sources(src).filter((f) => {
      const text = readFileSync(f, 'utf8');
      // 'zod' and 'zod/v4' are classic zod (every method on every schema, all locales through `z`).
      return /from ['"]zod(\/v4)?['"]/.test(text) || /\bz\.config\(/.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it('reports zod’s own English messages, as classic zod did, with no global locale installed', () => {
    expect(z.config().localeError).toBeUndefined();
    // Expected texts: zod's English locale templates, "Too small: expected <origin> to have >=<n> <unit>",
    // "Invalid option: expected one of <values joined by |>", "Too big: expected number to be <=<n>" —
    // the same strings classic zod printed for these inputs before the move to zod/mini.
    const rubric = safeLoadRubric({ ...read('callcenter-qc-7.zh-CN.json'), version: '', locale: 'fr' });
    expect(rubric).toEqual({
      success: false,
      issues: [
        { code: 'too_small', path: ['version'], message: 'Too small: expected string to have >=1 characters' },
        { code: 'invalid_value', path: ['locale'], message: 'Invalid option: expected one of "zh-CN"|"zh-TW"|"en"|"ms"' },
        // Not zod's: the loader says the cross-field checks could not run on an unreadable shape.
        expect.objectContaining({ code: 'checks_skipped', path: [] }),
      ],
    });
    const plan = safeLoadPlan({ ...read('monthly-assessment.zh-CN.json'), rounding: { decimals: 7 } });
    expect(plan).toEqual({
      success: false,
      issues: [
        { code: 'too_big', path: ['rounding', 'decimals'], message: 'Too big: expected number to be <=6' },
        expect.objectContaining({ code: 'checks_skipped', path: [] }),
      ],
    });
    // KPI bounds: counts ≤ 1e12, seconds ≤ 1e11 (src/kpis/validate.ts); zod's too_big keeps its code (src/issues/zod-issues.ts).
    expect(kpiInputIssues({ offered: 2e12, talkSeconds: 1e12 }, ['offered', 'talkSeconds'], [])).toEqual([
      { code: 'too_big', path: ['offered'], message: 'offered: Too big: expected number to be <=1000000000000' },
      { code: 'too_big', path: ['talkSeconds'], message: 'talkSeconds: Too big: expected number to be <=100000000000' },
    ]);
    expect(z.config().localeError).toBeUndefined();
  });
});
