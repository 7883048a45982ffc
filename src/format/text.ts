/**
 * Text helpers for readable output: column alignment that counts a Chinese
 * character as two columns (as terminals draw it), and the UI words in each
 * supported locale.
 */
import type { Locale } from '../localize/localize.js';

/**
 * Is this code point East Asian wide (two terminal columns, a full em in print)?
 *
 * @example
 * ```ts
 * isWide('质'.codePointAt(0)!); // true
 * isWide(0x41); // false ('A')
 * ```
 */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/**
 * The number of terminal columns a string takes (CJK characters take two).
 *
 * @example
 * ```ts
 * displayWidth('服务态度'); // 8
 * displayWidth('Attitude'); // 8
 * ```
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}

/**
 * Lays rows out as aligned columns. Columns listed in `right` are right-aligned (numbers).
 *
 * @example
 * ```ts
 * table([['Section', 'Score'], ['服务态度', '20']], { right: [1] });
 * ```
 */
export function table(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  return tableLines(rows, columnWidths(rows), options).join('\n');
}

/** How {@link table} lays its rows out. */
export interface TableOptions {
  readonly right?: readonly number[];
  readonly indent?: string;
}

/**
 * Widens `widths` (display columns per column) to fit `rows`: for a table
 * written in parts, measured over every part first.
 *
 * @example
 * ```ts
 * const w = columnWidths([['agent', 'calls']]);
 * columnWidths([['A004', '118']], w); // [5, 5]
 * ```
 */
export function columnWidths(rows: readonly (readonly string[])[], widths: number[] = []): number[] {
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return widths;
}

/**
 * Rows laid out at given widths, one string a line: {@link table}'s lines
 * when `widths` are {@link columnWidths} of the whole table (the last column
 * is not padded, trailing blanks are trimmed).
 *
 * @example
 * ```ts
 * tableLines([['A004', '118']], [5, 5], { right: [1] }); // ['A004     118']
 * ```
 */
export function tableLines(rows: readonly (readonly string[])[], widths: readonly number[], options: TableOptions = {}): string[] {
  const right = new Set(options.right ?? []);
  return rows.map((r) =>
    (options.indent ?? '') +
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return right.has(i) ? pad + c : i === r.length - 1 ? c : c + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

const WORDS = {
  call: { 'zh-CN': '通话', 'zh-TW': '通話', en: 'Call', ms: 'Panggilan' },
  agent: { 'zh-CN': '座席', 'zh-TW': '座席', en: 'agent', ms: 'ejen' },
  rubric: { 'zh-CN': '评分表', 'zh-TW': '評分表', en: 'rubric', ms: 'rubrik' },
  score: { 'zh-CN': '得分', 'zh-TW': '得分', en: 'Score', ms: 'Markah' },
  grade: { 'zh-CN': '等级', 'zh-TW': '等級', en: 'Grade', ms: 'Gred' },
  passed: { 'zh-CN': '合格', 'zh-TW': '合格', en: 'passed', ms: 'lulus' },
  failed: { 'zh-CN': '不合格', 'zh-TW': '不合格', en: 'FAILED', ms: 'GAGAL' },
  critical: { 'zh-CN': '关键项', 'zh-TW': '關鍵項', en: 'Critical', ms: 'Kritikal' },
  nonCritical: { 'zh-CN': '非关键项', 'zh-TW': '非關鍵項', en: 'non-critical', ms: 'bukan kritikal' },
  section: { 'zh-CN': '类别', 'zh-TW': '類別', en: 'Section', ms: 'Bahagian' },
  item: { 'zh-CN': '项目', 'zh-TW': '項目', en: 'Item', ms: 'Item' },
  earned: { 'zh-CN': '实得', 'zh-TW': '實得', en: 'Earned', ms: 'Diperoleh' },
  possible: { 'zh-CN': '应得', 'zh-TW': '應得', en: 'Possible', ms: 'Maksimum' },
  weight: { 'zh-CN': '权重', 'zh-TW': '權重', en: 'Weight', ms: 'Wajaran' },
  points: { 'zh-CN': '分值', 'zh-TW': '分值', en: 'Points', ms: 'Mata' },
  notes: { 'zh-CN': '说明', 'zh-TW': '說明', en: 'Notes', ms: 'Catatan' },
  lost: { 'zh-CN': '失分项', 'zh-TW': '失分項', en: 'Points lost', ms: 'Mata hilang' },
  deductions: { 'zh-CN': '扣分', 'zh-TW': '扣分', en: 'Deductions', ms: 'Potongan' },
  fatal: { 'zh-CN': '一票否决', 'zh-TW': '一票否決', en: 'Auto-fail', ms: 'Gagal automatik' },
  evidence: { 'zh-CN': '证据', 'zh-TW': '證據', en: 'Evidence', ms: 'Bukti' },
  measures: { 'zh-CN': '通话度量', 'zh-TW': '通話度量', en: 'Measures', ms: 'Ukuran' },
  evaluatorDecided: { 'zh-CN': '质检员判定', 'zh-TW': '質檢員判定', en: 'evaluator decided', ms: 'penilai memutuskan' },
  na: { 'zh-CN': '不适用', 'zh-TW': '不適用', en: 'N/A', ms: 'T/B' },
  turn: { 'zh-CN': '第', 'zh-TW': '第', en: 'turn', ms: 'giliran' },
  capped: { 'zh-CN': '封顶', 'zh-TW': '封頂', en: 'capped', ms: 'dihadkan' },
  floored: { 'zh-CN': '保底', 'zh-TW': '保底', en: 'floored', ms: 'had bawah' },
  bonus: { 'zh-CN': '加分', 'zh-TW': '加分', en: 'Bonus', ms: 'Bonus' },
  grades: { 'zh-CN': '等级划分', 'zh-TW': '等級劃分', en: 'Grade bands', ms: 'Julat gred' },
  scoringRules: { 'zh-CN': '评分规则', 'zh-TW': '評分規則', en: 'How the score is computed', ms: 'Cara markah dikira' },
  penalties: { 'zh-CN': '扣分项', 'zh-TW': '扣分項', en: 'Penalties', ms: 'Penalti' },
  max: { 'zh-CN': '满分', 'zh-TW': '滿分', en: 'max', ms: 'maks' },
  perOccurrence: { 'zh-CN': '每次', 'zh-TW': '每次', en: 'per occurrence', ms: 'setiap kali' },
  atMost: { 'zh-CN': '最多', 'zh-TW': '最多', en: 'at most', ms: 'paling banyak' },
  phrases: { 'zh-CN': '检测用语', 'zh-TW': '檢測用語', en: 'phrases', ms: 'frasa' },
  onlyWhen: { 'zh-CN': '仅适用于', 'zh-TW': '僅適用於', en: 'only when', ms: 'hanya apabila' },
  range: { 'zh-CN': '分数段', 'zh-TW': '分數段', en: 'Range', ms: 'Julat' },
  passing: { 'zh-CN': '是否合格', 'zh-TW': '是否合格', en: 'Passing', ms: 'Lulus' },
  yes: { 'zh-CN': '是', 'zh-TW': '是', en: 'yes', ms: 'ya' },
  no: { 'zh-CN': '否', 'zh-TW': '否', en: 'no', ms: 'tidak' },
  scopeCall: { 'zh-CN': '整通电话计0分', 'zh-TW': '整通電話計0分', en: 'the whole call scores 0', ms: 'seluruh panggilan mendapat 0' },
  scopeSection: { 'zh-CN': '所在类别计0分', 'zh-TW': '所在類別計0分', en: 'its section scores 0', ms: 'bahagiannya mendapat 0' },
  legendScaled: {
    'zh-CN': '注：得分 = 实得 × {max} ÷ {possible}（{possible} 为本通话应得分合计，不适用项不计入）',
    'zh-TW': '註：得分 = 實得 × {max} ÷ {possible}（{possible} 為本通話應得分合計，不適用項不計入）',
    en: 'Note: score = earned × {max} ÷ {possible} ({possible} = the points possible in this call; N/A items left out)',
    ms: 'Nota: markah = diperoleh × {max} ÷ {possible} ({possible} = jumlah mata yang mungkin dalam panggilan ini; item T/B dikecualikan)',
  },
  legendWeighted: {
    'zh-CN': '注：得分 = 实得 ÷ 应得 × 该类别权重',
    'zh-TW': '註：得分 = 實得 ÷ 應得 × 該類別權重',
    en: 'Note: score = earned ÷ possible × the section’s weight',
    ms: 'Nota: markah = diperoleh ÷ maksimum × wajaran bahagian',
  },
  scopeFlag: { 'zh-CN': '保留得分，标记为不合格', 'zh-TW': '保留得分，標記為不合格', en: 'the score stands; the call is marked failed', ms: 'markah kekal; panggilan ditanda gagal' },
} as const;

/** A UI word's key. */
export type Word = keyof typeof WORDS;

/**
 * The UI word for a locale.
 *
 * @example
 * ```ts
 * word('score', 'zh-CN'); // '得分'
 * ```
 */
export function word(key: Word, locale: Locale): string {
  return WORDS[key][locale];
}

/**
 * Seconds as m:ss (or h:mm:ss), for transcript times.
 *
 * @example
 * ```ts
 * clock(75); // '1:15'
 * ```
 */
export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
