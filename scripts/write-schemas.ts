/** Regenerates the committed JSON Schemas: `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { rubricJsonSchema } from '../src/schema-json/json-schema.js';

const out = new URL('../rubrics/rubric.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(rubricJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
