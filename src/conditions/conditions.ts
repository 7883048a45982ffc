/**
 * Conditions over a call's attributes, e.g. "only outbound sales calls". Kept
 * as data (not code) so a rubric stays a JSON file a QA lead can read.
 */
import * as z from 'zod/mini';
import { documented } from '../issues/zod.js';

/** A scalar attribute value of a call: its direction, type, product, queue… */
export type AttributeValue = string | number | boolean;

/**
 * The zod schema of a {@link Condition}.
 *
 * @example
 * ```ts
 * conditionSchema.parse({ attribute: 'callType', equals: 'sales' });
 * ```
 */
export const conditionSchema: z.ZodMiniType<Condition> = documented(
  z.lazy(() =>
    z.union([
      z.strictObject({ attribute: z.string().check(z.minLength(1)), equals: z.union([z.string(), z.number(), z.boolean()]) }),
      z.strictObject({ attribute: z.string().check(z.minLength(1)), in: z.array(z.union([z.string(), z.number(), z.boolean()])).check(z.minLength(1)) }),
      z.strictObject({ attribute: z.string().check(z.minLength(1)), exists: z.boolean() }),
      z.strictObject({ all: z.array(conditionSchema).check(z.minLength(1)) }),
      z.strictObject({ any: z.array(conditionSchema).check(z.minLength(1)) }),
      z.strictObject({ not: conditionSchema }),
    ]),
  ),
  'condition:conditionSchema',
);

/**
 * When an item or section applies. Attribute names are the keys of the
 * evaluation's `attributes`.
 */
export type Condition =
  | { attribute: string; equals: AttributeValue }
  | { attribute: string; in: AttributeValue[] }
  | { attribute: string; exists: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/**
 * Tests a condition against a call's attributes. A missing attribute equals
 * nothing, so `{ attribute: 'direction', equals: 'outbound' }` is false for a
 * call without a direction.
 *
 * @example
 * ```ts
 * matchesCondition({ attribute: 'direction', in: ['outbound'] }, { direction: 'outbound' }); // true
 * matchesCondition({ not: { attribute: 'vip', equals: true } }, {}); // true
 * ```
 */
export function matchesCondition(
  c: Condition,
  attributes: Readonly<Record<string, AttributeValue>> | undefined,
): boolean {
  const get = (k: string): AttributeValue | undefined =>
    attributes !== undefined && Object.hasOwn(attributes, k) ? attributes[k] : undefined;
  if ('all' in c) return c.all.every((x) => matchesCondition(x, attributes));
  if ('any' in c) return c.any.some((x) => matchesCondition(x, attributes));
  if ('not' in c) return !matchesCondition(c.not, attributes);
  if ('equals' in c) return get(c.attribute) === c.equals;
  if ('in' in c) {
    const v = get(c.attribute);
    return v !== undefined && c.in.includes(v);
  }
  return (get(c.attribute) !== undefined) === c.exists;
}
