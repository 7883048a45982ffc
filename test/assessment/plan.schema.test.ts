import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/assessment/index.js';
import { planJsonSchema } from '../../src/schema-json/json-schema.js';

const dir = new URL('../../rubrics/', import.meta.url);
const planFiles = readdirSync(dir).filter((f) => f.startsWith('monthly-assessment') && f.endsWith('.json'));

describe('plan JSON Schema', () => {
  it('the committed rubrics/plan.schema.json is the one generated from the zod schema (run `npm run schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync(new URL('plan.schema.json', dir), 'utf8'));
    expect(committed).toEqual(planJsonSchema());
  });

  it('bundles two plans', () => expect(planFiles.length).toBe(2));

  it.each(planFiles)('%s names the schema, passes it, and loads', (file) => {
    const json = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    expect(json.$schema).toBe('./plan.schema.json');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    const validate = ajv.compile(planJsonSchema());
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(() => loadPlan(json)).not.toThrow();
  });

  it('the JSON Schema rejects an unknown key and an unknown component type', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    const validate = ajv.compile(planJsonSchema());
    const base = JSON.parse(readFileSync(new URL('monthly-assessment.zh-CN.json', dir), 'utf8'));
    expect(validate({ ...base, colour: 'red' })).toBe(false);
    const bad = structuredClone(base);
    bad.components[0].type = 'stars';
    expect(validate(bad)).toBe(false);
  });
});
