/**
 * Why an item scored what it did, in the reader's language. A scored call
 * carries `reason` in English (`level "corrected": 4 of 8`) for logs and audit;
 * a zh-CN page must not show it. These rebuild the sentence from the
 * structured result (the answer, the level's own label from the rubric, the
 * occurrences and the rubric's per-occurrence points) in zh-CN, zh-TW, en or ms.
 */
import { fill } from '../localize/fill.js';
import { localize, type Locale } from '../localize/localize.js';
import type { Rubric } from '../rubric/compiled.js';
import type { Deduction, ItemScore } from '../scoring/types.js';

const R = {
  level: { 'zh-CN': '档位「{l}」', 'zh-TW': '檔位「{l}」', en: 'level "{l}"', ms: 'tahap "{l}"' },
  yes: { 'zh-CN': '达标', 'zh-TW': '達標', en: 'yes', ms: 'ya' },
  no: { 'zh-CN': '未达标', 'zh-TW': '未達標', en: 'no', ms: 'tidak' },
  phraseFound: { 'zh-CN': '已说出规定用语：{x}', 'zh-TW': '已說出規定用語：{x}', en: 'required phrase found: {x}', ms: 'frasa wajib ditemui: {x}' },
  phraseMissing: { 'zh-CN': '缺少规定用语：{x}', 'zh-TW': '缺少規定用語：{x}', en: 'required phrase missing: {x}', ms: 'frasa wajib tiada: {x}' },
  na: { 'zh-CN': '不适用', 'zh-TW': '不適用', en: 'N/A', ms: 'T/B' },
  naFull: { 'zh-CN': '不适用（按满分计）', 'zh-TW': '不適用（按滿分計）', en: 'N/A (full marks)', ms: 'T/B (markah penuh)' },
  notMet: { 'zh-CN': '适用条件不满足', 'zh-TW': '適用條件不滿足', en: 'condition not met', ms: 'syarat tidak dipenuhi' },
  value: { 'zh-CN': '数值 {v}：{p} 分', 'zh-TW': '數值 {v}：{p} 分', en: '{v}: {p} points', ms: '{v}: {p} mata' },
  scale: { 'zh-CN': '{v} 分（量表 {a}–{b}）', 'zh-TW': '{v} 分（量表 {a}–{b}）', en: '{v} on {a}–{b}', ms: '{v} pada {a}–{b}' },
  times: { 'zh-CN': '{n} 次 × −{p}', 'zh-TW': '{n} 次 × −{p}', en: '{n} occurrence{s} × −{p}', ms: '{n} kali × −{p}' },
  capped: { 'zh-CN': '，最多扣 {p}', 'zh-TW': '，最多扣 {p}', en: ', capped at −{p}', ms: ', maksimum −{p}' },
  none: { 'zh-CN': '无', 'zh-TW': '無', en: 'none', ms: 'tiada' },
  breach: { 'zh-CN': '违规', 'zh-TW': '違規', en: 'breach', ms: 'pelanggaran' },
  noBreach: { 'zh-CN': '未违规', 'zh-TW': '未違規', en: 'no breach', ms: 'tiada pelanggaran' },
  auto: { 'zh-CN': '（一票否决）', 'zh-TW': '（一票否決）', en: ' (auto-fail)', ms: ' (gagal automatik)' },
  transcript: { 'zh-CN': '（录音转写识别）', 'zh-TW': '（錄音轉寫識別）', en: ' [transcript]', ms: ' [transkrip]' },
  measure: { 'zh-CN': '（通话度量判定）', 'zh-TW': '（通話度量判定）', en: ' [measure]', ms: ' [ukuran]' },
} as const;

const n = (x: number): string => String(Math.round(x * 1e6) / 1e6);

/** Who decided, when not the evaluator: the transcript's phrases or its timed measures (the breakdown's Measures lines give the spans). */
function sourceSuffix(source: string, locale: Locale): string {
  return source === 'transcript' ? R.transcript[locale] : source === 'measure' ? R.measure[locale] : '';
}

/**
 * An item's reason in a language, from the structured score (never from the English `reason`).
 *
 * @example
 * ```ts
 * itemReason(score.items[0]!, rubric, 'zh-CN'); // '档位「已及时更正」：4/8 分'
 * ```
 */
export function itemReason(item: ItemScore, rubric: Rubric | undefined, locale: Locale): string {
  const t = (k: keyof typeof R): string => R[k][locale];
  const def = rubric?.items.get(item.id);
  const suffix = (item.fatal ? t('auto') : '') + sourceSuffix(item.source, locale);
  // Full marks for N/A is the rubric's policy (the scorer's English reason says the same; read the rubric, not the text).
  if (item.status === 'na') return ((rubric ? rubric.naPolicy === 'full-marks' : item.reason.includes('full marks')) ? t('naFull') : t('na')) + suffix;
  if (item.status === 'not-applicable') return t('notMet');
  const a = item.answer;
  let s: string;
  switch (item.kind) {
    case 'levels': {
      const level = def?.def.kind === 'levels' ? def.def.levels.find((l) => l.id === a) : undefined;
      s = fill(t('level'), { l: level ? localize(level.label, locale, rubric?.locale) : String(a), p: n(item.points), m: n(item.max) });
      break;
    }
    case 'yes-no': {
      const m = /^required phrase (found|missing): (.*)$/.exec(item.reason);
      s = m ? fill(t(m[1] === 'found' ? 'phraseFound' : 'phraseMissing'), { x: m[2] ?? '' }) : t(a === true ? 'yes' : 'no');
      break;
    }
    case 'penalty':
      s = penaltyText(item.occurrences ?? 0, item.points, rubric, item.id, locale);
      break;
    case 'fatal':
      return t(item.fatal ? 'breach' : 'noBreach') + sourceSuffix(item.source, locale);
    case 'scale': {
      const sc = def?.def.kind === 'scale' ? def.def.scale : null;
      s = sc ? fill(t('scale'), { v: String(a), a: sc.min, b: sc.max }) : fill(t('value'), { v: String(a), p: n(item.points) });
      break;
    }
    default:
      s = item.kind === 'comment' ? '' : fill(t('value'), { v: String(a), p: n(item.points) });
  }
  return s + suffix;
}

function penaltyText(occurrences: number, points: number, rubric: Rubric | undefined, itemId: string, locale: Locale): string {
  const t = (k: keyof typeof R): string => R[k][locale];
  if (occurrences === 0) return t('none');
  const per = rubric?.items.get(itemId)?.perOccurrence.toNumber() ?? Math.abs(points) / occurrences;
  const base = fill(t('times'), { n: occurrences, p: n(per), s: occurrences === 1 ? '' : 's' });
  return Math.abs(points) < per * occurrences ? base + fill(t('capped'), { p: n(Math.abs(points)) }) : base;
}

/**
 * A deduction's reason in a language: `2 次 × −2，最多扣 2`.
 *
 * @example
 * ```ts
 * deductionReason(score.deductions[0]!, rubric, 'zh-CN'); // '2 次 × −2，最多扣 2（录音转写识别）'
 * ```
 */
export function deductionReason(d: Deduction, rubric: Rubric | undefined, locale: Locale): string {
  return penaltyText(d.occurrences, d.points, rubric, d.itemId, locale) + sourceSuffix(d.source, locale);
}
