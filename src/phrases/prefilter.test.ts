/*
 * The RegExp prefilter must give exactly the hits of the automaton alone: both
 * paths of one matcher are compared on hand-picked traps and on random text
 * mixing scripts, full-width and compatibility forms, Traditional characters,
 * expanding characters, combining marks, whitespace and astral characters.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAutomaton, DFA_LIMIT } from './automaton.js';
import { UnitClasses } from './classes.js';
import { followersOf } from './followers.js';
import { compileTuned, usesPrefilter } from './matcher.js';
import { getNormalizer, MULTI, REMOVED, type NormalizeOptions } from './normalize.js';
import { buildPrefilter, prefilterEligible, PREFILTER_MAX_PATTERNS } from './prefilter-build.js';
import { preimagesOf } from './preimage.js';
import type { PhraseRuleInput } from './types.js';
import { enablePhrasePrefilter } from './enable-prefilter.js';

// As the Node entry does; the core alone never builds a prefilter.
enablePhrasePrefilter();

/** The same rules with the prefilter from the first text, and without it. */
function both(rules: readonly PhraseRuleInput[], opts?: NormalizeOptions) {
  return { fast: compileTuned(rules, opts, DFA_LIMIT, 0), slow: compileTuned(rules, opts, DFA_LIMIT, Infinity) };
}

describe('prefilter: same hits as the automaton alone', () => {
  const rules = [
    { id: 'forbidden', phrases: ['喂', '不知道', '不清楚', '不明白'] },
    { id: 'fillers', phrases: ['啊', '呀', '嗯', '哦'] },
    { id: 'scripts', phrases: ['您好', '感谢来电', 'ok'] },
  ];
  const { fast, slow } = both(rules);

  it.each([
    ['Traditional and compatibility forms', '感謝來電，不明⽩，不知道'], // 謝→谢, 來→来, 電→电, ⽩ (Kangxi) → 白
    ['whitespace inside a phrase, not at its edges', ' 不 知\u3000道 ，您\u200b好 '],
    ['full-width and upper-case Latin', 'ＯＫ，Ok，oK'],
    ['a combining mark after a phrase prevents the hit', '喂\u0301 喂'],
    ['an expanding character (㍾ → 明治) inside a phrase', '不㍾白，不明白'],
    ['an astral compatibility ideograph and emoji', '喂😀啊\u{2F800}呀'],
    ['a lone surrogate', '喂\ud800啊\udc00呀'],
    ['text ending mid-phrase', '感谢来'],
  ])('%s', (_, text) => {
    const hits = fast.matchText(text);
    expect(usesPrefilter(fast)).toBe(true);
    expect(usesPrefilter(slow)).toBe(false);
    expect(hits).toEqual(slow.matchText(text));
  });

  it('finds the hits a person would: 感謝來電 is 感谢来电 at 0–4, ⽩ completes 不明白 at 5–8', () => {
    // 0感 1謝 2來 3電 4， 5不 6明 7⽩ 8， 9不 10知 11道
    expect(fast.matchText('感謝來電，不明⽩，不知道')).toEqual([
      { ruleId: 'scripts', phrase: '感谢来电', start: 0, end: 4 },
      { ruleId: 'forbidden', phrase: '不明白', start: 5, end: 8 },
      { ruleId: 'forbidden', phrase: '不知道', start: 9, end: 12 },
    ]);
  });

  it('hands overlapping phrases to the automaton (啊啊 over 啊啊啊啊啊: 0–2, 2–4)', () => {
    const m = both([{ id: 'r', phrases: ['啊啊', '啊呀'] }, { id: 's', phrases: ['呀啊'] }]);
    const text = '啊啊啊啊啊呀啊';
    expect(m.fast.matchText(text)).toEqual(m.slow.matchText(text));
    // 0-2 啊啊, 2-4 啊啊, 4-6 啊呀 for r; 呀啊 at 5–7 for s.
    expect(m.fast.matchText(text).map((h) => `${h.ruleId}${h.start}-${h.end}`)).toEqual(['r0-2', 'r2-4', 'r4-6', 's5-7']);
  });

  it('a one-unit phrase inside a longer one goes to the automaton too (啊 in 呀啊)', () => {
    const m = both([{ id: 'r', phrases: ['啊'] }, { id: 's', phrases: ['呀啊'] }]);
    // 0呀 1啊 2啊 3， 4啊: 啊 for r at 1, 2 and 4; 呀啊 for s at 0–2.
    const text = '呀啊啊，啊';
    expect(m.fast.matchText(text).map((h) => `${h.ruleId}${h.start}-${h.end}`)).toEqual(['s0-2', 'r1-2', 'r2-3', 'r4-5']);
    expect(m.fast.matchText(text)).toEqual(m.slow.matchText(text));
  });

  it('counts, phrases and the kept limit agree in tallies and transcripts', () => {
    const turns = [
      { speaker: 'agent', text: '喂，您好啊'.repeat(40) },
      { speaker: 'customer', text: '喂' },
      { speaker: 'agent', text: '不 知道呀，感謝來電' },
    ];
    expect(fast.tallyTranscript(turns, { limit: 3 })).toEqual(slow.tallyTranscript(turns, { limit: 3 }));
    expect(fast.tallyText(turns[0]!.text)).toEqual(slow.tallyText(turns[0]!.text));
    // 40 repetitions: 喂 ×40 (forbidden), 啊 ×40 (fillers), 您好 ×40 (scripts).
    expect(fast.tallyText(turns[0]!.text).map((t) => t.count)).toEqual([40, 40, 40]);
  });

  it('nothing below U+0300 or among U+3400–U+9FFF attaches (the scan skips the mark check there)', () => {
    const attach = getNormalizer().attach;
    const found: number[] = [];
    for (let c = 0; c < 0xa000; c++) if ((c < 0x300 || c >= 0x3400) && attach[c] === 1) found.push(c);
    expect(found).toEqual([]);
  });

  // One pattern in two rules under two spellings (traditional and simplified normalise to one pattern,
  // two terminals); rule ids order the hits at one place (a before b). 谢您 overlaps no shift of itself,
  // so its hits take the prefilter's direct path; 谢谢 overlaps itself and goes through the general scanner.
  // Both texts, by position: 0喂 1， 2謝 3您/謝 4好/你 5， 6谢 7您/谢.
  for (const [simplified, traditional, text, path] of [
    ['谢您', '謝您', '喂，謝您好，谢您', 'the direct path'],
    ['谢谢', '謝謝', '喂，謝謝你，谢谢', 'the general scanner (a pattern that overlaps itself)'],
  ] as const) {
    it(`matchText names each hit by its rule and declared phrase (one pattern, two rules, two spellings): ${path}`, () => {
      const m = both([{ id: 'b', phrases: [simplified] }, { id: 'a', phrases: ['喂', traditional] }]);
      const hits = m.fast.matchText(text);
      expect(usesPrefilter(m.fast)).toBe(true);
      expect(hits).toEqual([
        { ruleId: 'a', phrase: '喂', start: 0, end: 1 },
        { ruleId: 'a', phrase: traditional, start: 2, end: 4 },
        { ruleId: 'b', phrase: simplified, start: 2, end: 4 },
        { ruleId: 'a', phrase: traditional, start: 6, end: 8 },
        { ruleId: 'b', phrase: simplified, start: 6, end: 8 },
      ]);
      expect(hits).toEqual(m.slow.matchText(text));
    });
  }

  it('matchText names one-unit hits: a pattern of one rule (its own fast path) and one of two rules', () => {
    // 喂 (rule a, also written 餵) is named by the one-unit table; 谢 is declared by b and, as 謝, by a,
    // so its hits go through the terminal loop, a before b. By position: 0喂 1， 2謝 3， 4谢 5， 6餵.
    const m = both([{ id: 'b', phrases: ['谢'] }, { id: 'a', phrases: ['喂', '謝'] }]);
    const text = '喂，謝，谢，餵';
    const hits = m.fast.matchText(text);
    expect(usesPrefilter(m.fast)).toBe(true);
    expect(hits).toEqual([
      { ruleId: 'a', phrase: '喂', start: 0, end: 1 },
      { ruleId: 'a', phrase: '謝', start: 2, end: 3 },
      { ruleId: 'b', phrase: '谢', start: 2, end: 3 },
      { ruleId: 'a', phrase: '謝', start: 4, end: 5 },
      { ruleId: 'b', phrase: '谢', start: 4, end: 5 },
      { ruleId: 'a', phrase: '喂', start: 6, end: 7 },
    ]);
    expect(hits).toEqual(m.slow.matchText(text));
  });

  it('matchText names a longer pattern from its last unit only where that is exact', () => {
    // 不知道 is the only pattern ending in 道 and its first unit occurs once in it: named from 道 and the unit
    // three before it. By position: 0我 1不 2␠ 3知 4道 5， 6不 7知 8道 — the first hit starts at 1, not at the space.
    const one = both([{ id: 'r', phrases: ['不知道'] }]);
    expect(one.fast.matchText('我不 知道，不知道')).toEqual([
      { ruleId: 'r', phrase: '不知道', start: 1, end: 5 },
      { ruleId: 'r', phrase: '不知道', start: 6, end: 9 },
    ]);
    // 谢谢您 starts with a unit it repeats: in 谢谢␠您 the unit three before the end is the second 谢, so the
    // pattern is read back through the trie instead (start 0, not 1).
    const two = both([{ id: 'r', phrases: ['谢谢您'] }]);
    expect(two.fast.matchText('谢谢 您')).toEqual([{ ruleId: 'r', phrase: '谢谢您', start: 0, end: 4 }]);
    expect(usesPrefilter(one.fast) && usesPrefilter(two.fast)).toBe(true);
    expect(one.fast.matchText('我不 知道，不知道')).toEqual(one.slow.matchText('我不 知道，不知道'));
    expect(two.fast.matchText('谢谢 您')).toEqual(two.slow.matchText('谢谢 您'));
    // 不知道 and 不厚道 end in the same unit (and start alike): neither is named from 道, the trie tells them apart.
    const three = both([{ id: 'r', phrases: ['不知道', '不厚道'] }]);
    expect(three.fast.matchText('不知道，不厚道')).toEqual([
      { ruleId: 'r', phrase: '不知道', start: 0, end: 3 },
      { ruleId: 'r', phrase: '不厚道', start: 4, end: 7 },
    ]);
  });

  it('a flood of hits gives the same counts (the automaton finishes the text)', () => {
    const text = '喂'.repeat(5000) + '，不知道啊';
    const counts = (m: typeof fast) => m.tallyText(text).map((t) => [t.count, t.hits.length]);
    // 5,000 × 喂 plus 不知道 for forbidden, 啊 for fillers; 100 kept per rule.
    expect(counts(fast)).toEqual([[5001, 100], [1, 1], [0, 0]]);
    expect(counts(fast)).toEqual(counts(slow));
  });

  it('matchText: a flood of hits on the named path hands over to the automaton at the density check', () => {
    // 200 × 喂 then ，不知道: the 64th hit leaves the named path for the density check (64 hits in 64
    // units), which hands the rest of the text to the automaton. Every hit, in order: 喂 at 0–200
    // one by one, 不知道 at 201–204 — 201 hits, for a list of one rule and for one of two.
    const text = '喂'.repeat(200) + '，不知道';
    for (const rules of [[{ id: 'r', phrases: ['喂', '不知道'] }], [{ id: 'f', phrases: ['喂'] }, { id: 'g', phrases: ['不知道'] }]]) {
      const m = both(rules);
      const hits = m.fast.matchText(text);
      expect(usesPrefilter(m.fast)).toBe(true);
      expect(hits).toHaveLength(201);
      expect(hits[63]).toEqual({ ruleId: rules[0]!.id, phrase: '喂', start: 63, end: 64 });
      expect(hits[200]).toEqual({ ruleId: rules[rules.length - 1]!.id, phrase: '不知道', start: 201, end: 204 });
      expect(hits).toEqual(m.slow.matchText(text));
    }
  });

  it('is used only for eligible lists', () => {
    const norm = getNormalizer();
    expect(prefilterEligible(['喂', '不知道'], norm)).toBe(true);
    expect(prefilterEligible(['é'], norm)).toBe(false); // precomposed: e + U+0301 composes into it
    expect(prefilterEligible(['a\u0301'], norm)).toBe(false); // a combining mark in the alphabet
    expect(prefilterEligible(['𠮷'], norm)).toBe(false); // surrogates
    expect(prefilterEligible(Array.from({ length: PREFILTER_MAX_PATTERNS + 1 }, (_, i) => `p${i}`), norm)).toBe(false);
  });
});

/** The prefilter of one rule's patterns (already normalised), built directly. */
function prefilterOf(patterns: string[]) {
  const norm = getNormalizer();
  const terminals = patterns.map(() => [{ rule: 0, phrase: 0 }]);
  return buildPrefilter(patterns, terminals, new UnitClasses(norm, buildAutomaton(patterns, terminals, DFA_LIMIT).alphabet), norm);
}

describe('prefilter: the character after a match', () => {
  const attach = getNormalizer().attach;
  const followers = followersOf(attach);

  it('the follower class holds every unit that may attach, and no kana, CJK, full-width or ASCII', () => {
    const missing: number[] = [];
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const mayAttach = attach[c] === 1 || (c >= 0xd800 && c < 0xdc00);
      if (mayAttach && followers.member[c] !== 1) missing.push(c);
      const common = c < 0x300 || (c >= 0x3000 && c < 0x302a) || (c >= 0x3031 && c <= 0x3098) || (c >= 0x3400 && c < 0xa000) || (c >= 0xff00 && c < 0xff9e);
      if (common && followers.member[c] === 1) wrong.push(c);
    }
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    // Few ranges keep the RegExp fast (190 exact ranges cost ~30 %).
    expect(followers.ranges.length).toBeLessThanOrEqual(16);
  });

  it('the RegExp consumes a follower for the seed phrases, and not when a phrase character is in the class', () => {
    expect(prefilterOf(['喂', '不知道'])?.consumesFollower).toBe(true);
    expect(prefilterOf(['กา'])?.consumesFollower).toBe(false); // Thai ก (U+0E01) lies in a bridged range
  });

  it.each([
    // 0喂 1ก 2喂 3◌́ 4喂 5-6😀 7喂 8ᄀ — Thai ก, the jamo ᄀ and the emoji do not attach; U+0301 does
    ['喂ก喂\u0301喂😀喂ᄀ', [[0, 1], [4, 5], [7, 8]]],
    // 0不 1知 2道 3◌ั 4， 5喂 — the Thai vowel sign attaches to 道
    ['不知道\u0e31，喂', [[5, 6]]],
    // 0喂 1-2 U+1D167 (an astral combining mark) 3， 4喂
    ['喂\u{1D167}，喂', [[4, 5]]],
    // 0喂 1〪 (U+302A, an ideographic tone mark) 2喂 3︐ (vertical comma, in a bridged range)
    ['喂\u302a喂︐', [[2, 3]]],
  ])('a follower that does not attach leaves the hit, a mark does not (%s)', (text, expected) => {
    const { fast, slow } = both([{ id: 'f', phrases: ['喂', '不知道'] }]);
    const hits = fast.matchText(text);
    expect(usesPrefilter(fast)).toBe(true);
    expect(hits.map((h) => [h.start, h.end])).toEqual(expected);
    expect(hits).toEqual(slow.matchText(text));
  });

  it('only expanding characters whose whole expansion lies in a phrase are searched for', () => {
    // ㍾ → 明治 can never be inside a hit of 不明白; ㎏ → kg can be one of 5kg, not of k.
    expect(prefilterOf(['不明白'])?.re.source).not.toContain('\\u337e');
    expect(prefilterOf(['明治'])?.re.source).toContain('\\u337e');
    expect(prefilterOf(['5kg'])?.re.source).toContain('\\u338f');
    expect(prefilterOf(['k'])?.re.source).not.toContain('\\u338f');
    const { fast, slow } = both([{ id: 'r', phrases: ['不明白', '明治', '5kg', 'k'] }]);
    for (const text of ['不㍾白，㍾，5㎏，㎏k']) expect(fast.matchText(text)).toEqual(slow.matchText(text));
  });
});

describe('prefilter: properties', () => {
  const alphabet = [
    '不', '知', '道', '啊', '呀', '谢', '謝', '来', '來', '來', '明', '白', '⽩', '㍾', '治', '丽', '\u{2F800}',
    'a', 'A', 'Ａ', 'k', 'g', '㎏', 'i', 'I', 'İ', '\u0307', '\u0301', 'e', 'f', 'ﬁ', 'ｶ', 'ﾞ', 'ガ',
    ' ', '\u3000', '\u200b', '\u00a0', '，', '😀', '\ud800', '\udc00',
    // followers (followers.ts): Thai, Hebrew, a jamo, a kana mark, vertical punctuation; a Thai mark
    'ก', 'א', 'ᄀ', '\u302a', '︐', '\u0e31', 'ぁ', '\u{1D167}',
  ];
  const phraseAlphabet = ['不', '知', '道', '啊', '呀', '谢', '謝', '来', '明', '白', '治', '丽', 'a', 'A', 'k', 'g', 'i', 'f', 'ｶ', ' ', 'ก'];
  const phraseArb = fc.array(fc.constantFrom(...phraseAlphabet), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
  const optionsArb = fc.record({
    nfkc: fc.boolean(),
    caseFold: fc.boolean(),
    ignoreWhitespace: fc.boolean(),
    variants: fc.constantFrom('none' as const, 'zh-hant-to-hans' as const),
  });
  const textArb = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((cs) => cs.join(''));

  it('equals the automaton alone on random mixed-script text', () => {
    let used = 0;
    fc.assert(
      fc.property(
        optionsArb,
        fc.array(fc.array(phraseArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        fc.array(textArb, { minLength: 1, maxLength: 3 }),
        (opts, lists, texts) => {
          const norm = getNormalizer(opts);
          const rules = lists.map((phrases, r) => ({
            id: `r${r}`,
            phrases: phrases.filter((p) => p.replace(/\s/g, '') !== '' || !norm.ignoreWhitespace),
          }));
          const { fast, slow } = both(rules, opts);
          for (const text of texts) {
            expect(fast.matchText(text)).toEqual(slow.matchText(text));
            expect(fast.tallyText(text, { limit: 2 })).toEqual(slow.tallyText(text, { limit: 2 }));
          }
          if (usesPrefilter(fast)) used++;
        },
      ),
      { numRuns: 300 },
    );
    // Most lists are eligible; the property must have exercised the prefilter.
    expect(used).toBeGreaterThan(60);
  });
});

describe('preimages', () => {
  it('every BMP unit that normalisation changes is listed, for every option set', () => {
    for (const opts of [{}, { variants: 'none' as const }, { nfkc: false }, { ignoreWhitespace: false, caseFold: false }]) {
      const norm = getNormalizer(opts);
      const pre = preimagesOf(norm);
      const single = new Set([...pre.single.values()].flat());
      const expanding = new Set(pre.expanding.map(([c]) => c));
      const removed = new Set(pre.removed);
      let changed = 0;
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c < 0xe000) continue;
        const u = norm.unit(c);
        if (u === c) continue;
        changed++;
        if (u === REMOVED) expect(removed.has(c)).toBe(true);
        else if (u === MULTI) expect(expanding.has(c)).toBe(true);
        else expect(single.has(c)).toBe(true);
      }
      expect(changed).toBeGreaterThan(0);
    }
  });

  it('astral characters that NFKC or lower-casing changes lie in plane 1 or U+2F800–U+2FA1F', () => {
    const outside: number[] = [];
    for (let cp = 0x20000; cp <= 0x10ffff; cp++) {
      if (cp >= 0x2f800 && cp < 0x2fa20) continue;
      const s = String.fromCodePoint(cp);
      if (s.normalize('NFKC') !== s || s.toLowerCase() !== s) outside.push(cp);
    }
    expect(outside).toEqual([]);
  });
});

describe('prefilter: provided, not imported', () => {
  it('the core matcher does not import the prefilter module (it stays out of browser bundles)', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('./matcher.ts', import.meta.url), 'utf8');
    // Only a type import: erased at build time.
    expect(src).toMatch(/import type \{ Prefilter \} from '\.\/prefilter\.js'/);
    expect(src).not.toMatch(/import \{[^}]*\} from '\.\/prefilter\.js'/);
  });
});
