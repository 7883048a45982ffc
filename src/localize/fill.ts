/**
 * Filling the `{name}` slots of a localized template: the one helper for every
 * formatter (text output, the monthly report, item reasons).
 */

/**
 * Replaces each `{key}` of `template` with `values[key]`; an unknown key is left as written.
 *
 * @example
 * ```ts
 * fill('{n} calls', { n: 3 }); // '3 calls'
 * fill('{n} 次 × −{p}', { n: 2, p: 2 }); // '2 次 × −2'
 * ```
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
