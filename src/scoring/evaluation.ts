/**
 * An evaluation: what an evaluator (or a speech-analytics system) recorded
 * about one call. Validated against the schema here, then against the rubric
 * in `score.ts`.
 */
import * as z from 'zod/mini';
import { documented } from '../issues/zod.js';

/** A scalar answer: yes/no, a level id, a number, a count, a comment — or null for N/A. */
export type AnswerValue = boolean | number | string | null;

// zod 4 numbers are finite already (classic `.finite()` was a no-op).
const scalar = z.union([z.boolean(), z.number(), z.string(), z.null()]);

/**
 * The zod schema of one answer: a scalar, or an object with a note and root causes.
 *
 * @example
 * ```ts
 * answerSchema.parse({ value: 'corrected', note: '及时更正', causes: ['knowledge-base'] });
 * ```
 */
export const answerSchema = z.union([
  scalar,
  z.strictObject({
    value: scalar,
    note: z.optional(z.string()),
    causes: z.optional(z.array(z.string().check(z.minLength(1)))),
  }),
]);

/** One answer as given: a scalar, or `{ value, note?, causes? }`. */
export type AnswerInput = z.infer<typeof answerSchema>;

/**
 * The zod schema of a transcript turn.
 *
 * @example
 * ```ts
 * turnSchema.parse({ speaker: 'agent', text: '您好，请问有什么可以帮您？', start: 0 });
 * ```
 */
export const turnSchema = z.strictObject({
  speaker: z.string().check(z.minLength(1)),
  text: z.string(),
  start: z.optional(z.number().check(z.nonnegative())),
  end: documented(z.optional(z.number().check(z.nonnegative())), 'evaluation:turnSchema.end'),
});

/**
 * The zod schema of a telephony event of a timed call (seconds).
 *
 * @example
 * ```ts
 * callEventSchema.parse({ type: 'hold', start: 27, end: 62 });
 * ```
 */
export const callEventSchema = z.strictObject({
  type: z.enum(['hold', 'mute', 'transfer']),
  start: z.number().check(z.nonnegative()),
  end: z.optional(z.number().check(z.nonnegative())),
});

/**
 * The zod schema of an evaluation, for documentation and JSON Schema; `scoreCall`
 * checks the same shape by hand on its hot path.
 *
 * @example
 * ```ts
 * z.toJSONSchema(evaluationSchema);
 * ```
 */
export const evaluationSchema = documented(
  z.object({
    id: z.pipe(z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), z.transform(String)),
    agentId: z.string().check(z.minLength(1)),
    evaluatorId: z.optional(z.string().check(z.minLength(1))),
    date: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
    answers: z.record(z.string(), answerSchema),
    attributes: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
    transcript: z.optional(z.array(turnSchema)),
    events: documented(z.optional(z.array(callEventSchema)), 'evaluation:evaluationSchema.events'),
    duration: documented(z.optional(z.number().check(z.nonnegative())), 'evaluation:evaluationSchema.duration'),
  }),
  'evaluation:evaluationSchema',
);

/** An evaluation as given to `scoreCall`. */
export type Evaluation = z.input<typeof evaluationSchema>;
/** A transcript turn: who spoke, what was said, and when (seconds from the call's start). */
export interface Turn {
  readonly speaker: string;
  readonly text: string;
  readonly start?: number;
  /** Seconds from the call's start (timed transcripts). */
  readonly end?: number;
}
