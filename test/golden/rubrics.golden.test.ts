/**
 * Golden tests for the four bundled rubrics. Every expected figure below was
 * worked out by hand from the seed's rules (and the choices stated in each
 * rubric's description) before the code was run; the arithmetic is in the
 * comment above each case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/rubric/load.js';
import { scoreCall } from '../../src/scoring/score.js';

function load(file: string) {
  return loadRubric(JSON.parse(readFileSync(new URL(`../../rubrics/${file}`, import.meta.url), 'utf8')));
}

const qc7 = load('callcenter-qc-7.zh-CN.json');
const print = load('print-phone-service.zh-CN.json');
const qc10 = load('qc-10-items.zh-CN.json');
const usEu = load('us-eu-contact-centre.en.json');

type Answers = Record<string, unknown>;
let n = 0;
const call = (answers: Answers, extra: Record<string, unknown> = {}) => ({
  id: `golden-${++n}`,
  agentId: 'agent-1',
  date: '2026-03-02',
  answers,
  ...extra,
});

type Score = ReturnType<typeof scoreCall>;
const section = (s: Score, id: string) => s.sections.find((x) => x.id === id)!;
const item = (s: Score, id: string) => s.items.find((x) => x.id === id)!;

// ─────────────────────────────────────────────────────────────────────────────
// (a) callcenter-qc-7: points-sum, 97 points listed, reported out of 100.
// ─────────────────────────────────────────────────────────────────────────────
const qc7Full: Answers = {
  accurate: 'accurate', complete: true, verified: true, 'no-exaggeration': true, // 8+5+4+3 = 20
  clear: true, intonation: true, polish: true, 'no-drawl': true, pace: true, pauses: true, // 2+2+1+2+2+1 = 10
  mandarin: true, polite: true, thanks: true, apology: true, 'opening-closing': 'complete', // 3+2+1+1+3 = 10
  enthusiasm: 'full', patience: 'full', smile: true, 'no-buck-passing': true, // 9+6+4+4 = 23 → cap 20
  'guiding-questions': true, intent: true, // 5+2 = 7
  flexible: true, tactful: true, structured: true, easy: true, 'quick-understanding': true, 'quick-operation': true, 'prompt-answers': true, // 2+3+3+2+4+3+3 = 20
  recommend: true, 'selling-points': true, 'remove-doubts': true, // 4+4+2 = 10
};

describe('(a) callcenter-qc-7', () => {
  it('a1: item 1 partial credit (corrected → 4) and the attitude cap (23 listed → 20)', () => {
    // information 4+5+4+3 = 16; voice 10; language 10; attitude 9+6+4+4 = 23 → capped 20;
    // understanding 7; answering 20; proactive 10 → earned 16+10+10+20+7+20+10 = 93 of 97
    // 93/97 × 100 = 95.876288… → 95.88 (excellent, [90, 100]).
    // critical items: accurate 4/8 + verified 4/4 = 8/12 = 66.666… → 66.67
    // attitude contribution 20 × 100/97 = 20.618556… → 20.62
    const s = scoreCall(qc7, call({ ...qc7Full, accurate: 'corrected' }));
    expect(s.score).toBe(95.88);
    expect(s.exactScore).toBe('9300/97');
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(item(s, 'accurate').points).toBe(4);
    expect(section(s, 'information').earned).toBe(16);
    expect(section(s, 'attitude')).toMatchObject({ earned: 20, possible: 20, capped: true, score: 20.62 });
    expect(s.criticalScore).toBe(66.67);
    expect(s.nonCriticalScore).toBe(100);
  });

  it('a2: forbidden words and fillers found in the agent turns; proactive section all N/A', () => {
    // Agent turns: 3 "这个我不清楚啊，您稍等。" → 不清楚 [3,6), 啊 [6,7);
    //              4 "抱歉，具体原因我不知道。"   → 不知道 [8,11).
    // The customer's 喂 (turn 0) and 不知道 (turn 2) are not the agent's: not counted.
    // forbidden: 2 occurrences × 2 = 4, capped at 2 → −2; fillers: 1 × 2 → −2; casual: none.
    // language 10 − 4 = 6. proactive all N/A → excluded: possible 97 − 10 = 87.
    // earned 20 + 10 + 6 + 20 + 7 + 20 = 83 → 83/87 × 100 = 95.402298… → 95.40 (excellent)
    const transcript = [
      { speaker: 'customer', text: '喂，你好，我想问一下我的套餐。' },
      { speaker: 'agent', text: '您好，很高兴为您服务，请问有什么可以帮您？' },
      { speaker: 'customer', text: '我也不知道怎么回事，流量用完了。' },
      { speaker: 'agent', text: '这个我不清楚啊，您稍等。' },
      { speaker: 'agent', text: '抱歉，具体原因我不知道。' },
      { speaker: 'agent', text: '感谢您的来电，再见。' },
    ];
    const s = scoreCall(qc7, call({ ...qc7Full, recommend: null, 'selling-points': null, 'remove-doubts': null }, { transcript }));
    expect(s.score).toBe(95.4);
    expect(s.exactScore).toBe('8300/87');
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(section(s, 'language')).toMatchObject({ earned: 6, possible: 10, deducted: 4, floored: false });
    expect(section(s, 'proactive')).toMatchObject({ applicable: false, possible: 0, score: 0 });
    expect(s.deductions).toEqual([
      expect.objectContaining({ itemId: 'forbidden', points: -2, occurrences: 2, source: 'transcript' }),
      expect.objectContaining({ itemId: 'fillers', points: -2, occurrences: 1, source: 'transcript' }),
    ]);
    const ev = s.evidence.map((e) => [e.itemId, e.phrase, e.turn, e.start, e.end, e.decided]);
    expect(ev).toEqual(
      expect.arrayContaining([
        ['forbidden', '不清楚', 3, 3, 6, true],
        ['fillers', '啊', 3, 6, 7, true],
        ['forbidden', '不知道', 4, 8, 11, true],
      ]),
    );
    expect(ev).toHaveLength(3);
    expect(item(s, 'recommend').status).toBe('na');
  });

  it('a3: the evaluator overrides the transcript; penalties hit the language floor', () => {
    // Agent turn 2 "好啊，我不知道您说的是哪一笔，我也不知道怎么查。" has 啊 [1,2), 不知道 [4,7) and [17,20),
    // but the evaluator answered forbidden = 1, casual = 1, fillers = 0: the evaluator wins.
    // language: mandarin 0, polite 0, thanks 0, apology N/A, opening-closing incomplete 1 → 1;
    //   possible 3+2+1+3 = 9; 1 − 2 (forbidden) − 2 (casual) = −3 → floor 0.
    // attitude: fair 5 + hurried 3 + 4 + 4 = 16 (not capped), possible min(23, 20) = 20.
    // understanding: guiding N/A, intent 2 → 2 of 2.
    // earned 20+10+0+16+2+20+10 = 78; possible 20+10+9+20+2+20+10 = 91 → 78/91 × 100 = 600/7 = 85.714285… → 85.71 (good)
    const transcript = [
      { speaker: 'agent', text: '您好，请讲。' },
      { speaker: 'customer', text: '我的账单不对。' },
      { speaker: 'agent', text: '好啊，我不知道您说的是哪一笔，我也不知道怎么查。' },
    ];
    const s = scoreCall(
      qc7,
      call(
        {
          ...qc7Full,
          mandarin: false, polite: false, thanks: false, apology: null, 'opening-closing': 'incomplete',
          forbidden: 1, casual: { value: 1, note: '用语随意' }, fillers: 0,
          enthusiasm: 'fair', patience: 'hurried', 'guiding-questions': null,
        },
        { transcript },
      ),
    );
    expect(s.score).toBe(85.71);
    expect(s.exactScore).toBe('600/7');
    expect(s.grade?.id).toBe('good');
    expect(s.failed).toBe(false);
    expect(section(s, 'language')).toMatchObject({ earned: 0, possible: 9, floored: true, deducted: 4 });
    expect(section(s, 'attitude')).toMatchObject({ earned: 16, possible: 20, capped: false });
    expect(item(s, 'forbidden')).toMatchObject({ source: 'evaluator', occurrences: 1, points: -2 });
    expect(item(s, 'fillers')).toMatchObject({ source: 'evaluator', occurrences: 0, points: 0 });
    expect(s.deductions.map((d) => [d.itemId, d.points, d.source])).toEqual([
      ['forbidden', -2, 'evaluator'],
      ['casual', -2, 'evaluator'],
    ]);
    // The hits are still shown as evidence, marked as not deciding.
    expect(s.evidence.map((e) => [e.itemId, e.start, e.end, e.decided])).toEqual(
      expect.arrayContaining([
        ['fillers', 1, 2, false],
        ['forbidden', 4, 7, false],
        ['forbidden', 17, 20, false],
      ]),
    );
  });

  it('a4: leaking private data zeroes the call', () => {
    // Everything full (would be 97/97 = 100) but privacy-leak (scope call) → 0; 0 is in [0, 60) → fail.
    const s = scoreCall(qc7, call({ ...qc7Full, 'privacy-leak': true }));
    expect(s.score).toBe(0);
    expect(s.grade?.id).toBe('fail');
    expect(s.failed).toBe(true);
    expect(s.fatal).toHaveLength(1);
    expect(s.fatal[0]).toMatchObject({ itemId: 'privacy-leak', scope: 'call', sectionId: 'compliance' });
    expect(s.sections.every((x) => x.score === 0)).toBe(true);
  });

  it('a5: exactly 90 falls in the excellent band [90, 100]', () => {
    // guiding-questions (5) and remove-doubts (2) N/A → possible 97 − 7 = 90.
    // complete (5), no-exaggeration (3) and polish (1) missed → earned 90 − 9 = 81.
    // 81/90 × 100 = 90 exactly → excellent.
    const s = scoreCall(
      qc7,
      call({ ...qc7Full, 'guiding-questions': null, 'remove-doubts': null, complete: false, 'no-exaggeration': false, polish: false }),
    );
    expect(s.score).toBe(90);
    expect(s.exactScore).toBe('90');
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(section(s, 'information').earned).toBe(12);
    expect(section(s, 'understanding')).toMatchObject({ earned: 2, possible: 2 });
  });

  it('a6: an exact half rounds half-up (90.625 → 90.63)', () => {
    // apology N/A → possible 96. complete (5) + pace (2) + pauses (1) + polish (1) missed → earned 87.
    // 87/96 × 100 = 8700/96 = 725/8 = 90.625 → half-up 90.63 (half-even would give 90.62).
    const s = scoreCall(qc7, call({ ...qc7Full, apology: null, complete: false, pace: false, pauses: false, polish: false }));
    expect(s.exactScore).toBe('725/8');
    expect(s.score).toBe(90.63);
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(section(s, 'voice').earned).toBe(6);
    expect(section(s, 'language').possible).toBe(9);
  });
});

// ─────────────────────────────────────────────────────────────────────────────
// (b) print-phone-service: section-weighted A 25 / C 50 / D 25, 2 points per item.
// ─────────────────────────────────────────────────────────────────────────────
const printFull: Answers = {
  'a04-intent': true, 'a05-script': true, 'a06-complaint': true, 'a07-solutions': true, 'a08-mute-hangup': true,
  'a09-mute-missed': true, 'a10-record': true, 'a11-language': true, 'a12-escalation': true, 'a13-entry': true,
  'a14-order-status': 'correct', 'a15-dropped-call': 'none', // A: 12 × 2 = 24
  'c22-soothe': true, 'c23-polite': true, 'c24-surname': true, 'c25-patient': true, 'c26-no-conflict': true,
  'c27-no-interrupt': true, 'c28-warm': true, 'c29-not-flat': true, 'c30-volume': true, 'c31-pace': true,
  'c33-articulation': true, // C: 11 × 2 = 22 (item 32 is a penalty)
  'd35-close': true, 'd36-personalised': true, 'd37-objections': true, // D: 3 × 2 = 6
};

describe('(b) print-phone-service', () => {
  it('b1: fillers 呀/哦/嗯 (item 32) matched in the agent turns, deduction capped at 2', () => {
    // A: 06, 11, 12 N/A → possible 24 − 6 = 18, earned 18 → 18/18 × 25 = 25.
    // C: 22 N/A → possible 20, earned 20; fillers: turn 2 呀 [2,3), turn 3 嗯 [0,1) and 哦 [5,6)
    //    (the customer's 嗯 in turn 1 is not counted) → 3 × 2 = 6, capped at 2 → 18/20 × 50 = 45.
    // D: 6/6 × 25 = 25. Total 25 + 45 + 25 = 95 → excellent.
    const transcript = [
      { speaker: 'agent', text: '您好，打印服务热线，请问有什么可以帮您？' },
      { speaker: 'customer', text: '嗯，我的打印机卡纸了。' },
      { speaker: 'agent', text: '好的呀，我帮您查一下。' },
      { speaker: 'agent', text: '嗯，可以的哦。' },
    ];
    const s = scoreCall(
      print,
      call({ ...printFull, 'a06-complaint': null, 'a11-language': null, 'a12-escalation': null, 'c22-soothe': null }, { transcript }),
    );
    expect(s.score).toBe(95);
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(section(s, 'process')).toMatchObject({ earned: 18, possible: 18, score: 25 });
    expect(section(s, 'attitude')).toMatchObject({ earned: 18, possible: 20, deducted: 2, score: 45 });
    expect(s.deductions).toEqual([expect.objectContaining({ itemId: 'c32-fillers', points: -2, occurrences: 3, source: 'transcript' })]);
    expect(s.evidence.map((e) => [e.phrase, e.turn, e.start, e.end])).toEqual([
      ['呀', 2, 2, 3],
      ['嗯', 3, 0, 1],
      ['哦', 3, 5, 6],
    ]);
  });

  it('b2: a pure service call (D all N/A) renormalises over A and C; levels partial credit; 96.666… → 96.67', () => {
    // A: 11, 12 N/A; 14 self-reported → 1, 15 called back → 1; others 2 each.
    //    earned 8 × 2 + 1 + 1 = 18, possible 10 × 2 = 20 → 18/20 × 25 = 22.5.
    // C: all 11 items → 22/22 × 50 = 50 (no transcript: no filler deduction).
    // D: all N/A → not applicable. Total (22.5 + 50) / (25 + 50) × 100 = 72.5/75 × 100 = 290/3 = 96.666… → 96.67
    // A's contribution 22.5 × 100/75 = 30; C's 50 × 100/75 = 66.666… → 66.67.
    const s = scoreCall(
      print,
      call({
        ...printFull,
        'a11-language': null, 'a12-escalation': null,
        'a14-order-status': 'self-reported', 'a15-dropped-call': 'called-back',
        'd35-close': null, 'd36-personalised': null, 'd37-objections': null,
      }),
    );
    expect(s.exactScore).toBe('290/3');
    expect(s.score).toBe(96.67);
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(item(s, 'a14-order-status').points).toBe(1);
    expect(item(s, 'a15-dropped-call').points).toBe(1);
    expect(section(s, 'process')).toMatchObject({ earned: 18, possible: 20, score: 30 });
    expect(section(s, 'attitude')).toMatchObject({ earned: 22, possible: 22, score: 66.67 });
    expect(section(s, 'sales')).toMatchObject({ applicable: false, score: 0 });
  });

  it('b3: exactly 90 is excellent; the evaluator’s "no fillers" outranks a 嗯 in the transcript', () => {
    // A: all 12 answered → 24/24 × 25 = 25.
    // C: 22 N/A → possible 20; 28 and 29 missed → 16; c32 answered 0 by the evaluator → no deduction → 16/20 × 50 = 40.
    // D: 6/6 × 25 = 25. Total 90 → excellent (band [90, 100] includes 90).
    const transcript = [
      { speaker: 'agent', text: '嗯，您好。' },
      { speaker: 'customer', text: '你好。' },
    ];
    const s = scoreCall(
      print,
      call({ ...printFull, 'c22-soothe': null, 'c28-warm': false, 'c29-not-flat': false, 'c32-fillers': 0 }, { transcript }),
    );
    expect(s.score).toBe(90);
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(item(s, 'c32-fillers')).toMatchObject({ source: 'evaluator', points: 0 });
    expect(s.deductions).toEqual([]);
    expect(s.evidence).toEqual([expect.objectContaining({ itemId: 'c32-fillers', phrase: '嗯', turn: 0, start: 0, end: 1, decided: false })]);
    expect(section(s, 'attitude')).toMatchObject({ earned: 16, possible: 20, score: 40 });
  });

  it('b4: a poor call falls in the failing band (1300/33 → 39.39)', () => {
    // A: 06, 11, 12 N/A; 04, 05, 07, 13 no; 14 unreported 0; 15 not called back 0; 08, 09, 10 yes.
    //    earned 3 × 2 = 6 of 9 × 2 = 18 → 6/18 × 25 = 25/3.
    // C: yes: 22, 25, 26, 30, 31, 33 = 12 of 22; evaluator counts one filler → −2 → 10/22 × 50 = 250/11.
    // D: 36 yes → 2/6 × 25 = 25/3.
    // Total 25/3 + 250/11 + 25/3 = 550/33 + 750/33 = 1300/33 = 39.3939… → 39.39 → fail (not passing).
    const s = scoreCall(
      print,
      call({
        ...printFull,
        'a04-intent': false, 'a05-script': false, 'a06-complaint': null, 'a07-solutions': false,
        'a11-language': null, 'a12-escalation': null, 'a13-entry': false,
        'a14-order-status': 'unreported', 'a15-dropped-call': 'not-called-back',
        'c23-polite': false, 'c24-surname': false, 'c27-no-interrupt': false, 'c28-warm': false, 'c29-not-flat': false,
        'c32-fillers': { value: 1, note: '“哦”' },
        'd35-close': false, 'd37-objections': false,
      }),
    );
    expect(s.exactScore).toBe('1300/33');
    expect(s.score).toBe(39.39);
    expect(s.grade?.id).toBe('fail');
    expect(s.failed).toBe(true);
    expect(s.fatal).toEqual([]);
    expect(s.deductions).toEqual([expect.objectContaining({ itemId: 'c32-fillers', points: -2, occurrences: 1, source: 'evaluator' })]);
    expect(section(s, 'process')).toMatchObject({ earned: 6, possible: 18, score: 8.33 });
    expect(section(s, 'attitude')).toMatchObject({ earned: 10, possible: 22, score: 22.73 });
    expect(s.criticalScore).toBeNull();
  });
});

// ─────────────────────────────────────────────────────────────────────────────
// (c) qc-10-items: points-sum, ten 10-point items (levels 10 / 5 / 0), max 100.
// ─────────────────────────────────────────────────────────────────────────────
const qc10Full: Answers = {
  voice: 'full', 'service-language': 'full', attitude: 'full',
  proactive: 'full', understanding: 'full', guidance: 'full',
  introduction: 'full', process: 'full', system: 'full', reply: 'full',
};

describe('(c) qc-10-items', () => {
  it('c1: all ten items met → 100, the top edge of excellent', () => {
    // 10 × 10 = 100 of 100 → 100; excellent is [90, 100], 100 included.
    const s = scoreCall(qc10, call(qc10Full));
    expect(s.score).toBe(100);
    expect(s.maxScore).toBe(100);
    expect(s.grade?.id).toBe('excellent');
    expect(s.failed).toBe(false);
    expect(s.sections.map((x) => [x.id, x.earned, x.possible])).toEqual([
      ['service-standard', 30, 30],
      ['service-skills', 30, 30],
      ['business-skills', 40, 40],
    ]);
  });

  it('c2: a forbidden word from the transcript (−5) and reply N/A (renormalised over 90)', () => {
    // service standard 10 + 10 + 5 = 25; service skills 10 + 10 + 5 = 25, 不知道 in agent turn 2 at [3,6) → −5 → 20;
    // business 10 + 10 + 5 = 25, reply N/A → possible 30.
    // earned 25 + 20 + 25 = 70 of 90 → 70/90 × 100 = 700/9 = 77.777… → 77.78 → pass [60, 80).
    const transcript = [
      { speaker: 'agent', text: '您好，请问有什么可以帮您？' },
      { speaker: 'customer', text: '我想问一下我的话费。' },
      { speaker: 'agent', text: '这个我不知道，我帮您转接。' },
    ];
    const s = scoreCall(qc10, call({ ...qc10Full, attitude: 'partial', guidance: 'partial', system: 'partial', reply: null }, { transcript }));
    expect(s.exactScore).toBe('700/9');
    expect(s.score).toBe(77.78);
    expect(s.grade?.id).toBe('pass');
    expect(s.failed).toBe(false);
    expect(section(s, 'service-skills')).toMatchObject({ earned: 20, possible: 30, deducted: 5 });
    expect(section(s, 'business-skills')).toMatchObject({ earned: 25, possible: 30 });
    expect(item(s, 'reply').status).toBe('na');
    expect(item(s, 'forbidden-words')).toMatchObject({ source: 'transcript', occurrences: 1, points: -5 });
    expect(s.evidence).toEqual([expect.objectContaining({ itemId: 'forbidden-words', phrase: '不知道', turn: 2, start: 3, end: 6, decided: true })]);
  });

  it('c3: the evaluator’s count outranks the transcript, and the deduction stops at the section floor', () => {
    // Transcript has 不清楚 twice, but the evaluator answered 3 occurrences → 3 × 5 = 15, capped at 10.
    // service skills: proactive 0 + understanding 5 + guidance 0 = 5; 5 − 10 = −5 → floor 0.
    // earned 30 + 0 + 40 = 70 of 100 → 70 → pass.
    const transcript = [{ speaker: 'agent', text: '不清楚，这个真的不清楚。' }];
    const s = scoreCall(qc10, call({ ...qc10Full, proactive: 'none', understanding: 'partial', guidance: 'none', 'forbidden-words': 3 }, { transcript }));
    expect(s.score).toBe(70);
    expect(s.grade?.id).toBe('pass');
    expect(s.failed).toBe(false);
    expect(section(s, 'service-skills')).toMatchObject({ earned: 0, possible: 30, floored: true, deducted: 10 });
    expect(item(s, 'forbidden-words')).toMatchObject({ source: 'evaluator', occurrences: 3, points: -10 });
    expect(s.deductions).toEqual([expect.objectContaining({ itemId: 'forbidden-words', points: -10, occurrences: 3, source: 'evaluator' })]);
    expect(s.evidence.map((e) => [e.start, e.end, e.decided])).toEqual([
      [0, 3, false],
      [8, 11, false],
    ]);
  });

  it('c4: exactly 60 is a pass (band [60, 80))', () => {
    // 5 + 5 + 5 = 15; 5 + 5 + 5 = 15; 10 + 5 + 5 + 10 = 30 → 60 of 100 → 60 → pass.
    const s = scoreCall(
      qc10,
      call({ voice: 'partial', 'service-language': 'partial', attitude: 'partial', proactive: 'partial', understanding: 'partial', guidance: 'partial', introduction: 'full', process: 'partial', system: 'partial', reply: 'full' }),
    );
    expect(s.score).toBe(60);
    expect(s.grade?.id).toBe('pass');
    expect(s.failed).toBe(false);
  });

  it('c5: below 60 fails (50 of 90 → 55.555… → 55.56)', () => {
    // standard 10 + 10 + 0 = 20; skills 5 + 5 + 0 = 10; business 10 + 5 + 5 = 20, reply N/A.
    // 50/90 × 100 = 500/9 = 55.555… → 55.56 → fail.
    const s = scoreCall(
      qc10,
      call({ ...qc10Full, attitude: 'none', proactive: 'partial', understanding: 'partial', guidance: 'none', process: 'partial', system: 'partial', reply: null }),
    );
    expect(s.exactScore).toBe('500/9');
    expect(s.score).toBe(55.56);
    expect(s.grade?.id).toBe('fail');
    expect(s.failed).toBe(true);
    expect(s.fatal).toEqual([]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────
// (d) us-eu-contact-centre: section-weighted Opening 10, Compliance 20, Discovery 15,
//     Resolution 25, Soft skills 20, Sales 10 (sales calls only); bonus capped at 4.
// ─────────────────────────────────────────────────────────────────────────────
const usFull: Answers = {
  greeting: true, 'introduced-self': true, // 5 + 5
  'identity-verified': true, 'recording-disclosure': true, 'pci-secure-payment': true, // 8 + 6 + 6
  'reason-identified': true, probing: true, 'confirmed-understanding': true, // 5 + 5 + 5
  resolved: 'resolved', 'accurate-info': true, 'hold-time': 45, 'next-steps': true, // 10 + 5 + 5 + 5
  empathy: 5, tone: true, closing: true, // 10 + 5 + 5
  offer: true, terms: true, // 5 + 5
};
const sales = { attributes: { callType: 'sales' } };
const service = { attributes: { callType: 'service' } };

describe('(d) us-eu-contact-centre', () => {
  it('d1: a perfect sales call with both bonuses: 100 + min(3 + 2, 4) = 104; greeting and disclosure from the transcript', () => {
    // Every section full → 10 + 20 + 15 + 25 + 20 + 10 = 100; bonus 3 + 2 = 5, capped at 4 → 104 → outstanding [95, 104].
    // greeting: "Thank you for calling" at [0, 21) of agent turn 0 (the first agent turn).
    // disclosure: "this call may be recorded" at [32, 57) of agent turn 2 (the second agent turn: in the window of 2).
    const transcript = [
      { speaker: 'agent', text: 'Thank you for calling Acme Telecom, this is Sam.' },
      { speaker: 'customer', text: "Hi, I'd like to upgrade my plan." },
      { speaker: 'agent', text: 'Happy to help. Before we start, this call may be recorded for quality purposes.' },
    ];
    const { greeting: _g, 'recording-disclosure': _r, ...answers } = usFull;
    const s = scoreCall(usEu, call({ ...answers, 'above-and-beyond': true, 'customer-praise': true }, { ...sales, transcript }));
    expect(s.score).toBe(104);
    expect(s.bonus).toBe(4);
    expect(s.grade?.id).toBe('outstanding');
    expect(s.failed).toBe(false);
    expect(s.criticalScore).toBe(100);
    expect(item(s, 'greeting')).toMatchObject({ source: 'transcript', answer: true, points: 5 });
    expect(item(s, 'recording-disclosure')).toMatchObject({ source: 'transcript', answer: true, points: 6 });
    expect(s.evidence.map((e) => [e.itemId, e.turn, e.start, e.end])).toEqual([
      ['greeting', 0, 0, 21],
      ['recording-disclosure', 2, 32, 57],
    ]);
    expect(section(s, 'sales')).toMatchObject({ applicable: true, score: 10 });
  });

  it('d2: a service call: Sales not applicable (renormalised over 90), greeting outside its window, scale and hold time', () => {
    // Agent turn 0 has the disclosure "This call is being recorded" at [42, 69); "thank you for calling" is only in
    // agent turn 2, outside the first-turn window → greeting = no (transcript).
    // opening 5/10 × 10 = 5; compliance: pci N/A → 14/14 × 20 = 20; discovery 15/15 × 15 = 15;
    // resolution: partial 5 + 5 + hold 90 s ∈ (60, 120] → 3 + 5 = 18/25 × 25 = 18;
    // soft skills: empathy 4 → (4 − 1)/(5 − 1) × 10 = 7.5, + 5 + 5 = 17.5/20 × 20 = 17.5;
    // sales not applicable. Total 75.5 of 90 → 75.5 × 100/90 = 755/9 = 83.888… → 83.89 → developing [70, 85).
    const transcript = [
      { speaker: 'agent', text: 'Good morning, Acme Telecom, Sam speaking. This call is being recorded.' },
      { speaker: 'customer', text: 'My bill is wrong.' },
      { speaker: 'agent', text: 'Thank you for calling about that, let me check.' },
    ];
    const { greeting: _g, 'recording-disclosure': _r, offer: _o, terms: _t, ...answers } = usFull;
    const s = scoreCall(
      usEu,
      call({ ...answers, 'pci-secure-payment': null, resolved: 'partial', 'hold-time': 90, empathy: 4 }, { ...service, transcript }),
    );
    expect(s.exactScore).toBe('755/9');
    expect(s.score).toBe(83.89);
    expect(s.grade?.id).toBe('developing');
    expect(s.failed).toBe(false);
    expect(item(s, 'greeting')).toMatchObject({ source: 'transcript', answer: false, points: 0 });
    expect(item(s, 'recording-disclosure')).toMatchObject({ source: 'transcript', answer: true });
    expect(s.evidence.map((e) => [e.itemId, e.turn, e.start, e.end])).toEqual([['recording-disclosure', 0, 42, 69]]);
    expect(item(s, 'empathy').points).toBe(7.5);
    expect(item(s, 'hold-time').points).toBe(3);
    expect(section(s, 'sales')).toMatchObject({ applicable: false, score: 0 });
    expect(item(s, 'offer').status).toBe('not-applicable');
    expect(section(s, 'opening')).toMatchObject({ earned: 5, possible: 10, score: 5.56 });
  });

  it('d3: no recording disclosure zeroes the Compliance section (scope section)', () => {
    // Sales call, hold time N/A. opening 10; compliance failed → 0 of 20; discovery 15;
    // resolution 20/20 × 25 = 25; soft skills 20; sales 10 → 80 → developing; failed (a fatal rule fired).
    // critical: identity 8 + disclosure 0 + reason 5 + resolved 10 + accurate 5 = 28 of 8+6+5+10+5 = 34 → 82.352… → 82.35
    const s = scoreCall(usEu, call({ ...usFull, 'recording-disclosure': false, 'hold-time': null }, sales));
    expect(s.score).toBe(80);
    expect(s.grade?.id).toBe('developing');
    expect(s.failed).toBe(true);
    expect(s.fatal).toEqual([expect.objectContaining({ itemId: 'recording-disclosure', scope: 'section', sectionId: 'compliance', source: 'evaluator' })]);
    expect(section(s, 'compliance')).toMatchObject({ failed: true, earned: 0, possible: 20, score: 0 });
    expect(s.criticalScore).toBe(82.35);
  });

  it('d4: card details outside the secure flow only flags the call (scope flag); hold 120 s → 3', () => {
    // Service call. compliance: 8 + 6 + 0 = 14/20 × 20 = 14; opening 10; discovery 15;
    // resolution 10 + 5 + hold 120 ∈ (60, 120] → 3 + 5 = 23/25 × 25 = 23; soft skills 20.
    // 82 of 90 → 82 × 100/90 = 820/9 = 91.111… → 91.11 → meets (a passing band), but failed = true.
    const s = scoreCall(usEu, call({ ...usFull, 'pci-secure-payment': false, 'hold-time': 120 }, service));
    expect(s.exactScore).toBe('820/9');
    expect(s.score).toBe(91.11);
    expect(s.grade?.id).toBe('meets');
    expect(s.grade?.passing).toBe(true);
    expect(s.failed).toBe(true);
    expect(s.fatal).toEqual([expect.objectContaining({ itemId: 'pci-secure-payment', scope: 'flag' })]);
    expect(section(s, 'compliance')).toMatchObject({ failed: false, earned: 14, possible: 20 });
  });

  it('d5: a privacy breach zeroes the call, bonus and all', () => {
    // Would be 100 + 4; privacy-breach (scope call) → 0 → unsatisfactory [0, 70).
    const s = scoreCall(usEu, call({ ...usFull, 'above-and-beyond': true, 'customer-praise': true, 'privacy-breach': true }, sales));
    expect(s.score).toBe(0);
    expect(s.exactScore).toBe('0');
    expect(s.grade?.id).toBe('unsatisfactory');
    expect(s.failed).toBe(true);
    expect(s.fatal[0]?.itemId).toBe('privacy-breach');
    expect(s.fatal[0]?.scope).toBe('call');
    expect(s.sections.every((x) => x.score === 0)).toBe(true);
  });

  it('d6: exactly 85 is "meets" (band [85, 95)); hold 60 s is still in [0, 60]', () => {
    // Sales call. opening 10; compliance 20; discovery: probing missed → 10/15 × 15 = 10;
    // resolution: partial 5 + 5 + hold 60 → 5 + 5 = 20/25 × 25 = 20; soft 20; sales: terms missed → 5/10 × 10 = 5.
    // 10 + 20 + 10 + 20 + 20 + 5 = 85 → meets.
    const s = scoreCall(usEu, call({ ...usFull, probing: false, resolved: 'partial', 'hold-time': 60, terms: false }, sales));
    expect(s.score).toBe(85);
    expect(s.grade?.id).toBe('meets');
    expect(s.failed).toBe(false);
    expect(item(s, 'hold-time').points).toBe(5);
    expect(section(s, 'discovery')).toMatchObject({ earned: 10, possible: 15, score: 10 });
  });
});
