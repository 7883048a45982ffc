/**
 * Hostile formulas: each must be refused when the plan loads, with a clear
 * issue at the component's `expression` path, and never run.
 */
import { describe, expect, it } from 'vitest';
import { safeLoadPlan } from '../../src/assessment/index.js';

function planWith(expression: string): unknown {
  return {
    kind: 'plan',
    id: 'p',
    version: '1',
    label: 'P',
    metrics: { fcr: { kpi: 'firstContactResolution', better: 'higher' }, exam: { field: 'examScore', better: 'higher' } },
    components: [
      { id: 'qa', type: 'qa', label: 'QA', weight: 50 },
      { id: 'f', type: 'formula', label: 'F', weight: 50, expression, max: 5 },
    ],
  };
}

const PATH = ['components', 1, 'expression'];

const HOSTILE: [string, string, RegExp][] = [
  ['import({x: 1}, {override: true})', 'formula_forbidden_function', /"import" is not allowed/],
  ['createUnit("knot", "0.514 m/s")', 'formula_forbidden_function', /"createUnit"/],
  ['evaluate("1 + 1")', 'formula_forbidden_function', /"evaluate"/],
  ['parse("1 + 1")', 'formula_forbidden_function', /"parse"/],
  ['simplify("fcr + fcr")', 'formula_forbidden_function', /"simplify"/],
  ['derivative("x^2", "x")', 'formula_forbidden_function', /"derivative"/],
  ['config({number: "BigNumber"})', 'formula_forbidden_function', /"config"/],
  ['typed("f", {})', 'formula_forbidden_function', /"typed"/],
  ['map([1, 2], abs)', 'formula_forbidden_function', /"map"/],
  ['f(x) = x ^ 2', 'formula_forbidden', /function definitions/],
  ['fcr = 100', 'formula_forbidden', /assignments/],
  ['fcr.constructor', 'formula_forbidden', /property and index access/],
  ['fcr["constructor"]', 'formula_forbidden', /property and index access/],
  ['[1, 2][1]', 'formula_forbidden', /property and index access/],
  ['{a: fcr}', 'formula_forbidden', /object expressions/],
  ['1:10', 'formula_forbidden', /range expressions/],
  ['x = 1; x', 'formula_forbidden', /block expressions/],
  ['process * 2', 'formula_unknown_symbol', /"process" is not a declared metric/],
  ['5 cm', 'formula_unknown_symbol', /"cm"/],
  ['2 inch to cm', 'formula_forbidden', /operator "to"/],
  ['9 ^ 9 ^ 9', 'formula_forbidden', /literal exponent/],
  ['fcr ^ exam', 'formula_forbidden', /literal exponent/],
  ['10!', 'formula_forbidden', /factorial/],
  ['"text"', 'formula_forbidden', /text constants/],
  ["fcr'", 'formula_forbidden', /ctranspose/],
  ['pi * fcr', 'formula_unknown_symbol', /"pi"/],
  ['cos.constructor("return process")()', 'formula_syntax', /does not parse/],
  ['max()', 'formula_arity', /max takes 1 to 64 arguments/],
];

describe('hostile formulas are refused at load', () => {
  it('the corpus has at least 15 cases', () => expect(HOSTILE.length).toBeGreaterThanOrEqual(15));
  it.each(HOSTILE)('%s', (expression, code, message) => {
    const res = safeLoadPlan(planWith(expression));
    expect(res.success).toBe(false);
    if (res.success) return;
    const issue = res.issues.find((i) => i.code === code);
    expect(issue, JSON.stringify(res.issues)).toBeDefined();
    expect(issue!.path).toEqual(PATH);
    expect(issue!.message).toMatch(message);
  });

  it('accepts the whitelist: arithmetic, comparisons, logic, conditionals, pure functions', () => {
    for (const e of [
      'clamp((fcr - 60) / 4, 0, 5)',
      'fcr >= 80 and exam >= 90 ? 5 : 0',
      'not (fcr < 50) ? round(exam / 20, 1) : 0',
      'min(max(fcr, exam) / 20, 5)',
      'mean(fcr, exam) / 20 + abs(-1) - floor(0.5) + ceil(0.2) - 1',
      'sqrt(16) + median(1, 2, 3) - sign(fcr) - 5 + fcr mod 1 + 2 ^ 2 - 4',
    ]) {
      const res = safeLoadPlan(planWith(e));
      expect(res.success, `${e}: ${JSON.stringify(!res.success && res.issues)}`).toBe(true);
    }
  });

  it('a metric may not be named like a formula function', () => {
    const p = planWith('1') as { metrics: Record<string, unknown> };
    p.metrics.max = { field: 'max', better: 'higher' };
    const res = safeLoadPlan(p);
    expect(!res.success && res.issues.some((i) => i.code === 'reserved_name' && i.path.join('.') === 'metrics.max')).toBe(true);
  });
});
