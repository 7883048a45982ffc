/** Regenerates the committed JSON Schemas: `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { planJsonSchema, rubricJsonSchema } from '../src/schema-json/json-schema.js';

for (const [file, schema] of [
  ['rubric.schema.json', rubricJsonSchema()],
  ['plan.schema.json', planJsonSchema()],
] as const) {
  const out = new URL(`../rubrics/${file}`, import.meta.url);
  writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${out.pathname}`);
}
