/**
 * Labels in the languages of the centres that use callqa. A label is either one
 * string (any language) or a map from locale to text; lookup falls back from
 * the asked locale to the rubric's fallback locale, then to any text present.
 */
import * as z from 'zod/mini';
import { documented } from '../issues/zod.js';

/**
 * The locales callqa ships labels and formatted output for.
 *
 * @example
 * ```ts
 * LOCALES.includes('ms'); // true
 * ```
 */
export const LOCALES = ['zh-CN', 'zh-TW', 'en', 'ms'] as const;

/** A supported locale: Simplified Chinese, Traditional Chinese, English, Malay. */
export type Locale = (typeof LOCALES)[number];

/**
 * The zod schema of a {@link LocalizedText}.
 *
 * @example
 * ```ts
 * localizedTextSchema.parse({ 'zh-CN': '服务态度', en: 'Attitude' });
 * ```
 */
export const localizedTextSchema = documented(
  z.union([
    z.string().check(z.minLength(1)),
    z
      .strictObject({
        'zh-CN': z.optional(z.string().check(z.minLength(1))),
        'zh-TW': z.optional(z.string().check(z.minLength(1))),
        en: z.optional(z.string().check(z.minLength(1))),
        ms: z.optional(z.string().check(z.minLength(1))),
      })
      .check(z.refine((o) => Object.keys(o).length > 0, { message: 'give the text in at least one locale' })),
  ]),
  'localized:localizedTextSchema',
);

/** A label as written in a rubric or plan. */
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * Picks the text of a label for a locale: the locale itself, then the
 * fallback, then the first text in the fixed order zh-CN, zh-TW, en, ms.
 *
 * @example
 * ```ts
 * localize({ 'zh-CN': '服务态度', en: 'Attitude' }, 'ms', 'en'); // 'Attitude'
 * localize('Attitude', 'zh-CN'); // 'Attitude'
 * ```
 */
export function localize(text: LocalizedText | undefined, locale: Locale, fallback?: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const direct = text[locale] ?? (fallback ? text[fallback] : undefined);
  if (direct !== undefined) return direct;
  for (const l of LOCALES) {
    const t = text[l];
    if (t !== undefined) return t;
  }
  return '';
}
