/**
 * Deterministic ordering. Reports must come out byte-identical on every
 * machine, so strings are ordered by UTF-16 code units — never with
 * `localeCompare`, whose result depends on the runtime's ICU data and locale.
 */

/**
 * Compares two strings by code units: a total, locale-independent order.
 *
 * @example
 * ```ts
 * ['b', 'A', 'a'].sort(compareCodeUnits); // ['A', 'a', 'b']
 * ```
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
