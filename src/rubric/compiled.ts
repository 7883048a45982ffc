/**
 * The compiled form of a rubric: everything that can be decided once — exact
 * point values, weights, level tables, the phrase matcher — is decided when the
 * rubric loads, so that scoring a call only looks things up.
 */
import type { Interval } from '../bands/interval.js';
import type { Condition } from '../conditions/conditions.js';
import type { Ratio, RoundingMode } from '../exact/rational.js';
import type { Locale } from '../localize/localize.js';
import type { PhraseMatcher } from '../phrases/index.js';
import type { GradeDefinition, ItemDefinition, ItemKind, PhraseRuleDefinition, RubricDefinition, SectionDefinition } from './schema.js';

/** How a fatal item fails a call. */
export type FatalScope = 'call' | 'section' | 'flag';

/** An item, compiled. */
export interface CompiledItem {
  readonly id: string;
  readonly kind: ItemKind;
  readonly def: ItemDefinition;
  readonly sectionIndex: number;
  readonly index: number;
  /** What the item can earn at most (0 for comments, penalties, fatal items). */
  readonly max: Ratio;
  /** Counted in what is possible (scoring items that are not bonus items). */
  readonly scoring: boolean;
  readonly bonus: boolean;
  readonly critical: boolean;
  readonly required: boolean;
  readonly naAllowed: boolean;
  readonly weight: Ratio | null;
  readonly when: Condition | undefined;
  readonly levels: ReadonlyMap<string, Ratio> | null;
  /** The reason shown for each level, built once ('level "corrected": 4 of 8'). */
  readonly levelReasons: ReadonlyMap<string, string> | null;
  readonly ranges: readonly { readonly range: Interval; readonly points: Ratio }[] | null;
  readonly domain: Interval | null;
  readonly yes: Ratio;
  readonly no: Ratio;
  readonly perOccurrence: Ratio;
  readonly maxOccurrences: number | null;
  readonly maxDeduction: Ratio | null;
  /** The fatal scope, for fatal items and items with `autoFail`. */
  readonly fatalScope: FatalScope | null;
  /** Answers that trigger `autoFail` (JSON scalars). */
  readonly autoFailWhen: readonly (string | number | boolean)[];
  readonly phrases: PhraseRuleDefinition | null;
  readonly rootCauses: ReadonlySet<string> | null;
}

/** A section, compiled. */
export interface CompiledSection {
  readonly id: string;
  readonly def: SectionDefinition;
  readonly index: number;
  readonly weight: Ratio | null;
  readonly cap: Ratio | null;
  readonly floor: Ratio;
  readonly when: Condition | undefined;
  readonly items: readonly CompiledItem[];
  /** What the section can earn when every item applies: min(cap, Σ max). */
  readonly fullPossible: Ratio;
}

/** A grade band, compiled. */
export interface CompiledGrade {
  readonly id: string;
  readonly def: GradeDefinition;
  readonly range: Interval;
  readonly passing: boolean;
  /** The label in the rubric's own locale (what a CallScore carries), resolved once. */
  readonly label: string;
}

/**
 * A loaded, validated, compiled rubric: frozen and reusable across any number
 * of calls (and safe to share between requests).
 */
export interface Rubric {
  readonly id: string;
  readonly version: string;
  readonly definition: Readonly<RubricDefinition>;
  readonly mode: RubricDefinition['scoring']['mode'];
  readonly naPolicy: 'exclude' | 'full-marks';
  readonly decimals: number;
  readonly roundingMode: RoundingMode;
  /** The final score's maximum before bonus. */
  readonly maxScore: Ratio;
  readonly floor: Ratio;
  readonly bonusCap: Ratio | null;
  readonly locale: Locale;
  readonly sections: readonly CompiledSection[];
  readonly items: ReadonlyMap<string, CompiledItem>;
  readonly grades: readonly CompiledGrade[];
  /** The matcher for every item with phrases, or null when none has. */
  readonly matcher: PhraseMatcher | null;
  readonly speakers: readonly string[];
  readonly rootCauses: ReadonlySet<string> | null;
}
