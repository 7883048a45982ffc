/**
 * The scorecard as a Markdown document for agents. Centres must publish their
 * quality standard to the people measured by it (seed 004: "publish quality
 * policies"); generating it from the compiled rubric keeps it in step with the
 * scoring.
 */
import type { Condition } from '../conditions/conditions.js';
import type { Ratio } from '../exact/rational.js';
import { localize, type Locale, type LocalizedText } from '../localize/localize.js';
import type { CompiledItem, Rubric } from '../rubric/compiled.js';
import { word } from './text.js';

/** Options of {@link formatRubric}. */
export interface FormatRubricOptions {
  /** The agent's language (default: the rubric's). */
  readonly locale?: Locale;
}

function n(x: Ratio): string {
  return x.d === 1 ? String(x.n) : x.toFixed(4).replace(/\.?0+$/, '');
}

function cond(c: Condition): string {
  if ('all' in c) return c.all.map(cond).join(' AND ');
  if ('any' in c) return `(${c.any.map(cond).join(' OR ')})`;
  if ('not' in c) return `NOT ${cond(c.not)}`;
  if ('equals' in c) return `${c.attribute} = ${String(c.equals)}`;
  if ('in' in c) return `${c.attribute} ∈ {${c.in.join(', ')}}`;
  return `${c.attribute} ${c.exists ? 'is set' : 'is not set'}`;
}

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * Renders a rubric as a Markdown document an agent can read: sections, items,
 * points, levels, penalties, auto-fail rules and grade bands, in the agent's
 * language.
 *
 * @example
 * ```ts
 * writeFileSync('quality-standard.md', formatRubric(rubric, { locale: 'zh-CN' }));
 * ```
 */
export function formatRubric(rubric: Rubric, options: FormatRubricOptions = {}): string {
  const locale = options.locale ?? rubric.locale;
  const L = (t: LocalizedText | undefined): string => esc(localize(t, locale, rubric.locale));
  const w = (k: Parameters<typeof word>[0]): string => word(k, locale);
  const def = rubric.definition;
  const out: string[] = [];
  out.push(`# ${L(def.name)}`, '');
  out.push(`\`${rubric.id}\` · ${rubric.version}${def.effectiveFrom ? ` · ${def.effectiveFrom}${def.effectiveTo ? ` – ${def.effectiveTo}` : ' –'}` : ''}`, '');
  if (def.description) out.push(localize(def.description, locale, rubric.locale), '');

  out.push(`## ${w('scoringRules')}`, '');
  const mode =
    rubric.mode === 'points-sum'
      ? { 'zh-CN': '各项得分相加', 'zh-TW': '各項得分相加', en: 'item points are added up', ms: 'mata item dijumlahkan' }
      : rubric.mode === 'section-weighted'
        ? { 'zh-CN': '各类别按权重折算（实得/应得 × 权重）', 'zh-TW': '各類別按權重折算（實得/應得 × 權重）', en: 'each section counts by its weight (earned / possible × weight)', ms: 'setiap bahagian dikira mengikut wajarannya (diperoleh / maksimum × wajaran)' }
        : { 'zh-CN': '各项按权重折算', 'zh-TW': '各項按權重折算', en: 'each item counts by its weight', ms: 'setiap item dikira mengikut wajarannya' };
  out.push(`- ${L(mode)}; ${w('max')} ${n(rubric.maxScore)}.`);
  out.push(
    `- ${w('na')}: ${L(
      rubric.naPolicy === 'exclude'
        ? { 'zh-CN': '不计入实得与应得，按比例折算', 'zh-TW': '不計入實得與應得，按比例折算', en: 'left out of earned and possible; the rest is scaled up', ms: 'tidak dikira; selebihnya diskalakan' }
        : { 'zh-CN': '按满分计', 'zh-TW': '按滿分計', en: 'counted as full marks', ms: 'dikira markah penuh' },
    )}.`,
  );
  if (rubric.bonusCap !== null) out.push(`- ${w('bonus')}: ${w('atMost')} +${n(rubric.bonusCap)}.`);
  out.push('');

  for (const s of rubric.sections) {
    const head = [L(s.def.label)];
    if (s.weight) head.push(`${n(s.weight)}%`);
    if (s.cap) head.push(`${w('max')} ${n(s.cap)}`);
    out.push(`## ${head.join(' · ')}`, '');
    if (s.def.description) out.push(L(s.def.description), '');
    if (s.when) out.push(`_${w('onlyWhen')}: ${cond(s.when)}_`, '');
    out.push(`| ${w('item')} | ${w('points')} | ${w('notes')} |`, '|---|---:|---|');
    for (const i of s.items) out.push(`| ${L(i.def.label)} | ${pointsCell(i)} | ${notes(i, L, w)} |`);
    out.push('');
  }

  if (rubric.grades.length) {
    out.push(`## ${w('grades')}`, '', `| ${w('grade')} | ${w('range')} | ${w('passing')} |`, '|---|---|---|');
    for (const g of rubric.grades) out.push(`| ${L(g.def.label)} | \`${g.range.text}\` | ${g.passing ? w('yes') : w('no')} |`);
    out.push('');
  }
  return out.join('\n');
}

function pointsCell(i: CompiledItem): string {
  switch (i.kind) {
    case 'penalty':
      return `−${n(i.perOccurrence)}`;
    case 'fatal':
    case 'comment':
      return '—';
    default:
      return i.weight !== null ? `${n(i.weight)}%` : (i.bonus ? '+' : '') + n(i.max);
  }
}

function notes(i: CompiledItem, L: (t: LocalizedText | undefined) => string, w: (k: Parameters<typeof word>[0]) => string): string {
  const parts: string[] = [];
  if (i.def.description) parts.push(L(i.def.description));
  if (i.kind === 'levels' && i.def.kind === 'levels') parts.push(i.def.levels.map((l) => `${L(l.label)} ${l.points}`).join('; '));
  if (i.kind === 'numeric' && i.def.kind === 'numeric') parts.push(i.def.ranges.map((r) => `${r.range} → ${r.points}`).join('; '));
  if (i.kind === 'scale' && i.def.kind === 'scale') parts.push(`${i.def.scale.min}–${i.def.scale.max}`);
  if (i.kind === 'yes-no' && !i.no.isZero()) parts.push(`${w('no')} → ${n(i.no)}`);
  if (i.kind === 'penalty') {
    const cap = [i.maxOccurrences !== null ? `${w('atMost')} ${i.maxOccurrences}×` : '', i.maxDeduction ? `${w('atMost')} −${n(i.maxDeduction)}` : ''].filter(Boolean);
    parts.push(`−${n(i.perOccurrence)} ${w('perOccurrence')}${cap.length ? ` (${cap.join(', ')})` : ''}`);
  }
  if (i.fatalScope) parts.push(`**${w('fatal')}**: ${w(i.fatalScope === 'call' ? 'scopeCall' : i.fatalScope === 'section' ? 'scopeSection' : 'scopeFlag')}`);
  if (i.critical) parts.push(`**${w('critical')}**`);
  if (i.naAllowed) parts.push(`${w('na')} ✓`);
  if (i.phrases) parts.push(`${w('phrases')}: ${i.phrases.phrases.map((p) => `「${p}」`).join(' ')}`);
  if (i.when) parts.push(`_${w('onlyWhen')}: ${cond(i.when)}_`);
  return esc(parts.join(' · '));
}
