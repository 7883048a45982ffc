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
import { documented } from '../issues/zod.js';
import { LOCALES, localizedTextSchema } from '../localize/localize.js';
import { measureRuleSchema } from './measure-rule.js';

const id = documented(
  z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'ids are letters, digits, "_", "-" or "." and start with a letter or digit' })),
  'rubric:id',
);

const isoDate = documented(z.iso.date(), 'rubric:isoDate');

/**
 * Numbers must be ones callqa holds exactly (src/issues/numbers.ts): at most
 * 10^9 in size (`too_large`) and 6 decimal places (`too_precise`).
 * (zod 4 numbers are finite already.)
 */
const decimal = z.number().check(exactNumberCheck);
/** Points as written: a decimal number (exact arithmetic keeps 0.1 + 0.2 = 0.3). */
const points = documented(decimal, 'rubric:points');
const positive = z.number().check(z.positive(), exactNumberCheck);
const nonNegative = z.number().check(z.nonnegative(), exactNumberCheck);
const wholeNumber = z.number().check(z.int(), exactNumberCheck);

const fatalScope = documented(z.enum(['call', 'section', 'flag']), 'rubric:fatalScope');

/**
 * Phrase matching declared on an item: the item's answer is derived from the agent's turns.
 *
 * @example
 * ```ts
 * phraseRuleSchema.parse({ phrases: ['您好'], window: { from: 'start', turns: 1 } });
 * ```
 */
export const phraseRuleSchema = documented(
  z.strictObject({
    phrases: documented(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), 'rubric:phraseRuleSchema.phrases'),
    match: documented(z.optional(z.enum(['any', 'all'])), 'rubric:phraseRuleSchema.match'),
    window: documented(
      z.optional(
        z.strictObject({
          from: z.enum(['start', 'end']),
          turns: z.number().check(z.int()).check(z.positive()),
        }),
      ),
      'rubric:phraseRuleSchema.window',
    ),
  }),
  'rubric:phraseRuleSchema',
);

const common = {
  id,
  label: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  when: documented(z.optional(conditionSchema), 'rubric:common.when'),
  rootCauses: documented(z.optional(z.array(z.string().check(z.minLength(1)))), 'rubric:common.rootCauses'),
};

const scoring = {
  ...common,
  na: documented(z.optional(z.boolean()), 'rubric:scoring.na'),
  critical: documented(z.optional(z.boolean()), 'rubric:scoring.critical'),
  weight: documented(z.optional(positive), 'rubric:scoring.weight'),
  bonus: documented(z.optional(z.boolean()), 'rubric:scoring.bonus'),
  required: documented(z.optional(z.boolean()), 'rubric:scoring.required'),
  autoFail: documented(
    z.optional(
      z.strictObject({
        scope: fatalScope,
        when: z.optional(z.array(z.union([z.boolean(), z.string(), z.number()])).check(z.minLength(1))),
      }),
    ),
    'rubric:scoring.autoFail',
  ),
};

const yesNoItem = documented(
  z.strictObject({
    ...scoring,
    kind: z.literal('yes-no'),
    points: points,
    noPoints: documented(z.optional(points), 'rubric:yesNoItem.noPoints'),
    phrases: documented(z.optional(phraseRuleSchema), 'rubric:yesNoItem.phrases'),
    measure: documented(z.optional(measureRuleSchema), 'rubric:yesNoItem.measure'),
  }),
  'rubric:yesNoItem',
);

const levelSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  points: points,
  description: z.optional(localizedTextSchema),
});

const levelsItem = documented(
  z.strictObject({
    ...scoring,
    kind: z.literal('levels'),
    points: documented(points, 'rubric:levelsItem.points'),
    levels: z.array(levelSchema).check(z.minLength(2)),
  }),
  'rubric:levelsItem',
);

const numericItem = documented(
  z.strictObject({
    ...scoring,
    kind: z.literal('numeric'),
    points: documented(points, 'rubric:numericItem.points'),
    ranges: z.array(z.strictObject({ range: intervalSchema, points: points, label: z.optional(localizedTextSchema) })).check(z.minLength(1)),
    domain: documented(z.optional(intervalSchema), 'rubric:numericItem.domain'),
    measure: documented(z.optional(measureRuleSchema), 'rubric:numericItem.measure'),
  }),
  'rubric:numericItem',
);

const scaleItem = documented(
  z.strictObject({
    ...scoring,
    kind: z.literal('scale'),
    points: documented(points, 'rubric:scaleItem.points'),
    scale: z.strictObject({ min: wholeNumber, max: wholeNumber }),
  }),
  'rubric:scaleItem',
);

const commentItem = documented(z.strictObject({ ...common, kind: z.literal('comment'), required: z.optional(z.boolean()) }), 'rubric:commentItem');

const penaltyItem = documented(
  z.strictObject({
    ...common,
    kind: z.literal('penalty'),
    perOccurrence: documented(positive, 'rubric:penaltyItem.perOccurrence'),
    maxOccurrences: z.optional(wholeNumber.check(z.positive())),
    maxDeduction: documented(z.optional(positive), 'rubric:penaltyItem.maxDeduction'),
    phrases: documented(z.optional(phraseRuleSchema), 'rubric:penaltyItem.phrases'),
    measure: documented(z.optional(measureRuleSchema), 'rubric:penaltyItem.measure'),
    required: z.optional(z.boolean()),
  }),
  'rubric:penaltyItem',
);

const fatalItem = documented(
  z.strictObject({
    ...common,
    kind: z.literal('fatal'),
    scope: fatalScope,
    phrases: documented(z.optional(phraseRuleSchema), 'rubric:fatalItem.phrases'),
    measure: documented(z.optional(measureRuleSchema), 'rubric:fatalItem.measure'),
    required: z.optional(z.boolean()),
  }),
  'rubric:fatalItem',
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
  weight: documented(z.optional(positive), 'rubric:sectionSchema.weight'),
  max: documented(z.optional(nonNegative), 'rubric:sectionSchema.max'),
  floor: documented(z.optional(decimal), 'rubric:sectionSchema.floor'),
  when: documented(z.optional(conditionSchema), 'rubric:sectionSchema.when'),
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
  passing: documented(z.optional(z.boolean()), 'rubric:gradeSchema.passing'),
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
export const rubricSchema = documented(
  z.strictObject({
    $schema: z.optional(z.string()),
    id,
    version: z.string().check(z.minLength(1)),
    effectiveFrom: z.optional(isoDate),
    effectiveTo: z.optional(isoDate),
    name: localizedTextSchema,
    description: z.optional(localizedTextSchema),
    locale: documented(z.optional(z.enum(LOCALES)), 'rubric:rubricSchema.locale'),
    scoring: z.strictObject({
      mode: z.enum(['points-sum', 'section-weighted', 'item-weighted']),
      na: documented(z.optional(z.enum(['exclude', 'full-marks'])), 'rubric:rubricSchema.scoring.na'),
      scale: documented(z.optional(positive), 'rubric:rubricSchema.scoring.scale'),
      floor: documented(z.optional(decimal), 'rubric:rubricSchema.scoring.floor'),
      bonusCap: documented(z.optional(nonNegative), 'rubric:rubricSchema.scoring.bonusCap'),
      rounding: documented(
        z.optional(
          z.strictObject({
            decimals: z.number().check(z.int()).check(z.gte(0)).check(z.lte(6)),
            mode: z.optional(z.enum(['half-up', 'half-even'])),
          }),
        ),
        'rubric:rubricSchema.scoring.rounding',
      ),
    }),
    phraseMatching: documented(
      z.optional(
        z.strictObject({
          speakers: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
          variants: z.optional(z.enum(['none', 'zh-hant-to-hans'])),
          ignoreWhitespace: z.optional(z.boolean()),
          caseFold: z.optional(z.boolean()),
        }),
      ),
      'rubric:rubricSchema.phraseMatching',
    ),
    rootCauses: documented(z.optional(z.array(z.string().check(z.minLength(1)))), 'rubric:rubricSchema.rootCauses'),
    sections: z.array(sectionSchema).check(z.minLength(1)),
    grades: z.optional(z.array(gradeSchema).check(z.minLength(1))),
  }),
  'rubric:rubricSchema',
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
