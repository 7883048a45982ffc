/**
 * callqa/node — the Node edge: files, streams, gzip, worker threads, atomic
 * writes. Batch recalculation (`scoreFile`, `scoreStream`), rubric comparison,
 * rubric and plan loading from files, the bundled rubrics by path. It
 * re-exports the whole pure core, so a Node program needs one import.
 *
 * @packageDocumentation
 */
import { setUpNode } from './files/node-setup.js';

// Formula components get mathjs from Node's own loader; phrase matchers their RegExp prefilter.
setUpNode();

export * from './index.js';
export { scoreStream, scoreFile, type RubricSource, type ScoreFileOptions, type ScoreStreamOptions } from './batch/score.js';
export {
  compareRubrics,
  CompareAccumulator,
  type AgentChange,
  type CallDelta,
  type CompareOptions,
  type CompareReport,
  type ItemChange,
} from './batch/compare.js';
export { openInput, type InputBatch, type InputSource, type OpenInputOptions } from './batch/input.js';
export { csvRowToEvaluation } from './batch/csv-row.js';
export { BatchOptionsError } from './batch/record.js';
export type { BatchOptionsIssueCode, OutputIssueCode, VersionsIssueCode } from './batch/issue-codes.js';
export { RubricVersions, VersionsError } from './batch/versions.js';
export { openOutput, OutputError, type OutputSink } from './batch/atomic.js';
export { MAX_RECORD_BYTES } from './batch/limits.js';
export type {
  BatchProgress,
  BatchSummary,
  InputFormat,
  InputUnit,
  OutputFormat,
  OutputOptions,
  RejectedRecord,
  ScoredRecord,
} from './batch/types.js';
export { readJsonFile, type JsonFileResult } from './files/json-file.js';
export { bundledPath, loadPlanFile, loadRubricFile, safeLoadPlanFile, safeLoadRubricFile } from './files/load-files.js';
