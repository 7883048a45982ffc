/**
 * The CSV column mapping for evaluations (README, "CSV columns"):
 *
 * | column | becomes |
 * |---|---|
 * | `id`, `agentId`, `evaluatorId`, `date` | the same fields (empty `evaluatorId` = none) |
 * | an item id | that item's answer: empty = no answer, `NA` = N/A; yes/no and fatal items take `true/false/yes/no/是/否`; numeric, scale and penalty items take numbers; levels and comments take the text |
 * | `attr.<name>` | `attributes.<name>`: `true`/`false` → boolean, a plain decimal → number, else text; empty = absent |
 * | `transcript` | the transcript, as a JSON array of turns |
 *
 * The item's kind comes from the rubric version chosen for the row's date.
 */
import type { Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/compiled.js';

const FIELDS = new Set(['id', 'agentId', 'evaluatorId', 'date', 'transcript']);
const YES = new Set(['true', 'yes', 'y', '是', '1']);
const NO = new Set(['false', 'no', 'n', '否', '0']);
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PLAIN_DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/**
 * The columns of a header that are neither evaluation fields, `attr.*`, nor
 * items of any of the rubrics: reported before any row is read.
 *
 * @example
 * ```ts
 * unknownColumns(['id', 'agentId', 'date', 'greeting', 'notes'], [rubric]); // ['notes'] when greeting is an item
 * ```
 */
export function unknownColumns(header: readonly string[], rubrics: readonly Rubric[]): string[] {
  return header.filter((c) => !FIELDS.has(c) && !c.startsWith('attr.') && !rubrics.some((r) => r.items.has(c)));
}

/**
 * Turns one CSV row (column → cell) into an evaluation for `rubric`, or the
 * issues with the cells that cannot be read (paths as in an evaluation:
 * `answers.<item>`, `attributes.<name>`, `transcript`).
 *
 * @example
 * ```ts
 * csvRowToEvaluation({ id: 'c1', agentId: 'a1', date: '2026-10-08', complete: '是', apology: 'NA' }, rubric);
 * // { evaluation: { id: 'c1', agentId: 'a1', date: '2026-10-08', answers: { complete: true, apology: null } } }
 * ```
 */
export function csvRowToEvaluation(
  row: Readonly<Record<string, string | undefined>>,
  rubric: Rubric,
): { readonly evaluation: Record<string, unknown> } | { readonly issues: readonly Issue[] } {
  const issues: Issue[] = [];
  const ev: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  let attributes: Record<string, string | number | boolean> | undefined;
  for (const [col, raw] of Object.entries(row)) {
    if (raw === undefined) continue;
    const cell = raw.trim();
    if (col === 'id' || col === 'agentId' || col === 'date') {
      if (cell !== '') ev[col] = cell;
      continue;
    }
    if (col === 'evaluatorId') {
      if (cell !== '') ev[col] = cell;
      continue;
    }
    if (col === 'transcript') {
      if (cell === '') continue;
      try {
        ev['transcript'] = JSON.parse(cell);
      } catch (e) {
        issues.push({ code: 'invalid_json', path: ['transcript'], message: `the transcript cell is not a JSON array of turns: ${(e as Error).message}` });
      }
      continue;
    }
    if (col.startsWith('attr.')) {
      if (cell === '') continue;
      attributes ??= {};
      const name = col.slice(5);
      attributes[name] = cell === 'true' ? true : cell === 'false' ? false : PLAIN_DECIMAL_RE.test(cell) ? Number(cell) : cell;
      continue;
    }
    if (cell === '') continue; // empty cell: no answer
    const item = rubric.items.get(col);
    if (!item) {
      // A column for another version's item: passed on, so scoring names it.
      answers[col] = cell;
      continue;
    }
    if (cell === 'NA' || cell === 'N/A') {
      answers[col] = null;
      continue;
    }
    switch (item.kind) {
      case 'yes-no':
      case 'fatal': {
        const v = cell.toLowerCase();
        if (YES.has(v)) answers[col] = true;
        else if (NO.has(v)) answers[col] = false;
        else issues.push({ code: 'invalid_cell', path: ['answers', col], message: `"${cell}" is not yes/no (true/false/yes/no/是/否)` });
        break;
      }
      case 'numeric':
      case 'scale':
      case 'penalty': {
        if (NUMBER_RE.test(cell)) answers[col] = Number(cell);
        else if (item.kind === 'penalty' && (YES.has(cell.toLowerCase()) || NO.has(cell.toLowerCase()))) answers[col] = YES.has(cell.toLowerCase());
        else issues.push({ code: 'invalid_cell', path: ['answers', col], message: `"${cell}" is not a number` });
        break;
      }
      default:
        answers[col] = cell;
    }
  }
  ev['answers'] = answers;
  if (attributes) ev['attributes'] = attributes;
  if (issues.length > 0) return { issues };
  return { evaluation: ev };
}
