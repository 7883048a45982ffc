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
import { described } from '../issues/zod.js';

const id = described(
  z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'ids are letters, digits, "_", "-" or "." and start with a letter or digit' })),
  { description: 'A stable identifier, unique within the plan.' },
);

/**
 * A metric name is also a formula symbol, hence the identifier syntax.
 *
 * @example
 * ```ts
 * metricNameSchema.parse('missedRate'); // 'missedRate'
 * ```
 */
export const metricNameSchema = described(
  z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'metric names are identifiers: letters, digits and "_", not starting with a digit' })),
  { description: 'A metric declared in `metrics`.' },
);

const isoDate = described(z.iso.date(), { description: 'A calendar date, YYYY-MM-DD, in the centre’s time zone.' });
// zod 4 numbers are finite already (classic `.finite()` was a no-op).
/** Numbers callqa holds exactly (src/issues/numbers.ts): at most 10^9 in size, 6 decimal places. */
const num = z.number().check(exactNumberCheck);
const positive = z.number().check(z.positive(), exactNumberCheck);
const better = described(z.enum(['higher', 'lower']), {
  description: 'Which direction is an improvement: used by comparisons, ranking tie-breaks and the monotonicity guarantee.',
});

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

const kpiMetric = described(
  z.strictObject({
    ...describe,
    kpi: described(z.enum(KPI_METRICS), { description: 'A standard KPI computed exactly from the agent’s raw counts and durations.' }),
    better,
    unit: described(z.optional(z.enum(['percent', 'ratio'])), { description: 'Rates only: 0–100 (default) or 0–1.' }),
    thresholdMinutes: described(z.optional(z.number().check(z.nonnegative(), exactNumberCheck)), {
      description: 'notReadyOccurrences only: a day counts when its not-ready minutes are strictly above this (default 30).',
    }),
    excludeShortAbandons: described(z.optional(z.boolean()), { description: 'Abandon rate and service levels: drop short abandons (default false).' }),
  }),
  { id: 'KpiMetric', title: 'KPI metric', description: 'A standard KPI from the raw per-agent data (src/kpis).' },
);

const fieldMetric = described(
  z.strictObject({
    ...describe,
    field: described(z.string().check(z.minLength(1)), { description: 'The name of a value in each agent’s metrics record, taken as is (e.g. examScore).' }),
    better,
    range: described(z.optional(intervalSchema), { description: 'Values outside this interval are rejected with an issue (e.g. "[0, 100]" for a percentage).' }),
    integer: described(z.optional(z.boolean()), { description: 'Must the value be a whole number (a count)? Default false.' }),
  }),
  { id: 'FieldMetric', title: 'Field metric', description: 'A value supplied directly per agent: an exam score, a complaint count …' },
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
  weight: described(positive, { description: 'The component’s share of the total, in percent; all weights sum to 100. Contribution = points × weight / max points.' }),
};

const qaComponent = described(
  z.strictObject({
    ...common,
    type: z.literal('qa'),
    rubric: described(z.optional(z.string().check(z.minLength(1))), { description: 'Only calls scored with this rubric id count (default: every call).' }),
    minCalls: described(z.optional(z.number().check(z.int()).check(z.gte(1), exactNumberCheck)), {
      description: 'Fewer evaluated calls in the period than this is an insufficient sample (default 1).',
    }),
    insufficient: described(z.optional(z.enum(['renormalise', 'zero', 'incomplete'])), {
      description: 'With an insufficient sample: renormalise (drop the component, rescale the others to 100), zero (0 points), or incomplete (no total; default).',
    }),
    max: described(z.optional(positive), { description: 'The call-score scale (default 100). Points = the exact mean of the call scores.' }),
  }),
  { id: 'QaComponent', title: 'QA component', description: 'The mean of the agent’s call scores in the period.' },
);

const band = described(
  z.strictObject({
    range: intervalSchema,
    points: num,
    label: z.optional(localizedTextSchema),
  }),
  { id: 'Band', description: 'Metric values in `range` earn `points`.' },
);

const bandedComponent = described(
  z.strictObject({
    ...common,
    type: z.literal('banded'),
    metric: metricNameSchema,
    domain: described(intervalSchema, { description: 'Every value the metric can take; the bands must tile it without gap or overlap.' }),
    bands: z.array(band).check(z.minLength(1)),
  }),
  { id: 'BandedComponent', title: 'Banded component', description: 'A table from a metric value to points.' },
);

const threshold = described(
  z.strictObject({
    atLeast: described(z.number().check(z.nonnegative(), exactNumberCheck), { description: 'From this many occurrences on (inclusive)…' }),
    points: described(num, { description: '…the component scores exactly this (overrides the per-occurrence arithmetic).' }),
  }),
  { id: 'DeductionThreshold' },
);

const deductionComponent = described(
  z.strictObject({
    ...common,
    type: z.literal('deduction'),
    metric: described(metricNameSchema, { description: 'A count of occurrences (≥ 0).' }),
    start: described(positive, { description: 'Points with no occurrence (the component’s maximum).' }),
    perOccurrence: described(positive, { description: 'Points deducted per occurrence.' }),
    floor: described(z.optional(num), { description: 'The per-occurrence arithmetic never goes below this (default 0).' }),
    thresholds: described(z.optional(z.array(threshold)), { description: 'Fixed results from a number of occurrences on; the highest reached applies.' }),
    allowNegative: described(z.optional(z.boolean()), { description: 'Must be true for a negative floor or threshold: the component can then lower the total.' }),
  }),
  { id: 'DeductionComponent', title: 'Deduction component', description: 'Points per occurrence with thresholds and a floor.' },
);

const reference = described(
  z.union([
    z.strictObject({ constant: num }),
    z.strictObject({
      scope: z.enum(['centre', 'team']),
      aggregate: described(z.optional(z.enum(['pooled', 'mean', 'median'])), {
        description: 'pooled: the KPI over the summed raw data (a centre AHT; default for KPI metrics); mean / median of the agents’ values (default mean for field metrics).',
      }),
    }),
  ]),
  { id: 'Reference', description: 'A constant, or the metric computed from the same data for the agent’s team or the whole centre.' },
);

const comparisonComponent = described(
  z.strictObject({
    ...common,
    type: z.literal('comparison'),
    metric: metricNameSchema,
    reference,
    points: described(positive, { description: 'Points when the agent’s value is better than, or equal to, the reference.' }),
    otherwise: described(z.optional(num), { description: 'Points otherwise (default 0).' }),
    strict: described(z.optional(z.boolean()), { description: 'Require strictly better (equal earns `otherwise`); default false.' }),
  }),
  { id: 'ComparisonComponent', title: 'Comparison component', description: 'Full points when the agent’s metric is at least as good as a reference.' },
);

const gateComponent = described(
  z.strictObject({
    ...common,
    type: z.literal('gate'),
    points: positive,
    zeroWhen: described(
      z.strictObject({
        metric: metricNameSchema,
        op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
        value: num,
      }),
      { description: 'When `metric op value` holds, the component scores 0; otherwise `points`.' },
    ),
  }),
  { id: 'GateComponent', title: 'Gate component', description: 'A condition that zeroes the component (an upheld complaint).' },
);

const formulaComponent = described(
  z.strictObject({
    ...common,
    type: z.literal('formula'),
    expression: described(z.string().check(z.minLength(1)).check(z.maxLength(1000)), {
      description: 'A mathjs expression over declared metric names: arithmetic, comparisons, and/or/not, a ? b : c, and min max abs round floor ceil sqrt mean median sign clamp.',
    }),
    max: described(positive, { description: 'The most points the component can give; results above are clamped.' }),
    min: described(z.optional(num), { description: 'The fewest points (default 0); results below are clamped. Negative needs allowNegative.' }),
    allowNegative: z.optional(z.boolean()),
  }),
  { id: 'FormulaComponent', title: 'Formula component', description: 'Points computed by a sandboxed mathjs expression, compiled once at load.' },
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

const grade = described(
  z.strictObject({
    id,
    label: localizedTextSchema,
    range: intervalSchema,
    passing: z.optional(z.boolean()),
  }),
  { id: 'PlanGrade', description: 'A grade band over the total; bands tile the plan’s total range.' },
);

const tierBand = z.strictObject({ id, label: localizedTextSchema, range: intervalSchema });
const tierShare = z.strictObject({
  id,
  label: localizedTextSchema,
  share: described(positive.check(z.lte(100)), { description: 'Percent of the ranked agents, taken from the top.' }),
});

const tiers = described(
  z.union([
    z.strictObject({
      by: z.literal('band'),
      tiers: described(z.array(tierBand).check(z.minLength(1)), { description: 'Best tier first; the ranges tile the plan’s total range.' }),
    }),
    z.strictObject({
      by: z.literal('quantile'),
      tiers: described(z.array(tierShare).check(z.minLength(1)), { description: 'Best tier first; shares sum to 100.' }),
    }),
  ]),
  { id: 'Tiers', description: 'PDCA tiers: by bands of the total, or by rank quantile.' },
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
export const planSchema = described(
  z.strictObject({
    $schema: z.optional(z.string()),
    kind: z.literal('plan'),
    id,
    version: z.string().check(z.minLength(1)),
    label: localizedTextSchema,
    description: z.optional(localizedTextSchema),
    locale: described(z.optional(z.enum(LOCALES)), { description: 'The language of the labels (default zh-CN).' }),
    effectiveFrom: z.optional(isoDate),
    effectiveTo: z.optional(isoDate),
    timeZone: described(z.optional(z.string().check(z.minLength(1))), {
      description: 'The centre’s IANA time zone, used when a period is given by id (e.g. Asia/Shanghai).',
    }),
    period: described(
      z.optional(
        z.union([
          z.strictObject({ kind: z.literal('month') }),
          z.strictObject({ kind: z.literal('cycle'), startDay: z.number().check(z.int()).check(z.gte(1)).check(z.lte(28)) }),
        ]),
      ),
      { description: 'How an assessment period is cut: calendar month (default) or a cycle starting on startDay.' },
    ),
    rounding: described(
      z.optional(z.strictObject({ decimals: z.number().check(z.int()).check(z.gte(0)).check(z.lte(6)), mode: z.optional(z.enum(['half-up', 'half-even'])) })),
      { description: 'How totals and points are printed: rounded once, from the exact value (default 2 decimals, half-up).' },
    ),
    metrics: described(z.optional(z.record(metricNameSchema, metricSchema)), { description: 'Named metrics the components read.' }),
    components: z.array(componentSchema).check(z.minLength(1)),
    grades: z.optional(z.array(grade)),
    tiers: z.optional(tiers),
    ranking: described(z.optional(z.strictObject({ tieBreak: z.optional(z.array(tieBreak)) })), {
      description: 'Agents rank by total (as printed), then by these, then by agent id.',
    }),
  }),
  { id: 'Plan', title: 'callqa assessment plan', description: 'A monthly assessment plan: weighted components over QA scores and operational KPIs.' },
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
