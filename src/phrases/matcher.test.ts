import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compilePhraseMatcher,
  makeSnippet,
  normalizeText,
  PhraseError,
  type NormalizeOptions,
  type PhraseRuleInput,
  type TextHit,
} from './index.js';
import { CallqaError } from '../issues/issues.js';
import { compileTuned } from './matcher.js';
import { DFA_LIMIT } from './automaton.js';
import { enablePhrasePrefilter } from './enable-prefilter.js';
import { naiveMatch } from '../../test/support/naive-phrases.js';

// The prefilter is the Node entry's; turned on here so the naive-reference property covers it.
enablePhrasePrefilter();

const forbidden: PhraseRuleInput = { id: 'forbidden', phrases: ['喂', '不知道', '不清楚', '不明白'] };
const fillers: PhraseRuleInput = { id: 'fillers', phrases: ['啊', '呀', '嗯', '哦'] };
const opening: PhraseRuleInput = { id: 'opening', phrases: ['您好'] };
const closing: PhraseRuleInput = { id: 'closing', phrases: ['感谢来电，再见'] };

describe('compilePhraseMatcher · matchText', () => {
  const m = compilePhraseMatcher([forbidden, fillers, opening, closing]);

  it('exposes rule ids in declaration order', () => {
    expect(m.ruleIds).toEqual(['forbidden', 'fillers', 'opening', 'closing']);
  });

  it('finds forbidden words, fillers and scripts with original offsets', () => {
    // 0喂 1， 2您 3好 4啊 5， 6这 7个 8我 9不 10清 11楚
    expect(m.matchText('喂，您好啊，这个我不清楚')).toEqual([
      { ruleId: 'forbidden', phrase: '喂', start: 0, end: 1 },
      { ruleId: 'opening', phrase: '您好', start: 2, end: 4 },
      { ruleId: 'fillers', phrase: '啊', start: 4, end: 5 },
      { ruleId: 'forbidden', phrase: '不清楚', start: 9, end: 12 },
    ]);
  });

  it('matches across spaces, full-width forms and Traditional characters', () => {
    // 0我 1不 2␣ 3知 4道 — the hit covers the space but not beyond the phrase.
    expect(m.matchText('我不 知道')).toEqual([{ ruleId: 'forbidden', phrase: '不知道', start: 1, end: 5 }]);
    // 感謝來電，再見 in Traditional with a half-width comma and an ideographic space.
    const text = '好的，感謝來電,\u3000再見';
    expect(m.matchText(text)).toEqual([{ ruleId: 'closing', phrase: '感谢来电，再见', start: 3, end: 11 }]);
    expect(text.slice(3, 11)).toBe('感謝來電,\u3000再見');
  });

  it('does not start or end a hit on removed whitespace', () => {
    expect(m.matchText('  喂  ')).toEqual([{ ruleId: 'forbidden', phrase: '喂', start: 2, end: 3 }]);
  });

  it('returns [] for no hits and for the empty string', () => {
    expect(m.matchText('请问还有什么可以帮您')).toEqual([]);
    expect(m.matchText('')).toEqual([]);
  });

  it('is leftmost-longest within a rule and does not overlap', () => {
    const r = compilePhraseMatcher([{ id: 'r', phrases: ['知道', '不知道', '道'] }]);
    // 不知道 wins at 0 (leftmost); 知道 and 道 inside it are not reported.
    expect(r.matchText('不知道')).toEqual([{ ruleId: 'r', phrase: '不知道', start: 0, end: 3 }]);
    const aa = compilePhraseMatcher([{ id: 'a', phrases: ['啊啊'] }]);
    // 啊啊 at 0–2, then scanning resumes at 2: 啊啊 at 2–4; the fifth 啊 is left over.
    expect(aa.matchText('啊啊啊啊啊')).toEqual([
      { ruleId: 'a', phrase: '啊啊', start: 0, end: 2 },
      { ruleId: 'a', phrase: '啊啊', start: 2, end: 4 },
    ]);
  });

  it('prefers the leftmost start even when a longer match starts later', () => {
    const r = compilePhraseMatcher([{ id: 'r', phrases: ['ab', 'bcde'] }]);
    expect(r.matchText('abcde')).toEqual([{ ruleId: 'r', phrase: 'ab', start: 0, end: 2 }]);
  });

  it('keeps rules independent: one stretch of text may hit several rules', () => {
    const r = compilePhraseMatcher([
      { id: 'z-long', phrases: ['不知道啊'] },
      { id: 'a-short', phrases: ['不知道'] },
      { id: 'filler', phrases: ['啊'] },
    ]);
    expect(r.matchText('不知道啊')).toEqual([
      { ruleId: 'a-short', phrase: '不知道', start: 0, end: 3 },
      { ruleId: 'z-long', phrase: '不知道啊', start: 0, end: 4 },
      { ruleId: 'filler', phrase: '啊', start: 3, end: 4 },
    ]);
  });

  it('reports a phrase shared by two rules for both, and a phrase declared twice in one rule once', () => {
    const r = compilePhraseMatcher([
      { id: 'b', phrases: ['喂', '喂', 'ＷＥＩ'] },
      { id: 'a', phrases: ['喂', 'wei'] },
    ]);
    expect(r.matchText('喂 Wei')).toEqual([
      { ruleId: 'a', phrase: '喂', start: 0, end: 1 },
      { ruleId: 'b', phrase: '喂', start: 0, end: 1 },
      { ruleId: 'a', phrase: 'wei', start: 2, end: 5 },
      { ruleId: 'b', phrase: 'ＷＥＩ', start: 2, end: 5 },
    ]);
  });

  it('only matches whole original characters', () => {
    const r = compilePhraseMatcher([{ id: 'r', phrases: ['g', 'kg'] }]);
    // ㎏ normalises to "kg": the phrase kg covers it, g alone would cut it in half.
    expect(r.matchText('㎏')).toEqual([{ ruleId: 'r', phrase: 'kg', start: 0, end: 1 }]);
    const g = compilePhraseMatcher([{ id: 'g', phrases: ['g'] }]);
    expect(g.matchText('5㎏ g')).toEqual([{ ruleId: 'g', phrase: 'g', start: 3, end: 4 }]);
    const e = compilePhraseMatcher([{ id: 'e', phrases: ['e'] }]);
    // e + U+0301 composes to é, which is not e.
    expect(e.matchText('e\u0301e')).toEqual([{ ruleId: 'e', phrase: 'e', start: 2, end: 3 }]);
  });

  it('handles astral characters', () => {
    const r = compilePhraseMatcher([{ id: 'r', phrases: ['𠮷野'] }]);
    expect(r.matchText('😀𠮷野家')).toEqual([{ ruleId: 'r', phrase: '𠮷野', start: 2, end: 5 }]);
  });

  it('honours options: no variant folding, no whitespace removal', () => {
    const strict = compilePhraseMatcher([forbidden], { variants: 'none', ignoreWhitespace: false });
    expect(strict.matchText('不 知道')).toEqual([]);
    const plain = compilePhraseMatcher([{ id: 'thanks', phrases: ['谢谢'] }], { variants: 'none' });
    expect(plain.matchText('謝謝')).toEqual([]);
    const folded = compilePhraseMatcher([{ id: 'thanks', phrases: ['谢谢'] }]);
    expect(folded.matchText('謝謝')).toEqual([{ ruleId: 'thanks', phrase: '谢谢', start: 0, end: 2 }]);
  });

  it('gives the same answer on repeated calls and after many hits (buffer reuse)', () => {
    const many = '啊'.repeat(5000);
    const first = m.matchText(many);
    expect(first).toHaveLength(5000);
    expect(first[4999]).toEqual({ ruleId: 'fillers', phrase: '啊', start: 4999, end: 5000 });
    expect(m.matchText('喂')).toEqual([{ ruleId: 'forbidden', phrase: '喂', start: 0, end: 1 }]);
    expect(m.matchText(many)).toEqual(first);
  });

  it('gives the results shown in the TSDoc and docs examples', () => {
    const doc = compilePhraseMatcher([forbidden, opening]);
    expect(doc.matchText('喂，您好，這個我不 知道')).toEqual([
      { ruleId: 'forbidden', phrase: '喂', start: 0, end: 1 },
      { ruleId: 'opening', phrase: '您好', start: 2, end: 4 },
      { ruleId: 'forbidden', phrase: '不知道', start: 8, end: 12 },
    ]);
    expect(compilePhraseMatcher([forbidden, fillers]).matchText('這個我不 知道啊')).toEqual([
      { ruleId: 'forbidden', phrase: '不知道', start: 3, end: 7 },
      { ruleId: 'fillers', phrase: '啊', start: 7, end: 8 },
    ]);
  });

  it('allows a rule with no phrases (it never hits)', () => {
    const r = compilePhraseMatcher([{ id: 'none', phrases: [] }]);
    expect(r.matchText('喂')).toEqual([]);
  });
});

describe('compilePhraseMatcher · errors', () => {
  it('reports every bad phrase and id with a path', () => {
    let caught: unknown;
    try {
      compilePhraseMatcher([
        { id: 'ok', phrases: ['喂', ' \u3000 ', ''] },
        { id: 'ok', phrases: ['好'] },
        { id: '', phrases: [42 as unknown as string] },
      ]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PhraseError);
    expect(caught).toBeInstanceOf(CallqaError);
    expect((caught as PhraseError).issues.map((i) => [i.code, i.path])).toEqual([
      ['empty_phrase', [0, 'phrases', 1]],
      ['empty_phrase', [0, 'phrases', 2]],
      ['duplicate_rule_id', [1, 'id']],
      ['empty_rule_id', [2, 'id']],
      ['invalid_phrase', [2, 'phrases', 0]],
    ]);
  });

  it('a phrase of only whitespace is fine when whitespace is kept', () => {
    const r = compilePhraseMatcher([{ id: 'gap', phrases: ['\u3000'] }], { ignoreWhitespace: false, nfkc: false });
    expect(r.matchText('a\u3000b')).toEqual([{ ruleId: 'gap', phrase: '\u3000', start: 1, end: 2 }]);
  });
});

describe('matchTranscript', () => {
  const m = compilePhraseMatcher([forbidden, fillers, opening]);
  const turns = [
    { speaker: 'Agent', text: '您好，请问有什么可以帮您？', start: 0.5 },
    { speaker: 'customer', text: '喂？我想问一下账单啊' },
    { speaker: 'AGENT', text: '这个我也不知道呀' },
  ];

  it('defaults to agent turns, case-insensitively, sorted by turn then start', () => {
    expect(m.matchTranscript(turns)).toEqual([
      { ruleId: 'opening', phrase: '您好', start: 0, end: 2, turn: 0, speaker: 'Agent', snippet: '您好，请问有什么可以帮您？', time: 0.5 },
      { ruleId: 'forbidden', phrase: '不知道', start: 4, end: 7, turn: 2, speaker: 'AGENT', snippet: '这个我也不知道呀' },
      { ruleId: 'fillers', phrase: '呀', start: 7, end: 8, turn: 2, speaker: 'AGENT', snippet: '这个我也不知道呀' },
    ]);
  });

  it('omits time when the turn has no start', () => {
    const ev = m.matchTranscript(turns);
    expect('time' in (ev[1] as object)).toBe(false);
  });

  it('can look at other speakers', () => {
    const ev = m.matchTranscript(turns, { speakers: ['Customer'] });
    expect(ev.map((e) => [e.turn, e.phrase, e.start])).toEqual([
      [1, '喂', 0],
      [1, '啊', 9],
    ]);
  });

  it('rejects a turn without text', () => {
    expect(() => m.matchTranscript([{ speaker: 'agent' } as unknown as { speaker: string; text: string }])).toThrow(
      PhraseError,
    );
  });
});

describe('makeSnippet', () => {
  it('cuts with … and keeps 12 units of context by default', () => {
    const text = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
    // hit 子丑 at 20–22: from 8 to 34 — the end of the text is 32, so only the start is cut.
    expect(makeSnippet(text, 20, 22)).toBe('…九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥');
    expect(makeSnippet(text, 0, 1, 2)).toBe('一二三…');
  });

  it('never splits a surrogate pair', () => {
    // '😀' is two units at 1–2; context 1 from the hit at 3 would start at 2, mid-pair.
    expect(makeSnippet('a😀bcd', 3, 4, 1)).toBe('…😀bc…');
  });
});

// ---------------------------------------------------------------- properties

describe('properties', () => {
  const alphabet = ['不', '知', '道', '啊', '謝', '谢', '请', '請', ' ', '\u3000', 'A', 'a', 'Ｂ', 'b', '１', '1', '㎏', 'k', 'g', '𠮷', 'e', '\u0301', '，', ','];
  const phraseArb = fc
    .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 })
    .map((cs) => cs.join(''));
  const optionsArb = fc.record({
    nfkc: fc.boolean(),
    caseFold: fc.boolean(),
    ignoreWhitespace: fc.boolean(),
    variants: fc.constantFrom('none' as const, 'zh-hant-to-hans' as const),
  });
  const rulesArb = (opts: NormalizeOptions) =>
    fc
      .array(fc.array(phraseArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 })
      .map((lists) =>
        lists.map((phrases, r) => ({
          id: `r${(r * 7) % 5}${r}`, // ids not in declaration order, to exercise the ruleId sort
          phrases: phrases.filter((p) => normalizeText(p, opts).text !== ''),
        })),
      );
  const textArb = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((cs) => cs.join(''));

  it('equals the naive reference matcher on random strings', () => {
    fc.assert(
      fc.property(
        optionsArb.chain((opts) => fc.tuple(fc.constant(opts), rulesArb(opts), textArb)),
        ([opts, rules, text]) => {
          const expected = naiveMatch(rules, text, opts);
          expect(compilePhraseMatcher(rules, opts).matchText(text)).toEqual(expected);
          // The sparse goto/failure path (used when the DFA would be too big) must agree.
          expect(compileTuned(rules, opts, 0).matchText(text)).toEqual(expected);
          // So must the RegExp prefilter (built at once here; normally after 64 K units).
          expect(compileTuned(rules, opts, DFA_LIMIT, 0).matchText(text)).toEqual(expected);
        },
      ),
      // 400 runs: each compiles three matchers (plain, sparse, prefilter) and the reference; under 10 s on a loaded machine.
      { numRuns: 400 },
    );
  });

  it('every hit slices back to text that normalises to the phrase', () => {
    fc.assert(
      fc.property(
        optionsArb.chain((opts) => fc.tuple(fc.constant(opts), rulesArb(opts), textArb)),
        ([opts, rules, text]) => {
          const m = compilePhraseMatcher(rules, opts);
          for (const hit of m.matchText(text)) {
            const rule = rules.find((r) => r.id === hit.ruleId);
            expect(rule?.phrases).toContain(hit.phrase);
            expect(normalizeText(text.slice(hit.start, hit.end), opts).text).toBe(normalizeText(hit.phrase, opts).text);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('hits of one rule never overlap and the output is sorted', () => {
    fc.assert(
      fc.property(
        optionsArb.chain((opts) => fc.tuple(fc.constant(opts), rulesArb(opts), textArb)),
        ([opts, rules, text]) => {
          const hits = compilePhraseMatcher(rules, opts).matchText(text);
          for (let k = 1; k < hits.length; k++) {
            const a = hits[k - 1] as TextHit;
            const b = hits[k] as TextHit;
            expect(a.start < b.start || (a.start === b.start && a.ruleId < b.ruleId)).toBe(true);
          }
          for (const id of new Set(hits.map((h) => h.ruleId))) {
            const mine = hits.filter((h) => h.ruleId === id);
            for (let k = 1; k < mine.length; k++) expect((mine[k] as TextHit).start).toBeGreaterThanOrEqual((mine[k - 1] as TextHit).end);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
