/**
 * zod's English messages for the issues callqa's schemas can raise, written
 * here instead of importing `zod/v4/locales` `en`: that locale carries names
 * for some thirty string formats callqa never checks (e-mail, IBAN, JWT, …),
 * and leaving it out kept `import { loadRubric, scoreCall }` within its 50 KB
 * gzip browser budget (issue 12; 946 B gzip measured). The wording is zod 4's
 * English, so messages are what they were; a format callqa does not use is
 * named by its zod key (`Invalid email`).
 *
 * Internal: not exported from the package root.
 */
import type * as z from 'zod/mini';

/** The received type as zod's English names it (`NaN`, `Infinity`, `array`, a class name). */
function received(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : String(v);
  if (typeof v !== 'object') return typeof v;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  return proto !== Object.prototype && proto?.constructor?.name ? proto.constructor.name : 'object';
}

const literal = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : typeof v === 'bigint' ? `${v}n` : String(v));
const UNITS: Readonly<Record<string, string>> = { string: 'characters', file: 'bytes', array: 'items', set: 'items', map: 'entries' };
const FORMATS: Readonly<Record<string, string>> = { regex: 'input', date: 'ISO date', datetime: 'ISO datetime', time: 'ISO time' };

/**
 * The message of one raw zod issue, in zod 4's English.
 *
 * @example
 * ```ts
 * z.safeParse(z.number(), 'x', { error: englishMessage }).error?.issues[0]?.message;
 * // 'Invalid input: expected number, received string'
 * ```
 */
export function englishMessage(issue: z.core.$ZodRawIssue): string {
  const i = issue as z.core.$ZodRawIssue & Record<string, never>;
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${i.expected === 'nan' ? 'NaN' : i.expected}, received ${received(i.input)}`;
    case 'invalid_value': {
      const values = i.values as unknown[];
      return values.length === 1 ? `Invalid input: expected ${literal(values[0])}` : `Invalid option: expected one of ${values.map(literal).join('|')}`;
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const adj = i.exact ? 'exactly ' : `${big ? '<' : '>'}${i.inclusive ? '=' : ''}`;
      const origin = (i.origin as string | undefined) ?? 'value';
      const unit = UNITS[origin];
      const bound = String(big ? i.maximum : i.minimum);
      return `Too ${big ? 'big' : 'small'}: expected ${origin} to ${unit ? 'have' : 'be'} ${adj}${bound}${unit ? ` ${unit}` : ''}`;
    }
    case 'invalid_format': {
      const f = i.format as string;
      if (f === 'starts_with') return `Invalid string: must start with "${i.prefix}"`;
      if (f === 'ends_with') return `Invalid string: must end with "${i.suffix}"`;
      if (f === 'includes') return `Invalid string: must include "${i.includes}"`;
      if (f === 'regex') return `Invalid string: must match pattern ${i.pattern}`;
      return `Invalid ${FORMATS[f] ?? f}`;
    }
    case 'not_multiple_of':
      return `Invalid number: must be a multiple of ${i.divisor}`;
    case 'unrecognized_keys': {
      const keys = i.keys as string[];
      return `Unrecognized key${keys.length > 1 ? 's' : ''}: ${keys.map(literal).join(', ')}`;
    }
    case 'invalid_key':
      return `Invalid key in ${i.origin}`;
    case 'invalid_element':
      return `Invalid value in ${i.origin}`;
    case 'invalid_union': {
      const options = i.options as unknown[] | undefined;
      if (Array.isArray(options) && options.length > 0) return `Invalid discriminator value. Expected ${options.map((o) => `'${String(o)}'`).join(' | ')}`;
      return i.inclusive === false ? 'Invalid input: more than one option matched' : 'Invalid input';
    }
    default:
      return 'Invalid input';
  }
}
