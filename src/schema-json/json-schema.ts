/**
 * JSON Schemas generated from the zod schemas, so that editors validate and
 * autocomplete rubric files. The committed copies in rubrics/ are checked
 * against these by a test, so they can never go stale.
 */
import * as z from 'zod/mini';
import { planSchema } from '../assessment/schema.js';
import { rubricSchema } from '../rubric/schema.js';
import { registerSchemaDocs } from './docs.js';

/**
 * The JSON Schema (draft 2020-12) of a rubric file, as committed at
 * rubrics/rubric.schema.json.
 *
 * @example
 * ```ts
 * writeFileSync('rubric.schema.json', JSON.stringify(rubricJsonSchema(), null, 2));
 * ```
 */
export function rubricJsonSchema(): Record<string, unknown> {
  registerSchemaDocs();
  const schema = z.toJSONSchema(rubricSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://callqa.dev/schemas/rubric.schema.json', ...schema };
}

/**
 * The JSON Schema (draft 2020-12) of a plan file, as committed at rubrics/plan.schema.json.
 *
 * @example
 * ```ts
 * writeFileSync('rubrics/plan.schema.json', JSON.stringify(planJsonSchema(), null, 2) + '\n');
 * ```
 */
export function planJsonSchema(): Record<string, unknown> {
  registerSchemaDocs();
  const schema = z.toJSONSchema(planSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://callqa.dev/schemas/plan.schema.json', ...schema };
}
