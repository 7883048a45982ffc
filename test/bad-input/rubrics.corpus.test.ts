/**
 * A corpus of malformed rubrics. Each case starts from a valid minimal rubric,
 * breaks one thing, and names the exact issue (code and JSON path) that the
 * loader must report. Expected codes and paths follow the documented rules
 * (schema.ts / load.ts), not the loader's output.
 */
import { describe, expect, it } from 'vitest';
import { loadRubric, RubricError, safeLoadRubric } from '../../src/rubric/load.js';
import type { Issue, PathSegment } from '../../src/issues/issues.js';

type Json = Record<string, any>;

/** A valid minimal rubric: one section, a yes/no item (5) and a levels item (4). */
function base(): Json {
  return {
    id: 'mini',
    version: '1.0.0',
    name: 'Mini',
    scoring: { mode: 'points-sum' },
    sections: [
      {
        id: 's1',
        label: 'Section one',
        items: [
          { id: 'greet', kind: 'yes-no', label: 'Greeting', points: 5 },
          {
            id: 'accurate',
            kind: 'levels',
            label: 'Accurate',
            points: 4,
            levels: [
              { id: 'full', label: 'Full', points: 4 },
              { id: 'none', label: 'None', points: 0 },
            ],
          },
        ],
      },
    ],
  };
}

/** Two sections in section-weighted mode (60 / 40). */
function weighted(): Json {
  const r = base();
  r.scoring.mode = 'section-weighted';
  r.sections[0].weight = 60;
  r.sections.push({ id: 's2', label: 'Section two', weight: 40, items: [{ id: 'close', kind: 'yes-no', label: 'Closing', points: 2 }] });
  return r;
}

/** Item-weighted mode, weights 70 + 30. */
function itemWeighted(): Json {
  const r = base();
  r.scoring.mode = 'item-weighted';
  r.sections[0].items[0].weight = 70;
  r.sections[0].items[1].weight = 30;
  return r;
}

/** A numeric item (hold seconds) appended to section 0 at index 2. */
function withNumeric(ranges: { range: string; points: number }[]): Json {
  const r = base();
  r.sections[0].items.push({ id: 'hold', kind: 'numeric', label: 'Hold time', points: 3, ranges });
  return r;
}

/** Grades over the score range [0, 9] (points-sum, no scale: 5 + 4). */
function withGrades(ranges: string[]): Json {
  const r = base();
  r.grades = ranges.map((range, i) => ({ id: `g${i}`, label: `G${i}`, range }));
  return r;
}

interface Case {
  name: string;
  rubric: () => unknown;
  expect: { code: string; path: PathSegment[] }[];
}

const S0 = ['sections', 0] as const;
const I0 = [...S0, 'items', 0] as const;
const I1 = [...S0, 'items', 1] as const;

const cases: Case[] = [
  // ── structure: missing / wrong types / unknown keys ─────────────────────
  { name: 'missing id', rubric: () => { const r = base(); delete r.id; return r; }, expect: [{ code: 'required', path: ['id'] }] },
  { name: 'missing version', rubric: () => { const r = base(); delete r.version; return r; }, expect: [{ code: 'required', path: ['version'] }] },
  { name: 'missing name', rubric: () => { const r = base(); delete r.name; return r; }, expect: [{ code: 'required', path: ['name'] }] },
  { name: 'missing scoring', rubric: () => { const r = base(); delete r.scoring; return r; }, expect: [{ code: 'required', path: ['scoring'] }] },
  { name: 'missing sections', rubric: () => { const r = base(); delete r.sections; return r; }, expect: [{ code: 'required', path: ['sections'] }] },
  { name: 'id is a number', rubric: () => ({ ...base(), id: 7 }), expect: [{ code: 'invalid_type', path: ['id'] }] },
  { name: 'id with a space', rubric: () => ({ ...base(), id: 'my rubric' }), expect: [{ code: 'invalid_format', path: ['id'] }] },
  { name: 'empty version', rubric: () => ({ ...base(), version: '' }), expect: [{ code: 'too_small', path: ['version'] }] },
  { name: 'sections is an object', rubric: () => ({ ...base(), sections: {} }), expect: [{ code: 'invalid_type', path: ['sections'] }] },
  { name: 'points is a string', rubric: () => { const r = base(); r.sections[0].items[0].points = '5'; return r; }, expect: [{ code: 'invalid_type', path: [...I0, 'points'] }] },
  { name: 'na is a string', rubric: () => { const r = base(); r.sections[0].items[0].na = 'yes'; return r; }, expect: [{ code: 'invalid_type', path: [...I0, 'na'] }] },
  { name: 'unknown scoring mode', rubric: () => { const r = base(); r.scoring.mode = 'average'; return r; }, expect: [{ code: 'invalid_value', path: ['scoring', 'mode'] }] },
  { name: 'rounding decimals 7', rubric: () => { const r = base(); r.scoring.rounding = { decimals: 7 }; return r; }, expect: [{ code: 'too_big', path: ['scoring', 'rounding', 'decimals'] }] },
  { name: 'unknown top-level key', rubric: () => ({ ...base(), owner: 'qa' }), expect: [{ code: 'unknown_key', path: ['owner'] }] },
  { name: 'unknown key in a section', rubric: () => { const r = base(); r.sections[0].maxPoints = 9; return r; }, expect: [{ code: 'unknown_key', path: [...S0, 'maxPoints'] }] },
  { name: 'unknown key in an item', rubric: () => { const r = base(); r.sections[0].items[0].score = 5; return r; }, expect: [{ code: 'unknown_key', path: [...I0, 'score'] }] },
  { name: 'unknown key in a level', rubric: () => { const r = base(); r.sections[0].items[1].levels[0].weight = 1; return r; }, expect: [{ code: 'unknown_key', path: [...I1, 'levels', 0, 'weight'] }] },
  { name: 'noPoints on a levels item', rubric: () => { const r = base(); r.sections[0].items[1].noPoints = 0; return r; }, expect: [{ code: 'unknown_key', path: [...I1, 'noPoints'] }] },
  { name: 'empty sections', rubric: () => ({ ...base(), sections: [] }), expect: [{ code: 'too_small', path: ['sections'] }] },
  { name: 'empty items', rubric: () => { const r = base(); r.sections[0].items = []; return r; }, expect: [{ code: 'too_small', path: [...S0, 'items'] }] },
  { name: 'a levels item with one level', rubric: () => { const r = base(); r.sections[0].items[1].levels.pop(); return r; }, expect: [{ code: 'too_small', path: [...I1, 'levels'] }] },
  { name: 'negative perOccurrence', rubric: () => { const r = base(); r.sections[0].items.push({ id: 'pen', kind: 'penalty', label: 'P', perOccurrence: -2 }); return r; }, expect: [{ code: 'too_small', path: [...S0, 'items', 2, 'perOccurrence'] }] },
  { name: 'impossible calendar date', rubric: () => ({ ...base(), effectiveFrom: '2024-13-01' }), expect: [{ code: 'invalid_format', path: ['effectiveFrom'] }] },
  { name: 'empty phrase', rubric: () => { const r = base(); r.sections[0].items[0].phrases = { phrases: ['您好', ''] }; return r; }, expect: [{ code: 'too_small', path: [...I0, 'phrases', 'phrases', 1] }] },
  { name: 'a phrase that is only spaces', rubric: () => { const r = base(); r.sections[0].items[0].phrases = { phrases: ['   '] }; return r; }, expect: [{ code: 'empty_phrase', path: [...I0, 'phrases', 'phrases', 0] }] },
  { name: 'malformed interval string', rubric: () => withNumeric([{ range: '0-30', points: 3 }]), expect: [{ code: 'invalid_format', path: [...S0, 'items', 2, 'ranges', 0, 'range'] }] },
  { name: 'malformed grade interval', rubric: () => withGrades(['[0, 9]', '[9; 10]']), expect: [{ code: 'invalid_format', path: ['grades', 1, 'range'] }] },

  // ── ids ─────────────────────────────────────────────────────────────────
  { name: 'duplicate section id', rubric: () => { const r = weighted(); r.sections[1].id = 's1'; return r; }, expect: [{ code: 'duplicate_id', path: ['sections', 1, 'id'] }] },
  { name: 'duplicate item id (same section)', rubric: () => { const r = base(); r.sections[0].items[1].id = 'greet'; return r; }, expect: [{ code: 'duplicate_id', path: [...I1, 'id'] }] },
  { name: 'duplicate item id (across sections)', rubric: () => { const r = weighted(); r.sections[1].items[0].id = 'greet'; return r; }, expect: [{ code: 'duplicate_id', path: ['sections', 1, 'items', 0, 'id'] }] },
  { name: 'duplicate level id', rubric: () => { const r = base(); r.sections[0].items[1].levels[1].id = 'full'; return r; }, expect: [{ code: 'duplicate_id', path: [...I1, 'levels', 1, 'id'] }] },
  { name: 'duplicate grade id', rubric: () => { const r = withGrades(['[0, 5)', '[5, 9]']); r.grades[1].id = 'g0'; return r; }, expect: [{ code: 'duplicate_id', path: ['grades', 1, 'id'] }] },

  // ── weights ─────────────────────────────────────────────────────────────
  { name: 'section weights 60 + 30', rubric: () => { const r = weighted(); r.sections[1].weight = 30; return r; }, expect: [{ code: 'weights_sum', path: ['sections'] }] },
  {
    name: 'section weights 33.3 × 3 (= 99.9)',
    rubric: () => {
      const r = weighted();
      r.sections[0].weight = 33.3;
      r.sections[1].weight = 33.3;
      r.sections.push({ id: 's3', label: 'Three', weight: 33.3, items: [{ id: 'x', kind: 'yes-no', label: 'X', points: 1 }] });
      return r;
    },
    expect: [{ code: 'weights_sum', path: ['sections'] }],
  },
  { name: 'section weights 110', rubric: () => { const r = weighted(); r.sections[1].weight = 50; return r; }, expect: [{ code: 'weights_sum', path: ['sections'] }] },
  { name: 'missing section weight', rubric: () => { const r = weighted(); delete r.sections[1].weight; return r; }, expect: [{ code: 'missing_weight', path: ['sections', 1, 'weight'] }] },
  { name: 'section weight in points-sum mode', rubric: () => { const r = base(); r.sections[0].weight = 100; return r; }, expect: [{ code: 'unexpected_weight', path: [...S0, 'weight'] }] },
  { name: 'item weight in points-sum mode', rubric: () => { const r = base(); r.sections[0].items[0].weight = 50; return r; }, expect: [{ code: 'unexpected_weight', path: [...I0, 'weight'] }] },
  { name: 'item weight in section-weighted mode', rubric: () => { const r = weighted(); r.sections[0].items[1].weight = 10; return r; }, expect: [{ code: 'unexpected_weight', path: [...I1, 'weight'] }] },
  { name: 'section weight in item-weighted mode', rubric: () => { const r = itemWeighted(); r.sections[0].weight = 100; return r; }, expect: [{ code: 'unexpected_weight', path: [...S0, 'weight'] }] },
  { name: 'item weights 70 + 20', rubric: () => { const r = itemWeighted(); r.sections[0].items[1].weight = 20; return r; }, expect: [{ code: 'weights_sum', path: ['sections'] }] },
  { name: 'missing item weight', rubric: () => { const r = itemWeighted(); delete r.sections[0].items[1].weight; return r; }, expect: [{ code: 'missing_weight', path: [...I1, 'weight'] }] },
  { name: 'weight on a bonus item', rubric: () => { const r = itemWeighted(); r.sections[0].items.push({ id: 'extra', kind: 'yes-no', label: 'E', points: 1, bonus: true, weight: 5 }); return r; }, expect: [{ code: 'unexpected_weight', path: [...S0, 'items', 2, 'weight'] }] },
  { name: 'zero section weight', rubric: () => { const r = weighted(); r.sections[1].weight = 0; return r; }, expect: [{ code: 'too_small', path: ['sections', 1, 'weight'] }] },
  {
    name: 'weighted section that earns nothing',
    rubric: () => { const r = weighted(); r.sections[1].items = [{ id: 'pen', kind: 'penalty', label: 'P', perOccurrence: 2 }]; return r; },
    // The penalty has nothing to deduct from, and the weight nothing to weigh.
    expect: [
      { code: 'penalty_without_points', path: ['sections', 1, 'items', 0] },
      { code: 'section_without_points', path: ['sections', 1, 'items'] },
    ],
  },

  // ── points and levels ───────────────────────────────────────────────────
  { name: 'level above the max', rubric: () => { const r = base(); r.sections[0].items[1].levels[0].points = 5; return r; }, expect: [{ code: 'level_above_max', path: [...I1, 'levels', 0, 'points'] }] },
  { name: 'noPoints above points', rubric: () => { const r = base(); r.sections[0].items[0].noPoints = 6; return r; }, expect: [{ code: 'level_above_max', path: [...I0, 'noPoints'] }] },
  { name: 'numeric range above the max', rubric: () => withNumeric([{ range: '[0, 30]', points: 4 }]), expect: [{ code: 'level_above_max', path: [...S0, 'items', 2, 'ranges', 0, 'points'] }] },
  { name: 'zero item points', rubric: () => { const r = base(); r.sections[0].items[0].points = 0; return r; }, expect: [{ code: 'non_positive_points', path: [...I0, 'points'] }] },
  { name: 'bonus item marked critical', rubric: () => { const r = base(); r.sections[0].items.push({ id: 'extra', kind: 'yes-no', label: 'E', points: 1, bonus: true, critical: true }); return r; }, expect: [{ code: 'bonus_critical', path: [...S0, 'items', 2, 'critical'] }] },

  // ── numeric ranges ──────────────────────────────────────────────────────
  {
    name: 'numeric ranges overlap at 30 (both inclusive)',
    rubric: () => withNumeric([{ range: '[0, 30]', points: 3 }, { range: '[30, 60]', points: 1 }]),
    expect: [{ code: 'band_overlap', path: [...S0, 'items', 2, 'ranges', 1, 'range'] }],
  },
  {
    name: 'numeric ranges leave 30 uncovered',
    rubric: () => withNumeric([{ range: '[0, 30)', points: 3 }, { range: '(30, 60]', points: 1 }]),
    expect: [{ code: 'band_gap', path: [...S0, 'items', 2, 'ranges', 1, 'range'] }],
  },
  {
    name: 'numeric ranges with a gap 30–40',
    rubric: () => withNumeric([{ range: '[0, 30]', points: 3 }, { range: '[40, 60]', points: 1 }]),
    expect: [{ code: 'band_gap', path: [...S0, 'items', 2, 'ranges', 1, 'range'] }],
  },
  {
    name: 'numeric ranges not covering the declared domain',
    rubric: () => { const r = withNumeric([{ range: '[0, 30]', points: 3 }, { range: '(30, 60]', points: 1 }]); r.sections[0].items[2].domain = '[0, 120]'; return r; },
    expect: [{ code: 'band_gap', path: [...S0, 'items', 2, 'ranges', 1, 'range'] }],
  },

  // ── grades (score range [0, 9]) ─────────────────────────────────────────
  { name: 'grade bands with a gap', rubric: () => withGrades(['[0, 5)', '[6, 9]']), expect: [{ code: 'band_gap', path: ['grades', 1, 'range'] }] },
  { name: 'grade bands overlapping at an edge (both inclusive)', rubric: () => withGrades(['[0, 5]', '[5, 9]']), expect: [{ code: 'band_overlap', path: ['grades', 1, 'range'] }] },
  { name: 'grade bands missing the edge (both exclusive)', rubric: () => withGrades(['[0, 5)', '(5, 9]']), expect: [{ code: 'band_gap', path: ['grades', 1, 'range'] }] },
  { name: 'grade bands not reaching the max', rubric: () => withGrades(['[0, 5)', '[5, 8]']), expect: [{ code: 'band_gap', path: ['grades', 1, 'range'] }] },
  { name: 'grade bands excluding the max', rubric: () => withGrades(['[0, 5)', '[5, 9)']), expect: [{ code: 'band_gap', path: ['grades', 1, 'range'] }] },
  { name: 'grade bands not starting at the floor', rubric: () => withGrades(['[1, 5)', '[5, 9]']), expect: [{ code: 'band_gap', path: ['grades', 0, 'range'] }] },

  // ── autoFail, scale, floor, dates, root causes ──────────────────────────
  { name: 'autoFail naming an unknown level', rubric: () => { const r = base(); r.sections[0].items[1].autoFail = { scope: 'call', when: ['none', 'wrong'] }; return r; }, expect: [{ code: 'unknown_level', path: [...I1, 'autoFail', 'when', 1] }] },
  { name: 'autoFail on a levels item without when', rubric: () => { const r = base(); r.sections[0].items[1].autoFail = { scope: 'call' }; return r; }, expect: [{ code: 'required', path: [...I1, 'autoFail', 'when'] }] },
  { name: 'yes/no autoFail on a string', rubric: () => { const r = base(); r.sections[0].items[0].autoFail = { scope: 'call', when: ['no'] }; return r; }, expect: [{ code: 'invalid_answer_kind', path: [...I0, 'autoFail', 'when', 0] }] },
  { name: 'unknown autoFail scope', rubric: () => { const r = base(); r.sections[0].items[0].autoFail = { scope: 'agent' }; return r; }, expect: [{ code: 'invalid_value', path: [...I0, 'autoFail', 'scope'] }] },
  { name: 'scale max equal to min', rubric: () => { const r = base(); r.sections[0].items.push({ id: 'csat', kind: 'scale', label: 'C', points: 2, scale: { min: 3, max: 3 } }); return r; }, expect: [{ code: 'invalid_scale', path: [...S0, 'items', 2, 'scale', 'max'] }] },
  { name: 'scale max below min', rubric: () => { const r = base(); r.sections[0].items.push({ id: 'csat', kind: 'scale', label: 'C', points: 2, scale: { min: 5, max: 1 } }); return r; }, expect: [{ code: 'invalid_scale', path: [...S0, 'items', 2, 'scale', 'max'] }] },
  { name: 'floor above cap', rubric: () => { const r = base(); r.sections[0].max = 5; r.sections[0].floor = 6; return r; }, expect: [{ code: 'floor_above_cap', path: [...S0, 'floor'] }] },
  { name: 'effectiveTo before effectiveFrom', rubric: () => ({ ...base(), effectiveFrom: '2024-06-01', effectiveTo: '2024-05-31' }), expect: [{ code: 'invalid_dates', path: ['effectiveTo'] }] },
  {
    name: 'item root cause not declared by the rubric',
    rubric: () => { const r = base(); r.rootCauses = ['training', 'process']; r.sections[0].items[0].rootCauses = ['process', 'weather']; return r; },
    expect: [{ code: 'unknown_root_cause', path: [...I0, 'rootCauses', 1] }],
  },
  {
    name: '`match` on a penalty’s phrases',
    rubric: () => { const r = base(); r.sections[0].items.push({ id: 'pen', kind: 'penalty', label: 'P', perOccurrence: 2, phrases: { phrases: ['喂'], match: 'all' } }); return r; },
    expect: [{ code: 'invalid_option', path: [...S0, 'items', 2, 'phrases', 'match'] }],
  },

  // ── found in review: rules a scorecard author could trip over ───────────
  {
    name: 'penalty in a section with nothing to deduct from',
    rubric: () => { const r = base(); r.sections.push({ id: 's2', label: 'S2', items: [{ id: 'pen', kind: 'penalty', label: 'P', perOccurrence: 2 }] }); return r; },
    expect: [{ code: 'penalty_without_points', path: ['sections', 1, 'items', 0] }],
  },
  {
    name: 'section-scope fatal in a section that earns nothing',
    rubric: () => { const r = base(); r.sections.push({ id: 's2', label: 'S2', items: [{ id: 'f', kind: 'fatal', label: 'F', scope: 'section' }] }); return r; },
    expect: [{ code: 'fatal_without_points', path: ['sections', 1, 'items', 0, 'scope'] }],
  },
  {
    name: 'a bonus item that could take points away',
    rubric: () => { const r = base(); r.sections[0].items.push({ id: 'extra', kind: 'yes-no', label: 'E', points: 2, bonus: true, noPoints: -5 }); return r; },
    expect: [{ code: 'negative_bonus', path: [...S0, 'items', 2, 'noPoints'] }],
  },
  {
    name: 'match "all" with one phrase inside another (感谢 ⊂ 感谢您的来电)',
    rubric: () => { const r = base(); r.sections[0].items[0].phrases = { phrases: ['感谢', '感谢您的来电'], match: 'all' }; return r; },
    expect: [{ code: 'overlapping_phrases', path: [...I0, 'phrases', 'phrases', 0] }],
  },
  {
    name: 'a weight written as 100/3 (33.333333333333336: more digits than can be held exactly)',
    rubric: () => { const r = weighted(); r.sections[0].weight = 100 / 3; return r; },
    expect: [{ code: 'too_precise', path: ['sections', 0, 'weight'] }],
  },
  {
    name: 'points of 0.1 + 0.2 (0.30000000000000004)',
    rubric: () => { const r = base(); r.sections[0].items[0].points = 0.1 + 0.2; return r; },
    expect: [{ code: 'too_precise', path: [...I0, 'points'] }],
  },
  {
    name: 'an inverted range (60, 30]',
    rubric: () => withNumeric([{ range: '(60, 30]', points: 3 }]),
    expect: [{ code: 'invalid_interval', path: [...S0, 'items', 2, 'ranges', 0, 'range'] }],
  },
  {
    name: 'autoFail on a numeric item naming a string',
    rubric: () => { const r = withNumeric([{ range: '[0, 60]', points: 3 }]); r.sections[0].items[2].autoFail = { scope: 'call', when: ['abc'] }; return r; },
    expect: [{ code: 'invalid_answer_kind', path: [...S0, 'items', 2, 'autoFail', 'when', 0] }],
  },
  {
    name: 'a final floor above 0 with a call-scope fatal: 0 needs a grade too',
    rubric: () => {
      const r = withGrades(['[2, 5)', '[5, 9]']);
      r.scoring.floor = 2;
      r.sections[0].items.push({ id: 'leak', kind: 'fatal', label: 'Leak', scope: 'call' });
      return r;
    },
    expect: [{ code: 'band_gap', path: ['grades', 0, 'range'] }],
  },

  // ── prototype keys, as JSON.parse makes them (own properties) ───────────
  {
    name: '__proto__ at the top level',
    rubric: () => JSON.parse(JSON.stringify(base()).replace(/^\{/, '{"__proto__":{"polluted":true},')),
    expect: [{ code: 'unknown_key', path: ['__proto__'] }],
  },
  {
    name: 'constructor in a section',
    rubric: () => JSON.parse(JSON.stringify(base()).replace('"id":"s1"', '"constructor":{"prototype":{"polluted":true}},"id":"s1"')),
    expect: [{ code: 'unknown_key', path: [...S0, 'constructor'] }],
  },
  {
    name: '__proto__ in an item',
    rubric: () => JSON.parse(JSON.stringify(base()).replace('"id":"greet"', '"__proto__":{"points":99},"id":"greet"')),
    expect: [{ code: 'unknown_key', path: [...I0, '__proto__'] }],
  },
  {
    name: '__proto__ in scoring',
    rubric: () => JSON.parse(JSON.stringify(base()).replace('"mode":"points-sum"', '"__proto__":{"scale":1000},"mode":"points-sum"')),
    expect: [{ code: 'unknown_key', path: ['scoring', '__proto__'] }],
  },
];

/**
 * The issues' codes and paths, without the `checks_skipped` note that follows
 * shape problems (its own test is in hostile.test.ts): each case names the
 * problem it plants.
 */
function codesAndPaths(issues: readonly Issue[]): { code: string; path: PathSegment[] }[] {
  return issues.filter((i) => i.code !== 'checks_skipped').map((i) => ({ code: i.code, path: [...i.path] }));
}

describe('malformed rubrics: the corpus', () => {
  it('has at least 30 cases, each starting from a valid rubric', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const make of [base, weighted, itemWeighted]) expect(safeLoadRubric(make()).success).toBe(true);
    expect(safeLoadRubric(withNumeric([{ range: '[0, 30]', points: 3 }, { range: '(30, 60]', points: 1 }])).success).toBe(true);
    expect(safeLoadRubric(withGrades(['[0, 5)', '[5, 9]'])).success).toBe(true);
  });

  for (const c of cases) {
    it(c.name, () => {
      const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const res = safeLoadRubric(c.rubric());
      expect(res.success).toBe(false);
      if (res.success) return;
      expect(codesAndPaths(res.issues)).toEqual(c.expect);
      for (const i of res.issues) {
        expect(typeof i.message).toBe('string');
        expect(i.message.length).toBeGreaterThan(0);
      }
      // loadRubric throws a RubricError carrying the same issues.
      let thrown: unknown;
      try {
        loadRubric(c.rubric());
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(RubricError);
      expect(thrown).toBeInstanceOf(Error);
      expect(codesAndPaths((thrown as RubricError).issues)).toEqual(c.expect);
      // Nothing leaks onto Object.prototype.
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
      expect(({} as Json)['polluted']).toBeUndefined();
    });
  }
});

describe('malformed rubrics: every problem at once', () => {
  it('reports every schema problem together', () => {
    const r = base();
    delete r.version;
    r.owner = 'qa';
    r.sections[0].items[0].points = '5';
    r.sections[0].items[1].levels[1].extra = 1;
    const res = safeLoadRubric(r);
    expect(res.success).toBe(false);
    if (res.success) return;
    expect(codesAndPaths(res.issues)).toEqual(
      expect.arrayContaining([
        { code: 'required', path: ['version'] },
        { code: 'unknown_key', path: ['owner'] },
        { code: 'invalid_type', path: [...I0, 'points'] },
        { code: 'unknown_key', path: [...I1, 'levels', 1, 'extra'] },
      ]),
    );
    expect(codesAndPaths(res.issues)).toHaveLength(4);
  });

  it('reports every semantic problem together', () => {
    const r = weighted();
    r.sections[1].id = 's1'; // duplicate section id
    r.sections[0].items[1].levels[0].points = 5; // level above max
    r.sections[0].items[1].levels[1].id = 'full'; // duplicate level id
    r.sections[0].max = 2;
    r.sections[0].floor = 3; // floor above cap
    r.sections[1].weight = 30; // weights sum to 90
    r.effectiveFrom = '2024-06-01';
    r.effectiveTo = '2024-01-01';
    let thrown: unknown;
    try {
      loadRubric(r);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RubricError);
    const issues = codesAndPaths((thrown as RubricError).issues);
    expect(issues).toEqual(
      expect.arrayContaining([
        { code: 'invalid_dates', path: ['effectiveTo'] },
        { code: 'duplicate_id', path: ['sections', 1, 'id'] },
        { code: 'level_above_max', path: [...I1, 'levels', 0, 'points'] },
        { code: 'duplicate_id', path: [...I1, 'levels', 1, 'id'] },
        { code: 'floor_above_cap', path: [...S0, 'floor'] },
        { code: 'weights_sum', path: ['sections'] },
      ]),
    );
    expect(issues).toHaveLength(6);
  });

  it('reports grade-band problems together with the other semantic problems', () => {
    // load.ts: "All problems are collected and reported together with their JSON paths."
    const r = withGrades(['[0, 5)', '[6, 9]']); // band gap
    r.sections[0].items[1].id = 'greet'; // duplicate item id
    const res = safeLoadRubric(r);
    expect(res.success).toBe(false);
    if (res.success) return;
    expect(codesAndPaths(res.issues)).toEqual(
      expect.arrayContaining([
        { code: 'duplicate_id', path: [...I1, 'id'] },
        { code: 'band_gap', path: ['grades', 1, 'range'] },
      ]),
    );
  });

  it('reports one issue per overlapping or missing band, not just the first', () => {
    const res = safeLoadRubric(withGrades(['[0, 3]', '[3, 5)', '[6, 8]']));
    expect(res.success).toBe(false);
    if (res.success) return;
    expect(codesAndPaths(res.issues)).toEqual([
      { code: 'band_overlap', path: ['grades', 1, 'range'] },
      { code: 'band_gap', path: ['grades', 2, 'range'] },
      { code: 'band_gap', path: ['grades', 2, 'range'] },
    ]);
  });
});
