/**
 * Every KPI the raw data allows, in one call, with a list of the ones it does
 * not allow and the fields they lack.
 */
import * as k from './kpis.js';
import { KPI_FORMULAS } from './core.js';
import type { AbandonTreatment, KpiField, KpiName, KpiRaw, KpiResult } from './types.js';
import { KPI_FIELDS, KpiError, kpiCheck, kpiInputIssues, kpiInputOk, roundingIssues, roundingOk } from './validate.js';

/**
 * Options of {@link computeKpis}.
 *
 * @example
 * ```ts
 * const o: ComputeKpisOptions = { excludeShortAbandons: true, notReadyThresholdMinutes: 30 };
 * ```
 */
export interface ComputeKpisOptions {
  /** Decimals of rate values (default 4). */
  readonly decimals?: number;
  /** Decimals of percents (default 2). */
  readonly percentDecimals?: number;
  /** Decimals of averages in seconds (default 2). */
  readonly averageDecimals?: number;
  /** Exclude short abandons from abandon rate and service level (default false). */
  readonly excludeShortAbandons?: boolean;
  /** Threshold of a not-ready occurrence, minutes (default 30). */
  readonly notReadyThresholdMinutes?: number;
}

/**
 * A KPI the data did not allow, and why.
 *
 * @example
 * ```ts
 * const n: NotComputed = { kpi: 'averageHandleTime', missing: ['handled'], message: 'missing handled' };
 * ```
 */
export interface NotComputed {
  readonly kpi: KpiName;
  readonly missing: readonly KpiField[];
  readonly message: string;
}

/**
 * The result of {@link computeKpis}.
 *
 * @example
 * ```ts
 * const r: KpiReport = { values: {}, notComputed: [] };
 * ```
 */
export interface KpiReport {
  readonly values: { readonly [K in KpiName]?: KpiResult };
  readonly notComputed: readonly NotComputed[];
}

interface Definition {
  readonly name: KpiName;
  // What it requires is its formula's (core.ts). The raw input has been validated and has every required field.
  readonly compute: (raw: Required<KpiRaw>, o: ComputeKpisOptions) => KpiResult;
}

const rateOpts = (o: ComputeKpisOptions) => ({
  ...(o.decimals !== undefined && { decimals: o.decimals }),
  ...(o.percentDecimals !== undefined && { percentDecimals: o.percentDecimals }),
});
const avgOpts = (o: ComputeKpisOptions) => (o.averageDecimals !== undefined ? { decimals: o.averageDecimals } : {});

function sl(name: KpiName, treatment: AbandonTreatment): Definition {
  return {
    name,
    compute: (raw, o) =>
      k.serviceLevel(raw, { treatment, excludeShortAbandons: o.excludeShortAbandons ?? false, ...rateOpts(o) }),
  };
}

const DEFINITIONS: readonly Definition[] = [
  { name: 'answerRate', compute: (r, o) => k.answerRate(r, rateOpts(o)) },
  {
    name: 'abandonRate',
    compute: (r, o) => k.abandonRate(r, { excludeShortAbandons: o.excludeShortAbandons ?? false, ...rateOpts(o) }),
  },
  sl('serviceLevelIgnored', 'ignored'),
  sl('serviceLevelAgainst', 'against'),
  sl('serviceLevelFavour', 'favour'),
  {
    name: 'averageHandleTime',
    compute: (r, o) => k.averageHandleTime(r, avgOpts(o)),
  },
  {
    name: 'averageSpeedOfAnswer',
    compute: (r, o) => k.averageSpeedOfAnswer(r, avgOpts(o)),
  },
  {
    name: 'firstContactResolution',
    compute: (r, o) => k.firstContactResolution(r, rateOpts(o)),
  },
  {
    name: 'occupancy',
    compute: (r, o) => k.occupancy(r, rateOpts(o)),
  },
  {
    name: 'scheduleAdherence',
    compute: (r, o) => k.scheduleAdherence(r, rateOpts(o)),
  },
  { name: 'shrinkage', compute: (r, o) => k.shrinkage(r, rateOpts(o)) },
  { name: 'attendance', compute: (r, o) => k.attendance(r, rateOpts(o)) },
  {
    name: 'attrition',
    compute: (r, o) => k.attrition(r, rateOpts(o)),
  },
  { name: 'notReadyRate', compute: (r, o) => k.notReadyRate(r, rateOpts(o)) },
  { name: 'missedCallRate', compute: (r, o) => k.missedCallRate(r, rateOpts(o)) },
  {
    name: 'notReadyOccurrences',
    compute: (r, o) =>
      k.notReadyOccurrences(r, o.notReadyThresholdMinutes !== undefined ? { thresholdMinutes: o.notReadyThresholdMinutes } : {}),
  },
];

/**
 * @name computeKpis
 * @category KPIs
 * @summary Computes every KPI the raw data allows and lists the rest with the fields they lack.
 *
 * @description
 * Formulas as in each KPI's function (see the README, "Standard KPIs"). The whole input is
 * validated first, strictly: an unknown field (a typo such as `offerd`) is an
 * error rather than a silently missing KPI. A KPI with a zero denominator is
 * computed as {@link KpiNoData}; a KPI lacking a field is listed in `notComputed`.
 * Service level is reported under all three treatments of abandoned calls.
 *
 * @param raw - the counts and durations, see {@link KpiRaw}
 * @param options - rounding, `excludeShortAbandons`, `notReadyThresholdMinutes`
 * @returns `{ values, notComputed }`
 * @throws {KpiError} every issue in the raw data or the options, with paths
 *
 * @example
 * ```ts
 * const { values, notComputed } = computeKpis({ offered: 1600, answered: 1570, abandoned: 30 });
 * values.answerRate;  //=> { kind: 'rate', num: 1570, den: 1600, value: 0.9813, percent: 98.13 }
 * values.abandonRate; //=> { kind: 'rate', num: 30, den: 1600, value: 0.0188, percent: 1.88 }
 * notComputed[0];     //=> { kpi: 'serviceLevelIgnored', missing: ['serviceLevelSeconds', 'answeredWithinThreshold'], … }
 * ```
 */
export function computeKpis(raw: KpiRaw, options: ComputeKpisOptions = {}): KpiReport {
  const t = options.notReadyThresholdMinutes;
  const thresholdOk = t === undefined || (typeof t === 'number' && Number.isFinite(t) && t >= 0);
  if (!(thresholdOk && kpiInputOk(raw, STRICT) && roundingOk(options, ROUNDING_KEYS))) throwIssues(raw, options);

  const values: { [K in KpiName]?: KpiResult } = {};
  const notComputed: NotComputed[] = [];
  for (const def of DEFINITIONS) {
    const missing = KPI_FORMULAS[def.name].requires(options).filter((f) => raw[f] === undefined);
    if (missing.length > 0) {
      notComputed.push({ kpi: def.name, missing, message: `${def.name} needs ${missing.join(', ')}` });
    } else {
      values[def.name] = def.compute(raw as Required<KpiRaw>, options);
    }
  }
  return { values, notComputed };
}

const ROUNDING_KEYS = ['decimals', 'percentDecimals', 'averageDecimals'];
// Strict: a field outside KpiRaw (a typo such as `offerd`) is an issue.
const STRICT = kpiCheck(KPI_FIELDS, [], true);

/** The zod path, run only when the fast check fails: throws every issue, or returns when there is none. */
function throwIssues(raw: KpiRaw, options: ComputeKpisOptions): void {
  const issues = [
    ...kpiInputIssues(raw, KPI_FIELDS, [], true),
    ...roundingIssues(options, ROUNDING_KEYS).map((i) => ({
      ...i,
      path: ['options', ...i.path],
    })),
  ];
  const t = options.notReadyThresholdMinutes;
  if (t !== undefined && !(typeof t === 'number' && Number.isFinite(t) && t >= 0)) {
    issues.push({
      code: 'invalid_option',
      path: ['options', 'notReadyThresholdMinutes'],
      message: 'notReadyThresholdMinutes must be a non-negative number',
    });
  }
  if (issues.length > 0) throw new KpiError(issues);
}
