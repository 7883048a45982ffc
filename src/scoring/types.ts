/**
 * The shape of a call's score: the number, and everything needed to explain it.
 */
import type { PhraseEvidence } from '../phrases/index.js';
import type { FatalScope } from '../rubric/compiled.js';
import type { ItemKind } from '../rubric/schema.js';
import type { AnswerValue } from './evaluation.js';
import type { MeasureEvidence } from './measures.js';

/** Who decided an item's answer. */
export type AnswerSource = 'evaluator' | 'transcript' | 'measure' | 'default';

/** What happened to an item. */
export type ItemStatus =
  /** Scored from its answer. */
  | 'scored'
  /** The evaluator answered N/A. */
  | 'na'
  /** The item's (or its section's) condition did not match the call. */
  | 'not-applicable'
  /** A comment: recorded, never scored. */
  | 'comment';

/** One item's result. Points are in the rubric's units, rounded as it declares. */
export interface ItemScore {
  readonly id: string;
  readonly sectionId: string;
  readonly kind: ItemKind;
  readonly status: ItemStatus;
  readonly source: AnswerSource;
  /** The answer used (after transcript matching); undefined when none. */
  readonly answer: AnswerValue | undefined;
  /** Points earned (negative for penalties). */
  readonly points: number;
  /** Points possible (0 for N/A-excluded, penalties, fatal, comments and bonus items). */
  readonly possible: number;
  /** The item's maximum as declared. */
  readonly max: number;
  /** Item-weighted mode: the item's contribution in final-score points. */
  readonly weighted?: number;
  readonly critical: boolean;
  readonly bonus: boolean;
  /** Penalties: the counted occurrences. */
  readonly occurrences?: number;
  /** True when this item triggered a fatal rule. */
  readonly fatal: boolean;
  readonly note?: string;
  readonly causes?: readonly string[];
  /** A short reason in English, e.g. 'level "corrected": 4 of 8'. */
  readonly reason: string;
}

/** One section's result. */
export interface SectionScore {
  readonly id: string;
  /** False when the section's condition did not match, or every item was N/A (excluded). */
  readonly applicable: boolean;
  /** Earned points after cap, penalties and floor (item-weighted: weighted points). */
  readonly earned: number;
  readonly possible: number;
  /** Section-weighted mode: the section's declared weight. */
  readonly weight?: number;
  /** The section's contribution to the final score, in final-score points. */
  readonly score: number;
  readonly capped: boolean;
  readonly floored: boolean;
  /** A section-scope fatal item zeroed it. */
  readonly failed: boolean;
  /** Points deducted by penalties in this section (≥ 0). */
  readonly deducted: number;
}

/** A deduction, with its reason: what a coach reads first. */
export interface Deduction {
  readonly itemId: string;
  readonly sectionId: string;
  /** Points deducted (negative). */
  readonly points: number;
  readonly occurrences: number;
  readonly source: AnswerSource;
  readonly reason: string;
}

/** A fatal rule that fired. */
export interface FatalHit {
  readonly itemId: string;
  readonly sectionId: string;
  readonly scope: FatalScope;
  readonly source: AnswerSource;
  readonly reason: string;
}

/** Phrase evidence tied to the item it belongs to. */
export interface ItemEvidence extends PhraseEvidence {
  readonly itemId: string;
  /** False when the evaluator's own answer decided the item instead. */
  readonly decided: boolean;
}

/**
 * The score of one call, with its whole explanation.
 */
export interface CallScore {
  readonly id: string;
  readonly agentId: string;
  readonly evaluatorId?: string;
  readonly date: string;
  readonly rubric: { readonly id: string; readonly version: string };
  /** The final score, rounded once as the rubric declares. */
  readonly score: number;
  /** The final score's maximum before bonus. */
  readonly maxScore: number;
  /** The exact final score as a fraction ('250/3'), for audit. */
  readonly exactScore: string;
  readonly grade: { readonly id: string; readonly label: string; readonly passing: boolean } | null;
  /** True when any fatal rule fired (any scope) or the grade is not passing. */
  readonly failed: boolean;
  readonly fatal: readonly FatalHit[];
  /** Percentage of the critical items' possible points earned (null without applicable critical items). */
  readonly criticalScore: number | null;
  /** Percentage of the other scoring items' possible points earned. */
  readonly nonCriticalScore: number | null;
  /** Bonus points added (after the bonus cap). */
  readonly bonus: number;
  readonly sections: readonly SectionScore[];
  readonly items: readonly ItemScore[];
  readonly deductions: readonly Deduction[];
  readonly evidence: readonly ItemEvidence[];
  /** Measures behind items with measure rules (present when the rubric has such items and the transcript is timed). */
  readonly measures?: readonly MeasureEvidence[];
}
