import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { described, safeParseEnglish } from './zod.js';

describe('safeParseEnglish', () => {
  it('gives zod’s English messages per parse and leaves the global zod configuration alone', () => {
    // Nothing in this file loads classic zod (which would install English globally).
    expect(z.config().localeError).toBeUndefined();
    const schema = z.object({ name: z.string().check(z.minLength(1)), n: z.number() });
    const input = { name: '', n: 'x' };

    const r = safeParseEnglish(schema, input);
    expect(r.success).toBe(false);
    // The texts of zod's own English locale (zod/v4/locales/en).
    expect(r.error?.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      [['name'], 'too_small', 'Too small: expected string to have >=1 characters'],
      [['n'], 'invalid_type', 'Invalid input: expected number, received string'],
    ]);

    // The same parse without it: zod/mini's bare fallback, proof that the English came from the call.
    const bare = schema.safeParse(input);
    expect(bare.error?.issues.map((i) => i.message)).toEqual(['Invalid input', 'Invalid input']);
    expect(z.config().localeError).toBeUndefined();
  });

  it('keeps a message the schema gives itself', () => {
    const schema = z.string().check(z.regex(/^a/, { message: 'start with a' }));
    expect(safeParseEnglish(schema, 'b').error?.issues[0]?.message).toBe('start with a');
    expect(safeParseEnglish(schema, 'abc')).toEqual({ success: true, data: 'abc' });
  });
});

describe('described', () => {
  it('is classic .meta(): a registered copy, the original untouched, one base reused with different descriptions', () => {
    const base = z.number();
    const a = described(base, { description: 'first' });
    const b = described(base, { description: 'second' });
    expect(a).not.toBe(base);
    expect(z.globalRegistry.get(base)).toBeUndefined();
    expect(z.globalRegistry.get(a)).toEqual({ description: 'first' });
    expect(z.globalRegistry.get(b)).toEqual({ description: 'second' });
    // Each description reaches the JSON Schema at its own property.
    expect(z.toJSONSchema(z.strictObject({ a, b }))).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { a: { type: 'number', description: 'first' }, b: { type: 'number', description: 'second' } },
      required: ['a', 'b'],
      additionalProperties: false,
    });
  });

  it('inherits the original’s metadata except its id, as classic zod does', () => {
    const named = described(z.string(), { id: 'Name', title: 'A name' });
    const field = described(named, { description: 'The agent’s name.' });
    expect(z.globalRegistry.get(field)).toEqual({ title: 'A name', description: 'The agent’s name.' });
    // Behaviour is the original's: the copy validates the same way.
    expect(field.safeParse('x').success).toBe(true);
    expect(field.safeParse(1).success).toBe(false);
  });
});
