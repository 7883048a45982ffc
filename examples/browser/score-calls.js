// Shared by the page and its Web Worker: score every NDJSON line with one rubric.
import { loadRubric, safeScoreCall } from './callqa.js';

/**
 * Scores the calls of an NDJSON text; returns one `safeScoreCall` result per line.
 * @param {unknown} rubricJson the rubric file's parsed JSON
 * @param {string} ndjson one evaluation per line
 */
export function scoreCalls(rubricJson, ndjson) {
  const rubric = loadRubric(rubricJson); // compiled once, reused for every call
  return ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => safeScoreCall(rubric, JSON.parse(line)));
}
