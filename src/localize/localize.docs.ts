/**
 * The descriptions, titles and $defs ids of localize.ts's schemas, for the generated JSON Schema
 * only: kept out of the schema module so that a bundle which validates (loadRubric, scoreCall)
 * does not carry the documentation text. Keys are the ones `documented` gives there.
 */
import type { SchemaDocs } from '../issues/zod.js';

/** Keyed by the schema's place in localize.ts. */
export const LOCALIZED_TEXT_DOCS: SchemaDocs = {
  'localized:localizedTextSchema': { id: 'LocalizedText', description: 'A label: one string, or texts by locale (zh-CN, zh-TW, en, ms).' },
};
