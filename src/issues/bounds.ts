/**
 * Size and depth bounds on any input, checked before schema validation.
 *
 * Schema libraries and the checks after them recurse: a value nested 10,000
 * deep overflows the call stack (zod's `length` check did, on a label object
 * with a key named `length`), and a 100 MB string or a million-key object costs
 * time and memory long before a schema says "wrong type". So every loader and
 * `safeScoreCall` first walks the input once, iteratively (an explicit stack,
 * no recursion: the walk itself cannot overflow), and refuses it with a clean
 * issue at the path where a limit was crossed.
 *
 * Algorithm: depth-first over arrays and plain objects (own enumerable string
 * keys; other objects — Date, Map, class instances — are leaves, left to the
 * schema). Leaves are checked as their container is read; only containers get a
 * frame, which keeps its key and parent, so a path is rebuilt only for a value
 * that breaks a limit. A container deeper than `maxDepth` is reported and
 * not entered; so a cyclic object stops at the depth limit and a shared
 * sub-object reused many times stops at `maxNodes`. Strings (and keys) are
 * checked for length and for lone UTF-16 surrogates, which no UTF-8 file can
 * hold and which would reach the phrase matcher and the outputs as garbage.
 */
import type { BadInputIssueCode } from './codes.js';
import type { Issue, PathSegment } from './issues.js';

/**
 * The limits {@link checkBounds} enforces.
 *
 * @example
 * ```ts
 * const strict: InputLimits = { ...DOCUMENT_LIMITS, maxStringLength: 1000 };
 * ```
 */
export interface InputLimits {
  /** The most keys or indexes between the root and any value (the root is at depth 0). */
  readonly maxDepth: number;
  /** The longest string or object key, in UTF-16 code units. */
  readonly maxStringLength: number;
  /** The most elements in one array. */
  readonly maxArrayLength: number;
  /** The most keys in one object. */
  readonly maxKeys: number;
  /** The most values in the whole input (every object, array, string, number …). */
  readonly maxNodes: number;
}

/**
 * Limits for rubrics and plans: documents a person writes. A real scorecard is
 * about 10 levels deep, a few hundred values, labels of a few hundred
 * characters; these limits are far above that and far below what hurts.
 *
 * @example
 * ```ts
 * checkBounds(json, DOCUMENT_LIMITS); // [] for every bundled rubric
 * ```
 */
export const DOCUMENT_LIMITS: InputLimits = Object.freeze({
  maxDepth: 64,
  maxStringLength: 100_000,
  maxArrayLength: 10_000,
  maxKeys: 10_000,
  maxNodes: 1_000_000,
});

/**
 * Limits for one evaluation (one call): a transcript turn may be long (a whole
 * call's speech-to-text in one turn), and a long call has thousands of turns.
 *
 * @example
 * ```ts
 * checkBounds(evaluation, EVALUATION_LIMITS);
 * ```
 */
export const EVALUATION_LIMITS: InputLimits = Object.freeze({
  maxDepth: 64,
  maxStringLength: 10_000_000,
  maxArrayLength: 100_000,
  maxKeys: 10_000,
  maxNodes: 1_000_000,
});

/** At most this many bound issues are reported for one input (the rest are the same problem again). */
const MAX_ISSUES = 20;

interface Frame {
  readonly value: unknown;
  readonly key: PathSegment | null;
  readonly parent: Frame | null;
  readonly depth: number;
}

function pathOf(f: Frame, last?: PathSegment): PathSegment[] {
  const path: PathSegment[] = last === undefined ? [] : [last];
  for (let cur: Frame | null = f; cur !== null && cur.key !== null; cur = cur.parent) path.push(cur.key);
  return path.reverse();
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Native in Node ≥ 20 (ES2024); the regular expression where it is missing.
const isWellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

function isWalkedObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The common case, fast: true when nothing crosses a limit. No paths, frames or
 * closures — one stack of values and one of depths — because every evaluation
 * of a batch run passes through here; {@link checkBounds} walks again, building
 * paths, only for an input that fails. Same rules, same order of checks.
 * Internal (not exported from the package): exported for its test.
 *
 * @example
 * ```ts
 * withinBounds({ a: [1, 2] }, DOCUMENT_LIMITS); // true
 * ```
 */
export function withinBounds(value: unknown, limits: InputLimits): boolean {
  return boundsWalk(value, limits, 0, 0) >= 0;
}

/**
 * Whether one string (a value or a key) is within the limits: its length, and
 * no lone UTF-16 surrogate.
 *
 * @example
 * ```ts
 * stringWithin('a\uD800', EVALUATION_LIMITS); // false
 * ```
 */
export function stringWithin(s: string, limits: InputLimits): boolean {
  return s.length <= limits.maxStringLength && isWellFormed(s);
}

/**
 * {@link withinBounds} from a value found at `depth`, counting on from `nodes`
 * values already seen: the new count, or -1 when a limit is crossed. A reader
 * that walks an input's known shape itself (scoring's `parseEvaluation`) checks
 * the values it reads as it reads them, counts each as a child (+1, as here),
 * and hands each value it does not read to this walk — so every value is
 * visited once. A container is counted once more when walked, a string root
 * not at all (its reader counted it).
 *
 * @example
 * ```ts
 * boundsWalk([1, 'a'], EVALUATION_LIMITS, 1, 0); // 3
 * ```
 */
export function boundsWalk(value: unknown, limits: InputLimits, depth0: number, nodes0: number): number {
  if (typeof value === 'string') return stringWithin(value, limits) ? nodes0 : -1;
  if (typeof value !== 'object' || value === null) return nodes0;
  const values: unknown[] = [value];
  const depths: number[] = [depth0];
  // Counted as checkBounds counts (a container once as a child, once when walked), so
  // that true here always means no issue there.
  let nodes = nodes0;
  while (values.length > 0) {
    const v = values.pop() as object;
    const depth = depths.pop() as number;
    if (++nodes > limits.maxNodes) return -1;
    const isArray = Array.isArray(v);
    if (!isArray && !isWalkedObject(v)) continue;
    // Arrays and objects in two loops on purpose: one loop over both (index or key)
    // measured ~25 % slower per evaluation in scoreCall, where every call passes here.
    if (isArray) {
      if (v.length === 0) continue;
      if (depth >= limits.maxDepth || v.length > limits.maxArrayLength) return -1;
      for (let i = 0; i < v.length; i++) {
        const c: unknown = v[i];
        if (++nodes > limits.maxNodes) return -1;
        if (typeof c === 'string') {
          if (c.length > limits.maxStringLength || !isWellFormed(c)) return -1;
        } else if (typeof c === 'object' && c !== null) {
          values.push(c);
          depths.push(depth + 1);
        }
      }
    } else {
      const keys = Object.keys(v);
      if (keys.length === 0) continue;
      if (depth >= limits.maxDepth || keys.length > limits.maxKeys) return -1;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        if (k.length > limits.maxStringLength || !isWellFormed(k)) return -1;
        const c: unknown = (v as Record<string, unknown>)[k];
        if (++nodes > limits.maxNodes) return -1;
        if (typeof c === 'string') {
          if (c.length > limits.maxStringLength || !isWellFormed(c)) return -1;
        } else if (typeof c === 'object' && c !== null) {
          values.push(c);
          depths.push(depth + 1);
        }
      }
    }
  }
  return nodes;
}

/**
 * Whether a container found at `depth` with `size` elements or keys may be
 * entered (what {@link boundsWalk} checks before walking one): an empty one
 * always; otherwise within the depth and its size limit.
 *
 * @example
 * ```ts
 * containerWithin(true, 3, 1, EVALUATION_LIMITS); // true
 * ```
 */
export function containerWithin(isArray: boolean, size: number, depth: number, limits: InputLimits): boolean {
  return size === 0 || (depth < limits.maxDepth && size <= (isArray ? limits.maxArrayLength : limits.maxKeys));
}

/**
 * Is this a container {@link boundsWalk} walks (an array, or an object whose
 * prototype is Object.prototype or null)? Other objects are leaves.
 *
 * @example
 * ```ts
 * isWalked({}); // true
 * isWalked(new Date(0)); // false
 * ```
 */
export function isWalked(v: object): boolean {
  return Array.isArray(v) || isWalkedObject(v);
}

/**
 * Walks `value` once and returns an issue for each limit crossed (at most 20),
 * with its path: `too_deep`, `too_long` (a string or key), `too_many_items`
 * (an array), `too_many_keys` (an object), `too_large_input` (all values),
 * `invalid_unicode` (a lone surrogate). An empty list means the input may go on
 * to schema validation.
 *
 * @example
 * ```ts
 * let deep: unknown = [];
 * for (let i = 0; i < 10_000; i++) deep = [deep];
 * checkBounds({ name: { length: deep } }, DOCUMENT_LIMITS)[0]?.code; // 'too_deep'
 * ```
 */
export function checkBounds(value: unknown, limits: InputLimits): Issue<BadInputIssueCode>[] {
  if (withinBounds(value, limits)) return [];
  const issues: Issue<BadInputIssueCode>[] = [];
  const root: Frame = { value, key: null, parent: null, depth: 0 };
  const stack: Frame[] = [];
  let nodes = 0;
  /** A string at `parent[key]` (or the key itself): its length and its UTF-16. */
  const checkString = (s: string, parent: Frame, key: PathSegment | undefined, isKey: boolean): void => {
    const what = isKey ? 'a key' : 'a string';
    if (s.length > limits.maxStringLength) {
      issues.push({ code: 'too_long', path: pathOf(parent, key), message: `${what} of ${s.length} characters is longer than the limit of ${limits.maxStringLength}` });
    } else if (!isWellFormed(s)) {
      issues.push({ code: 'invalid_unicode', path: pathOf(parent, key), message: `${what} holds a lone UTF-16 surrogate, which is not text` });
    }
  };
  /** Leaves are checked at once, in order (no frame); containers wait in `pending`, pushed in reverse so they are walked in order. */
  const pending: Frame[] = [];
  const visit = (v: unknown, parent: Frame, key: PathSegment): void => {
    nodes++;
    if (typeof v === 'string') checkString(v, parent, key, false);
    else if (typeof v === 'object' && v !== null) pending.push({ value: v, key, parent, depth: parent.depth + 1 });
  };
  const flush = (): void => {
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i] as Frame);
    pending.length = 0;
  };
  if (typeof value === 'string') {
    nodes++;
    checkString(value, root, undefined, false);
  } else if (typeof value === 'object' && value !== null) stack.push(root);
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const f = stack.pop() as Frame;
    if (++nodes > limits.maxNodes) {
      issues.push({ code: 'too_large_input', path: pathOf(f), message: `the input holds more than ${limits.maxNodes} values` });
      break;
    }
    const v = f.value as object;
    const isArray = Array.isArray(v);
    if (!isArray && !isWalkedObject(v)) continue;
    if (f.depth >= limits.maxDepth) {
      // Its children would be deeper than the limit; an empty container is still fine.
      const first = isArray ? (v.length > 0 ? 0 : undefined) : Object.keys(v)[0];
      if (first !== undefined) issues.push({ code: 'too_deep', path: pathOf(f, first), message: `nested more than ${limits.maxDepth} levels deep` });
      continue;
    }
    if (isArray) {
      if (v.length > limits.maxArrayLength) {
        issues.push({ code: 'too_many_items', path: pathOf(f), message: `${v.length} elements; at most ${limits.maxArrayLength} are allowed` });
        continue;
      }
      for (let i = 0; i < v.length; i++) visit(v[i], f, i);
      flush();
    } else {
      const keys = Object.keys(v);
      if (keys.length > limits.maxKeys) {
        issues.push({ code: 'too_many_keys', path: pathOf(f), message: `${keys.length} keys; at most ${limits.maxKeys} are allowed` });
        continue;
      }
      for (const k of keys) {
        checkString(k, f, k, true);
        visit((v as Record<string, unknown>)[k], f, k);
      }
      flush();
    }
  }
  if (nodes > limits.maxNodes && !issues.some((i) => i.code === 'too_large_input')) {
    issues.push({ code: 'too_large_input', path: [], message: `the input holds more than ${limits.maxNodes} values` });
  }
  return issues.slice(0, MAX_ISSUES);
}
