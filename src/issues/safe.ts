/**
 * What every `safe*` function shares: the last line of defence that turns any
 * throw into an issue, and the staged schema read that lets the cross-field
 * checks run even when the shape has problems (every problem in one round).
 *
 * The real defences are at the boundary (bounds.ts, numbers.ts and each
 * schema): `guard` exists so that a defect nobody foresaw still reaches the
 * caller as data, with code `internal`, instead of crashing a batch.
 */
import type * as z from 'zod/mini';
import { ArithmeticOverflowError } from '../exact/rational.js';
import type { BadInputIssueCode } from './codes.js';
import { CallqaError, type Issue, type PathSegment } from './issues.js';
import { safeParseEnglish } from './zod.js';

/** A failed result. */
export interface Failure<C extends string = string> {
  readonly success: false;
  readonly issues: readonly Issue<C>[];
}

function describe(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    return 'an unprintable value';
  }
}

/**
 * Runs `run` and returns its result; a throw becomes a failure: the issues of a
 * callqa error as they are (an exact-arithmetic overflow as `too_large`), any
 * other throw as one `internal` issue naming it.
 *
 * @example
 * ```ts
 * const res = guard(() => ({ success: true as const, value: JSON.parse(text) as unknown }));
 * if (!res.success) console.error(res.issues[0]?.code); // 'internal' for bad JSON
 * ```
 */
export function guard<T extends { readonly success: boolean }, C extends string = string>(run: () => T): T | Failure<C | 'too_large' | 'internal'> {
  try {
    return run();
  } catch (e) {
    if (e instanceof ArithmeticOverflowError) {
      return {
        success: false,
        issues: [{ code: 'too_large', path: [], message: 'these numbers combine into a value too large to be held exactly (beyond 2^53); use smaller numbers or fewer decimal places' }],
      };
    }
    // The one cast: a callqa error thrown inside `run` is one of the caller's own (codes C),
    // which the type of a catch clause cannot say.
    if (e instanceof CallqaError) return { success: false, issues: e.issues as readonly Issue<C>[] };
    return { success: false, issues: [{ code: 'internal', path: [], message: `unexpected failure (${describe(e)}); this is a callqa defect, please report it with the input` }] };
  }
}

/** Turns zod issues into callqa's (the one mapping, passed in to keep this module below the loaders). */
export type ZodIssueMapper<C extends string = BadInputIssueCode> = (zissues: readonly z.core.$ZodIssue[], input: unknown) => Issue<C>[];

/** The result of {@link parseStaged}: what the schema could read (or null), and the shape issues. */
export interface StagedParse<T, C extends string = BadInputIssueCode> {
  readonly data: T | null;
  readonly issues: Issue<C | 'checks_skipped'>[];
}

/** A copy of `root` without the given keys, copying only the containers on their paths. */
function withoutKeys(root: unknown, drops: readonly { readonly path: readonly PathSegment[]; readonly keys: readonly string[] }[]): unknown {
  const copy = (v: unknown): unknown => (Array.isArray(v) ? [...v] : { ...(v as Record<string, unknown>) });
  const out = copy(root);
  for (const d of drops) {
    let node = out as Record<PathSegment, unknown>;
    for (const seg of d.path) {
      node[seg] = copy(node[seg]);
      node = node[seg] as Record<PathSegment, unknown>;
    }
    for (const k of d.keys) delete node[k];
  }
  return out;
}

/**
 * Validates `json` against `schema`. When the only problems are unknown keys
 * (which carry no meaning), reads the rest without them, so the caller can run
 * its cross-field checks on it in the same round. Otherwise `data` is null and a
 * `checks_skipped` issue says the cross-field checks could not run.
 *
 * @example
 * ```ts
 * const { data, issues } = parseStaged(rubricSchema, json, fromZodIssues);
 * if (data) issues.push(...checkSemantics(data));
 * ```
 */
export function parseStaged<T, C extends string = BadInputIssueCode>(schema: z.ZodMiniType<T>, json: unknown, toIssues: ZodIssueMapper<C>): StagedParse<T, C> {
  const first = safeParseEnglish(schema, json);
  if (first.success) return { data: first.data, issues: [] };
  const issues: Issue<C | 'checks_skipped'>[] = toIssues(first.error.issues, json);
  const drops: { path: PathSegment[]; keys: string[] }[] = [];
  for (const zi of first.error.issues) {
    if (zi.code !== 'unrecognized_keys') break;
    drops.push({ path: zi.path.filter((p): p is PathSegment => typeof p !== 'symbol'), keys: zi.keys });
  }
  if (drops.length === first.error.issues.length) {
    const second = safeParseEnglish(schema, withoutKeys(json, drops));
    if (second.success) return { data: second.data, issues };
  }
  issues.push({
    code: 'checks_skipped',
    path: [],
    message: 'the cross-field checks (ids, weights, bands, phrases) were not run because the problems above leave their inputs unreadable; fix those and load again',
  });
  return { data: null, issues };
}
