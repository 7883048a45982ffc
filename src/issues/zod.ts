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
 *   `z.globalRegistry`; `described` does the same, so one base schema reused
 *   with different descriptions keeps each one in the generated JSON Schema.
 *
 * Internal: not exported from the package root.
 */
import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';

// Built on first use: a module-level call would keep the locale in bundles that never parse.
let english: z.core.$ZodErrorMap | undefined;

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
  english ??= en().localeError;
  return z.safeParse(schema, input, { error: english });
}

/**
 * A copy of `schema` carrying `meta` (id, title, description, examples) in
 * `z.globalRegistry`, exactly what classic zod's `schema.meta(meta)` returns:
 * the original is left as it was, and the copy inherits the original's own
 * metadata (except its id) through its parent link.
 *
 * @example
 * ```ts
 * const points = z.number();
 * const max = described(points, { description: 'The item’s maximum.' });
 * z.globalRegistry.get(max)?.description; // 'The item’s maximum.'
 * z.globalRegistry.get(points); // undefined
 * ```
 */
export function described<T extends z.core.$ZodType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = z.clone(schema);
  z.globalRegistry.add(copy, meta as never);
  return copy;
}
