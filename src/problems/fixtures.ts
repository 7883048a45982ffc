/**
 * Test fixtures shared by the problem-analysis and validity tests: a small
 * rubric and a helper that scores evaluations through the real `scoreCall`,
 * so the tests see the CallScore shape the library actually produces.
 * Not exported from the package.
 */
import { loadRubric } from '../rubric/index.js';
import type { Rubric } from '../rubric/index.js';
import { scoreCall } from '../scoring/index.js';
import type { AnswerInput, Turn } from '../scoring/index.js';
import type { CallScore } from '../scoring/types.js';

/**
 * A 12-point rubric (points-sum, scaled to 100): greet 2, accurate 8 (levels
 * 8/4/0), empathy 2 (N/A allowed), all in one section with the penalties
 * fillers −1 each and forbidden −2 each (section floor 0); a privacy leak
 * zeroes the call. Pass is [60, 100].
 *
 * @example
 * ```ts
 * writeFileSync('mini.json', JSON.stringify(MINI_RUBRIC_JSON));
 * ```
 */
export const MINI_RUBRIC_JSON = {
  id: 'mini',
  version: '1',
  name: { en: 'Mini' },
  locale: 'en',
  scoring: { mode: 'points-sum', scale: 100, rounding: { decimals: 2 } },
  rootCauses: ['training', 'process', 'coaching', 'system'],
  sections: [
    {
      id: 'service',
      label: { en: 'Service' },
      items: [
        { id: 'greet', kind: 'yes-no', label: { en: 'Greeting' }, points: 2, phrases: { phrases: ['您好'], window: { from: 'start', turns: 1 } } },
        {
          id: 'accurate',
          kind: 'levels',
          label: { en: 'Accurate' },
          points: 8,
          levels: [
            { id: 'accurate', label: { en: 'Accurate' }, points: 8 },
            { id: 'corrected', label: { en: 'Corrected' }, points: 4 },
            { id: 'wrong', label: { en: 'Wrong' }, points: 0 },
          ],
        },
        { id: 'empathy', kind: 'yes-no', label: { en: 'Empathy' }, points: 2, na: true },
        { id: 'fillers', kind: 'penalty', label: { en: 'Fillers' }, perOccurrence: 1, phrases: { phrases: ['啊', '呀'] } },
        { id: 'forbidden', kind: 'penalty', label: { en: 'Forbidden words' }, perOccurrence: 2, phrases: { phrases: ['不知道'] } },
      ],
    },
    {
      id: 'compliance',
      label: { en: 'Compliance' },
      items: [{ id: 'privacy', kind: 'fatal', label: { en: 'Privacy leak' }, scope: 'call', required: false }],
    },
  ],
  grades: [
    { id: 'pass', label: { en: 'Pass' }, range: '[60, 100]' },
    { id: 'fail', label: { en: 'Fail' }, range: '[0, 60)', passing: false },
  ],
} as const;

/**
 * The mini rubric, loaded.
 *
 * @example
 * ```ts
 * analyzeProblems([miniCall({ id: 'c1', agent: 'A' })], MINI);
 * ```
 */
export const MINI: Rubric = loadRubric(MINI_RUBRIC_JSON);

/**
 * What a test says about one call; omitted answers default to full marks.
 *
 * @example
 * ```ts
 * const c: MiniCall = { id: 'a1', agent: 'A', greet: false, says: '啊，好的。' };
 * ```
 */
export interface MiniCall {
  readonly id: string;
  readonly agent: string;
  readonly date?: string;
  readonly greet?: boolean;
  readonly accurate?: 'accurate' | 'corrected' | 'wrong';
  readonly empathy?: boolean | null;
  /** Agent's text after the greeting; phrases are matched in it. */
  readonly says?: string;
  readonly privacy?: boolean;
  readonly causes?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Scores one mini call through `scoreCall`. The greeting and the penalties
 * come from the transcript, so the CallScore carries phrase evidence.
 *
 * @example
 * ```ts
 * miniCall({ id: 'a2', agent: 'A', accurate: 'corrected', causes: { accurate: ['training'] } }).score; // 66.67
 * ```
 */
export function miniCall(c: MiniCall): CallScore {
  const transcript: Turn[] = [
    { speaker: 'agent', text: c.greet === false ? '请讲。' : '您好，请讲。', start: 0 },
    { speaker: 'customer', text: '我想查话费。', start: 3 },
    { speaker: 'agent', text: c.says ?? '好的，马上为您查询。', start: 6 },
  ];
  const withCauses = (id: string, value: boolean | string | null): AnswerInput => {
    const causes = c.causes?.[id];
    return causes ? { value, causes: [...causes] } : value;
  };
  const answers: Record<string, AnswerInput> = {
    accurate: withCauses('accurate', c.accurate ?? 'accurate'),
    empathy: withCauses('empathy', c.empathy === undefined ? true : c.empathy),
  };
  if (c.causes?.['greet']) answers['greet'] = { value: c.greet !== false, causes: [...c.causes['greet']] };
  if (c.privacy !== undefined) answers['privacy'] = c.privacy;
  return scoreCall(MINI, { id: c.id, agentId: c.agent, date: c.date ?? '2026-10-01', answers, transcript });
}

/**
 * The six-call scenario of the tests (mini rubric: greet 2, accurate 8, empathy 2, fillers −1, forbidden −2, privacy fatal):
 *   a1 A: no greeting, one filler "啊"       → greet, fillers failed
 *   a2 A: accurate "corrected" (training)   → accurate failed, 4 points lost
 *   b1 B: no greeting                        → greet failed
 *   b2 B: empathy N/A                        → nothing failed; empathy not evaluated
 *   c1 C: says 不知道                        → forbidden failed (−2)
 *   c2 C: privacy leak                       → privacy failed (fatal)
 *
 * @example
 * ```ts
 * analyzeProblems(SCENARIO.map(miniCall), MINI).calls; // 6
 * ```
 */
export const SCENARIO: readonly MiniCall[] = [
  { id: 'a1', agent: 'A', date: '2026-10-01', greet: false, says: '啊，好的。' },
  { id: 'a2', agent: 'A', date: '2026-10-02', accurate: 'corrected', causes: { accurate: ['training'] } },
  { id: 'b1', agent: 'B', date: '2026-10-01', greet: false },
  { id: 'b2', agent: 'B', date: '2026-10-03', empathy: null },
  { id: 'c1', agent: 'C', date: '2026-10-02', says: '这个我不知道。' },
  { id: 'c2', agent: 'C', date: '2026-10-04', privacy: true },
];
