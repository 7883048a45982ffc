/**
 * The rubric format: a centre's scorecard as JSON. This zod schema is the one
 * source of truth — the TypeScript types, the validation and the committed JSON
 * Schema (rubrics/rubric.schema.json) all come from it. Rules that span fields
 * (weights summing to 100, bands tiling the score range, ids being unique) are
 * checked after parsing, in `load.ts` (`checkSemantics`), so that every problem is reported.
 */
import * as z from 'zod/mini';
import { intervalSchema } from '../bands/interval.js';
import { conditionSchema } from '../conditions/conditions.js';
import { exactNumberCheck } from '../issues/numbers.js';
import { described } from '../issues/zod.js';
import { LOCALES, localizedTextSchema } from '../localize/localize.js';
import { measureRuleSchema } from './measure-rule.js';

const id = described(
  z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'ids are letters, digits, "_", "-" or "." and start with a letter or digit' })),
  { description: 'A stable identifier, unique within the rubric.' },
);

const isoDate = described(z.iso.date(), { description: 'A calendar date, YYYY-MM-DD, in the centre’s time zone.' });

/**
 * Numbers must be ones callqa holds exactly (src/issues/numbers.ts): at most
 * 10^9 in size (`too_large`) and 6 decimal places (`too_precise`).
 * (zod 4 numbers are finite already.)
 */
const decimal = z.number().check(exactNumberCheck);
/** Points as written: a decimal number (exact arithmetic keeps 0.1 + 0.2 = 0.3). */
const points = described(decimal, { description: 'Points (a decimal, may be negative where the form wants it).' });
const positive = z.number().check(z.positive(), exactNumberCheck);
const nonNegative = z.number().check(z.nonnegative(), exactNumberCheck);
const wholeNumber = z.number().check(z.int(), exactNumberCheck);

const fatalScope = described(z.enum(['call', 'section', 'flag']), {
  description: 'call: the whole call scores 0; section: the item’s section scores 0; flag: keep the score, mark the call failed.',
});

/**
 * Phrase matching declared on an item: the item's answer is derived from the agent's turns.
 *
 * @example
 * ```ts
 * phraseRuleSchema.parse({ phrases: ['您好'], window: { from: 'start', turns: 1 } });
 * ```
 */
export const phraseRuleSchema = described(
  z.strictObject({
    phrases: described(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), {
      description: 'Phrases matched in the agent’s turns (Chinese-aware, NFKC, case- and space-insensitive).',
    }),
    match: described(z.optional(z.enum(['any', 'all'])), {
      description: 'For required phrases: any one of them suffices (default) or all must appear.',
    }),
    window: described(
      z.optional(
        z.strictObject({
          from: z.enum(['start', 'end']),
          turns: z.number().check(z.int()).check(z.positive()),
        }),
      ),
      { description: 'Only look at the first or last N agent turns (opening and closing scripts).' },
    ),
  }),
  { id: 'PhraseRule', description: 'Phrases that decide the item from a transcript when the evaluator did not answer it.' },
);

const common = {
  id,
  label: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  when: described(z.optional(conditionSchema), { description: 'Applies only to calls whose attributes match; otherwise the item is N/A.' }),
  rootCauses: described(z.optional(z.array(z.string().check(z.minLength(1)))), { description: 'Root-cause tags evaluators may attach when points are lost here.' }),
};

const scoring = {
  ...common,
  na: described(z.optional(z.boolean()), { description: 'May the evaluator answer N/A (null)? Default false.' }),
  critical: described(z.optional(z.boolean()), { description: 'Counted in the critical sub-score instead of the non-critical one.' }),
  weight: described(z.optional(positive), { description: 'Item-weighted mode: the item’s percentage of the total.' }),
  bonus: described(z.optional(z.boolean()), { description: 'Bonus item: its points add to the final score and never to what is possible.' }),
  required: described(z.optional(z.boolean()), { description: 'Must the evaluation answer it? Default true (false for bonus items).' }),
  autoFail: described(
    z.optional(
      z.strictObject({
        scope: fatalScope,
        when: z.optional(z.array(z.union([z.boolean(), z.string(), z.number()])).check(z.minLength(1))),
      }),
    ),
    { description: 'Auto-fail when the answer is one of `when` (default: "no" for yes/no items).' },
  ),
};

const yesNoItem = described(
  z.strictObject({
    ...scoring,
    kind: z.literal('yes-no'),
    points: points,
    noPoints: described(z.optional(points), { description: 'Points for "no" (default 0; may be negative).' }),
    phrases: described(z.optional(phraseRuleSchema), { description: 'Required phrases: present → yes, missing → no.' }),
    measure: described(z.optional(measureRuleSchema), { description: 'A test on the timed transcript’s measures: holds → yes, fails → no.' }),
  }),
  { id: 'YesNoItem', title: 'Yes/no item', description: 'Met (true) earns `points`, not met (false) earns `noPoints`.' },
);

const levelSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  points: points,
  description: z.optional(localizedTextSchema),
});

const levelsItem = described(
  z.strictObject({
    ...scoring,
    kind: z.literal('levels'),
    points: described(points, { description: 'The item’s maximum.' }),
    levels: z.array(levelSchema).check(z.minLength(2)),
  }),
  { id: 'LevelsItem', title: 'Levels item', description: 'Named partial-credit levels; the answer is a level id.' },
);

const numericItem = described(
  z.strictObject({
    ...scoring,
    kind: z.literal('numeric'),
    points: described(points, { description: 'The item’s maximum.' }),
    ranges: z.array(z.strictObject({ range: intervalSchema, points: points, label: z.optional(localizedTextSchema) })).check(z.minLength(1)),
    domain: described(z.optional(intervalSchema), { description: 'The values an answer may take; the ranges must tile it. Default: the union of the ranges.' }),
    measure: described(z.optional(measureRuleSchema), { description: 'The measure whose value is the answer (e.g. agent.speechRate), from a timed transcript.' }),
  }),
  { id: 'NumericItem', title: 'Numeric item', description: 'A measured value (seconds, a count…) mapped to points by ranges.' },
);

const scaleItem = described(
  z.strictObject({
    ...scoring,
    kind: z.literal('scale'),
    points: described(points, { description: 'Points at the top of the scale.' }),
    scale: z.strictObject({ min: wholeNumber, max: wholeNumber }),
  }),
  { id: 'ScaleItem', title: 'Scale item', description: 'An n-point scale (e.g. 1–5): points = (answer − min)/(max − min) × points.' },
);

const commentItem = described(z.strictObject({ ...common, kind: z.literal('comment'), required: z.optional(z.boolean()) }), {
  id: 'CommentField',
  title: 'Comment field',
  description: 'Free text for the coach; never scored.',
});

const penaltyItem = described(
  z.strictObject({
    ...common,
    kind: z.literal('penalty'),
    perOccurrence: described(positive, { description: 'Points deducted per occurrence, e.g. 2 for “−2 per forbidden word”.' }),
    maxOccurrences: z.optional(wholeNumber.check(z.positive())),
    maxDeduction: described(z.optional(positive), { description: 'The most this item may deduct in one call.' }),
    phrases: described(z.optional(phraseRuleSchema), { description: 'Forbidden phrases: each hit is one occurrence.' }),
    measure: described(z.optional(measureRuleSchema), { description: 'A count measure (each is one occurrence), or a test (one occurrence when it holds).' }),
    required: z.optional(z.boolean()),
  }),
  { id: 'Penalty', title: 'Penalty', description: 'Deducts from its section per occurrence. Answer: a count (or true = 1).' },
);

const fatalItem = described(
  z.strictObject({
    ...common,
    kind: z.literal('fatal'),
    scope: fatalScope,
    phrases: described(z.optional(phraseRuleSchema), { description: 'Any hit triggers it (e.g. reading out an ID number).' }),
    measure: described(z.optional(measureRuleSchema), { description: 'A test on the timed transcript’s measures: holds → breach.' }),
    required: z.optional(z.boolean()),
  }),
  { id: 'FatalItem', title: 'Fatal (auto-fail) item', description: 'Answer true when the breach happened.' },
);

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
  description: z.optional(localizedTextSchema),
  weight: described(z.optional(positive), { description: 'Section-weighted mode: the section’s percentage of the total.' }),
  max: described(z.optional(nonNegative), { description: 'Cap: the section never earns more than this (the seed’s attitude section lists 23 points, capped at 20).' }),
  floor: described(z.optional(decimal), { description: 'The section never goes below this after penalties (default 0).' }),
  when: described(z.optional(conditionSchema), { description: 'Applies only to calls whose attributes match; otherwise all its items are N/A.' }),
  items: z.array(itemSchema).check(z.minLength(1)),
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
  passing: described(z.optional(z.boolean()), { description: 'Does a call in this band pass? Default true.' }),
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
export const rubricSchema = described(
  z.strictObject({
    $schema: z.optional(z.string()),
    id,
    version: z.string().check(z.minLength(1)),
    effectiveFrom: z.optional(isoDate),
    effectiveTo: z.optional(isoDate),
    name: localizedTextSchema,
    description: z.optional(localizedTextSchema),
    locale: described(z.optional(z.enum(LOCALES)), { description: 'The fallback language for labels (default zh-CN).' }),
    scoring: z.strictObject({
      mode: z.enum(['points-sum', 'section-weighted', 'item-weighted']),
      na: described(z.optional(z.enum(['exclude', 'full-marks'])), {
        description: 'exclude (default): N/A leaves earned and possible, weights renormalise; full-marks: N/A earns the item’s points.',
      }),
      scale: described(z.optional(positive), {
        description: 'The final score’s maximum: default 100 in weighted modes, the sum of the sections in points-sum mode (set it to report a points form out of 100).',
      }),
      floor: described(z.optional(decimal), { description: 'The final score never goes below this (default 0).' }),
      bonusCap: described(z.optional(nonNegative), { description: 'The most bonus points a call may add.' }),
      rounding: described(
        z.optional(
          z.strictObject({
            decimals: z.number().check(z.int()).check(z.gte(0)).check(z.lte(6)),
            mode: z.optional(z.enum(['half-up', 'half-even'])),
          }),
        ),
        { description: 'Applied once, to each reported figure. Default 2 decimals, half-up.' },
      ),
    }),
    phraseMatching: described(
      z.optional(
        z.strictObject({
          speakers: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
          variants: z.optional(z.enum(['none', 'zh-hant-to-hans'])),
          ignoreWhitespace: z.optional(z.boolean()),
          caseFold: z.optional(z.boolean()),
        }),
      ),
      { description: 'Whose turns are matched (default ["agent"]) and how text is normalised.' },
    ),
    rootCauses: described(z.optional(z.array(z.string().check(z.minLength(1)))), { description: 'The root-cause tags evaluators may use.' }),
    sections: z.array(sectionSchema).check(z.minLength(1)),
    grades: z.optional(z.array(gradeSchema).check(z.minLength(1))),
  }),
  { title: 'callqa rubric', description: 'A contact centre’s call scorecard.' },
);

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
