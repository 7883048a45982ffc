import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { applySchemaDocs, documented, safeParseEnglish } from './zod.js';

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

describe('documented', () => {
  it('is classic .meta() with the text registered on demand: a copy, the original untouched, one base reused with different descriptions', () => {
    const base = z.number();
    const a = documented(base, 'test:a');
    const b = documented(base, 'test:b');
    expect(a).not.toBe(base);
    // Nothing is registered until the docs are applied (a validating bundle carries no text).
    expect(z.globalRegistry.get(a)).toBeUndefined();
    expect(applySchemaDocs({ 'test:a': { description: 'first' }, 'test:b': { description: 'second' } })).not.toContain('test:a');
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
    const named = documented(z.string(), 'test:named');
    const field = documented(named, 'test:field');
    applySchemaDocs({ 'test:named': { id: 'Name', title: 'A name' }, 'test:field': { description: 'The agent’s name.' } });
    expect(z.globalRegistry.get(field)).toEqual({ title: 'A name', description: 'The agent’s name.' });
    // Behaviour is the original's: the copy validates the same way.
    expect(field.safeParse('x').success).toBe(true);
    expect(field.safeParse(1).success).toBe(false);
  });
});
