/**
 * The kinds of document callqa knows (rubric and plan):
 * how to recognise one, validate it and print its JSON Schema. Adding a kind
 * is one {@link registerDocumentKind} call; `validate` and `schema` route by it.
 */
import type { Issue } from '../issues/issues.js';
import { safeLoadPlan } from '../assessment/index.js';
import { safeLoadRubric } from '../rubric/load.js';
import { planJsonSchema, rubricJsonSchema } from '../schema-json/json-schema.js';

/**
 * A kind of document.
 *
 * @example
 * ```ts
 * registerDocumentKind({
 *   kind: 'plan',
 *   validate: (doc) => { const r = safeLoadPlan(doc); return r.success ? { ok: `plan ${r.plan.id}` } : { issues: r.issues }; },
 *   jsonSchema: () => z.toJSONSchema(planSchema, { io: 'input' }),
 * });
 * ```
 */
export interface DocumentKind {
  /** `"kind"` value and `$schema` basename stem (`plan` ↔ `plan.schema.json`). */
  readonly kind: string;
  /** Every issue of the document, or a one-line description when it is valid. */
  validate(doc: unknown): { readonly ok: string } | { readonly issues: readonly Issue[] };
  /** The JSON Schema of the kind. */
  jsonSchema(): unknown;
}

const kinds = new Map<string, DocumentKind>();

/**
 * Adds (or replaces) a document kind.
 *
 * @example
 * ```ts
 * registerDocumentKind(planKind);
 * ```
 */
export function registerDocumentKind(k: DocumentKind): void {
  kinds.set(k.kind, k);
}

/**
 * The registered kinds, by name.
 *
 * @example
 * ```ts
 * documentKinds().map((k) => k.kind); // ['rubric']
 * ```
 */
export function documentKinds(): DocumentKind[] {
  return [...kinds.values()];
}

/**
 * The kind a document declares: `"kind"`, else the stem of a `$schema`
 * ending in `<kind>.schema.json`, else `rubric`.
 *
 * @example
 * ```ts
 * detectKind({ $schema: '../schemas/plan.schema.json' }); // 'plan'
 * detectKind({ kind: 'plan' }); // 'plan'
 * detectKind({ id: 'x', sections: [] }); // 'rubric'
 * ```
 */
export function detectKind(doc: unknown): { readonly kind: string; readonly from: 'kind' | '$schema' | 'default' } {
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const o = doc as Record<string, unknown>;
    if (typeof o['kind'] === 'string') return { kind: o['kind'], from: 'kind' };
    if (typeof o['$schema'] === 'string') {
      const m = /(?:^|[/\\])([A-Za-z0-9_-]+)\.schema\.json$/.exec(o['$schema']);
      if (m?.[1]) return { kind: m[1], from: '$schema' };
    }
  }
  return { kind: 'rubric', from: 'default' };
}

/**
 * Whether a document is a JSON Schema (its `$schema` is a json-schema.org
 * meta-schema), such as the rubric and plan schemas that sit beside the
 * rubrics: `validate` skips it with a note instead of reading it as a rubric.
 *
 * @example
 * ```ts
 * isJsonSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' }); // true
 * isJsonSchema({ $schema: '../schemas/plan.schema.json' }); // false: a document that names its schema
 * ```
 */
export function isJsonSchema(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const s = (doc as Record<string, unknown>)['$schema'];
  return typeof s === 'string' && /^https?:\/\/json-schema\.org\//.test(s);
}

/**
 * Looks a kind up.
 *
 * @example
 * ```ts
 * findKind('rubric')?.jsonSchema();
 * ```
 */
export function findKind(kind: string): DocumentKind | undefined {
  return kinds.get(kind);
}

registerDocumentKind({
  kind: 'rubric',
  validate(doc) {
    const r = safeLoadRubric(doc);
    return r.success ? { ok: `rubric ${r.rubric.id}@${r.rubric.version}` } : { issues: r.issues };
  },
  // The same generator as the committed rubrics/rubric.schema.json.
  jsonSchema: () => rubricJsonSchema(),
});

registerDocumentKind({
  kind: 'plan',
  validate(doc) {
    const r = safeLoadPlan(doc);
    return r.success ? { ok: `plan ${r.plan.id}@${r.plan.version}` } : { issues: r.issues };
  },
  jsonSchema: planJsonSchema,
});
