/**
 * The largest record the batch reads. A worker's heap is capped (96 MB) so
 * that memory stays flat; V8 handles a heap that grows past the cap bit by bit
 * by stopping the worker (which the pool survives), but one allocation far
 * past it — the string of a 130 MB line — aborts the whole process. So a
 * record is measured before it is decoded: over {@link MAX_RECORD_BYTES} of
 * UTF-8 it is rejected (`record_too_large`, with its line) unread. The same
 * byte count decides on every path (worker bytes, decoded text, CSV rows), so
 * the output does not depend on the worker count.
 */
import type { InputUnit } from './types.js';
import { wellFormedUnit } from './utf8.js';

/** 16 MiB: a transcript of a whole working day is well under 1 MB. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * The rejected unit of a record longer than {@link MAX_RECORD_BYTES}.
 *
 * @example
 * ```ts
 * tooLargeUnit(3, 20 * 1024 * 1024).issues[0].code; // 'record_too_large'
 * ```
 */
export function tooLargeUnit(line: number, bytes: number): InputUnit & { readonly issues: readonly unknown[] } {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  return {
    line,
    issues: [{ code: 'record_too_large', path: [], message: `the record is ${mb(bytes)} MB of UTF-8; records over ${mb(MAX_RECORD_BYTES)} MB are not read (one could exhaust a worker's memory)` }],
  };
}

/**
 * A unit of decoded text as the batch takes it: rejected when it is too large
 * or holds bytes that were not UTF-8 (see utf8.ts), else itself.
 *
 * @example
 * ```ts
 * screenUnit({ line: 1, text: '{"id":"c1"}' }); // the same unit
 * ```
 */
export function screenUnit(unit: InputUnit): InputUnit {
  // A UTF-16 code unit is at most 3 bytes of UTF-8: only long texts need counting.
  if ('text' in unit && unit.text.length * 3 > MAX_RECORD_BYTES) {
    const n = Buffer.byteLength(unit.text);
    if (n > MAX_RECORD_BYTES) return tooLargeUnit(unit.line, n);
  }
  return wellFormedUnit(unit);
}
