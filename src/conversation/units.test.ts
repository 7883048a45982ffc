import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { speechUnits, speechUnitsUpTo } from './units.js';

const han = /[\u4e00-\u9fff\u3400-\u4dbf\u{20000}-\u{3134f}\uf900-\ufaff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029]/u;
const word = /[\p{L}\p{N}\p{M}]/u;
const isWord = (ch: string): boolean => (ch.charCodeAt(0) < 0x80 ? /[0-9A-Za-z]/.test(ch) : word.test(ch));

/** The definition, read literally: one regular-expression test per code point (what the table in units.ts remembers). */
function byRegex(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let ch = text[i] as string;
    if (/[\uD800-\uDBFF]/.test(ch) && i + 1 < text.length) {
      ch = String.fromCodePoint(text.codePointAt(i) as number);
      i++;
    }
    if (han.test(ch)) {
      n++;
      inWord = false;
    } else if (isWord(ch)) {
      if (!inWord) n++;
      inWord = true;
    } else if (inWord && (ch === "'" || ch === '\u2019') && i + 1 < text.length && isWord(text[i + 1] as string) && !han.test(text[i + 1] as string)) {
      // an apostrophe inside a word
    } else inWord = false;
  }
  return n;
}

describe('speechUnits', () => {
  it('counts Han characters one each and Latin words and numbers one each (worked by hand)', () => {
    expect(speechUnits('您好，请问有什么可以帮您？')).toBe(11); // 您 好 请 问 有 什 么 可 以 帮 您; the two punctuation marks count nothing
    expect(speechUnits("I don't know, it's 28 dollars.")).toBe(6); // I / don't / know / it's / 28 / dollars
    expect(speechUnits('您的4G套餐')).toBe(5); // 您 / 的 / 4G / 套 / 餐
    expect(speechUnits('Café – naïve')).toBe(2); // combining-free Latin letters with accents are letters
  });

  it('gives what one regular-expression test per character gives, on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', "'", '\u2019', '您', '，', 'é', '\u0301', '\u{20000}', '\uD800', '\uDC00', 'ا', '〆', 'Ⅻ', '-', '々'), maxLength: 40 }), (a, b) => {
        expect(speechUnits(a)).toBe(byRegex(a));
        expect(speechUnits(b)).toBe(byRegex(b));
      }),
      { numRuns: 300 },
    );
  });

  it('speechUnitsUpTo is exact up to its limit and above it past the limit', () => {
    expect(speechUnitsUpTo('嗯嗯', 3)).toBe(2); // 嗯 嗯: under the limit, exact
    expect(speechUnitsUpTo('您好，请问有什么可以帮您？', 3)).toBe(4); // stops at the 4th unit (您 好 请 问)
    expect(speechUnitsUpTo("I don't know", 2)).toBe(3); // I / don't / know: the 3rd word is the first past 2
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', "'", '您', '，', '\u{20000}', '9'), maxLength: 30 }), fc.integer({ min: 0, max: 8 }), (text, limit) => {
        const n = speechUnits(text);
        const capped = speechUnitsUpTo(text, limit);
        if (n <= limit) expect(capped).toBe(n);
        else expect(capped).toBeGreaterThan(limit);
      }),
      { numRuns: 300 },
    );
  });
});
