/**
 * Every schema's documentation, registered before a JSON Schema is generated.
 * The text lives in `*.docs.ts` beside each schema module (see
 * `documented` in issues/zod.ts), so only the JSON Schema functions reach it.
 */
import { PLAN_SCHEMA_DOCS } from '../assessment/schema.docs.js';
import { INTERVAL_DOCS } from '../bands/interval.docs.js';
import { CONDITION_DOCS } from '../conditions/conditions.docs.js';
import { applySchemaDocs } from '../issues/zod.js';
import { LOCALIZED_TEXT_DOCS } from '../localize/localize.docs.js';
import { MEASURE_RULE_DOCS } from '../rubric/measure-rule.docs.js';
import { RUBRIC_SCHEMA_DOCS } from '../rubric/schema.docs.js';
import { EVALUATION_DOCS } from '../scoring/evaluation.docs.js';

/** All the documentation tables, for tests that check every key is described. */
export const ALL_SCHEMA_DOCS = [RUBRIC_SCHEMA_DOCS, MEASURE_RULE_DOCS, EVALUATION_DOCS, INTERVAL_DOCS, CONDITION_DOCS, LOCALIZED_TEXT_DOCS, PLAN_SCHEMA_DOCS] as const;

/**
 * Registers every schema's documentation in zod's registry (idempotent).
 * Returns the documented keys no table describes (none, by test).
 *
 * @example
 * ```ts
 * registerSchemaDocs(); // []
 * z.toJSONSchema(rubricSchema); // now with descriptions and $defs ids
 * ```
 */
export function registerSchemaDocs(): string[] {
  return applySchemaDocs(...ALL_SCHEMA_DOCS);
}
