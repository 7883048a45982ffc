/**
 * The descriptions, titles and $defs ids of schema.ts's schemas, for the generated JSON Schema
 * only: kept out of the schema module so that a bundle which validates (loadRubric, scoreCall)
 * does not carry the documentation text. Keys are the ones `documented` gives there.
 */
import type { SchemaDocs } from '../issues/zod.js';

/** Keyed by the schema's place in schema.ts. */
export const RUBRIC_SCHEMA_DOCS: SchemaDocs = {
  'rubric:id': { description: 'A stable identifier, unique within the rubric.' },
  'rubric:isoDate': { description: 'A calendar date, YYYY-MM-DD, in the centre’s time zone.' },
  'rubric:points': { description: 'Points (a decimal, may be negative where the form wants it).' },
  'rubric:fatalScope': {
    description: 'call: the whole call scores 0; section: the item’s section scores 0; flag: keep the score, mark the call failed.',
  },
  'rubric:phraseRuleSchema': { id: 'PhraseRule', description: 'Phrases that decide the item from a transcript when the evaluator did not answer it.' },
  'rubric:phraseRuleSchema.phrases': {
        description: 'Phrases matched in the agent’s turns (Chinese-aware, NFKC, case- and space-insensitive).',
      },
  'rubric:phraseRuleSchema.match': {
        description: 'For required phrases: any one of them suffices (default) or all must appear.',
      },
  'rubric:phraseRuleSchema.window': { description: 'Only look at the first or last N agent turns (opening and closing scripts).' },
  'rubric:common.when': { description: 'Applies only to calls whose attributes match; otherwise the item is N/A.' },
  'rubric:common.rootCauses': { description: 'Root-cause tags evaluators may attach when points are lost here.' },
  'rubric:scoring.na': { description: 'May the evaluator answer N/A (null)? Default false.' },
  'rubric:scoring.critical': { description: 'Counted in the critical sub-score instead of the non-critical one.' },
  'rubric:scoring.weight': { description: 'Item-weighted mode: the item’s percentage of the total.' },
  'rubric:scoring.bonus': { description: 'Bonus item: its points add to the final score and never to what is possible.' },
  'rubric:scoring.required': { description: 'Must the evaluation answer it? Default true (false for bonus items).' },
  'rubric:scoring.autoFail': { description: 'Auto-fail when the answer is one of `when` (default: "no" for yes/no items).' },
  'rubric:yesNoItem': { id: 'YesNoItem', title: 'Yes/no item', description: 'Met (true) earns `points`, not met (false) earns `noPoints`.' },
  'rubric:yesNoItem.noPoints': { description: 'Points for "no" (default 0; may be negative).' },
  'rubric:yesNoItem.phrases': { description: 'Required phrases: present → yes, missing → no.' },
  'rubric:yesNoItem.measure': { description: 'A test on the timed transcript’s measures: holds → yes, fails → no.' },
  'rubric:levelsItem': { id: 'LevelsItem', title: 'Levels item', description: 'Named partial-credit levels; the answer is a level id.' },
  'rubric:levelsItem.points': { description: 'The item’s maximum.' },
  'rubric:numericItem': { id: 'NumericItem', title: 'Numeric item', description: 'A measured value (seconds, a count…) mapped to points by ranges.' },
  'rubric:numericItem.points': { description: 'The item’s maximum.' },
  'rubric:numericItem.domain': { description: 'The values an answer may take; the ranges must tile it. Default: the union of the ranges.' },
  'rubric:numericItem.measure': { description: 'The measure whose value is the answer (e.g. agent.speechRate), from a timed transcript.' },
  'rubric:scaleItem': { id: 'ScaleItem', title: 'Scale item', description: 'An n-point scale (e.g. 1–5): points = (answer − min)/(max − min) × points.' },
  'rubric:scaleItem.points': { description: 'Points at the top of the scale.' },
  'rubric:commentItem': {
    id: 'CommentField',
    title: 'Comment field',
    description: 'Free text for the coach; never scored.',
  },
  'rubric:penaltyItem': { id: 'Penalty', title: 'Penalty', description: 'Deducts from its section per occurrence. Answer: a count (or true = 1).' },
  'rubric:penaltyItem.perOccurrence': { description: 'Points deducted per occurrence, e.g. 2 for “−2 per forbidden word”.' },
  'rubric:penaltyItem.maxDeduction': { description: 'The most this item may deduct in one call.' },
  'rubric:penaltyItem.phrases': { description: 'Forbidden phrases: each hit is one occurrence.' },
  'rubric:penaltyItem.measure': { description: 'A count measure (each is one occurrence), or a test (one occurrence when it holds).' },
  'rubric:fatalItem': { id: 'FatalItem', title: 'Fatal (auto-fail) item', description: 'Answer true when the breach happened.' },
  'rubric:fatalItem.phrases': { description: 'Any hit triggers it (e.g. reading out an ID number).' },
  'rubric:fatalItem.measure': { description: 'A test on the timed transcript’s measures: holds → breach.' },
  'rubric:sectionSchema.weight': { description: 'Section-weighted mode: the section’s percentage of the total.' },
  'rubric:sectionSchema.max': { description: 'Cap: the section never earns more than this (the seed’s attitude section lists 23 points, capped at 20).' },
  'rubric:sectionSchema.floor': { description: 'The section never goes below this after penalties (default 0).' },
  'rubric:sectionSchema.when': { description: 'Applies only to calls whose attributes match; otherwise all its items are N/A.' },
  'rubric:gradeSchema.passing': { description: 'Does a call in this band pass? Default true.' },
  'rubric:rubricSchema': { title: 'callqa rubric', description: 'A contact centre’s call scorecard.' },
  'rubric:rubricSchema.locale': { description: 'The fallback language for labels (default zh-CN).' },
  'rubric:rubricSchema.scoring.na': {
          description: 'exclude (default): N/A leaves earned and possible, weights renormalise; full-marks: N/A earns the item’s points.',
        },
  'rubric:rubricSchema.scoring.scale': {
          description: 'The final score’s maximum: default 100 in weighted modes, the sum of the sections in points-sum mode (set it to report a points form out of 100).',
        },
  'rubric:rubricSchema.scoring.floor': { description: 'The final score never goes below this (default 0).' },
  'rubric:rubricSchema.scoring.bonusCap': { description: 'The most bonus points a call may add.' },
  'rubric:rubricSchema.scoring.rounding': { description: 'Applied once, to each reported figure. Default 2 decimals, half-up.' },
  'rubric:rubricSchema.phraseMatching': { description: 'Whose turns are matched (default ["agent"]) and how text is normalised.' },
  'rubric:rubricSchema.rootCauses': { description: 'The root-cause tags evaluators may use.' },
};
