/**
 * Validation of raw KPI input: zod for the shape of each field, then the
 * relations between fields (answered ≤ offered …), all turned into callqa
 * Issues so that every problem is reported at once.
 */
import * as z from 'zod/mini';
import { CallqaError, type Issue } from '../issues/issues.js';
import { safeParseEnglish } from '../issues/zod.js';
import { fromZodIssues } from '../issues/zod-issues.js';
import type { KpiField } from './types.js';
import type { KpiIssueCode } from './issue-codes.js';

/**
 * Thrown for bad KPI input; lists every issue with its path.
 *
 * @example
 * ```ts
 * try { answerRate({ offered: 10, answered: 12 }); } catch (e) {
 *   if (e instanceof KpiError) e.issues[0]?.path; // ['answered']
 * }
 * ```
 */
export class KpiError extends CallqaError<KpiIssueCode> {
  constructor(issues: readonly Issue<KpiIssueCode>[]) {
    super('Invalid KPI input', issues);
    this.name = 'KpiError';
  }
}

// Bounds keep every exact intermediate (milliseconds, sums of four durations)
// inside the safe-integer range: 1e11 s is over 3,000 years of agent time.
const MAX_COUNT = 1e12;
const MAX_SECONDS = 1e11;

const count = z.number().check(z.int()).check(z.gte(0, { abort: true })).check(z.lte(MAX_COUNT));
const seconds = z
  .number()
  .check(z.gte(0, { abort: true }))
  .check(z.lte(MAX_SECONDS, { abort: true }))
  .check(
    z.refine((x) => /^\d+(\.\d{1,3})?$/.test(String(x)), {
      message: 'durations are seconds with at most three decimals (milliseconds)',
      params: { code: 'too_precise' },
    }),
  );

/** What each field holds; the zod schema and the fast check below both follow it. */
const FIELD_KINDS: Record<KpiField, 'count' | 'seconds' | 'minutes'> = {
  offered: 'count',
  answered: 'count',
  abandoned: 'count',
  serviceLevelSeconds: 'seconds',
  answeredWithinThreshold: 'count',
  abandonedWithinThreshold: 'count',
  shortAbandonSeconds: 'seconds',
  shortAbandoned: 'count',
  handled: 'count',
  talkSeconds: 'seconds',
  holdSeconds: 'seconds',
  afterCallWorkSeconds: 'seconds',
  answerWaitSeconds: 'seconds',
  resolvedFirstContact: 'count',
  resolutionEligible: 'count',
  availableSeconds: 'seconds',
  adherentSeconds: 'seconds',
  scheduledSeconds: 'seconds',
  shrinkageSeconds: 'seconds',
  paidSeconds: 'seconds',
  shiftsPresent: 'count',
  shiftsScheduled: 'count',
  leavers: 'count',
  headcountStart: 'count',
  headcountEnd: 'count',
  notReadySeconds: 'seconds',
  loggedInSeconds: 'seconds',
  missedCalls: 'count',
  inboundCalls: 'count',
  // Minutes a day, one entry per day: a day has 1,440 of them.
  dailyNotReadyMinutes: 'minutes',
};

const minutes = z.array(z.number().check(z.gte(0, { abort: true })).check(z.lte(1440)));
const FIELD_SCHEMAS = Object.fromEntries(
  Object.entries(FIELD_KINDS).map(([f, k]) => [f, k === 'count' ? count : k === 'seconds' ? seconds : minutes]),
) as unknown as Record<KpiField, z.ZodMiniType>;

/**
 * Every field of {@link KpiRaw}, in declaration order.
 *
 * @example
 * ```ts
 * KPI_FIELDS.includes('offered'); //=> true
 * ```
 */
export const KPI_FIELDS = Object.keys(FIELD_SCHEMAS) as KpiField[];

/**
 * `sum(parts) ≤ limit`: a part cannot exceed the whole it belongs to (a rate
 * above 100%). Checked only when every field involved is present and valid.
 */
interface Constraint {
  readonly parts: readonly KpiField[];
  readonly limit: KpiField;
  readonly why: string;
}

const CONSTRAINTS: readonly Constraint[] = [
  { parts: ['answered'], limit: 'offered', why: 'the answer rate would exceed 100%' },
  { parts: ['abandoned'], limit: 'offered', why: 'the abandon rate would exceed 100%' },
  { parts: ['answered', 'abandoned'], limit: 'offered', why: 'a call is answered or abandoned, not both' },
  { parts: ['answeredWithinThreshold'], limit: 'answered', why: 'calls answered within T are answered calls' },
  { parts: ['answeredWithinThreshold'], limit: 'offered', why: 'the service level would exceed 100%' },
  // Implied by answered + abandoned ≤ offered when answered is given; without it,
  // the 'ignored' service level A / (offered − B) would exceed 100%.
  { parts: ['answeredWithinThreshold', 'abandoned'], limit: 'offered', why: 'a call answered within T was not abandoned' },
  { parts: ['abandonedWithinThreshold'], limit: 'abandoned', why: 'calls abandoned within T are abandoned calls' },
  {
    parts: ['answeredWithinThreshold', 'abandonedWithinThreshold'],
    limit: 'offered',
    why: 'the service level would exceed 100%',
  },
  { parts: ['shortAbandoned'], limit: 'abandoned', why: 'short abandons are abandoned calls' },
  { parts: ['shortAbandoned'], limit: 'offered', why: 'short abandons are offered calls' },
  { parts: ['shortAbandonSeconds'], limit: 'serviceLevelSeconds', why: 'a short abandon must fall within T' },
  {
    parts: ['shortAbandoned'],
    limit: 'abandonedWithinThreshold',
    why: 'a short abandon (under N ≤ T seconds) is abandoned within T',
  },
  { parts: ['resolvedFirstContact'], limit: 'resolutionEligible', why: 'FCR would exceed 100%' },
  { parts: ['adherentSeconds'], limit: 'scheduledSeconds', why: 'adherence would exceed 100%' },
  { parts: ['shrinkageSeconds'], limit: 'paidSeconds', why: 'shrinkage would exceed 100%' },
  { parts: ['shiftsPresent'], limit: 'shiftsScheduled', why: 'attendance would exceed 100%' },
  { parts: ['notReadySeconds'], limit: 'loggedInSeconds', why: 'the not-ready rate would exceed 100%' },
  { parts: ['missedCalls'], limit: 'inboundCalls', why: 'the missed-call rate would exceed 100%' },
];

/**
 * @name kpiInputIssues
 * @category KPIs
 * @summary Every issue in `input` read as the listed fields of {@link KpiRaw}.
 *
 * @description
 * Shapes first (zod), then the relations between the fields that are present
 * and valid (a part above its whole, e.g. `answered > offered`, issue code `exceeds`).
 *
 * @param input - the raw data, unchecked
 * @param fields - the fields to read; others are ignored unless `strict`
 * @param required - the fields that must be present
 * @param strict - whether a field outside `fields` is an issue (`unknown_field`)
 * @returns the issues; empty when the input is good
 *
 * @example
 * ```ts
 * kpiInputIssues({ offered: 10, answered: 12 }, ['offered', 'answered'], ['offered']);
 * //=> [{ code: 'exceeds', path: ['answered'], message: 'answered (12) exceeds offered (10): …' }]
 * ```
 */
export function kpiInputIssues(
  input: unknown,
  fields: readonly KpiField[],
  required: readonly KpiField[],
  strict = false,
): Issue<KpiIssueCode>[] {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const f of fields) shape[f] = required.includes(f) ? FIELD_SCHEMAS[f] : z.optional(FIELD_SCHEMAS[f]);
  const schema = strict ? z.strictObject(shape) : z.object(shape);
  const parsed = safeParseEnglish(schema, input);
  const issues: Issue<KpiIssueCode>[] = parsed.success ? [] : fromZodIssues(parsed.error.issues, input, { pathInMessage: true });
  if (typeof input !== 'object' || input === null) return issues;

  const bad = new Set(issues.map((i) => i.path[0]));
  const raw = input as Record<string, unknown>;
  const usable = (f: KpiField): boolean => fields.includes(f) && !bad.has(f) && typeof raw[f] === 'number';
  for (const c of CONSTRAINTS) {
    if (!usable(c.limit) || !c.parts.every(usable)) continue;
    const total = c.parts.reduce((s, f) => s + (raw[f] as number), 0);
    const limit = raw[c.limit] as number;
    if (total > limit) {
      const what = c.parts.length === 1 ? `${c.parts[0]} (${total})` : `${c.parts.join(' + ')} (${total})`;
      issues.push({
        code: 'exceeds',
        path: [c.parts[c.parts.length - 1] as string],
        message: `${what} exceeds ${c.limit} (${limit}): ${c.why}`,
      });
    }
  }
  return issues;
}

const decimalsSchema = z.number().check(z.int()).check(z.gte(0)).check(z.lte(12));

/**
 * The issues with rounding options: each listed key, when present, must be a
 * whole number from 0 to 12 (code `invalid_option`).
 *
 * @example
 * ```ts
 * roundingIssues({ decimals: -1 }, ['decimals']);
 * //=> [{ code: 'invalid_option', path: ['decimals'], message: 'decimals must be a whole number from 0 to 12' }]
 * ```
 */
export function roundingIssues(options: unknown, keys: readonly string[]): Issue<KpiIssueCode>[] {
  if (options === undefined) return [];
  const shape: Record<string, z.ZodMiniType> = {};
  for (const k of keys) shape[k] = z.optional(decimalsSchema);
  const parsed = safeParseEnglish(z.object(shape), options);
  if (parsed.success) return [];
  return parsed.error.issues.map((zi) => ({
    code: 'invalid_option',
    path: zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: `${zi.path.map(String).join('.') || 'options'} must be a whole number from 0 to 12`,
  }));
}

// --- fast checks -------------------------------------------------------------
// zod costs microseconds a call; a KPI is computed per agent, per month, per
// metric. The checks below accept only what the zod path accepts (never more),
// so a caller may skip that path when they pass and run it, to build the
// issues, only when they fail. Every rule mirrors one above.

/**
 * @name kpiFieldOk
 * @category KPIs
 * @summary Whether one value is valid for one field of {@link KpiRaw} (fast; no issues).
 *
 * @description
 * Counts are whole numbers from 0 to 10^12; durations are seconds from 0 to
 * 10^11 with at most three decimals; daily minutes are lists of numbers from 0
 * to 1,440. True implies {@link kpiInputIssues} finds no shape issue with it.
 *
 * @param field - the field
 * @param value - its value, unchecked
 * @returns whether the value is valid
 *
 * @example
 * ```ts
 * kpiFieldOk('offered', 12);        //=> true
 * kpiFieldOk('talkSeconds', 0.0001); //=> false (finer than a millisecond)
 * ```
 */
export function kpiFieldOk(field: KpiField, value: unknown): boolean {
  const kind = FIELD_KINDS[field];
  if (kind === 'minutes') {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) {
      const m: unknown = value[i];
      if (typeof m !== 'number' || !(m >= 0 && m <= 1440)) return false;
    }
    return true;
  }
  if (typeof value !== 'number' || !(value >= 0)) return false;
  if (kind === 'count') return value <= MAX_COUNT && Number.isInteger(value);
  // Whole milliseconds round-trip: the value prints with at most three decimals.
  return value <= MAX_SECONDS && (Number.isInteger(value) || Math.round(value * 1000) / 1000 === value);
}

/**
 * A precompiled fast check of KPI input: see {@link kpiCheck}.
 *
 * @example
 * ```ts
 * const check: KpiCheck = kpiCheck(['offered', 'answered'], ['offered', 'answered']);
 * ```
 */
export interface KpiCheck {
  readonly fields: readonly KpiField[];
  readonly required: readonly boolean[];
  /** The fields allowed when strict. */
  readonly allowed: ReadonlySet<string> | null;
  readonly constraints: readonly Constraint[];
}

/**
 * @name kpiCheck
 * @category KPIs
 * @summary Precompiles a fast check for {@link kpiInputOk}, with the arguments of {@link kpiInputIssues}.
 *
 * @param fields - the fields to read
 * @param required - the fields that must be present
 * @param strict - whether a field outside `fields` fails the check
 * @returns the compiled check
 *
 * @example
 * ```ts
 * const check = kpiCheck(['offered', 'answered'], ['offered', 'answered']);
 * kpiInputOk({ offered: 10, answered: 9 }, check); //=> true
 * ```
 */
export function kpiCheck(fields: readonly KpiField[], required: readonly KpiField[], strict = false): KpiCheck {
  return {
    fields: [...fields],
    required: fields.map((f) => required.includes(f)),
    allowed: strict ? new Set<string>(fields) : null,
    // Only relations among the fields read are checked, as kpiInputIssues does.
    constraints: CONSTRAINTS.filter((c) => fields.includes(c.limit) && c.parts.every((p) => fields.includes(p))),
  };
}

/**
 * @name kpiInputOk
 * @category KPIs
 * @summary Whether {@link kpiInputIssues} would find no issue: a fast check for the hot path.
 *
 * @description
 * Checks the object, each field's shape, required fields, unknown fields when
 * strict, and every part ≤ its whole, with the same arithmetic as
 * {@link kpiInputIssues}. It accepts only what that accepts; when it says
 * false, call {@link kpiInputIssues} for the issues.
 *
 * @param input - the raw data, unchecked
 * @param check - from {@link kpiCheck}
 * @returns true when the input is valid
 *
 * @example
 * ```ts
 * const check = kpiCheck(['offered', 'answered'], ['offered', 'answered']);
 * kpiInputOk({ offered: 10, answered: 12 }, check); //=> false: kpiInputIssues gives the 'exceeds' issue
 * ```
 */
export function kpiInputOk(input: unknown, check: KpiCheck): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const raw = input as Record<string, unknown>;
  const { fields, required } = check;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as KpiField;
    const v = raw[f];
    if (v === undefined) {
      if (required[i]) return false;
    } else if (!kpiFieldOk(f, v)) return false;
  }
  const allowed = check.allowed;
  if (allowed !== null) {
    // for…in also sees inherited keys: stricter than needed, never laxer.
    for (const k in raw) if (!allowed.has(k)) return false;
  }
  for (const c of check.constraints) {
    const limit = raw[c.limit];
    if (limit === undefined) continue;
    let total = 0;
    let present = true;
    for (const p of c.parts) {
      const v = raw[p];
      if (v === undefined) {
        present = false;
        break;
      }
      total += v as number;
    }
    if (present && total > (limit as number)) return false;
  }
  return true;
}

/**
 * Whether {@link roundingIssues} would find no issue (fast; no issues).
 *
 * @example
 * ```ts
 * roundingOk({ decimals: 2 }, ['decimals']); //=> true
 * roundingOk({ decimals: 2.5 }, ['decimals']); //=> false
 * ```
 */
export function roundingOk(options: unknown, keys: readonly string[]): boolean {
  if (options === undefined) return true;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return false;
  for (const k of keys) {
    const v = (options as Record<string, unknown>)[k];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 12)) return false;
  }
  return true;
}
