import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RubricError } from '../rubric/load.js';
import { bundledPath, loadPlanFile, loadRubricFile, safeLoadPlanFile, safeLoadRubricFile } from './load-files.js';

const dir = mkdtempSync(join(tmpdir(), 'callqa-files-'));

describe('rubric and plan files', () => {
  it('finds and loads the bundled seed rubric and both bundled plans', () => {
    expect(bundledPath('callcenter-qc-7.zh-CN.json')).toMatch(/[/\\]rubrics[/\\]callcenter-qc-7\.zh-CN\.json$/);
    const rubric = loadRubricFile(bundledPath('callcenter-qc-7.zh-CN.json'));
    expect([rubric.id, rubric.version]).toEqual(['callcenter-qc-7', '1.0.0']);
    // The English plan has a formula component: the Node edge provides mathjs.
    expect(loadPlanFile(bundledPath('monthly-assessment.us-eu.en.json')).components.length).toBeGreaterThan(0);
    expect(safeLoadPlanFile(bundledPath('monthly-assessment.zh-CN.json')).success).toBe(true);
  });

  it('reports a missing file and a syntax error as issues, the syntax error with its line and column', () => {
    expect(safeLoadRubricFile(join(dir, 'nope.json'))).toMatchObject({ success: false, issues: [{ code: 'not_found', path: [] }] });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "id": "x",\n  "version": 1,,\n}');
    const r = safeLoadRubricFile(bad);
    expect(r.success).toBe(false);
    // The stray comma is on line 3, column 16 ("  \"version\": 1," is 15 characters).
    if (!r.success) expect(r.issues).toEqual([expect.objectContaining({ code: 'invalid_json', message: expect.stringContaining('(at 3:16)') })]);
  });

  it('throws RubricError listing every schema problem of a file', () => {
    const file = join(dir, 'empty.json');
    writeFileSync(file, '{}');
    expect(() => loadRubricFile(file)).toThrow(RubricError);
    const r = safeLoadRubricFile(file);
    expect(r.success ? [] : r.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['id', 'version', 'name', 'scoring', 'sections']));
  });
});
