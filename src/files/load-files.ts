/**
 * Rubrics and plans from files: read (src/files/json-file.ts), then the pure
 * loaders of the core. The bundled rubrics and plans ship in the package's
 * `rubrics/` folder; `bundledPath` finds them beside the installed package
 * whatever the caller's working directory.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanError, safeLoadPlan, type Plan, type SafePlanResult } from '../assessment/load.js';
import type { FileIssueCode } from '../issues/codes.js';
import type { Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/compiled.js';
import { RubricError, safeLoadRubric, type SafeRubricResult } from '../rubric/load.js';
import { readJsonFile } from './json-file.js';

declare const __filename: string | undefined;

/** The issues of a file that could not be read or parsed, with the syntax error's place in the message. */
function readIssues(file: string): { json: unknown } | { issues: readonly Issue<FileIssueCode>[] } {
  const r = readJsonFile(file);
  if (!('issues' in r)) return r;
  return { issues: r.where ? r.issues.map((i) => ({ ...i, message: `${i.message} (at ${r.where})` })) : r.issues };
}

/**
 * Reads and loads a rubric file: `{ success: true, rubric }` or every issue (read,
 * JSON syntax, schema and semantic) as `{ success: false, issues }`. Never throws.
 *
 * @example
 * ```ts
 * const r = safeLoadRubricFile(bundledPath('callcenter-qc-7.zh-CN.json'));
 * if (r.success) scoreCall(r.rubric, evaluation);
 * ```
 */
export function safeLoadRubricFile(file: string): SafeRubricResult {
  const r = readIssues(file);
  return 'issues' in r ? { success: false, issues: r.issues } : safeLoadRubric(r.json);
}

/**
 * Reads and loads a rubric file; throws `RubricError` with every issue.
 *
 * @example
 * ```ts
 * const rubric = loadRubricFile('rubrics/my-centre.json');
 * ```
 */
export function loadRubricFile(file: string): Rubric {
  const r = safeLoadRubricFile(file);
  if (!r.success) throw new RubricError(r.issues);
  return r.rubric;
}

/**
 * Reads and loads a monthly assessment plan file, as a union. Never throws.
 *
 * @example
 * ```ts
 * const r = safeLoadPlanFile(bundledPath('monthly-assessment.zh-CN.json'));
 * ```
 */
export function safeLoadPlanFile(file: string): SafePlanResult {
  const r = readIssues(file);
  return 'issues' in r ? { success: false, issues: r.issues } : safeLoadPlan(r.json);
}

/**
 * Reads and loads a monthly assessment plan file; throws `PlanError` with every issue.
 *
 * @example
 * ```ts
 * const plan = loadPlanFile('plans/2026.json');
 * ```
 */
export function loadPlanFile(file: string): Plan {
  const r = safeLoadPlanFile(file);
  if (!r.success) throw new PlanError(r.issues);
  return r.plan;
}

/**
 * The absolute path of a file in the package's bundled `rubrics/` folder (rubrics,
 * plans and their JSON Schemas), found from the installed package, not the working
 * directory.
 *
 * @example
 * ```ts
 * bundledPath('callcenter-qc-7.zh-CN.json'); // '/…/node_modules/callqa/rubrics/callcenter-qc-7.zh-CN.json'
 * ```
 */
export function bundledPath(fileName: string): string {
  // dist/*.js and src/files/*.ts are one or two folders below the package root.
  const here: string = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  let dir = dirname(here);
  for (let up = 0; up < 3; up++, dir = dirname(dir)) {
    const candidate = join(dir, 'rubrics', fileName);
    if (existsSync(join(dir, 'package.json')) || existsSync(candidate)) return candidate;
  }
  return join(dirname(dirname(here)), 'rubrics', fileName);
}
