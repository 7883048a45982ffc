/**
 * Reading JSON files at the Node edge: a rubric, a plan, a KPI table. A read
 * error or a syntax error becomes an issue (with the line and column of the
 * syntax error), never a thrown `SyntaxError` — the same issue shape as
 * every other problem.
 */
import { readFileSync } from 'node:fs';
import type { FileIssueCode } from '../issues/codes.js';
import type { Issue } from '../issues/issues.js';

/** A JSON file read: its value, or the issues that stopped the read (with `where`, "line:column", for syntax errors). */
export type JsonFileResult = { readonly json: unknown } | { readonly issues: readonly Issue<FileIssueCode>[]; readonly where?: string };

/** `line:column` of a character offset. */
function lineCol(text: string, pos: number): string {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) ((line++), (last = i));
  return `${line}:${pos - last}`;
}

/**
 * Reads and parses a JSON file (UTF-8, a leading BOM ignored); a missing file is
 * `not_found`, another read error `read_error`, bad JSON `invalid_json` with its
 * line and column in `where`.
 *
 * @example
 * ```ts
 * const r = readJsonFile('rubric.json');
 * if ('issues' in r) console.error(r.where, r.issues); else use(r.json);
 * ```
 */
export function readJsonFile(file: string): JsonFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'read_error';
    return { issues: [{ code: code === 'ENOENT' ? 'not_found' : 'read_error', path: [], message: (e as Error).message }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { json: JSON.parse(text) };
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? lineCol(text, Number(m[1])) : undefined;
    return { issues: [{ code: 'invalid_json', path: [], message: (e as Error).message }], ...(where ? { where } : {}) };
  }
}
