/**
 * Metric values for an assessment, computed exactly per agent. KPI metrics use
 * the formulas of src/kpis (documented there) but keep the exact fraction and
 * its numerator and denominator, so that a centre AHT can be pooled from the
 * same data and nothing is rounded before the final figure. Input is checked
 * with a fast pass; when it finds a problem, src/kpis's own validator produces
 * the issues, so messages are the same as `computeKpis` gives.
 */
import { parseInterval, inInterval, type Interval } from '../bands/interval.js';
import { Ratio } from '../exact/rational.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { kpiInputIssues } from '../kpis/validate.js';
import type { KpiField } from '../kpis/types.js';
import type { KpiMetricName, MetricDefinition } from './schema.js';

/**
 * One agent's raw data: KPI fields (see `KpiRaw` in src/kpis) and any other
 * named values a plan's field metrics read (examScore, upheldComplaints …).
 *
 * @example
 * ```ts
 * const m: MetricsRecord = { missedCalls: 6, inboundCalls: 120, examScore: 91, upheldComplaints: 0 };
 * ```
 */
export type MetricsRecord = Readonly<Record<string, number | boolean | string | readonly number[] | null | undefined>>;

/**
 * A metric's value for one agent: exact, or the reason there is none.
 *
 * @example
 * ```ts
 * const v: MetricValue = { ok: true, value: Ratio.of(5), num: Ratio.of(6), den: Ratio.of(120) };
 * ```
 */
export type MetricValue =
  | { readonly ok: true; readonly value: Ratio; readonly num?: Ratio; readonly den?: Ratio }
  | { readonly ok: false; readonly status: 'missing' | 'no_data' | 'invalid'; readonly message: string; readonly issues: readonly Issue[] };

interface KpiSpec {
  readonly required: (d: KpiMetricDef) => readonly KpiField[];
  readonly optional: readonly KpiField[];
  readonly kind: 'rate' | 'average' | 'count';
  /** Rates that cannot exceed 1 when the input is consistent (attrition can). */
  readonly bounded?: boolean;
  readonly empty: string;
  readonly exact: (raw: Fields, d: KpiMetricDef) => { num: Ratio; den: Ratio } | Ratio;
}

type KpiMetricDef = Extract<MetricDefinition, { kpi: string }>;
type Fields = (f: KpiField) => Ratio;

const COUNT_FIELDS = new Set<KpiField>([
  'offered', 'answered', 'abandoned', 'answeredWithinThreshold', 'abandonedWithinThreshold', 'shortAbandoned', 'handled',
  'resolvedFirstContact', 'resolutionEligible', 'shiftsPresent', 'shiftsScheduled', 'leavers', 'headcountStart',
  'headcountEnd', 'missedCalls', 'inboundCalls',
]);

const SHORT: readonly KpiField[] = ['shortAbandoned', 'shortAbandonSeconds'];
const short = (f: Fields, d: KpiMetricDef): Ratio => (d.excludeShortAbandons ? f('shortAbandoned') : Ratio.ZERO);
const fixed = (...fields: KpiField[]) => () => fields;
const handle = (f: Fields): Ratio => f('talkSeconds').add(f('holdSeconds')).add(f('afterCallWorkSeconds'));

const KPIS: Record<KpiMetricName, KpiSpec> = {
  answerRate: { kind: 'rate', bounded: true, required: fixed('offered', 'answered'), optional: [], empty: 'no calls offered', exact: (f) => ({ num: f('answered'), den: f('offered') }) },
  abandonRate: {
    kind: 'rate', bounded: true, required: (d) => ['offered', 'abandoned', ...(d.excludeShortAbandons ? SHORT : [])], optional: [], empty: 'no calls offered',
    exact: (f, d) => ({ num: f('abandoned').sub(short(f, d)), den: f('offered').sub(short(f, d)) }),
  },
  serviceLevelIgnored: {
    kind: 'rate', bounded: true, required: fixed('serviceLevelSeconds', 'offered', 'answeredWithinThreshold', 'abandoned'), optional: ['answered'],
    empty: 'no calls to measure the service level on', exact: (f) => ({ num: f('answeredWithinThreshold'), den: f('offered').sub(f('abandoned')) }),
  },
  serviceLevelAgainst: {
    kind: 'rate', bounded: true, required: (d) => ['serviceLevelSeconds', 'offered', 'answeredWithinThreshold', ...(d.excludeShortAbandons ? SHORT : [])],
    optional: ['answered'], empty: 'no calls to measure the service level on',
    exact: (f, d) => ({ num: f('answeredWithinThreshold'), den: f('offered').sub(short(f, d)) }),
  },
  serviceLevelFavour: {
    kind: 'rate', bounded: true,
    required: (d) => ['serviceLevelSeconds', 'offered', 'answeredWithinThreshold', 'abandonedWithinThreshold', ...(d.excludeShortAbandons ? SHORT : [])],
    optional: ['answered', 'abandoned'], empty: 'no calls to measure the service level on',
    exact: (f, d) => ({
      num: f('answeredWithinThreshold').add(f('abandonedWithinThreshold')).sub(short(f, d)),
      den: f('offered').sub(short(f, d)),
    }),
  },
  averageHandleTime: {
    kind: 'average', required: fixed('handled', 'talkSeconds', 'afterCallWorkSeconds'), optional: ['holdSeconds'], empty: 'no calls handled',
    exact: (f) => ({ num: handle(f), den: f('handled') }),
  },
  averageSpeedOfAnswer: { kind: 'average', required: fixed('answered', 'answerWaitSeconds'), optional: [], empty: 'no calls answered', exact: (f) => ({ num: f('answerWaitSeconds'), den: f('answered') }) },
  firstContactResolution: {
    kind: 'rate', bounded: true, required: fixed('resolvedFirstContact', 'resolutionEligible'), optional: [], empty: 'no contacts assessed',
    exact: (f) => ({ num: f('resolvedFirstContact'), den: f('resolutionEligible') }),
  },
  occupancy: {
    kind: 'rate', bounded: true, required: fixed('talkSeconds', 'afterCallWorkSeconds', 'availableSeconds'), optional: ['holdSeconds'],
    empty: 'no handle or available time', exact: (f) => ({ num: handle(f), den: handle(f).add(f('availableSeconds')) }),
  },
  scheduleAdherence: { kind: 'rate', bounded: true, required: fixed('adherentSeconds', 'scheduledSeconds'), optional: [], empty: 'no time scheduled', exact: (f) => ({ num: f('adherentSeconds'), den: f('scheduledSeconds') }) },
  shrinkage: { kind: 'rate', bounded: true, required: fixed('shrinkageSeconds', 'paidSeconds'), optional: [], empty: 'no paid time', exact: (f) => ({ num: f('shrinkageSeconds'), den: f('paidSeconds') }) },
  attendance: { kind: 'rate', bounded: true, required: fixed('shiftsPresent', 'shiftsScheduled'), optional: [], empty: 'no shifts scheduled', exact: (f) => ({ num: f('shiftsPresent'), den: f('shiftsScheduled') }) },
  attrition: {
    kind: 'rate', required: fixed('leavers', 'headcountStart', 'headcountEnd'), optional: [], empty: 'no headcount',
    exact: (f) => ({ num: f('leavers').mul(Ratio.of(2)), den: f('headcountStart').add(f('headcountEnd')) }),
  },
  notReadyRate: { kind: 'rate', bounded: true, required: fixed('notReadySeconds', 'loggedInSeconds'), optional: [], empty: 'no logged-in time', exact: (f) => ({ num: f('notReadySeconds'), den: f('loggedInSeconds') }) },
  missedCallRate: { kind: 'rate', bounded: true, required: fixed('missedCalls', 'inboundCalls'), optional: [], empty: 'no inbound calls', exact: (f) => ({ num: f('missedCalls'), den: f('inboundCalls') }) },
  notReadyOccurrences: { kind: 'count', required: fixed('dailyNotReadyMinutes'), optional: [], empty: '', exact: () => Ratio.ZERO },
};

/**
 * Whether a KPI metric is a rate (percent or ratio), an average (seconds) or a count.
 *
 * @example
 * ```ts
 * kpiKind('averageHandleTime'); // 'average'
 * ```
 */
export function kpiKind(kpi: KpiMetricName): 'rate' | 'average' | 'count' {
  return KPIS[kpi].kind;
}

/**
 * The raw fields a KPI metric reads.
 *
 * @example
 * ```ts
 * kpiFields({ kpi: 'missedCallRate', better: 'lower' }); // ['missedCalls', 'inboundCalls']
 * ```
 */
export function kpiFields(def: KpiMetricDef): readonly KpiField[] {
  const s = KPIS[def.kpi];
  return [...s.required(def), ...s.optional];
}

/** A fast structural check of one field; false sends the record to the full validator. */
function fieldOk(f: KpiField, v: unknown): boolean {
  if (f === 'dailyNotReadyMinutes') {
    if (!Array.isArray(v)) return false;
    for (const m of v) if (typeof m !== 'number' || !(m >= 0 && m <= 1440)) return false;
    return true;
  }
  if (typeof v !== 'number' || !(v >= 0)) return false;
  if (COUNT_FIELDS.has(f)) return Number.isInteger(v) && v <= 1e12;
  return v <= 1e11 && Math.round(v * 1000) / 1000 === v;
}

/**
 * A compiled metric: computes its exact value from one agent's record.
 *
 * @example
 * ```ts
 * const m = compileMetric('missedRate', { kpi: 'missedCallRate', better: 'lower' });
 * m.compute({ missedCalls: 6, inboundCalls: 120 }, ['metrics', 'A1']); // { ok: true, value: 5 (percent), … }
 * ```
 */
export interface CompiledMetric {
  readonly name: string;
  readonly def: MetricDefinition;
  readonly better: 'higher' | 'lower';
  /** 'percent' | 'ratio' for rates, 'seconds' for averages, '' otherwise. */
  readonly unit: string;
  /** Whether numerator and denominator can be pooled across agents. */
  readonly poolable: boolean;
  /** The record fields it reads. */
  readonly fields: readonly string[];
  compute(record: MetricsRecord, path: readonly PathSegment[]): MetricValue;
  /** The value of pooled numerator and denominator (poolable metrics only). */
  fromPooled(num: Ratio, den: Ratio): Ratio | null;
}

/**
 * Compiles a metric definition (assumed valid: see load.ts).
 *
 * @example
 * ```ts
 * compileMetric('exam', { field: 'examScore', better: 'higher', range: '[0, 100]' }).compute({ examScore: 91 }, []);
 * // { ok: true, value: Ratio 91 }
 * ```
 */
export function compileMetric(name: string, def: MetricDefinition): CompiledMetric {
  if ('kpi' in def) return compileKpiMetric(name, def);
  const range: Interval | null = def.range ? parseInterval(def.range) : null;
  const field = def.field;
  return {
    name,
    def,
    better: def.better,
    unit: '',
    poolable: false,
    fields: [field],
    fromPooled: () => null,
    compute(record, path) {
      const v = record[field];
      const at = [...path, field];
      if (v === undefined || v === null) {
        return { ok: false, status: 'missing', message: `${field} is missing`, issues: [{ code: 'missing_metric', path: at, message: `${field} is required by metric "${name}"` }] };
      }
      let x: Ratio;
      if (typeof v === 'boolean') x = v ? Ratio.ONE : Ratio.ZERO;
      else if (typeof v === 'number' && Number.isFinite(v)) {
        try {
          x = Number.isSafeInteger(v) ? Ratio.of(v) : Ratio.from(v);
        } catch {
          return invalid(at, 'too_precise', `${field} (${v}) has too many digits to be used exactly`);
        }
      } else return invalid(at, 'invalid_type', `${field} must be a finite number, not ${JSON.stringify(v)}`);
      if (def.integer && x.d !== 1) return invalid(at, 'not_integer', `${field} must be a whole number (got ${v})`);
      if (range && !inInterval(range, x)) return invalid(at, 'out_of_range', `${field} (${v}) is outside ${range.text}`);
      return { ok: true, value: x };
    },
  };
}

function invalid(path: readonly PathSegment[], code: string, message: string): MetricValue {
  return { ok: false, status: 'invalid', message, issues: [{ code, path: [...path], message }] };
}

function compileKpiMetric(name: string, def: KpiMetricDef): CompiledMetric {
  const spec = KPIS[def.kpi];
  const required = spec.required(def);
  const all = [...required, ...spec.optional];
  const scale = spec.kind === 'rate' && (def.unit ?? 'percent') === 'percent' ? Ratio.HUNDRED : Ratio.ONE;
  const threshold = def.thresholdMinutes ?? 30;
  const fullIssues = (record: MetricsRecord, path: readonly PathSegment[]): Issue[] =>
    kpiInputIssues(record, all, required).map((i) => ({ ...i, path: [...path, ...i.path] }));
  return {
    name,
    def,
    better: def.better,
    unit: spec.kind === 'rate' ? (def.unit ?? 'percent') : spec.kind === 'average' ? 'seconds' : '',
    poolable: spec.kind !== 'count',
    fields: all,
    fromPooled: (num, den) => (den.isZero() ? null : num.div(den).mul(scale)),
    compute(record, path) {
      const missing = required.filter((f) => record[f] === undefined || record[f] === null);
      if (missing.length > 0) {
        return {
          ok: false,
          status: 'missing',
          message: `${missing.join(', ')} missing`,
          issues: missing.map((f) => ({ code: 'missing_metric', path: [...path, f], message: `${f} is required by metric "${name}" (${def.kpi})` })),
        };
      }
      for (const f of all) {
        const v = record[f];
        if (v !== undefined && v !== null && !fieldOk(f, v)) {
          const issues = fullIssues(record, path);
          return { ok: false, status: 'invalid', message: issues[0]?.message ?? `${f} is invalid`, issues: issues.length > 0 ? issues : [{ code: 'invalid', path: [...path, f], message: `${f} is invalid` }] };
        }
      }
      if (spec.kind === 'count') {
        const days = record.dailyNotReadyMinutes as readonly number[];
        let n = 0;
        for (const m of days) if (m > threshold) n++;
        return { ok: true, value: Ratio.of(n) };
      }
      const get: Fields = (f) => {
        const v = record[f];
        return typeof v === 'number' ? (Number.isInteger(v) ? Ratio.of(v) : Ratio.from(v)) : Ratio.ZERO;
      };
      const { num, den } = spec.exact(get, def) as { num: Ratio; den: Ratio };
      if (num.n < 0 || den.n < 0 || (spec.bounded && num.gt(den))) {
        const issues = fullIssues(record, path);
        const fallback = { code: 'exceeds', path: [...path, required[0] ?? ''], message: `${def.kpi} would exceed 100% or go negative` };
        return { ok: false, status: 'invalid', message: (issues[0] ?? fallback).message, issues: issues.length > 0 ? issues : [fallback] };
      }
      if (den.isZero()) {
        return { ok: false, status: 'no_data', message: spec.empty, issues: [{ code: 'no_data', path: [...path], message: `${name}: ${spec.empty}` }] };
      }
      return { ok: true, value: num.div(den).mul(scale), num, den };
    },
  };
}
