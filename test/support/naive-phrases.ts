/*
 * The phrase matcher's reference for tests: obviously right, quadratic.
 */
import { normalizeText, type NormalizeOptions, type PhraseRuleInput, type TextHit } from '../../src/phrases/index.js';

/**
 * A naive reference matcher that works on the ORIGINAL text: try every start and
 * end on character boundaries, normalise the slice and compare it with the
 * normalised phrases. Quadratic, but obviously right.
 */
export function naiveMatch(rules: readonly PhraseRuleInput[], text: string, opts: NormalizeOptions): TextHit[] {
  // Character boundaries: code points, with U+0301 attached to what precedes it.
  const bounds: number[] = [];
  for (let i = 0; i < text.length; ) {
    bounds.push(i);
    i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
    while (i < text.length && text[i] === '\u0301') i++;
  }
  bounds.push(text.length);
  const hits: TextHit[] = [];
  for (const rule of rules) {
    const keys = new Map<string, string>();
    for (const p of rule.phrases) {
      const k = normalizeText(p, opts).text;
      if (!keys.has(k)) keys.set(k, p);
    }
    let lastEnd = 0;
    for (let a = 0; a < bounds.length - 1; a++) {
      const s = bounds[a] as number;
      if (s < lastEnd) continue;
      if (normalizeText(text.slice(s, bounds[a + 1]), opts).text === '') continue;
      for (let b = bounds.length - 1; b > a; b--) {
        const e = bounds[b] as number;
        if (normalizeText(text.slice(bounds[b - 1], e), opts).text === '') continue;
        const phrase = keys.get(normalizeText(text.slice(s, e), opts).text);
        if (phrase !== undefined) {
          hits.push({ ruleId: rule.id, phrase, start: s, end: e });
          lastEnd = e;
          break;
        }
      }
    }
  }
  return hits.sort((x, y) => x.start - y.start || (x.ruleId < y.ruleId ? -1 : x.ruleId > y.ruleId ? 1 : 0));
}
