/**
 * The issue code unions: the compiler rejects a code a union does not list
 * (checked by `tsc --noEmit`, which covers this file), and at the two boundaries
 * the compiler cannot see (zod refinements' params.code and errors caught by
 * `guard`) the codes real bad input produces are listed in docs/issue-codes.md
 * under the function's union.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { safeLoadPlan } from '../assessment/load.js';
import { safeTranscriptMetrics } from '../conversation/metrics.js';
import { RubricError, safeLoadRubric, loadRubric } from '../rubric/load.js';
import type { RubricIssueCode } from '../rubric/issue-codes.js';
import { safeScoreCall } from '../scoring/score.js';
import type { Issue } from './issues.js';

const DOC = readFileSync(new URL('../../docs/issue-codes.md', import.meta.url), 'utf8');

/** The codes of one union in the generated page, with the unions it includes expanded. */
function codesOf(union: string): Set<string> {
  const section = DOC.split(`\n## ${union}\n`)[1]?.split('\n## ')[0];
  if (section === undefined) throw new Error(`no section ${union}`);
  const out = new Set<string>();
  for (const m of section.matchAll(/^\| `([a-z_]+)` \|/gm)) out.add(m[1]!);
  for (const m of section.matchAll(/^\| every code of \[`(\w+)`\]/gm)) for (const c of codesOf(m[1]!)) out.add(c);
  return out;
}

const qc7 = (): Record<string, any> => JSON.parse(readFileSync(new URL('../../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8'));

describe('issue code unions', () => {
  it('type each error and issue by its domain', () => {
    expectTypeOf<RubricError['issues'][number]['code']>().toEqualTypeOf<RubricIssueCode>();
    const ok: Issue<RubricIssueCode> = { code: 'weights_sum', path: [], message: '' };
    // @ts-expect-error — a code RubricIssueCode does not list
    const bad: Issue<RubricIssueCode> = { code: 'no_such_code', path: [], message: '' };
    expect([ok.code, bad.code]).toEqual(['weights_sum', 'no_such_code']);
  });

  it('list the codes a broken rubric reports (zod mapping and cross-field checks)', () => {
    const r = qc7();
    r.typo = 1; // unknown_key, at the root
    r.sections[0].weight = 'heavy'; // invalid_type
    const res = safeLoadRubric(r);
    expect(res.success).toBe(false);
    if (res.success) return;
    const codes = res.issues.map((i) => i.code);
    expect(codes).toContain('unknown_key');
    for (const c of codes) expect(codesOf('RubricIssueCode')).toContain(c);
  });

  it('list the codes of a bad evaluation, a bad plan and bad timings', () => {
    const rubric = loadRubric(qc7());
    const ev = safeScoreCall(rubric, { id: 'c1', agentId: 'a', date: '2026-13-45', answers: { nope: true }, extra: 1 });
    const plan = safeLoadPlan({ id: 'p', components: 'none', unknown: 1.0000001 });
    const timing = safeTranscriptMetrics({ transcript: [{ speaker: 'agent', text: 'hi', start: 2, end: 1 }] } as never);
    for (const [res, union] of [[ev, 'EvaluationIssueCode'], [plan, 'PlanIssueCode'], [timing, 'TimingIssueCode']] as const) {
      expect(res.success).toBe(false);
      if (res.success) continue;
      expect(res.issues.length).toBeGreaterThan(0);
      for (const i of res.issues) expect(codesOf(union)).toContain(i.code);
    }
  });

  it('expand an included union: EvaluationIssueCode holds the timing and bad-input codes', () => {
    const ev = codesOf('EvaluationIssueCode');
    expect(ev).toContain('end_before_start'); // from TimingIssueCode
    expect(ev).toContain('too_deep'); // from BadInputIssueCode
    expect(codesOf('GenerateIssueCode')).toEqual(new Set(['invalid_option']));
  });
});
