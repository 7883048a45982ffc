import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePhraseMatcher, PHRASE_EVIDENCE_LIMIT, PhraseError, type NormalizeOptions, type PhraseRuleInput, type TextHit } from './index.js';
import { compileTuned } from './matcher.js';
import { naiveMatch } from '../../test/support/naive-phrases.js';

const forbidden: PhraseRuleInput = { id: 'forbidden', phrases: ['喂', '不知道', '不清楚'] };
const fillers: PhraseRuleInput = { id: 'fillers', phrases: ['啊', '呀'] };

describe('tallyText', () => {
  const m = compilePhraseMatcher([forbidden, fillers]);

  it('gives one tally per rule in declaration order, with counts, phrases and hits', () => {
    // 0喂 1， 2我 3不 4知 5道 6啊 7， 8喂 9呀
    expect(m.tallyText('喂，我不知道啊，喂呀')).toEqual([
      {
        ruleId: 'forbidden',
        count: 3,
        phrases: ['喂', '不知道'],
        hits: [
          { ruleId: 'forbidden', phrase: '喂', start: 0, end: 1 },
          { ruleId: 'forbidden', phrase: '不知道', start: 3, end: 6 },
          { ruleId: 'forbidden', phrase: '喂', start: 8, end: 9 },
        ],
        truncated: false,
      },
      {
        ruleId: 'fillers',
        count: 2,
        phrases: ['啊', '呀'],
        hits: [
          { ruleId: 'fillers', phrase: '啊', start: 6, end: 7 },
          { ruleId: 'fillers', phrase: '呀', start: 9, end: 10 },
        ],
        truncated: false,
      },
    ]);
  });

  it('keeps the first `limit` hits per rule and counts the rest', () => {
    const [f, a] = m.tallyText('喂喂喂啊', { limit: 2 });
    expect(f?.count).toBe(3);
    expect(f?.hits.map((h) => h.start)).toEqual([0, 1]);
    expect(f?.truncated).toBe(true);
    expect(a?.count).toBe(1);
    expect(a?.truncated).toBe(false);
    expect(m.tallyText('喂', { limit: 0 })[0]).toMatchObject({ count: 1, hits: [], truncated: true });
  });

  it('keeps PHRASE_EVIDENCE_LIMIT (100) hits by default', () => {
    expect(PHRASE_EVIDENCE_LIMIT).toBe(100);
    const [f] = m.tallyText('喂'.repeat(250));
    expect(f?.count).toBe(250);
    expect(f?.hits).toHaveLength(100);
  });

  it('refuses a bad limit with a typed issue', () => {
    for (const limit of [-1, 1.5, Number.NaN]) {
      let caught: unknown;
      try {
        m.tallyText('喂', { limit });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(PhraseError);
      expect((caught as PhraseError).issues[0]).toMatchObject({ code: 'invalid_option', path: ['options', 'limit'] });
    }
  });
});

describe('tallyTranscript', () => {
  const m = compilePhraseMatcher([forbidden, fillers]);
  const turns = [
    { speaker: 'agent', text: '喂，您好啊', start: 0 },
    { speaker: 'customer', text: '喂喂喂' },
    { speaker: 'Agent', text: '不清楚呀，喂' },
  ];

  it('counts the agent turns and gives evidence with turn, speaker, snippet and time', () => {
    const [f, a] = m.tallyTranscript(turns);
    expect(f?.count).toBe(3); // 喂 in turn 0; 不清楚 and 喂 in turn 2
    expect(f?.phrases).toEqual(['喂', '不清楚']);
    expect(f?.hits[0]).toEqual({ ruleId: 'forbidden', phrase: '喂', start: 0, end: 1, turn: 0, speaker: 'agent', snippet: '喂，您好啊', time: 0 });
    expect(f?.hits[2]).toEqual({ ruleId: 'forbidden', phrase: '喂', start: 5, end: 6, turn: 2, speaker: 'Agent', snippet: '不清楚呀，喂' });
    expect(a?.count).toBe(2);
  });

  it('returns the same hits as matchTranscript, grouped by rule', () => {
    const all = m.matchTranscript(turns, { speakers: ['agent', 'customer'] });
    const tallies = m.tallyTranscript(turns, { speakers: ['agent', 'customer'], limit: Infinity });
    for (const t of tallies) expect(t.hits).toEqual(all.filter((h) => h.ruleId === t.ruleId));
    expect(tallies[0]?.count).toBe(6); // 3 in the customer's turn too
  });

  it('counts only what `include` lets through, asking once per rule and turn', () => {
    const asked: string[] = [];
    const [f, a] = m.tallyTranscript(turns, {
      include: (ruleId, turn) => {
        asked.push(`${ruleId}@${turn}`);
        return ruleId !== 'forbidden' || turn === 2; // forbidden words only in the last agent turn
      },
    });
    expect(f?.count).toBe(2);
    expect(f?.hits.map((h) => h.turn)).toEqual([2, 2]);
    expect(a?.count).toBe(2);
    expect(asked.sort()).toEqual(['fillers@0', 'fillers@2', 'forbidden@0', 'forbidden@2']);
  });

  it('rejects a turn without text, as matchTranscript does', () => {
    expect(() => m.tallyTranscript([{ speaker: 'agent' } as unknown as { speaker: string; text: string }])).toThrow(PhraseError);
  });
});

describe('properties: competing matches', () => {
  // A tiny alphabet so that phrases nest and overlap all the time, with the
  // normalisation cases that move character boundaries: ㎏ → kg, e + U+0301 → é,
  // Ａ → a, spaces dropped.
  const alphabet = ['a', 'a', 'b', 'k', 'g', '㎏', 'e', '\u0301', 'Ａ', ' '];
  const phraseArb = fc.array(fc.constantFrom('a', 'b', 'k', 'g', '㎏', 'e', 'é'), { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
  const rulesArb = fc
    .array(fc.array(phraseArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 })
    .map((lists) => lists.map((phrases, r) => ({ id: `r${(r * 2) % 3}${r}`, phrases })));
  const textArb = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => cs.join(''));
  const opts: NormalizeOptions = {};

  it('equal the naive reference, on the DFA and on the sparse automaton', () => {
    fc.assert(
      fc.property(rulesArb, textArb, (rules, text) => {
        const expected = naiveMatch(rules, text, opts);
        expect(compilePhraseMatcher(rules, opts).matchText(text)).toEqual(expected);
        expect(compileTuned(rules, opts, 0).matchText(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('tallies agree with matchText: counts, first hits, phrases in first-hit order', () => {
    fc.assert(
      fc.property(rulesArb, textArb, fc.nat(4), (rules, text, limit) => {
        const m = compilePhraseMatcher(rules, opts);
        const hits = m.matchText(text);
        m.tallyText(text, { limit }).forEach((t, r) => {
          const mine: TextHit[] = hits.filter((h) => h.ruleId === rules[r]?.id);
          expect(t.count).toBe(mine.length);
          expect(t.hits).toEqual(mine.slice(0, limit));
          expect(t.truncated).toBe(mine.length > limit);
          expect(t.phrases).toEqual([...new Set(mine.map((h) => h.phrase))]);
        });
      }),
      { numRuns: 300 },
    );
  });
});
