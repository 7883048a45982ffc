/**
 * The descriptions, titles and $defs ids of measure-rule.ts's schemas, for the generated JSON Schema
 * only: kept out of the schema module so that a bundle which validates (loadRubric, scoreCall)
 * does not carry the documentation text. Keys are the ones `documented` gives there.
 */
import type { SchemaDocs } from '../issues/zod.js';

/** Keyed by the schema's place in measure-rule.ts. */
export const MEASURE_RULE_DOCS: SchemaDocs = {
  'measure:metric': { description: 'A measure of the timed transcript (docs/timed-transcripts.md lists them with units).' },
  'measure:op': { description: 'How the measure compares with `value`.' },
  'measure:value': { description: 'In the measure’s unit: seconds, a count, a percentage, or units per minute.' },
  'measure:testSchema': { id: 'MeasureTest', description: 'True when `metric op value` holds.' },
  'measure:measureRuleSchema': {
      id: 'MeasureRule',
      description:
        'Decides the item from the timed transcript when the evaluator did not answer it. `{ metric }`: the value is the answer (numeric items; penalties count it). `{ metric, op, value }` or `{ any: [...] }`: a test (yes/no items; a penalty’s one occurrence; a fatal breach).',
    },
  'measure:measureRuleSchema.any': { description: 'Several tests: the rule holds when any of them does.' },
  'measure:measureRuleSchema.all': {
        description: 'Several tests: the rule holds when all of them do (e.g. a rate inside a band).',
      },
};
