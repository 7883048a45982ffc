/**
 * The English messages, on real zod/mini parses. The expected strings are zod 4's
 * English wording (zod/v4/locales/en.js), written out by hand.
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { englishMessage } from './zod-english.js';

const first = (schema: z.core.$ZodType, input: unknown): string | undefined => z.safeParse(schema, input, { error: englishMessage }).error?.issues[0]?.message;

describe('englishMessage', () => {
  it('types, with NaN, Infinity and arrays named', () => {
    expect(first(z.number(), 'x')).toBe('Invalid input: expected number, received string');
    expect(first(z.number(), Number.NaN)).toBe('Invalid input: expected number, received NaN');
    expect(first(z.string(), [1])).toBe('Invalid input: expected string, received array');
    expect(first(z.string(), null)).toBe('Invalid input: expected string, received null');
  });

  it('values and options', () => {
    expect(first(z.literal('a'), 'b')).toBe('Invalid input: expected "a"');
    expect(first(z.enum(['a', 'b']), 'c')).toBe('Invalid option: expected one of "a"|"b"');
  });

  it('bounds of numbers, strings and arrays', () => {
    expect(first(z.number().check(z.minimum(1)), 0)).toBe('Too small: expected number to be >=1');
    expect(first(z.number().check(z.gt(1)), 1)).toBe('Too small: expected number to be >1');
    expect(first(z.number().check(z.maximum(5)), 6)).toBe('Too big: expected number to be <=5');
    expect(first(z.string().check(z.minLength(2)), 'a')).toBe('Too small: expected string to have >=2 characters');
    expect(first(z.array(z.number()).check(z.maxLength(1)), [1, 2])).toBe('Too big: expected array to have <=1 items');
  });

  it('formats, keys and unions', () => {
    expect(first(z.string().check(z.regex(/^a$/)), 'b')).toBe('Invalid string: must match pattern /^a$/');
    expect(first(z.iso.date(), '2026-13-01')).toBe('Invalid ISO date');
    expect(first(z.strictObject({ a: z.number() }), { a: 1, b: 2, c: 3 })).toBe('Unrecognized keys: "b", "c"');
    expect(first(z.union([z.number(), z.string()]), true)).toBe('Invalid input');
    // A discriminated union names the values its key may take (a rubric item's mistyped kind).
    const kinds = z.discriminatedUnion('kind', [z.object({ kind: z.literal('yes-no') }), z.object({ kind: z.literal('levels') })]);
    expect(first(kinds, { kind: 'bogus' })).toBe("Invalid discriminator value. Expected 'yes-no' | 'levels'");
  });
});
