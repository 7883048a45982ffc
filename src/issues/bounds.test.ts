import { describe, expect, it } from 'vitest';
import { checkBounds, DOCUMENT_LIMITS, EVALUATION_LIMITS, withinBounds, type InputLimits } from './bounds.js';

const small: InputLimits = { maxDepth: 3, maxStringLength: 5, maxArrayLength: 4, maxKeys: 3, maxNodes: 50 };

describe('checkBounds', () => {
  it('accepts an input within every limit', () => {
    // depth 3: a.b.c holds a leaf; 4 elements; 3 keys; strings of 5.
    expect(checkBounds({ a: { b: { c: 'abcde' } }, d: [1, 2, 3, 4], e: '' }, small)).toEqual([]);
    expect(checkBounds({ a: { b: { c: {} } } }, small)).toEqual([]); // an empty container at the limit is fine
  });

  it('reports the path where the depth limit is crossed', () => {
    expect(checkBounds({ a: { b: { c: { d: 1 } } } }, small)).toEqual([{ code: 'too_deep', path: ['a', 'b', 'c', 'd'], message: 'nested more than 3 levels deep' }]);
  });

  it('walks 100,000 levels without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const issues = checkBounds(deep, DOCUMENT_LIMITS);
    expect(issues.map((i) => i.code)).toEqual(['too_deep']);
    expect(issues[0]?.path).toHaveLength(DOCUMENT_LIMITS.maxDepth + 1);
  });

  it('stops a cyclic object at the depth limit', () => {
    const a: Record<string, unknown> = {};
    a['self'] = a;
    expect(checkBounds(a, small).map((i) => [i.code, i.path])).toEqual([['too_deep', ['self', 'self', 'self', 'self']]]);
  });

  it('reports long strings and keys, long arrays, many keys, with their paths', () => {
    expect(checkBounds({ s: 'abcdef', ['k'.repeat(6)]: 1, arr: [1, 2, 3, 4, 5] }, small).map((i) => [i.code, i.path])).toEqual([
      ['too_long', ['s']],
      ['too_long', ['kkkkkk']],
      ['too_many_items', ['arr']],
    ]);
    expect(checkBounds({ x: { a: 1, b: 2, c: 3, d: 4 } }, small).map((i) => [i.code, i.path])).toEqual([['too_many_keys', ['x']]]);
  });

  it('counts every value against maxNodes, so a shared object reused many times stops', () => {
    const leaf = [1, 2, 3];
    const wide = [leaf, leaf, leaf, leaf];
    // 1 + 4 × (1 + 3) = 17 values per level; two levels of reuse exceed 50.
    expect(checkBounds({ a: wide, b: wide, c: wide }, small).map((i) => i.code)).toEqual(['too_large_input']);
  });

  it('refuses lone surrogates but not pairs', () => {
    expect(checkBounds({ ok: '\uD83D\uDE00', bad: 'a\uD800' }, EVALUATION_LIMITS)).toEqual([
      { code: 'invalid_unicode', path: ['bad'], message: 'a string holds a lone UTF-16 surrogate, which is not text' },
    ]);
    expect(checkBounds({ ['\uDC00']: 1 }, EVALUATION_LIMITS).map((i) => i.code)).toEqual(['invalid_unicode']);
  });

  it('treats `__proto__` as the own key JSON.parse makes it, and leaves Object.prototype alone', () => {
    const v = JSON.parse('{"__proto__": {"x": "abcdefghij"}}') as unknown;
    expect(checkBounds(v, { ...small, maxStringLength: 9 })).toEqual([{ code: 'too_long', path: ['__proto__', 'x'], message: 'a string of 10 characters is longer than the limit of 9' }]);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('does not enter objects that are not plain (left to the schema)', () => {
    expect(checkBounds({ d: new Date(0), m: new Map([['k', 'abcdefgh']]) }, small)).toEqual([]);
  });
});

describe('checkBounds, fast path and full walk', () => {
  it('agree on inputs at and around every limit (the fast pass says "fine" only when the full walk finds nothing)', () => {
    const tiny = { maxDepth: 3, maxStringLength: 5, maxArrayLength: 3, maxKeys: 3, maxNodes: 12 };
    const cases: unknown[] = [
      { a: [1, 2, 3] }, // 1 root + a (child) + a (walked) + 3 = 6 values
      { a: [1, 2, 3, 4] }, // too many items
      { a: { b: { c: 1 } } }, // depth 3: fine
      { a: { b: { c: { d: 1 } } } }, // too deep
      { abcdef: 1 }, // key too long
      { a: 'abcdef' }, // string too long
      { a: '\uD800' }, // lone surrogate
      { a: [[1, 2], [3, 4], [5]] }, // 1 + 2 + 3×2 + 5 = 14 > 12 values
      { a: [[1, 2], [3, 4]] }, // 1 + 2 + 2×2 + 4 = 11 values: fine
      [],
      {},
    ];
    for (const c of cases) {
      const issues = checkBounds(c, tiny);
      // The full walk's verdict, computed by hand in the comments above: empty only for the fine ones.
      expect(issues.length === 0, JSON.stringify(c)).toBe([0, 2, 8, 9, 10].includes(cases.indexOf(c)));
      // And the fast pass alone gives the same verdict (it must neither pass a bad input nor fail a good one).
      expect(withinBounds(c, tiny), JSON.stringify(c)).toBe(issues.length === 0);
    }
  });
});
