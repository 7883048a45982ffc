/**
 * One zod-issue mapping, one set of codes (issue 13): the same zod failures
 * give the same callqa codes wherever they are validated.
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { safeParseEnglish } from './zod.js';
import { fromZodIssues } from './zod-issues.js';

const schema = z.strictObject({
  count: z.number().check(z.int(), z.gte(0)),
  weight: z.number().check(z.positive()),
  name: z.string().check(z.minLength(1)),
  decimals: z.number().check(z.lte(6)),
  pick: z.union([z.strictObject({ a: z.number() }), z.strictObject({ b: z.string() })]),
  code: z.string().check(z.refine((s) => s === 'ok', { message: 'not ok', params: { code: 'bad_code' } })),
});

describe('fromZodIssues', () => {
  const input = { count: 1.5, weight: 0, name: '', decimals: 7, pick: { a: 'x' }, code: 'no', typo: 1 };
  const r = safeParseEnglish(schema, input);
  const issues = r.success ? [] : fromZodIssues(r.error.issues, input);

  it('maps each kind of failure to its one code, at its path', () => {
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['not_integer', 'count'], // 1.5 is not a whole number
      ['too_small', 'weight'], // 0 is not > 0, and not negative either
      ['too_small', 'name'],
      ['too_big', 'decimals'],
      ['invalid_type', 'pick.a'], // the union branch that reached deepest: { a: number }
      ['bad_code', 'code'], // a refinement names its own code
      ['unknown_key', 'typo'],
    ]);
  });

  it('tells a missing field from a negative one, and puts the path in messages when asked', () => {
    const s = z.object({ n: z.number().check(z.gte(0)), m: z.number() });
    const bad = { n: -1 };
    const res = safeParseEnglish(s, bad);
    expect(res.success).toBe(false);
    if (res.success) return;
    expect(fromZodIssues(res.error.issues, bad)).toEqual([
      { code: 'negative', path: ['n'], message: 'Too small: expected number to be >=0' },
      { code: 'required', path: ['m'], message: 'm is required' },
    ]);
    expect(fromZodIssues(res.error.issues, bad, { pathInMessage: true, base: ['metrics', 'A1'] }).map((i) => i.message)).toEqual([
      'metrics.A1.n must not be negative',
      'metrics.A1.m is required',
    ]);
  });
});
