import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/rubric/load.js';
import { rubricJsonSchema } from '../../src/schema-json/json-schema.js';

const dir = new URL('../../rubrics/', import.meta.url);
const rubricFiles = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && !f.startsWith('monthly-assessment') && !f.includes('.plan.'));

describe('rubric JSON Schema', () => {
  it('the committed rubrics/rubric.schema.json is the one generated from the zod schema (run `npm run schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync(new URL('rubric.schema.json', dir), 'utf8'));
    expect(committed).toEqual(rubricJsonSchema());
  });

  it.each(rubricFiles)('%s names the schema, passes it, and loads', (file) => {
    const json = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    expect(json.$schema).toBe('./rubric.schema.json');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    const validate = ajv.compile(rubricJsonSchema());
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(() => loadRubric(json)).not.toThrow();
  });

  it('the JSON Schema rejects what zod rejects at the structural level (unknown key, wrong kind)', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    const validate = ajv.compile(rubricJsonSchema());
    const base = JSON.parse(readFileSync(new URL('callcenter-qc-7.zh-CN.json', dir), 'utf8'));
    expect(validate({ ...base, colour: 'red' })).toBe(false);
    const bad = structuredClone(base);
    bad.sections[0].items[0].kind = 'stars';
    expect(validate(bad)).toBe(false);
  });
});
