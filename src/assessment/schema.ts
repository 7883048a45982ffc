/**
 * The monthly-assessment plan format: a centre's 绩效考核 table as JSON. This
 * zod schema is the single source of the TypeScript types, the validation and
 * the committed JSON Schema (rubrics/plan.schema.json). Rules spanning fields
 * (weights summing to 100, bands tiling their domain, formulas naming declared
 * metrics) are checked after parsing, in load.ts, so every problem is reported.
 */
import { z } from 'zod';
import { KPI_NAMES } from '../kpis/types.js';
import { intervalSchema } from '../bands/interval.js';
import { LOCALES, localizedTextSchema } from '../localize/localize.js';

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'ids are letters, digits, "_", "-" or "." and start with a letter or digit' })
  .meta({ description: 'A stable identifier, unique within the plan.' });

/**
 * A metric name is also a formula symbol, hence the identifier syntax.
 *
 * @example
 * ```ts
 * metricNameSchema.parse('missedRate'); // 'missedRate'
 * ```
 */
export const metricNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'metric names are identifiers: letters, digits and "_", not starting with a digit' })
  .meta({ description: 'A metric declared in `metrics`.' });

const isoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD, in the centre’s time zone.' });
const num = z.number().finite();
const positive = z.number().finite().positive();
const better = z
  .enum(['higher', 'lower'])
  .meta({ description: 'Which direction is an improvement: used by comparisons, ranking tie-breaks and the monotonicity guarantee.' });

/**
 * The standard KPIs a metric can be computed as (see src/kpis).
 *
 * @example
 * ```ts
 * KPI_METRICS.includes('missedCallRate'); // true
 * ```
 */
export const KPI_METRICS = KPI_NAMES;

const describe = { label: localizedTextSchema.optional(), description: localizedTextSchema.optional() };

const kpiMetric = z
  .strictObject({
    ...describe,
    kpi: z.enum(KPI_METRICS).meta({ description: 'A standard KPI computed exactly from the agent’s raw counts and durations.' }),
    better,
    unit: z
      .enum(['percent', 'ratio'])
      .optional()
      .meta({ description: 'Rates only: 0–100 (default) or 0–1.' }),
    thresholdMinutes: z.number().finite().nonnegative().optional().meta({ description: 'notReadyOccurrences only: a day counts when its not-ready minutes are strictly above this (default 30).' }),
    excludeShortAbandons: z.boolean().optional().meta({ description: 'Abandon rate and service levels: drop short abandons (default false).' }),
  })
  .meta({ id: 'KpiMetric', title: 'KPI metric', description: 'A standard KPI from the raw per-agent data (src/kpis).' });

const fieldMetric = z
  .strictObject({
    ...describe,
    field: z.string().min(1).meta({ description: 'The name of a value in each agent’s metrics record, taken as is (e.g. examScore).' }),
    better,
    range: intervalSchema.optional().meta({ description: 'Values outside this interval are rejected with an issue (e.g. "[0, 100]" for a percentage).' }),
    integer: z.boolean().optional().meta({ description: 'Must the value be a whole number (a count)? Default false.' }),
  })
  .meta({ id: 'FieldMetric', title: 'Field metric', description: 'A value supplied directly per agent: an exam score, a complaint count …' });

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
  description: localizedTextSchema.optional(),
  weight: positive.meta({ description: 'The component’s share of the total, in percent; all weights sum to 100. Contribution = points × weight / max points.' }),
};

const qaComponent = z
  .strictObject({
    ...common,
    type: z.literal('qa'),
    rubric: z.string().min(1).optional().meta({ description: 'Only calls scored with this rubric id count (default: every call).' }),
    minCalls: z.number().int().min(1).optional().meta({ description: 'Fewer evaluated calls in the period than this is an insufficient sample (default 1).' }),
    insufficient: z
      .enum(['renormalise', 'zero', 'incomplete'])
      .optional()
      .meta({ description: 'With an insufficient sample: renormalise (drop the component, rescale the others to 100), zero (0 points), or incomplete (no total; default).' }),
    max: positive.optional().meta({ description: 'The call-score scale (default 100). Points = the exact mean of the call scores.' }),
  })
  .meta({ id: 'QaComponent', title: 'QA component', description: 'The mean of the agent’s call scores in the period.' });

const band = z
  .strictObject({
    range: intervalSchema,
    points: num,
    label: localizedTextSchema.optional(),
  })
  .meta({ id: 'Band', description: 'Metric values in `range` earn `points`.' });

const bandedComponent = z
  .strictObject({
    ...common,
    type: z.literal('banded'),
    metric: metricNameSchema,
    domain: intervalSchema.meta({ description: 'Every value the metric can take; the bands must tile it without gap or overlap.' }),
    bands: z.array(band).min(1),
  })
  .meta({ id: 'BandedComponent', title: 'Banded component', description: 'A table from a metric value to points.' });

const threshold = z
  .strictObject({
    atLeast: z.number().finite().nonnegative().meta({ description: 'From this many occurrences on (inclusive)…' }),
    points: num.meta({ description: '…the component scores exactly this (overrides the per-occurrence arithmetic).' }),
  })
  .meta({ id: 'DeductionThreshold' });

const deductionComponent = z
  .strictObject({
    ...common,
    type: z.literal('deduction'),
    metric: metricNameSchema.meta({ description: 'A count of occurrences (≥ 0).' }),
    start: positive.meta({ description: 'Points with no occurrence (the component’s maximum).' }),
    perOccurrence: positive.meta({ description: 'Points deducted per occurrence.' }),
    floor: num.optional().meta({ description: 'The per-occurrence arithmetic never goes below this (default 0).' }),
    thresholds: z.array(threshold).optional().meta({ description: 'Fixed results from a number of occurrences on; the highest reached applies.' }),
    allowNegative: z.boolean().optional().meta({ description: 'Must be true for a negative floor or threshold: the component can then lower the total.' }),
  })
  .meta({ id: 'DeductionComponent', title: 'Deduction component', description: 'Points per occurrence with thresholds and a floor.' });

const reference = z
  .union([
    z.strictObject({ constant: num }),
    z.strictObject({
      scope: z.enum(['centre', 'team']),
      aggregate: z
        .enum(['pooled', 'mean', 'median'])
        .optional()
        .meta({ description: 'pooled: the KPI over the summed raw data (a centre AHT; default for KPI metrics); mean / median of the agents’ values (default mean for field metrics).' }),
    }),
  ])
  .meta({ id: 'Reference', description: 'A constant, or the metric computed from the same data for the agent’s team or the whole centre.' });

const comparisonComponent = z
  .strictObject({
    ...common,
    type: z.literal('comparison'),
    metric: metricNameSchema,
    reference,
    points: positive.meta({ description: 'Points when the agent’s value is better than, or equal to, the reference.' }),
    otherwise: num.optional().meta({ description: 'Points otherwise (default 0).' }),
    strict: z.boolean().optional().meta({ description: 'Require strictly better (equal earns `otherwise`); default false.' }),
  })
  .meta({ id: 'ComparisonComponent', title: 'Comparison component', description: 'Full points when the agent’s metric is at least as good as a reference.' });

const gateComponent = z
  .strictObject({
    ...common,
    type: z.literal('gate'),
    points: positive,
    zeroWhen: z
      .strictObject({
        metric: metricNameSchema,
        op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
        value: num,
      })
      .meta({ description: 'When `metric op value` holds, the component scores 0; otherwise `points`.' }),
  })
  .meta({ id: 'GateComponent', title: 'Gate component', description: 'A condition that zeroes the component (an upheld complaint).' });

const formulaComponent = z
  .strictObject({
    ...common,
    type: z.literal('formula'),
    expression: z
      .string()
      .min(1)
      .max(1000)
      .meta({ description: 'A mathjs expression over declared metric names: arithmetic, comparisons, and/or/not, a ? b : c, and min max abs round floor ceil sqrt mean median sign clamp.' }),
    max: positive.meta({ description: 'The most points the component can give; results above are clamped.' }),
    min: num.optional().meta({ description: 'The fewest points (default 0); results below are clamped. Negative needs allowNegative.' }),
    allowNegative: z.boolean().optional(),
  })
  .meta({ id: 'FormulaComponent', title: 'Formula component', description: 'Points computed by a sandboxed mathjs expression, compiled once at load.' });

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

const grade = z
  .strictObject({
    id,
    label: localizedTextSchema,
    range: intervalSchema,
    passing: z.boolean().optional(),
  })
  .meta({ id: 'PlanGrade', description: 'A grade band over the total; bands tile the plan’s total range.' });

const tierBand = z.strictObject({ id, label: localizedTextSchema, range: intervalSchema });
const tierShare = z.strictObject({
  id,
  label: localizedTextSchema,
  share: positive.max(100).meta({ description: 'Percent of the ranked agents, taken from the top.' }),
});

const tiers = z
  .union([
    z.strictObject({
      by: z.literal('band'),
      tiers: z.array(tierBand).min(1).meta({ description: 'Best tier first; the ranges tile the plan’s total range.' }),
    }),
    z.strictObject({
      by: z.literal('quantile'),
      tiers: z.array(tierShare).min(1).meta({ description: 'Best tier first; shares sum to 100.' }),
    }),
  ])
  .meta({ id: 'Tiers', description: 'PDCA tiers: by bands of the total, or by rank quantile.' });

const tieBreak = z.union([
  z.strictObject({ component: id, order: z.enum(['desc', 'asc']).optional() }),
  z.strictObject({ metric: metricNameSchema, order: z.enum(['desc', 'asc']).optional() }),
]);

/**
 * The zod schema of an assessment plan file.
 *
 * @example
 * ```ts
 * planSchema.safeParse(JSON.parse(text)).success;
 * ```
 */
export const planSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal('plan'),
    id,
    version: z.string().min(1),
    label: localizedTextSchema,
    description: localizedTextSchema.optional(),
    locale: z.enum(LOCALES).optional().meta({ description: 'The language of the labels (default zh-CN).' }),
    effectiveFrom: isoDate.optional(),
    effectiveTo: isoDate.optional(),
    timeZone: z.string().min(1).optional().meta({ description: 'The centre’s IANA time zone, used when a period is given by id (e.g. Asia/Shanghai).' }),
    period: z
      .union([z.strictObject({ kind: z.literal('month') }), z.strictObject({ kind: z.literal('cycle'), startDay: z.number().int().min(1).max(28) })])
      .optional()
      .meta({ description: 'How an assessment period is cut: calendar month (default) or a cycle starting on startDay.' }),
    rounding: z
      .strictObject({ decimals: z.number().int().min(0).max(6), mode: z.enum(['half-up', 'half-even']).optional() })
      .optional()
      .meta({ description: 'How totals and points are printed: rounded once, from the exact value (default 2 decimals, half-up).' }),
    metrics: z.record(metricNameSchema, metricSchema).optional().meta({ description: 'Named metrics the components read.' }),
    components: z.array(componentSchema).min(1),
    grades: z.array(grade).optional(),
    tiers: tiers.optional(),
    ranking: z
      .strictObject({ tieBreak: z.array(tieBreak).optional() })
      .optional()
      .meta({ description: 'Agents rank by total (as printed), then by these, then by agent id.' }),
  })
  .meta({ id: 'Plan', title: 'callqa assessment plan', description: 'A monthly assessment plan: weighted components over QA scores and operational KPIs.' });

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
