import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from './normalize.js';
import { PhraseError } from './errors.js';
import { foldVariant } from './variants.js';

const arr = (a: Int32Array): number[] => [...a];

describe('normalizeText', () => {
  it('folds full-width Latin and digits and lower-cases', () => {
    const r = normalizeText('ＡＢＣ１２３');
    expect(r.text).toBe('abc123');
    expect(arr(r.offsets)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(arr(r.ends)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('folds full-width punctuation', () => {
    expect(normalizeText('好！（是）？').text).toBe('好!(是)?');
  });

  it('drops ASCII, ideographic and zero-width spaces but maps the rest back', () => {
    const r = normalizeText('不 知\u3000道\u200b呀');
    expect(r.text).toBe('不知道呀');
    expect(arr(r.offsets)).toEqual([0, 2, 4, 6]);
    expect(arr(r.ends)).toEqual([1, 3, 5, 7]);
  });

  it('keeps whitespace when asked (U+3000 becomes a plain space under NFKC)', () => {
    expect(normalizeText('不\u3000知道', { ignoreWhitespace: false }).text).toBe('不 知道');
    expect(normalizeText('不\u3000知道', { ignoreWhitespace: false, nfkc: false }).text).toBe('不\u3000知道');
  });

  it('folds Traditional to Simplified one character at a time', () => {
    expect(normalizeText('謝謝您，請稍等').text).toBe('谢谢您,请稍等');
    expect(normalizeText('為什麼').text).toBe('为什么');
    expect(normalizeText('裡面').text).toBe('里面');
  });

  it('does not damage Simplified text (the tw-only mappings are not used)', () => {
    expect(normalizeText('什么').text).toBe('什么');
    expect(normalizeText('显著').text).toBe('显著');
  });

  it('leaves variants alone with variants: none', () => {
    expect(normalizeText('謝謝', { variants: 'none' }).text).toBe('謝謝');
  });

  it('NFKC turns compatibility ideographs into unified ones', () => {
    // U+F901 is a compatibility form of 更 (U+66F4).
    expect(normalizeText('\uF901').text).toBe('更');
    expect(normalizeText('\uF901', { nfkc: false, variants: 'none' }).text).toBe('\uF901');
  });

  it('maps every unit of an expansion back to the one original character', () => {
    const r = normalizeText('5㎏');
    expect(r.text).toBe('5kg');
    expect(arr(r.offsets)).toEqual([0, 1, 1]);
    expect(arr(r.ends)).toEqual([1, 2, 2]);
  });

  it('composes a base and its combining mark as one character', () => {
    const r = normalizeText('Cafe\u0301!');
    expect(r.text).toBe('café!');
    expect(arr(r.offsets)).toEqual([0, 1, 2, 3, 5]);
    expect(arr(r.ends)).toEqual([1, 2, 3, 5, 6]);
  });

  it('keeps surrogate pairs together', () => {
    const r = normalizeText('𠮷喂');
    expect(r.text).toBe('𠮷喂');
    expect(arr(r.offsets)).toEqual([0, 0, 2]);
    expect(arr(r.ends)).toEqual([2, 2, 3]);
  });

  it('can switch case folding off', () => {
    expect(normalizeText('ＡBc', { caseFold: false }).text).toBe('ABc');
  });

  it('rejects an unknown variants option with a PhraseError', () => {
    const bad = { variants: 'zh-hans-to-hant' } as unknown as { variants: 'none' };
    expect(() => normalizeText('x', bad)).toThrow(PhraseError);
    try {
      normalizeText('x', bad);
    } catch (e) {
      expect((e as PhraseError).issues).toEqual([
        expect.objectContaining({ code: 'invalid_option', path: ['options', 'variants'] }),
      ]);
    }
  });

  it('foldVariant keeps a code point it cannot map one-to-one', () => {
    expect(String.fromCodePoint(foldVariant('謝'.codePointAt(0) as number))).toBe('谢');
    expect(foldVariant(0x61)).toBe(0x61);
  });

  const alphabet = ['不', '知', '道', '謝', '谢', ' ', '\u3000', 'Ａ', 'a', 'B', '１', '㎏', '𠮷', 'e', '\u0301', '！'];
  const options = fc.record({
    nfkc: fc.boolean(),
    caseFold: fc.boolean(),
    ignoreWhitespace: fc.boolean(),
    variants: fc.constantFrom('none' as const, 'zh-hant-to-hans' as const),
  });

  it('property: offsets are monotone, inside the text, and each character normalises on its own to its units', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), options, (chars, opts) => {
        const text = chars.join('');
        const r = normalizeText(text, opts);
        expect(r.offsets.length).toBe(r.text.length);
        for (let k = 0; k < r.text.length; k++) {
          const s = r.offsets[k] as number;
          const e = r.ends[k] as number;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(e).toBeGreaterThan(s);
          expect(e).toBeLessThanOrEqual(text.length);
          if (k > 0) expect(s).toBeGreaterThanOrEqual(r.offsets[k - 1] as number);
        }
        // Regroup units by original character and check each group independently.
        let k = 0;
        while (k < r.text.length) {
          let k2 = k;
          while (k2 < r.text.length && r.offsets[k2] === r.offsets[k]) k2++;
          const piece = text.slice(r.offsets[k], r.ends[k]);
          expect(normalizeText(piece, opts).text).toBe(r.text.slice(k, k2));
          k = k2;
        }
      }),
      { numRuns: 300 },
    );
  });
});
