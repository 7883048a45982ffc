export { loadRubric, safeLoadRubric, RubricError, fromZodIssues, type SafeRubricResult } from './load.js';
export { measureRuleSchema, checkMeasureRule, testsOf, type MeasureRuleDefinition, type MeasureTest } from './measure-rule.js';
export type { Rubric, CompiledItem, CompiledSection, CompiledGrade, FatalScope } from './compiled.js';
export {
  rubricSchema,
  sectionSchema,
  itemSchema,
  gradeSchema,
  phraseRuleSchema,
  type RubricInput,
  type RubricDefinition,
  type SectionDefinition,
  type ItemDefinition,
  type GradeDefinition,
  type PhraseRuleDefinition,
  type ItemKind,
} from './schema.js';
export type { RubricIssueCode } from './issue-codes.js';
