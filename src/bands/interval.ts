/**
 * Intervals written the way a QA lead reads them: "[90, 100]", "[80, 90)",
 * "(-inf, 60)". Every boundary says on its face whether it is included, which
 * is exactly what the seeds' tables ("80–89", "≥ 90") leave unsaid.
 */
import * as z from 'zod/mini';
import { cmp } from '../exact/pair.js';
import { Ratio } from '../exact/rational.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import { numberProblem } from '../issues/numbers.js';
import { documented } from '../issues/zod.js';

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const INTERVAL_RE = new RegExp(
  String.raw`^\s*([\[(])\s*(-inf|${NUM})\s*,\s*(\+?inf|${NUM})\s*([\])])\s*$`,
);

/**
 * The zod schema of an interval string.
 *
 * @example
 * ```ts
 * intervalSchema.parse('[80, 90)');
 * ```
 */
export const intervalSchema = documented(
  z
    .string()
    .check(z.regex(INTERVAL_RE, { message: 'write an interval like "[80, 90)", "[90, 100]" or "(-inf, 60)"' }))
    .check((ctx) => {
      // Reported once the syntax is right: each bound a number callqa holds exactly, and at least one value inside.
      const p = INTERVAL_RE.test(ctx.value) ? intervalProblem(ctx.value) : null;
      if (p) ctx.issues.push({ code: 'custom', input: ctx.value, message: p.message, params: { code: p.code } });
    }),
  'interval:intervalSchema',
);

function intervalProblem(text: string): { code: string; message: string } | null {
  const m = INTERVAL_RE.exec(text);
  if (!m) return null;
  for (const b of [m[2], m[3]]) {
    const p = b !== undefined && !/inf$/.test(b) ? numberProblem(b) : null;
    if (p) return p;
  }
  const iv = parseInterval(text);
  if (!iv || iv.min === null || iv.max === null) return null;
  const c = iv.min.cmp(iv.max);
  return c < 0 || (c === 0 && iv.minInclusive && iv.maxInclusive)
    ? null
    : { code: 'invalid_interval', message: 'this interval holds no value: its lower end must be below its upper end (or equal, with both ends included)' };
}

/** A parsed interval; `null` bounds are infinite. */
export interface Interval {
  readonly min: Ratio | null;
  readonly minInclusive: boolean;
  readonly max: Ratio | null;
  readonly maxInclusive: boolean;
  /** The interval as written. */
  readonly text: string;
}

/**
 * Parses an interval string; returns `null` when it is malformed (the zod
 * schema reports that case).
 *
 * @example
 * ```ts
 * parseInterval('[80, 90)'); // { min: 80, minInclusive: true, max: 90, maxInclusive: false, … }
 * ```
 */
export function parseInterval(text: string): Interval | null {
  const m = INTERVAL_RE.exec(text);
  if (!m) return null;
  const lo = m[2] === '-inf' ? null : Ratio.from(m[2] ?? '');
  const hi = m[3] === 'inf' || m[3] === '+inf' ? null : Ratio.from(m[3] ?? '');
  return {
    min: lo,
    minInclusive: lo !== null && m[1] === '[',
    max: hi,
    maxInclusive: hi !== null && m[4] === ']',
    text: text.trim(),
  };
}

/**
 * Whether `x` lies in the interval.
 *
 * @example
 * ```ts
 * inInterval(parseInterval('[80, 90)')!, Ratio.of(90)); // false
 * ```
 */
export function inInterval(iv: Interval, x: Ratio): boolean {
  return inIntervalOf(iv, x.n, x.d);
}

/**
 * {@link inInterval} for the fraction `n/d` (`d > 0`, not necessarily
 * reduced), without a Ratio: for loops that keep figures as number pairs.
 *
 * @example
 * ```ts
 * inIntervalOf(parseInterval('[80, 90)')!, 179, 2); // true (89.5)
 * ```
 */
export function inIntervalOf(iv: Interval, n: number, d: number): boolean {
  if (iv.min !== null) {
    const c = cmp(n, d, iv.min.n, iv.min.d);
    if (c < 0 || (c === 0 && !iv.minInclusive)) return false;
  }
  if (iv.max !== null) {
    const c = cmp(n, d, iv.max.n, iv.max.d);
    if (c > 0 || (c === 0 && !iv.maxInclusive)) return false;
  }
  return true;
}

function lowerBefore(a: Interval, b: Interval): number {
  if (a.min === null) return b.min === null ? 0 : -1;
  if (b.min === null) return 1;
  const c = a.min.cmp(b.min);
  if (c !== 0) return c;
  return a.minInclusive === b.minInclusive ? 0 : a.minInclusive ? -1 : 1;
}

function upperAfter(a: Interval, b: Interval): number {
  if (a.max === null) return b.max === null ? 0 : 1;
  if (b.max === null) return -1;
  const c = a.max.cmp(b.max);
  if (c !== 0) return c;
  return a.maxInclusive === b.maxInclusive ? 0 : a.maxInclusive ? 1 : -1;
}

/**
 * The smallest interval containing all of `intervals` (null when empty).
 *
 * @example
 * ```ts
 * hullOf([parseInterval('[0, 5)')!, parseInterval('[5, 10]')!])?.text; // '[0, 10]'
 * ```
 */
export function hullOf(intervals: readonly Interval[]): Interval | null {
  let lo = intervals[0];
  let hi = intervals[0];
  if (!lo || !hi) return null;
  for (const iv of intervals) {
    if (lowerBefore(iv, lo) < 0) lo = iv;
    if (upperAfter(iv, hi) > 0) hi = iv;
  }
  const text = `${lo.minInclusive ? '[' : '('}${fmt(lo.min, true)}, ${fmt(hi.max, false)}${hi.maxInclusive ? ']' : ')'}`;
  return { min: lo.min, minInclusive: lo.minInclusive, max: hi.max, maxInclusive: hi.maxInclusive, text };
}

function fmt(r: Ratio | null, low: boolean): string {
  if (r === null) return low ? '-inf' : 'inf';
  return String(r.toNumber());
}

/**
 * Checks that intervals tile a domain with no gap and no overlap, and returns
 * one issue per problem with the path of the interval concerned. The domain
 * is itself an interval, e.g. "[0, 100]" for a score.
 *
 * @example
 * ```ts
 * checkTiling([parseInterval('[0, 60)')!, parseInterval('[60, 100]')!], parseInterval('[0, 100]')!, (i) => ['grades', i, 'range']);
 * // []
 * ```
 */
export function checkTiling(
  intervals: readonly Interval[],
  domain: Interval,
  pathOf: (index: number) => PathSegment[],
): Issue<'band_gap' | 'band_overlap'>[] {
  const issues: Issue<'band_gap' | 'band_overlap'>[] = [];
  const order = intervals.map((iv, i) => ({ iv, i })).sort((a, b) => lowerBefore(a.iv, b.iv) || a.i - b.i);
  const first = order[0];
  if (!first) return issues;
  // The lowest interval must reach down to the domain's lower end.
  if (lowerBefore(first.iv, domain) > 0) {
    issues.push({
      code: 'band_gap',
      path: pathOf(first.i),
      message: `nothing covers values from ${domain.minInclusive ? '[' : '('}${fmt(domain.min, true)} up to ${first.iv.text}`,
    });
  }
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    const a = prev.iv;
    const b = cur.iv;
    if (a.max === null || b.min === null) {
      issues.push({ code: 'band_overlap', path: pathOf(cur.i), message: `${b.text} overlaps ${a.text}` });
      continue;
    }
    const c = a.max.cmp(b.min);
    if (c < 0 || (c === 0 && !a.maxInclusive && !b.minInclusive)) {
      issues.push({
        code: 'band_gap',
        path: pathOf(cur.i),
        message: `gap between ${a.text} and ${b.text}: ${c < 0 ? `values between ${fmt(a.max, false)} and ${fmt(b.min, true)}` : `the value ${fmt(b.min, true)}`} fall in no band`,
      });
    } else if (c > 0 || (c === 0 && a.maxInclusive && b.minInclusive)) {
      issues.push({
        code: 'band_overlap',
        path: pathOf(cur.i),
        message: `${b.text} overlaps ${a.text}${c === 0 ? `: ${fmt(b.min, true)} is in both` : ''}`,
      });
    }
  }
  // The highest upper end must reach the domain's upper end.
  let top = order[0]!;
  for (const o of order) {
    if (top.iv.max === null) break;
    if (o.iv.max === null || o.iv.max.gt(top.iv.max) || (o.iv.max.eq(top.iv.max) && o.iv.maxInclusive)) top = o;
  }
  if (top.iv.max !== null) {
    const short =
      domain.max === null ||
      top.iv.max.lt(domain.max) ||
      (top.iv.max.eq(domain.max) && domain.maxInclusive && !top.iv.maxInclusive);
    if (short) {
      issues.push({
        code: 'band_gap',
        path: pathOf(top.i),
        message: `nothing covers values above ${top.iv.text} up to ${fmt(domain.max, false)}${domain.maxInclusive ? ']' : ')'}`,
      });
    }
  }
  return issues;
}
