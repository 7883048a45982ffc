/**
 * The one mapping from zod's issues to callqa's, used by every loader and
 * validator (rubrics, plans, KPI input), with one set of codes:
 *
 * | zod issue | callqa code |
 * |---|---|
 * | any, where the value is missing | `required` |
 * | `unrecognized_keys` (one issue per key, at the key's path) | `unknown_key` |
 * | `invalid_type`, expected an integer | `not_integer` |
 * | `invalid_type`, otherwise | `invalid_type` |
 * | `too_small`, a number below an inclusive minimum of 0 | `negative` |
 * | `too_small`, otherwise | `too_small` |
 * | `too_big` | `too_big` |
 * | `custom` with `params.code` (refinements) | that code |
 * | `invalid_union` | reported through the branch that got furthest |
 * | anything else | zod's code |
 *
 * The input is passed along because zod does not echo it: it tells a missing
 * field (`required`) from a wrong one. Messages name the path when
 * `pathInMessage` is set (KPI input, whose issues are read without their
 * path), and are bare otherwise (loaders, whose issues are printed after it).
 */
import type * as z from 'zod/mini';
import type { BadInputIssueCode } from './codes.js';
import type { Issue, PathSegment } from './issues.js';

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Options of {@link fromZodIssues}. @example `const o: ZodIssueOptions = { pathInMessage: true };` */
export interface ZodIssueOptions {
  /** Prefix each message with the dotted path (`talkSeconds must not be negative`). Default false. */
  readonly pathInMessage?: boolean;
  /** A path to put before every issue's own. */
  readonly base?: readonly PathSegment[];
}

const TYPE_PHRASE: Readonly<Record<string, string>> = {
  number: 'a finite number',
  int: 'a whole number (a count)',
  array: 'a list of numbers',
  object: 'an object',
};

/** The code and message of one zod issue that is not a union, a missing value or an unknown key. */
function mapOne(zi: z.core.$ZodIssue, value: unknown, at: string | null): { code: string; message: string } {
  const say = (bare: string, withPath: string): string => (at === null ? bare : withPath);
  switch (zi.code) {
    case 'invalid_type': {
      const code = zi.expected === 'int' ? 'not_integer' : 'invalid_type';
      const phrase = TYPE_PHRASE[zi.expected];
      return { code, message: say(`expected ${zi.expected}, got ${kindOf(value)}`, phrase ? `${at} must be ${phrase}` : `${at}: ${zi.message}`) };
    }
    case 'too_small':
      if (zi.origin === 'number' && Number(zi.minimum) === 0 && zi.inclusive === true) return { code: 'negative', message: say(zi.message, `${at} must not be negative`) };
      return { code: 'too_small', message: say(zi.message, `${at}: ${zi.message}`) };
    case 'custom': {
      const c = (zi.params as { code?: unknown } | undefined)?.code;
      return { code: typeof c === 'string' ? c : 'invalid', message: say(zi.message, `${at}: ${zi.message}`) };
    }
    default:
      return { code: zi.code, message: say(zi.message, `${at}: ${zi.message}`) };
  }
}

/**
 * Turns zod's issues into callqa's, keeping each path. `input` is the value
 * that was parsed. Union failures are reported through the branch whose issues
 * reach deepest (the one the author meant), so the message names the field
 * that is wrong rather than "invalid input".
 *
 * @example
 * ```ts
 * const input = { n: -1, typo: 1 };
 * const r = z.strictObject({ n: z.number().min(0) }).safeParse(input);
 * if (!r.success) fromZodIssues(r.error.issues, input);
 * //=> [{ code: 'negative', path: ['n'], … }, { code: 'unknown_key', path: ['typo'], message: 'unknown key "typo"' }]
 * ```
 */
export function fromZodIssues<C extends string = never>(zissues: readonly z.core.$ZodIssue[], input: unknown, options: ZodIssueOptions = {}): Issue<BadInputIssueCode | C>[] {
  const out: Issue[] = [];
  const base = options.base ?? [];
  for (const zi of zissues) {
    const path = [...base, ...zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const at = options.pathInMessage ? (path.length === 0 ? 'input' : path.map(String).join('.')) : null;
    const value = valueAt(input, path);
    if (value === undefined && (zi.code === 'invalid_type' || zi.code === 'invalid_union')) {
      out.push({ code: 'required', path, message: `${at ?? String(path[path.length - 1] ?? 'value')} is required` });
    } else if (zi.code === 'invalid_union' && zi.errors.length > 0) {
      out.push(...fromUnion(zi, input, path, value, options));
    } else if (zi.code === 'unrecognized_keys') {
      for (const k of zi.keys) out.push({ code: 'unknown_key', path: [...path, k], message: `unknown key "${k}"` });
    } else {
      const { code, message } = mapOne(zi, value, at);
      out.push({ code, path, message });
    }
  }
  // The one cast: codes come from the mapping (BadInputIssueCode) or from a refinement's
  // params.code, which the schema's author declares as C; zod cannot type either.
  return out as Issue<BadInputIssueCode | C>[];
}

function fromUnion(zi: z.core.$ZodIssueInvalidUnion, input: unknown, path: PathSegment[], value: unknown, options: ZodIssueOptions): Issue[] {
  let best: readonly z.core.$ZodIssue[] = zi.errors[0] ?? [];
  let depth = -1;
  for (const branch of zi.errors) {
    const d = Math.max(...branch.map((x) => x.path.length));
    if (d > depth) {
      depth = d;
      best = branch;
    }
  }
  if (depth > 0) return fromZodIssues(best, input, { ...options, base: path });
  const expected = [...new Set(zi.errors.flatMap((br) => br.map((x) => (x.code === 'invalid_type' ? x.expected : null)).filter((x) => x !== null)))];
  return [{ code: 'invalid_type', path, message: expected.length ? `expected ${expected.join(' or ')}, got ${kindOf(value)}` : (best[0]?.message ?? zi.message) }];
}
