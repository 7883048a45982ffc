/**
 * The two pieces of zod glue every schema in callqa shares. The schemas use
 * `zod/mini` (functions, not methods), so a bundler keeps only the parts a
 * caller reaches: in a browser bundle of `loadRubric` + `scoreCall`, zod went
 * from 454 KB minified (classic, all its locales) to 32 KB, about 11 KB gzip.
 * Two things classic zod did implicitly are done here, explicitly:
 *
 * - English messages. `zod/mini` loads no locale, and callqa must not set
 *   zod's global configuration (that would change the host application's zod), so each
 *   parse passes zod's English error map itself (`safeParseEnglish`).
 * - Descriptions. Classic `.meta(m)` clones the schema and registers `m` in
 *   `z.globalRegistry`; `documented` clones and `applySchemaDocs` registers the
 *   text when a JSON Schema is generated, so one base schema reused with
 *   different descriptions keeps each one, and a validating bundle carries
 *   none of the text (it lives in `*.docs.ts` beside each schema).
 *
 * Internal: not exported from the package root.
 */
import * as z from 'zod/mini';
import { englishMessage } from './zod-english.js';

/**
 * `schema.safeParse(input)` with zod's English messages, whatever the host
 * application configured globally: in zod's precedence a per-parse error map
 * outranks the global ones, and only a message the schema gives itself wins.
 *
 * @example
 * ```ts
 * const r = safeParseEnglish(z.string(), 42);
 * r.success; // false
 * r.error?.issues[0]?.message; // 'Invalid input: expected string, received number'
 * ```
 */
export function safeParseEnglish<T extends z.core.$ZodType>(schema: T, input: unknown): z.core.util.SafeParseResult<z.output<T>> {
  return z.safeParse(schema, input, { error: englishMessage });
}

/** Documentation of schemas (description, title, $defs id) by the key `documented` gave them. */
export type SchemaDocs = Readonly<Record<string, z.core.GlobalMeta>>;

// Every documented copy with its key, in creation order; their text is registered on demand.
const documentedCopies: Array<readonly [z.core.$ZodType, string]> = [];

/**
 * A copy of `schema` to be documented under `key`: what classic zod's
 * `schema.meta(meta)` returns, except that the meta (the text) lives in a
 * `*.docs.ts` module beside the schema and is registered in
 * `z.globalRegistry` only when a JSON Schema is generated
 * ({@link applySchemaDocs}). The copy inherits the original's own metadata
 * (except its id) through its parent link, so one base schema reused in
 * several places keeps each place's description.
 *
 * @example
 * ```ts
 * const points = z.number();
 * const max = documented(points, 'rubric:max');
 * applySchemaDocs({ 'rubric:max': { description: 'The item’s maximum.' } });
 * z.globalRegistry.get(max)?.description; // 'The item’s maximum.'
 * z.globalRegistry.get(points); // undefined
 * ```
 */
export function documented<T extends z.core.$ZodType>(schema: T, key: string): T {
  const copy = z.clone(schema);
  documentedCopies.push([copy, key]);
  return copy;
}

/**
 * The keys given so far by {@link documented}, in creation order.
 *
 * @example
 * ```ts
 * documented(z.number(), 'rubric:points');
 * documentedKeys().includes('rubric:points'); // true
 * ```
 */
export function documentedKeys(): string[] {
  return documentedCopies.map(([, key]) => key);
}

/**
 * Registers the documentation of every documented schema whose key is in one
 * of `docs` (idempotent). Returns the keys created by `documented` that none
 * of `docs` describes (a test keeps it empty).
 *
 * @example
 * ```ts
 * applySchemaDocs(RUBRIC_SCHEMA_DOCS, INTERVAL_DOCS); // then z.toJSONSchema(rubricSchema)
 * ```
 */
export function applySchemaDocs(...docs: readonly SchemaDocs[]): string[] {
  const missing: string[] = [];
  for (const [copy, key] of documentedCopies) {
    const meta = docs.find((d) => Object.hasOwn(d, key))?.[key];
    if (meta) z.globalRegistry.add(copy, meta as never);
    else missing.push(key);
  }
  return missing;
}
