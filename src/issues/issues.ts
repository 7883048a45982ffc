/**
 * Problems modelled as data. Every validation in callqa reports a list of
 * {@link Issue}s — never a bare string and never a TypeError from deep inside —
 * so that a caller can show all of them at once, like a compiler does.
 */

/** One step of a path into a JSON document: an object key or an array index. */
export type PathSegment = string | number;

/**
 * A single problem found in some input.
 *
 * @example
 * ```ts
 * const issue: Issue = {
 *   code: 'weights_sum',
 *   path: ['sections'],
 *   message: 'section weights sum to 90, not 100',
 * };
 * ```
 */
export interface Issue<C extends string = string> {
  /** A stable, machine-readable code, e.g. `duplicate_id` or `band_gap`; each domain lists its own as a `…IssueCode` union (docs/issue-codes.md). */
  readonly code: C;
  /** Where the problem is, from the root of the input. */
  readonly path: readonly PathSegment[];
  /** A sentence for a person. */
  readonly message: string;
}

/**
 * Formats a path the way a developer reads it: `sections[2].items[0].points`.
 *
 * @example
 * ```ts
 * formatPath(['sections', 2, 'items', 0, 'points']); // 'sections[2].items[0].points'
 * formatPath([]); // '(root)'
 * ```
 */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Pretty-prints issues one per line, `path: message (code)`, in the order given.
 *
 * @example
 * ```ts
 * prettifyIssues([{ code: 'required', path: ['id'], message: 'id is required' }]);
 * // '✖ id: id is required (required)'
 * ```
 */
export function prettifyIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `✖ ${formatPath(i.path)}: ${i.message} (${i.code})`).join('\n');
}

/**
 * The base of every error callqa throws for bad input. It carries every issue
 * found, not only the first, so one fix-and-retry round is enough.
 *
 * @example
 * ```ts
 * try { loadRubric(json); } catch (e) {
 *   if (e instanceof CallqaError) console.error(prettifyIssues(e.issues));
 * }
 * ```
 */
export class CallqaError<C extends string = string> extends Error {
  /** Every problem found. */
  readonly issues: readonly Issue<C>[];

  constructor(what: string, issues: readonly Issue<C>[]) {
    const n = issues.length;
    super(`${what}: ${n} issue${n === 1 ? '' : 's'}\n${prettifyIssues(issues)}`);
    this.name = 'CallqaError';
    this.issues = issues;
  }
}

/** The result of a `safe*` function: the value, or every issue found (with codes from `C`). */
export type SafeResult<K extends string, T, C extends string = string> =
  | ({ readonly success: true } & { readonly [P in K]: T })
  | { readonly success: false; readonly issues: readonly Issue<C>[] };
