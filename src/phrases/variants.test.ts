import { describe, expect, it } from 'vitest';
import { CJK_FIRST, CJK_LAST, variantPairs } from '../../scripts/variant-pairs.js';
import { foldVariant } from './variants.js';

describe('foldVariant (the generated table)', () => {
  it('equals opencc-js (hk → cn, one character at a time) on every code point it could touch', () => {
    // The source of truth is opencc-js; the committed table is derived from it by `npm run tables`.
    const expected = new Map(variantPairs());
    let differ = 0;
    for (let cp = CJK_FIRST; cp <= CJK_LAST; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (foldVariant(cp) !== (expected.get(cp) ?? cp)) differ++;
    }
    expect(differ).toBe(0);
    expect(expected.size).toBeGreaterThan(4000); // OpenCC's character table, not an empty one
  });

  it('folds the seeds’ Traditional text and keeps Simplified and ASCII', () => {
    const fold = (s: string) => [...s].map((c) => String.fromCodePoint(foldVariant(c.codePointAt(0)!))).join('');
    expect(fold('謝謝您的來電')).toBe('谢谢您的来电');
    expect(fold('什么')).toBe('什么'); // hk, not tw: 么 stays
    expect(fold('abc 123')).toBe('abc 123');
  });
});
