/**
 * The descriptions, titles and $defs ids of evaluation.ts's schemas, for the generated JSON Schema
 * only: kept out of the schema module so that a bundle which validates (loadRubric, scoreCall)
 * does not carry the documentation text. Keys are the ones `documented` gives there.
 */
import type { SchemaDocs } from '../issues/zod.js';

/** Keyed by the schema's place in evaluation.ts. */
export const EVALUATION_DOCS: SchemaDocs = {
  'evaluation:turnSchema.end': {
      description: 'Seconds from the call’s start; when any turn has one, every turn needs start and end (a timed transcript).',
    },
  'evaluation:evaluationSchema': { title: 'callqa evaluation', description: 'One evaluated call.' },
  'evaluation:evaluationSchema.events': { description: 'Hold, mute and transfer events from the telephony side (seconds).' },
  'evaluation:evaluationSchema.duration': { description: 'The call’s length in seconds.' },
};
