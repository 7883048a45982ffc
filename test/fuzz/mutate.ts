/**
 * Fuzz support: seeded fast-check arbitraries that mutate a valid JSON document
 * (a bundled rubric, plan, evaluation) the way a hostile integrator would —
 * delete keys, change types, huge and tiny numbers, deep nesting, `__proto__` /
 * `constructor` keys, long strings, lone surrogates, duplicated array elements
 * (duplicate ids) — and the checks every fuzz property makes.
 *
 * A mutation picks its target with a number in [0, 1) over the list of every
 * path in the document, so shrinking moves it towards the root and fewer edits.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CallqaError } from '../../src/issues/issues.js';

type Json = unknown;
type Container = Record<string, unknown> | unknown[];

/** The run's seed: fixed so that CI is reproducible; FUZZ_SEED overrides it to explore. */
export const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);

/** A bundled document from rubrics/, parsed afresh. */
export function bundled(file: string): Json {
  return JSON.parse(readFileSync(new URL(`../../rubrics/${file}`, import.meta.url), 'utf8')) as Json;
}

/** Numbers at and beyond every limit: safe-integer edges, 10^9 edges, too many decimals, non-finite. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(1e16, -1e20, 2 ** 53, 2 ** 53 + 2, 9e15, 1e300, -1e300, 1e-7, 5e-324, 0.1 + 0.2, -0, 0, -1, 1e9, 1e9 + 1, 999_999_999.999999, 0.000001, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
);

/** Strings that hurt: empty, long, lone surrogates, keys of Object.prototype, interval look-alikes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\uD800', 'a\uDC00b', '\uDBFF\uDFFF', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '[0, 1e400]', '[0, 100000000000000000)', '(-inf, inf)', '2026-02-30', '喂', '0', 'NaN', 'x'.repeat(100_001)),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Any value a JavaScript caller could pass, JSON or not (bigint, undefined, functions, Dates). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  hostileString,
  fc.constantFrom(null, undefined, true, false, [], {}, 10n, new Date(0), () => 1, Symbol('s')),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path in a document down to depth 80 (deeper ones are all alike), without recursion. */
function pathsOf(doc: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { v: unknown; p: (string | number)[] }[] = [{ v: doc, p: [] }];
  while (stack.length > 0 && out.length < 5000) {
    const { v, p } = stack.pop() as { v: unknown; p: (string | number)[] };
    out.push(p);
    if (p.length >= 80) continue;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
    else if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], p: [...p, k] });
  }
  return out;
}

const pathCache = new WeakMap<object, (string | number)[][]>();
function cachedPaths(doc: Json): (string | number)[][] {
  if (typeof doc !== 'object' || doc === null) return [[]];
  let p = pathCache.get(doc);
  if (!p) pathCache.set(doc, (p = pathsOf(doc)));
  return p;
}

/** Freezes a base document all the way down, so an entry point that writes into its input is caught. */
export function deepFreeze<T>(doc: T): T {
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return doc;
}

function nest(depth: number, asArray: boolean): unknown {
  let v: unknown = asArray ? [] : {};
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { length: v };
  return v;
}

/** An own property, even for `__proto__` (as JSON.parse makes it). */
function define(o: Container, k: string | number, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** One edit of a document. */
export type Mutation =
  | { readonly op: 'delete' | 'duplicate' | 'surrogate'; readonly at: number }
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | { readonly op: 'deep'; readonly at: number; readonly depth: number; readonly asArray: boolean }
  | { readonly op: 'key'; readonly at: number; readonly key: string; readonly value: unknown };

/** Mutations, weighted towards the ones that found defects. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
  fc.record({ op: fc.constant('surrogate' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
  { arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), value: hostileValue }), weight: 4 },
  fc.record({ op: fc.constant('deep' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), depth: fc.integer({ min: 1, max: 300 }), asArray: fc.boolean() }),
  fc.record({
    op: fc.constant('key' as const),
    at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'bogus', 'length'),
    value: fc.oneof(fc.constant({ polluted: true }), fc.constant({ prototype: { polluted: true } }), hostileValue),
  }),
);

const shallow = (v: unknown): Container => (Array.isArray(v) ? [...v] : { ...(v as Record<string, unknown>) });
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/**
 * Applies edits to `doc` copy-on-write: only the containers on an edit's path
 * are copied, so the (frozen) original is never changed and an edit costs the
 * path's length, not the document's size. A path an earlier edit removed is
 * followed as far as it still exists.
 */
export function applyMutations(doc: Json, edits: readonly Mutation[]): Json {
  const paths = cachedPaths(doc);
  let root: Json = doc;
  for (const m of edits) {
    const want = paths[Math.floor(m.at * paths.length)] ?? [];
    // Copy the containers down the path (as far as it exists), keeping the last two.
    if (!isContainer(root)) {
      root = m.op === 'set' ? m.value : m.op === 'deep' ? nest(m.depth, m.asArray) : root;
      continue;
    }
    root = shallow(root);
    let parent: Container | null = null;
    let last: string | number | null = null;
    let node = root as Container;
    for (const seg of want) {
      const child = (node as Record<string | number, unknown>)[seg];
      if (!Object.hasOwn(node, seg)) break;
      parent = node;
      last = seg;
      if (!isContainer(child)) break;
      const copy = shallow(child);
      define(node, seg, copy);
      node = copy;
    }
    const target = parent === null || last === null ? root : (parent as Record<string | number, unknown>)[last];
    if (parent === null || last === null) {
      // The edit lands on the root.
      if (m.op === 'set') root = m.value;
      else if (m.op === 'deep') root = nest(m.depth, m.asArray);
      else if (m.op === 'key' && !(Array.isArray(root) && m.key === 'length')) define(root as Container, m.key, m.value);
      continue;
    }
    switch (m.op) {
      case 'delete':
        if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
        else delete (parent as Record<string, unknown>)[last];
        break;
      case 'duplicate':
        // An array element copied next to itself: duplicate ids, duplicate levels, duplicate bands.
        if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 0, parent[last]);
        else if (Array.isArray(target) && target.length > 0) target.push(target[0]);
        break;
      case 'surrogate':
        if (typeof target === 'string') define(parent, last, `${target}\uD83D`);
        break;
      case 'set':
        define(parent, last, m.value);
        break;
      case 'deep':
        define(parent, last, nest(m.depth, m.asArray));
        break;
      case 'key':
        // (An array's length is not a key one can give a value of any type.)
        if (isContainer(target) && !(Array.isArray(target) && m.key === 'length')) define(target, m.key, m.value);
        break;
    }
  }
  return root;
}

/** A mutated copy of one of `docs`: 1 to 4 edits. */
export function mutated(docs: readonly Json[]): fc.Arbitrary<Json> {
  for (const d of docs) deepFreeze(d);
  return fc
    .tuple(fc.integer({ min: 0, max: docs.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([i, edits]) => applyMutations(docs[i], edits));
}

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const PROTO_COUNT = Object.getOwnPropertyNames(Object.prototype).length;

/** Throws (failing the property) with a message; plain code, not expect(), because it runs 100,000 times. */
function fail(message: string): never {
  throw new Error(message);
}

/** Object.prototype has exactly its own properties, and nothing was written through __proto__. */
export function expectPrototypeUntouched(): void {
  if (Object.getOwnPropertyNames(Object.prototype).length !== PROTO_COUNT || Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== PROTO_NAMES) {
    fail('Object.prototype gained or lost a property');
  }
  if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype.polluted was written');
}

/**
 * A safe* result is well formed (success, or issues each with a string code, an
 * array path and a string message), and no issue has code `internal`: that code
 * means a defect nobody foresaw reached the last line of defence.
 */
export function expectSafeResult(res: unknown): void {
  if (typeof res !== 'object' || res === null) fail('a safe result must be an object');
  const r = res as { success: unknown; issues?: unknown };
  if (r.success === true) return;
  if (r.success !== false || !Array.isArray(r.issues) || r.issues.length === 0) fail('a failed safe result must carry issues');
  for (const i of r.issues as { code: unknown; path: unknown; message: unknown }[]) {
    if (typeof i.code !== 'string' || !Array.isArray(i.path) || typeof i.message !== 'string') fail(`malformed issue ${JSON.stringify(i)}`);
    if (i.code === 'internal') fail(`internal issue: ${i.message}`);
  }
}

/** A throwing form threw nothing, or one of the library's typed errors. */
export function expectOnlyTyped(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof CallqaError)) throw e;
  }
}

/** Inputs run so far in this file (printed at the end). */
export const counter = { inputs: 0 };
