/**
 * Batch recalculation for Node scripts: stream evaluations through a rubric
 * (or several dated versions), score whole files with worker threads, and
 * compare two rubrics on the same calls. The `callqa` CLI is built on these.
 */
export { scoreStream, scoreFile, type RubricSource, type ScoreFileOptions, type ScoreStreamOptions } from './score.js';
export {
  compareRubrics,
  CompareAccumulator,
  type AgentChange,
  type CallDelta,
  type CompareOptions,
  type CompareReport,
  type ItemChange,
} from './compare.js';
export { openInput, ndjsonUnits, ndjsonByteBatches, ndjsonLines, jsonUnits, csvUnits, batched, type InputBatch, type InputSource, type OpenInputOptions } from './input.js';
export { csvRowToEvaluation, unknownColumns } from './csv-row.js';
export { BatchOptionsError, compactRecord, defaultCsvFields, makeProjector, makeSerializer, type Projector, type Serializer } from './record.js';
export { RubricVersions, VersionsError } from './versions.js';
export { OutputError, commitAll, openOutput, removeStaleTempFiles, removeTempFilesSync, type OutputSink } from './atomic.js';
export { MAX_RECORD_BYTES } from './limits.js';
export { StrictUtf8Decoder } from './utf8.js';
export {
  FIELD_NAMES,
  type BatchProgress,
  type BatchSummary,
  type InputFormat,
  type InputUnit,
  type OutputFormat,
  type OutputOptions,
  type RejectedRecord,
  type ScoredRecord,
} from './types.js';
