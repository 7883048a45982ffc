/**
 * Chinese-aware phrase matching of transcripts: forbidden phrases (服务禁语),
 * fillers (语气词) and required scripts (开场白/结束语), with evidence that points
 * back into the original text.
 */
export { PhraseError } from './errors.js';
export { normalizeText, type NormalizeOptions, type NormalizedText, type VariantFolding } from './normalize.js';
export { compilePhraseMatcher } from './matcher.js';
export { makeSnippet } from './snippet.js';
export * from './types.js';
export type { PhraseIssueCode } from './errors.js';
