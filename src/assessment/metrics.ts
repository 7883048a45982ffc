/**
 * Metric values for an assessment, computed exactly per agent. KPI metrics use
 * the formulas of src/kpis (documented there) but keep the exact fraction and
 * its numerator and denominator, so that a centre AHT can be pooled from the
 * same data and nothing is rounded before the final figure. Input is checked
 * with a fast pass; when it finds a problem, src/kpis's own validator produces
 * the issues, so messages are the same as `computeKpis` gives.
 */
import { parseInterval, inInterval, type Interval } from '../bands/interval.js';
import { gcd } from '../exact/pair.js';
import { Ratio } from '../exact/rational.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { countNotReadyDays, KPI_FORMULAS } from '../kpis/core.js';
import type { KpiField, KpiRaw } from '../kpis/types.js';
import { kpiFieldOk, kpiInputIssues } from '../kpis/validate.js';
import type { KpiMetricName, MetricDefinition } from './schema.js';
import type { AssessmentIssueCode } from './issue-codes.js';

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
 * A metric's value for one agent: exact, or the reason there is none. A KPI
 * metric also carries the fraction its value comes from, to pool across agents:
 * for a rate, `KPI_FORMULAS` (src/kpis) numerator and denominator (durations
 * in milliseconds); for an average, total seconds and the count.
 *
 * @example
 * ```ts
 * const v: MetricValue = { ok: true, value: Ratio.of(5), num: Ratio.of(6), den: Ratio.of(120) };
 * ```
 */
export type MetricValue =
  | { readonly ok: true; readonly value: Ratio; readonly num?: Ratio; readonly den?: Ratio }
  | { readonly ok: false; readonly status: 'missing' | 'no_data' | 'invalid'; readonly message: string; readonly issues: readonly Issue<AssessmentIssueCode>[] };

type KpiMetricDef = Extract<MetricDefinition, { kpi: string }>;

/**
 * Where {@link CompiledMetric.computeInto} writes: a value `vn/vd` and, for
 * poolable KPIs, its numerator `nn/nd` and denominator `dn/dd` (NaN
 * denominators when there are none), each already reduced.
 *
 * @example
 * ```ts
 * const seen: number[][] = [];
 * const sink: ExactSink = { put: (slot, ...nd) => void seen.push([slot, ...nd]) };
 * ```
 */
export interface ExactSink {
  put(slot: number, vn: number, vd: number, nn: number, nd: number, dn: number, dd: number): void;
}

/** Bounds of an interval whose ends are whole numbers (or infinite), for a check without Ratio; null otherwise. */
function wholeBounds(range: Interval | null): { lo: number; loIn: boolean; hi: number; hiIn: boolean } | null {
  if (range === null) return { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false };
  if ((range.min !== null && range.min.d !== 1) || (range.max !== null && range.max.d !== 1)) return null;
  return { lo: range.min === null ? -Infinity : range.min.n, loIn: range.minInclusive, hi: range.max === null ? Infinity : range.max.n, hiIn: range.maxInclusive };
}

/**
 * Whether a KPI metric is a rate (percent or ratio), an average (seconds) or a count.
 *
 * @example
 * ```ts
 * kpiKind('averageHandleTime'); // 'average'
 * ```
 */
export function kpiKind(kpi: KpiMetricName): 'rate' | 'average' | 'count' {
  return KPI_FORMULAS[kpi].kind;
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
  const f = KPI_FORMULAS[def.kpi];
  return [...f.requires(def), ...f.optional];
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
  /**
   * The common case of {@link compute} without allocating: a valid record's
   * exact value (and pooling fraction) written to `out` at `slot`. Returns
   * false, writing nothing, whenever `compute` must decide (a missing, invalid
   * or out-of-range field, no data, a value it keeps as a decimal); the two
   * agree wherever this returns true (tested in metrics.test.ts).
   */
  computeInto(record: MetricsRecord, out: ExactSink, slot: number): boolean;
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
  const whole = wholeBounds(range);
  const field = def.field;
  return {
    name,
    def,
    better: def.better,
    unit: '',
    poolable: false,
    fields: [field],
    fromPooled: () => null,
    computeInto(record, out, slot) {
      // Whole numbers against whole bounds only: anything else goes through compute.
      const v = record[field];
      if (whole === null || typeof v !== 'number' || !Number.isSafeInteger(v)) return false;
      if (v < whole.lo || (v === whole.lo && !whole.loIn) || v > whole.hi || (v === whole.hi && !whole.hiIn)) return false;
      out.put(slot, v === 0 ? 0 : v, 1, 0, NaN, 0, NaN);
      return true;
    },
    compute(record, path) {
      const v = record[field];
      // The issue path is only built when there is an issue.
      if (v === undefined || v === null) {
        return { ok: false, status: 'missing', message: `${field} is missing`, issues: [{ code: 'missing_metric', path: pathTo(path, field), message: `${field} is required by metric "${name}"` }] };
      }
      let x: Ratio;
      if (typeof v === 'boolean') x = v ? Ratio.ONE : Ratio.ZERO;
      else if (typeof v === 'number' && Number.isFinite(v)) {
        try {
          x = Number.isSafeInteger(v) ? Ratio.of(v) : Ratio.from(v);
        } catch {
          return invalid(pathTo(path, field), 'too_precise', `${field} (${v}) has too many digits to be used exactly`);
        }
      } else return invalid(pathTo(path, field), 'invalid_type', `${field} must be a finite number, not ${JSON.stringify(v)}`);
      if (def.integer && x.d !== 1) return invalid(pathTo(path, field), 'not_integer', `${field} must be a whole number (got ${v})`);
      if (range && !inInterval(range, x)) return invalid(pathTo(path, field), 'out_of_range', `${field} (${v}) is outside ${range.text}`);
      return { ok: true, value: x };
    },
  };
}

function pathTo(path: readonly PathSegment[], field: string): PathSegment[] {
  return [...path, field];
}

function invalid(path: readonly PathSegment[], code: AssessmentIssueCode, message: string): MetricValue {
  return { ok: false, status: 'invalid', message, issues: [{ code, path: [...path], message }] };
}

// Longer than 80 lines on purpose: the fast (computeInto) and full (compute) forms of one KPI metric
// are closures over the same compiled constants, kept side by side so they cannot drift apart.
function compileKpiMetric(name: string, def: KpiMetricDef): CompiledMetric {
  const formula = KPI_FORMULAS[def.kpi];
  const required = formula.requires(def);
  const all = [...required, ...formula.optional];
  const percent = formula.kind === 'rate' && (def.unit ?? 'percent') === 'percent';
  const scale = percent ? Ratio.HUNDRED : Ratio.ONE;
  const threshold = def.thresholdMinutes ?? 30;
  const fullIssues = (record: MetricsRecord, path: readonly PathSegment[]): Issue<AssessmentIssueCode>[] =>
    kpiInputIssues(record, all, required).map((i) => ({ ...i, path: [...path, ...i.path] }));
  const invalidRecord = (record: MetricsRecord, path: readonly PathSegment[], fallback: Issue<AssessmentIssueCode>): MetricValue => {
    const issues = fullIssues(record, path);
    return { ok: false, status: 'invalid', message: (issues[0] ?? fallback).message, issues: issues.length > 0 ? issues : [fallback] };
  };
  const noData = `${name}: ${formula.empty}`;
  return {
    name,
    def,
    better: def.better,
    unit: formula.kind === 'rate' ? (def.unit ?? 'percent') : formula.kind === 'average' ? 'seconds' : '',
    poolable: formula.kind !== 'count',
    fields: all,
    fromPooled: (num, den) => (den.isZero() ? null : num.div(den).mul(scale)),
    computeInto(record, out, slot) {
      for (let i = 0; i < required.length; i++) {
        const v = record[required[i]!];
        if (v === undefined || v === null) return false;
      }
      for (let i = 0; i < all.length; i++) {
        const f = all[i]!;
        const v = record[f];
        if (v !== undefined && v !== null && !kpiFieldOk(f, v)) return false;
      }
      if (formula.kind === 'count') {
        out.put(slot, countNotReadyDays(record.dailyNotReadyMinutes as readonly number[], threshold), 1, 0, NaN, 0, NaN);
        return true;
      }
      const { num, den } = formula.fraction(record as KpiRaw, def);
      if (num < 0 || den <= 0 || (formula.bounded && num > den)) return false;
      // As compute: an average's value is num / (den × 1000) (num in ms), pooled as num / 1000 over den; a rate is num / den (× 100 in percent).
      const vn = formula.kind === 'average' ? num : percent ? num * 100 : num;
      const vd = formula.kind === 'average' ? den * 1000 : den;
      if (!Number.isSafeInteger(vn) || !Number.isSafeInteger(vd) || !Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return false;
      const g = gcd(vn, vd);
      if (formula.kind === 'average') {
        const h = gcd(num, 1000);
        out.put(slot, vn === 0 ? 0 : vn / g, vd / g, num === 0 ? 0 : num / h, num === 0 ? 1 : 1000 / h, den, 1);
      } else out.put(slot, vn === 0 ? 0 : vn / g, vn === 0 ? 1 : vd / g, num, 1, den, 1);
      return true;
    },
    compute(record, path) {
      let missing: KpiField[] | null = null;
      for (const f of required) {
        const v = record[f];
        if (v === undefined || v === null) (missing ??= []).push(f);
      }
      if (missing !== null) {
        return {
          ok: false,
          status: 'missing',
          message: `${missing.join(', ')} missing`,
          issues: missing.map((f) => ({ code: 'missing_metric', path: [...path, f], message: `${f} is required by metric "${name}" (${def.kpi})` })),
        };
      }
      // A null optional field counts as absent here, as it always has for metrics.
      for (const f of all) {
        const v = record[f];
        if (v !== undefined && v !== null && !kpiFieldOk(f, v)) {
          return invalidRecord(record, path, { code: 'invalid', path: [...path, f], message: `${f} is invalid` });
        }
      }
      if (formula.kind === 'count') {
        return { ok: true, value: Ratio.of(countNotReadyDays(record.dailyNotReadyMinutes as readonly number[], threshold)) };
      }
      // The fields are valid numbers (or absent): the formula of src/kpis, exact.
      const { num, den } = formula.fraction(record as KpiRaw, def);
      if (num < 0 || den < 0 || (formula.bounded && num > den)) {
        return invalidRecord(record, path, { code: 'exceeds', path: [...path, required[0] ?? ''], message: `${def.kpi} would exceed 100% or go negative` });
      }
      if (den === 0) {
        return { ok: false, status: 'no_data', message: formula.empty, issues: [{ code: 'no_data', path: [...path], message: noData }] };
      }
      if (formula.kind === 'average') {
        // num is milliseconds: the pooled numerator is kept in seconds.
        return { ok: true, value: Ratio.of(num, den * 1000), num: Ratio.of(num, 1000), den: Ratio.of(den) };
      }
      const hundredfold = num * 100;
      const value = percent && Number.isSafeInteger(hundredfold) ? Ratio.of(hundredfold, den) : Ratio.of(num, den).mul(scale);
      return { ok: true, value, num: Ratio.of(num), den: Ratio.of(den) };
    },
  };
}
