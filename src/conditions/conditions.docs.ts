/**
 * The descriptions, titles and $defs ids of conditions.ts's schemas, for the generated JSON Schema
 * only: kept out of the schema module so that a bundle which validates (loadRubric, scoreCall)
 * does not carry the documentation text. Keys are the ones `documented` gives there.
 */
import type { SchemaDocs } from '../issues/zod.js';

/** Keyed by the schema's place in conditions.ts. */
export const CONDITION_DOCS: SchemaDocs = {
  'condition:conditionSchema': { id: 'Condition', description: 'A test on the call’s attributes: equals / in / exists, combined with all / any / not.' },
};
