/**
 * The rubric format: a centre's scorecard as JSON. This zod schema is the one
 * source of truth — the TypeScript types, the validation and the committed JSON
 * Schema (rubrics/rubric.schema.json) all come from it. Rules that span fields
 * (weights summing to 100, bands tiling the score range, ids being unique) are
 * checked after parsing, in `load.ts` (`checkSemantics`), so that every problem is reported.
 */
import { z } from 'zod';
import { intervalSchema } from '../bands/interval.js';
import { conditionSchema } from '../conditions/conditions.js';
import { isExactDecimal } from '../exact/rational.js';
import { LOCALES, localizedTextSchema } from '../localize/localize.js';
import { measureRuleSchema } from './measure-rule.js';

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'ids are letters, digits, "_", "-" or "." and start with a letter or digit' })
  .meta({ description: 'A stable identifier, unique within the rubric.' });

const isoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD, in the centre’s time zone.' });

/** Numbers must be decimals callqa can hold exactly (at most 15 significant digits). */
const exact = {
  message: 'write this number as a decimal with at most 15 significant digits (e.g. 33.3, not 33.333333333333336)',
  params: { code: 'too_precise' },
} as const;
const decimal = z.number().finite().refine(isExactDecimal, exact);
/** Points as written: a decimal number (exact arithmetic keeps 0.1 + 0.2 = 0.3). */
const points = decimal.meta({ description: 'Points (a decimal, may be negative where the form wants it).' });
const positive = z.number().finite().positive().refine(isExactDecimal, exact);
const nonNegative = z.number().finite().nonnegative().refine(isExactDecimal, exact);

const fatalScope = z
  .enum(['call', 'section', 'flag'])
  .meta({ description: 'call: the whole call scores 0; section: the item’s section scores 0; flag: keep the score, mark the call failed.' });

/**
 * Phrase matching declared on an item: the item's answer is derived from the agent's turns.
 *
 * @example
 * ```ts
 * phraseRuleSchema.parse({ phrases: ['您好'], window: { from: 'start', turns: 1 } });
 * ```
 */
export const phraseRuleSchema = z
  .strictObject({
    phrases: z.array(z.string().min(1)).min(1).meta({ description: 'Phrases matched in the agent’s turns (Chinese-aware, NFKC, case- and space-insensitive).' }),
    match: z
      .enum(['any', 'all'])
      .optional()
      .meta({ description: 'For required phrases: any one of them suffices (default) or all must appear.' }),
    window: z
      .strictObject({
        from: z.enum(['start', 'end']),
        turns: z.number().int().positive(),
      })
      .optional()
      .meta({ description: 'Only look at the first or last N agent turns (opening and closing scripts).' }),
  })
  .meta({ id: 'PhraseRule', description: 'Phrases that decide the item from a transcript when the evaluator did not answer it.' });

const common = {
  id,
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  when: conditionSchema.optional().meta({ description: 'Applies only to calls whose attributes match; otherwise the item is N/A.' }),
  rootCauses: z.array(z.string().min(1)).optional().meta({ description: 'Root-cause tags evaluators may attach when points are lost here.' }),
};

const scoring = {
  ...common,
  na: z.boolean().optional().meta({ description: 'May the evaluator answer N/A (null)? Default false.' }),
  critical: z.boolean().optional().meta({ description: 'Counted in the critical sub-score instead of the non-critical one.' }),
  weight: positive.optional().meta({ description: 'Item-weighted mode: the item’s percentage of the total.' }),
  bonus: z.boolean().optional().meta({ description: 'Bonus item: its points add to the final score and never to what is possible.' }),
  required: z.boolean().optional().meta({ description: 'Must the evaluation answer it? Default true (false for bonus items).' }),
  autoFail: z
    .strictObject({
      scope: fatalScope,
      when: z.array(z.union([z.boolean(), z.string(), z.number()])).min(1).optional(),
    })
    .optional()
    .meta({ description: 'Auto-fail when the answer is one of `when` (default: "no" for yes/no items).' }),
};

const yesNoItem = z
  .strictObject({
    ...scoring,
    kind: z.literal('yes-no'),
    points: points,
    noPoints: points.optional().meta({ description: 'Points for "no" (default 0; may be negative).' }),
    phrases: phraseRuleSchema.optional().meta({ description: 'Required phrases: present → yes, missing → no.' }),
    measure: measureRuleSchema.optional().meta({ description: 'A test on the timed transcript’s measures: holds → yes, fails → no.' }),
  })
  .meta({ id: 'YesNoItem', title: 'Yes/no item', description: 'Met (true) earns `points`, not met (false) earns `noPoints`.' });

const levelSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  points: points,
  description: localizedTextSchema.optional(),
});

const levelsItem = z
  .strictObject({
    ...scoring,
    kind: z.literal('levels'),
    points: points.meta({ description: 'The item’s maximum.' }),
    levels: z.array(levelSchema).min(2),
  })
  .meta({ id: 'LevelsItem', title: 'Levels item', description: 'Named partial-credit levels; the answer is a level id.' });

const numericItem = z
  .strictObject({
    ...scoring,
    kind: z.literal('numeric'),
    points: points.meta({ description: 'The item’s maximum.' }),
    ranges: z.array(z.strictObject({ range: intervalSchema, points: points, label: localizedTextSchema.optional() })).min(1),
    domain: intervalSchema.optional().meta({ description: 'The values an answer may take; the ranges must tile it. Default: the union of the ranges.' }),
    measure: measureRuleSchema.optional().meta({ description: 'The measure whose value is the answer (e.g. agent.speechRate), from a timed transcript.' }),
  })
  .meta({ id: 'NumericItem', title: 'Numeric item', description: 'A measured value (seconds, a count…) mapped to points by ranges.' });

const scaleItem = z
  .strictObject({
    ...scoring,
    kind: z.literal('scale'),
    points: points.meta({ description: 'Points at the top of the scale.' }),
    scale: z.strictObject({ min: z.number().int(), max: z.number().int() }),
  })
  .meta({ id: 'ScaleItem', title: 'Scale item', description: 'An n-point scale (e.g. 1–5): points = (answer − min)/(max − min) × points.' });

const commentItem = z
  .strictObject({ ...common, kind: z.literal('comment'), required: z.boolean().optional() })
  .meta({ id: 'CommentField', title: 'Comment field', description: 'Free text for the coach; never scored.' });

const penaltyItem = z
  .strictObject({
    ...common,
    kind: z.literal('penalty'),
    perOccurrence: positive.meta({ description: 'Points deducted per occurrence, e.g. 2 for “−2 per forbidden word”.' }),
    maxOccurrences: z.number().int().positive().optional(),
    maxDeduction: positive.optional().meta({ description: 'The most this item may deduct in one call.' }),
    phrases: phraseRuleSchema.optional().meta({ description: 'Forbidden phrases: each hit is one occurrence.' }),
    measure: measureRuleSchema.optional().meta({ description: 'A count measure (each is one occurrence), or a test (one occurrence when it holds).' }),
    required: z.boolean().optional(),
  })
  .meta({ id: 'Penalty', title: 'Penalty', description: 'Deducts from its section per occurrence. Answer: a count (or true = 1).' });

const fatalItem = z
  .strictObject({
    ...common,
    kind: z.literal('fatal'),
    scope: fatalScope,
    phrases: phraseRuleSchema.optional().meta({ description: 'Any hit triggers it (e.g. reading out an ID number).' }),
    measure: measureRuleSchema.optional().meta({ description: 'A test on the timed transcript’s measures: holds → breach.' }),
    required: z.boolean().optional(),
  })
  .meta({ id: 'FatalItem', title: 'Fatal (auto-fail) item', description: 'Answer true when the breach happened.' });

/**
 * The zod schema of one rubric item (discriminated by `kind`).
 *
 * @example
 * ```ts
 * itemSchema.parse({ id: 'smile', kind: 'yes-no', label: '微笑服务', points: 4 });
 * ```
 */
export const itemSchema = z.discriminatedUnion('kind', [
  yesNoItem,
  levelsItem,
  numericItem,
  scaleItem,
  commentItem,
  penaltyItem,
  fatalItem,
]);

/**
 * The zod schema of a rubric section.
 *
 * @example
 * ```ts
 * sectionSchema.parse({ id: 'attitude', label: '服务态度', max: 20, items: [{ id: 'smile', kind: 'yes-no', label: '微笑服务', points: 4 }] });
 * ```
 */
export const sectionSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  weight: positive.optional().meta({ description: 'Section-weighted mode: the section’s percentage of the total.' }),
  max: nonNegative.optional().meta({ description: 'Cap: the section never earns more than this (the seed’s attitude section lists 23 points, capped at 20).' }),
  floor: decimal.optional().meta({ description: 'The section never goes below this after penalties (default 0).' }),
  when: conditionSchema.optional().meta({ description: 'Applies only to calls whose attributes match; otherwise all its items are N/A.' }),
  items: z.array(itemSchema).min(1),
});

/**
 * The zod schema of a grade band.
 *
 * @example
 * ```ts
 * gradeSchema.parse({ id: 'fail', label: '不合格', range: '[0, 60)', passing: false });
 * ```
 */
export const gradeSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  range: intervalSchema,
  passing: z.boolean().optional().meta({ description: 'Does a call in this band pass? Default true.' }),
});

/**
 * The zod schema of a whole rubric file (structure only; `loadRubric` adds the
 * semantic checks and compiles it).
 *
 * @example
 * ```ts
 * const parsed = rubricSchema.safeParse(JSON.parse(text));
 * ```
 */
export const rubricSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    version: z.string().min(1),
    effectiveFrom: isoDate.optional(),
    effectiveTo: isoDate.optional(),
    name: localizedTextSchema,
    description: localizedTextSchema.optional(),
    locale: z.enum(LOCALES).optional().meta({ description: 'The fallback language for labels (default zh-CN).' }),
    scoring: z.strictObject({
      mode: z.enum(['points-sum', 'section-weighted', 'item-weighted']),
      na: z
        .enum(['exclude', 'full-marks'])
        .optional()
        .meta({ description: 'exclude (default): N/A leaves earned and possible, weights renormalise; full-marks: N/A earns the item’s points.' }),
      scale: positive.optional().meta({ description: 'The final score’s maximum: default 100 in weighted modes, the sum of the sections in points-sum mode (set it to report a points form out of 100).' }),
      floor: decimal.optional().meta({ description: 'The final score never goes below this (default 0).' }),
      bonusCap: nonNegative.optional().meta({ description: 'The most bonus points a call may add.' }),
      rounding: z
        .strictObject({
          decimals: z.number().int().min(0).max(6),
          mode: z.enum(['half-up', 'half-even']).optional(),
        })
        .optional()
        .meta({ description: 'Applied once, to each reported figure. Default 2 decimals, half-up.' }),
    }),
    phraseMatching: z
      .strictObject({
        speakers: z.array(z.string().min(1)).min(1).optional(),
        variants: z.enum(['none', 'zh-hant-to-hans']).optional(),
        ignoreWhitespace: z.boolean().optional(),
        caseFold: z.boolean().optional(),
      })
      .optional()
      .meta({ description: 'Whose turns are matched (default ["agent"]) and how text is normalised.' }),
    rootCauses: z.array(z.string().min(1)).optional().meta({ description: 'The root-cause tags evaluators may use.' }),
    sections: z.array(sectionSchema).min(1),
    grades: z.array(gradeSchema).min(1).optional(),
  })
  .meta({ title: 'callqa rubric', description: 'A contact centre’s call scorecard.' });

/** A rubric file as written (the input of `loadRubric`). */
export type RubricInput = z.input<typeof rubricSchema>;
/** A rubric after schema validation. */
export type RubricDefinition = z.output<typeof rubricSchema>;
/** One section as written. */
export type SectionDefinition = z.output<typeof sectionSchema>;
/** One item as written. */
export type ItemDefinition = z.output<typeof itemSchema>;
/** A grade band as written. */
export type GradeDefinition = z.output<typeof gradeSchema>;
/** Phrase rules as written. */
export type PhraseRuleDefinition = z.output<typeof phraseRuleSchema>;
/** The kinds of item. */
export type ItemKind = ItemDefinition['kind'];
