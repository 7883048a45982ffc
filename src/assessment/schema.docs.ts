/**
 * The descriptions, titles and $defs ids of schema.ts's schemas, for the generated JSON Schema
 * only: kept out of the schema module so that a bundle which validates (loadRubric, scoreCall)
 * does not carry the documentation text. Keys are the ones `documented` gives there.
 */
import type { SchemaDocs } from '../issues/zod.js';

/** Keyed by the schema's place in schema.ts. */
export const PLAN_SCHEMA_DOCS: SchemaDocs = {
  'plan:id': { description: 'A stable identifier, unique within the plan.' },
  'plan:metricNameSchema': { description: 'A metric declared in `metrics`.' },
  'plan:isoDate': { description: 'A calendar date, YYYY-MM-DD, in the centre’s time zone.' },
  'plan:better': {
    description: 'Which direction is an improvement: used by comparisons, ranking tie-breaks and the monotonicity guarantee.',
  },
  'plan:kpiMetric': { id: 'KpiMetric', title: 'KPI metric', description: 'A standard KPI from the raw per-agent data (src/kpis).' },
  'plan:kpiMetric.kpi': { description: 'A standard KPI computed exactly from the agent’s raw counts and durations.' },
  'plan:kpiMetric.unit': { description: 'Rates only: 0–100 (default) or 0–1.' },
  'plan:kpiMetric.thresholdMinutes': {
        description: 'notReadyOccurrences only: a day counts when its not-ready minutes are strictly above this (default 30).',
      },
  'plan:kpiMetric.excludeShortAbandons': { description: 'Abandon rate and service levels: drop short abandons (default false).' },
  'plan:fieldMetric': { id: 'FieldMetric', title: 'Field metric', description: 'A value supplied directly per agent: an exam score, a complaint count …' },
  'plan:fieldMetric.field': { description: 'The name of a value in each agent’s metrics record, taken as is (e.g. examScore).' },
  'plan:fieldMetric.range': { description: 'Values outside this interval are rejected with an issue (e.g. "[0, 100]" for a percentage).' },
  'plan:fieldMetric.integer': { description: 'Must the value be a whole number (a count)? Default false.' },
  'plan:common.weight': { description: 'The component’s share of the total, in percent; all weights sum to 100. Contribution = points × weight / max points.' },
  'plan:qaComponent': { id: 'QaComponent', title: 'QA component', description: 'The mean of the agent’s call scores in the period.' },
  'plan:qaComponent.rubric': { description: 'Only calls scored with this rubric id count (default: every call).' },
  'plan:qaComponent.minCalls': {
        description: 'Fewer evaluated calls in the period than this is an insufficient sample (default 1).',
      },
  'plan:qaComponent.insufficient': {
        description: 'With an insufficient sample: renormalise (drop the component, rescale the others to 100), zero (0 points), or incomplete (no total; default).',
      },
  'plan:qaComponent.max': { description: 'The call-score scale (default 100). Points = the exact mean of the call scores.' },
  'plan:band': { id: 'Band', description: 'Metric values in `range` earn `points`.' },
  'plan:bandedComponent': { id: 'BandedComponent', title: 'Banded component', description: 'A table from a metric value to points.' },
  'plan:bandedComponent.domain': { description: 'Every value the metric can take; the bands must tile it without gap or overlap.' },
  'plan:threshold': { id: 'DeductionThreshold' },
  'plan:threshold.atLeast': { description: 'From this many occurrences on (inclusive)…' },
  'plan:threshold.points': { description: '…the component scores exactly this (overrides the per-occurrence arithmetic).' },
  'plan:deductionComponent': { id: 'DeductionComponent', title: 'Deduction component', description: 'Points per occurrence with thresholds and a floor.' },
  'plan:deductionComponent.metric': { description: 'A count of occurrences (≥ 0).' },
  'plan:deductionComponent.start': { description: 'Points with no occurrence (the component’s maximum).' },
  'plan:deductionComponent.perOccurrence': { description: 'Points deducted per occurrence.' },
  'plan:deductionComponent.floor': { description: 'The per-occurrence arithmetic never goes below this (default 0).' },
  'plan:deductionComponent.thresholds': { description: 'Fixed results from a number of occurrences on; the highest reached applies.' },
  'plan:deductionComponent.allowNegative': { description: 'Must be true for a negative floor or threshold: the component can then lower the total.' },
  'plan:reference': { id: 'Reference', description: 'A constant, or the metric computed from the same data for the agent’s team or the whole centre.' },
  'plan:reference.aggregate': {
          description: 'pooled: the KPI over the summed raw data (a centre AHT; default for KPI metrics); mean / median of the agents’ values (default mean for field metrics).',
        },
  'plan:comparisonComponent': { id: 'ComparisonComponent', title: 'Comparison component', description: 'Full points when the agent’s metric is at least as good as a reference.' },
  'plan:comparisonComponent.points': { description: 'Points when the agent’s value is better than, or equal to, the reference.' },
  'plan:comparisonComponent.otherwise': { description: 'Points otherwise (default 0).' },
  'plan:comparisonComponent.strict': { description: 'Require strictly better (equal earns `otherwise`); default false.' },
  'plan:gateComponent': { id: 'GateComponent', title: 'Gate component', description: 'A condition that zeroes the component (an upheld complaint).' },
  'plan:gateComponent.zeroWhen': { description: 'When `metric op value` holds, the component scores 0; otherwise `points`.' },
  'plan:formulaComponent': { id: 'FormulaComponent', title: 'Formula component', description: 'Points computed by a sandboxed mathjs expression, compiled once at load.' },
  'plan:formulaComponent.expression': {
        description: 'A mathjs expression over declared metric names: arithmetic, comparisons, and/or/not, a ? b : c, and min max abs round floor ceil sqrt mean median sign clamp.',
      },
  'plan:formulaComponent.max': { description: 'The most points the component can give; results above are clamped.' },
  'plan:formulaComponent.min': { description: 'The fewest points (default 0); results below are clamped. Negative needs allowNegative.' },
  'plan:grade': { id: 'PlanGrade', description: 'A grade band over the total; bands tile the plan’s total range.' },
  'plan:tierShare.share': { description: 'Percent of the ranked agents, taken from the top.' },
  'plan:tiers': { id: 'Tiers', description: 'PDCA tiers: by bands of the total, or by rank quantile.' },
  'plan:tiers.tiers': { description: 'Best tier first; the ranges tile the plan’s total range.' },
  'plan:tiers.tiers#2': { description: 'Best tier first; shares sum to 100.' },
  'plan:planSchema': { id: 'Plan', title: 'callqa assessment plan', description: 'A monthly assessment plan: weighted components over QA scores and operational KPIs.' },
  'plan:planSchema.locale': { description: 'The language of the labels (default zh-CN).' },
  'plan:planSchema.timeZone': {
        description: 'The centre’s IANA time zone, used when a period is given by id (e.g. Asia/Shanghai).',
      },
  'plan:planSchema.period': { description: 'How an assessment period is cut: calendar month (default) or a cycle starting on startDay.' },
  'plan:planSchema.rounding': { description: 'How totals and points are printed: rounded once, from the exact value (default 2 decimals, half-up).' },
  'plan:planSchema.metrics': { description: 'Named metrics the components read.' },
  'plan:planSchema.ranking': {
        description: 'Agents rank by total (as printed), then by these, then by agent id.',
      },
};
