import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { documentedKeys } from '../issues/zod.js';
import '../scoring/evaluation.js';
import { ALL_SCHEMA_DOCS, registerSchemaDocs } from './docs.js';
import { planJsonSchema, rubricJsonSchema } from './json-schema.js';

describe('schema documentation kept beside the schemas', () => {
  it('describes every documented schema, and every description has its schema', () => {
    expect(registerSchemaDocs()).toEqual([]);
    const keys = documentedKeys();
    // Keys are unique (each place its own text) and none of the tables holds a key no schema uses.
    expect(new Set(keys).size).toBe(keys.length);
    const described = ALL_SCHEMA_DOCS.flatMap((d) => Object.keys(d));
    expect(described.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('generates exactly the committed JSON Schemas (descriptions, titles and $defs included)', () => {
    const committed = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../rubrics/${name}`, import.meta.url), 'utf8'));
    expect(rubricJsonSchema()).toEqual(committed('rubric.schema.json'));
    expect(planJsonSchema()).toEqual(committed('plan.schema.json'));
    // A description that lives only in a docs table reaches the schema (rubric.id, 'A stable identifier…').
    expect(JSON.stringify(rubricJsonSchema())).toContain('A stable identifier, unique within the rubric.');
  });
});
