/**
 * The monthly-assessment plan format: a centre's 绩效考核 table as JSON. This
 * zod schema is the single source of the TypeScript types, the validation and
 * the committed JSON Schema (rubrics/plan.schema.json). Rules spanning fields
 * (weights summing to 100, bands tiling their domain, formulas naming declared
 * metrics) are checked after parsing, in load.ts, so every problem is reported.
 */
import * as z from 'zod/mini';
import { KPI_NAMES } from '../kpis/types.js';
import { intervalSchema } from '../bands/interval.js';
import { LOCALES, localizedTextSchema } from '../localize/localize.js';
import { exactNumberCheck } from '../issues/numbers.js';
import { documented } from '../issues/zod.js';

const id = documented(
  z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'ids are letters, digits, "_", "-" or "." and start with a letter or digit' })),
  'plan:id',
);

/**
 * A metric name is also a formula symbol, hence the identifier syntax.
 *
 * @example
 * ```ts
 * metricNameSchema.parse('missedRate'); // 'missedRate'
 * ```
 */
export const metricNameSchema = documented(
  z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'metric names are identifiers: letters, digits and "_", not starting with a digit' })),
  'plan:metricNameSchema',
);

const isoDate = documented(z.iso.date(), 'plan:isoDate');
// zod 4 numbers are finite already (classic `.finite()` was a no-op).
/** Numbers callqa holds exactly (src/issues/numbers.ts): at most 10^9 in size, 6 decimal places. */
const num = z.number().check(exactNumberCheck);
const positive = z.number().check(z.positive(), exactNumberCheck);
const better = documented(z.enum(['higher', 'lower']), 'plan:better');

/**
 * The standard KPIs a metric can be computed as (see src/kpis).
 *
 * @example
 * ```ts
 * KPI_METRICS.includes('missedCallRate'); // true
 * ```
 */
export const KPI_METRICS = KPI_NAMES;

const describe = { label: z.optional(localizedTextSchema), description: z.optional(localizedTextSchema) };

const kpiMetric = documented(
  z.strictObject({
    ...describe,
    kpi: documented(z.enum(KPI_METRICS), 'plan:kpiMetric.kpi'),
    better,
    unit: documented(z.optional(z.enum(['percent', 'ratio'])), 'plan:kpiMetric.unit'),
    thresholdMinutes: documented(z.optional(z.number().check(z.nonnegative(), exactNumberCheck)), 'plan:kpiMetric.thresholdMinutes'),
    excludeShortAbandons: documented(z.optional(z.boolean()), 'plan:kpiMetric.excludeShortAbandons'),
  }),
  'plan:kpiMetric',
);

const fieldMetric = documented(
  z.strictObject({
    ...describe,
    field: documented(z.string().check(z.minLength(1)), 'plan:fieldMetric.field'),
    better,
    range: documented(z.optional(intervalSchema), 'plan:fieldMetric.range'),
    integer: documented(z.optional(z.boolean()), 'plan:fieldMetric.integer'),
  }),
  'plan:fieldMetric',
);

/**
 * The zod schema of a metric definition.
 *
 * @example
 * ```ts
 * metricSchema.parse({ kpi: 'averageHandleTime', better: 'lower' });
 * ```
 */
export const metricSchema = z.union([kpiMetric, fieldMetric]);

const common = {
  id,
  label: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  weight: documented(positive, 'plan:common.weight'),
};

const qaComponent = documented(
  z.strictObject({
    ...common,
    type: z.literal('qa'),
    rubric: documented(z.optional(z.string().check(z.minLength(1))), 'plan:qaComponent.rubric'),
    minCalls: documented(z.optional(z.number().check(z.int()).check(z.gte(1), exactNumberCheck)), 'plan:qaComponent.minCalls'),
    insufficient: documented(z.optional(z.enum(['renormalise', 'zero', 'incomplete'])), 'plan:qaComponent.insufficient'),
    max: documented(z.optional(positive), 'plan:qaComponent.max'),
  }),
  'plan:qaComponent',
);

const band = documented(
  z.strictObject({
    range: intervalSchema,
    points: num,
    label: z.optional(localizedTextSchema),
  }),
  'plan:band',
);

const bandedComponent = documented(
  z.strictObject({
    ...common,
    type: z.literal('banded'),
    metric: metricNameSchema,
    domain: documented(intervalSchema, 'plan:bandedComponent.domain'),
    bands: z.array(band).check(z.minLength(1)),
  }),
  'plan:bandedComponent',
);

const threshold = documented(
  z.strictObject({
    atLeast: documented(z.number().check(z.nonnegative(), exactNumberCheck), 'plan:threshold.atLeast'),
    points: documented(num, 'plan:threshold.points'),
  }),
  'plan:threshold',
);

const deductionComponent = documented(
  z.strictObject({
    ...common,
    type: z.literal('deduction'),
    metric: documented(metricNameSchema, 'plan:deductionComponent.metric'),
    start: documented(positive, 'plan:deductionComponent.start'),
    perOccurrence: documented(positive, 'plan:deductionComponent.perOccurrence'),
    floor: documented(z.optional(num), 'plan:deductionComponent.floor'),
    thresholds: documented(z.optional(z.array(threshold)), 'plan:deductionComponent.thresholds'),
    allowNegative: documented(z.optional(z.boolean()), 'plan:deductionComponent.allowNegative'),
  }),
  'plan:deductionComponent',
);

const reference = documented(
  z.union([
    z.strictObject({ constant: num }),
    z.strictObject({
      scope: z.enum(['centre', 'team']),
      aggregate: documented(z.optional(z.enum(['pooled', 'mean', 'median'])), 'plan:reference.aggregate'),
    }),
  ]),
  'plan:reference',
);

const comparisonComponent = documented(
  z.strictObject({
    ...common,
    type: z.literal('comparison'),
    metric: metricNameSchema,
    reference,
    points: documented(positive, 'plan:comparisonComponent.points'),
    otherwise: documented(z.optional(num), 'plan:comparisonComponent.otherwise'),
    strict: documented(z.optional(z.boolean()), 'plan:comparisonComponent.strict'),
  }),
  'plan:comparisonComponent',
);

const gateComponent = documented(
  z.strictObject({
    ...common,
    type: z.literal('gate'),
    points: positive,
    zeroWhen: documented(
      z.strictObject({
        metric: metricNameSchema,
        op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
        value: num,
      }),
      'plan:gateComponent.zeroWhen',
    ),
  }),
  'plan:gateComponent',
);

const formulaComponent = documented(
  z.strictObject({
    ...common,
    type: z.literal('formula'),
    expression: documented(z.string().check(z.minLength(1)).check(z.maxLength(1000)), 'plan:formulaComponent.expression'),
    max: documented(positive, 'plan:formulaComponent.max'),
    min: documented(z.optional(num), 'plan:formulaComponent.min'),
    allowNegative: z.optional(z.boolean()),
  }),
  'plan:formulaComponent',
);

/**
 * The zod schema of one component (discriminated by `type`).
 *
 * @example
 * ```ts
 * componentSchema.parse({ id: 'qa', type: 'qa', label: '质检', weight: 70 });
 * ```
 */
export const componentSchema = z.discriminatedUnion('type', [
  qaComponent,
  bandedComponent,
  deductionComponent,
  comparisonComponent,
  gateComponent,
  formulaComponent,
]);

const grade = documented(
  z.strictObject({
    id,
    label: localizedTextSchema,
    range: intervalSchema,
    passing: z.optional(z.boolean()),
  }),
  'plan:grade',
);

const tierBand = z.strictObject({ id, label: localizedTextSchema, range: intervalSchema });
const tierShare = z.strictObject({
  id,
  label: localizedTextSchema,
  share: documented(positive.check(z.lte(100)), 'plan:tierShare.share'),
});

const tiers = documented(
  z.union([
    z.strictObject({
      by: z.literal('band'),
      tiers: documented(z.array(tierBand).check(z.minLength(1)), 'plan:tiers.tiers'),
    }),
    z.strictObject({
      by: z.literal('quantile'),
      tiers: documented(z.array(tierShare).check(z.minLength(1)), 'plan:tiers.tiers#2'),
    }),
  ]),
  'plan:tiers',
);

const tieBreak = z.union([
  z.strictObject({ component: id, order: z.optional(z.enum(['desc', 'asc'])) }),
  z.strictObject({ metric: metricNameSchema, order: z.optional(z.enum(['desc', 'asc'])) }),
]);

/**
 * The zod schema of an assessment plan file.
 *
 * @example
 * ```ts
 * planSchema.safeParse(JSON.parse(text)).success;
 * ```
 */
export const planSchema = documented(
  z.strictObject({
    $schema: z.optional(z.string()),
    kind: z.literal('plan'),
    id,
    version: z.string().check(z.minLength(1)),
    label: localizedTextSchema,
    description: z.optional(localizedTextSchema),
    locale: documented(z.optional(z.enum(LOCALES)), 'plan:planSchema.locale'),
    effectiveFrom: z.optional(isoDate),
    effectiveTo: z.optional(isoDate),
    timeZone: documented(z.optional(z.string().check(z.minLength(1))), 'plan:planSchema.timeZone'),
    period: documented(
      z.optional(
        z.union([
          z.strictObject({ kind: z.literal('month') }),
          z.strictObject({ kind: z.literal('cycle'), startDay: z.number().check(z.int()).check(z.gte(1)).check(z.lte(28)) }),
        ]),
      ),
      'plan:planSchema.period',
    ),
    rounding: documented(
      z.optional(z.strictObject({ decimals: z.number().check(z.int()).check(z.gte(0)).check(z.lte(6)), mode: z.optional(z.enum(['half-up', 'half-even'])) })),
      'plan:planSchema.rounding',
    ),
    metrics: documented(z.optional(z.record(metricNameSchema, metricSchema)), 'plan:planSchema.metrics'),
    components: z.array(componentSchema).check(z.minLength(1)),
    grades: z.optional(z.array(grade)),
    tiers: z.optional(tiers),
    ranking: documented(z.optional(z.strictObject({ tieBreak: z.optional(z.array(tieBreak)) })), 'plan:planSchema.ranking'),
  }),
  'plan:planSchema',
);

/** A plan as written (parsed JSON). @example `const def: PlanDefinition = planSchema.parse(json);` */
export type PlanDefinition = z.infer<typeof planSchema>;
/** One component as written. @example `const c: ComponentDefinition = plan.definition.components[0]!;` */
export type ComponentDefinition = z.infer<typeof componentSchema>;
/** A metric definition as written. @example `const m: MetricDefinition = { field: 'examScore', better: 'higher' };` */
export type MetricDefinition = z.infer<typeof metricSchema>;
/** The component types. @example `const t: ComponentType = 'banded';` */
export type ComponentType = ComponentDefinition['type'];
/** A KPI a metric can be. @example `const k: KpiMetricName = 'firstContactResolution';` */
export type KpiMetricName = (typeof KPI_METRICS)[number];
