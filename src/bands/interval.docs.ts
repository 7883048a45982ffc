/**
 * The descriptions, titles and $defs ids of interval.ts's schemas, for the generated JSON Schema
 * only: kept out of the schema module so that a bundle which validates (loadRubric, scoreCall)
 * does not carry the documentation text. Keys are the ones `documented` gives there.
 */
import type { SchemaDocs } from '../issues/zod.js';

/** Keyed by the schema's place in interval.ts. */
export const INTERVAL_DOCS: SchemaDocs = {
  'interval:intervalSchema': {
      id: 'Interval',
      description:
        'An interval: "[" or "(" for an included or excluded lower bound, then "lo, hi", then "]" or ")". Use -inf / inf for an open end.',
      examples: ['[90, 100]', '[80, 90)', '(-inf, 60)'],
    },
};
