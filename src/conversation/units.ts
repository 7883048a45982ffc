/**
 * Speech units, the count behind a speech rate: each Han character is one
 * unit (Chinese speech rate is counted in characters, as Aliyun's 语速检查 counts
 * 字), and each run of other letters or digits — a Latin word, a number — is one
 * unit (English speech rate is counted in words, as Contact Lens and Transcribe
 * count words per minute). One pass over the text; each BMP character's class
 * is worked out once (by its code point ranges and one regular expression) and
 * then read from a 64 KB table.
 */

/** Is this code point a Han character (the CJK ideograph blocks, radicals and 〇 々)? */
function isHan(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x3134f) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2e80 && c <= 0x2fdf) ||
    c === 0x3005 ||
    c === 0x3007 ||
    (c >= 0x3021 && c <= 0x3029)
  );
}

const WORDISH = /[\p{L}\p{N}\p{M}]/u;

/** The classes of a code point: a Han character, a letter / digit / combining mark, or anything else. */
const HAN = 1;
const WORD = 2;
const OTHER = 3;

/** A code point's class, worked out (ASCII by table, the rest by Unicode property). */
function classify(c: number): number {
  if (isHan(c)) return HAN;
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? WORD : OTHER;
  return WORDISH.test(String.fromCodePoint(c)) ? WORD : OTHER;
}

/**
 * Each BMP code unit's class, filled on first sight (0: not yet): one byte
 * read per character on the hot path, no range tests and no string per character.
 */
const BMP_CLASS = new Uint8Array(0x10000);

function bmpClass(c: number): number {
  let k = BMP_CLASS[c] as number;
  if (k === 0) {
    k = classify(c);
    BMP_CLASS[c] = k;
  }
  return k;
}

/**
 * The number of speech units in a text: Han characters, plus Latin words and
 * numbers as one each; punctuation and spaces count nothing. One pass over
 * the code points, one table read each (this runs on every turn of every call in a batch).
 *
 * @example
 * ```ts
 * speechUnits('您好，请问有什么可以帮您？'); // 11
 * speechUnits("I don't know, it's 28 dollars."); // 6
 * speechUnits('您的4G套餐'); // 5: 您 的 4G 套 餐
 * ```
 */
export function speechUnits(text: string): number {
  return speechUnitsUpTo(text, Number.MAX_SAFE_INTEGER);
}

/**
 * {@link speechUnits}, counting no further than one past `limit`: the exact
 * count when it is at most `limit`, else some number above it. What the sweep
 * asks of a turn whose speech rate nobody reads: is it short enough to be a
 * backchannel? Internal (not exported from the package).
 *
 * @example
 * ```ts
 * speechUnitsUpTo('您好，请问有什么可以帮您？', 3); // 4
 * ```
 */
export function speechUnitsUpTo(text: string, limit: number): number {
  let n = 0;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    // The common CJK block first, without the table.
    if (c >= 0x4e00 && c <= 0x9fff) {
      if (++n > limit) return n;
      inWord = false;
      continue;
    }
    let k: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      // A high surrogate reads the code point (as codePointAt does, a lone one reads itself) and skips the next unit.
      c = text.codePointAt(i) as number;
      i++;
      k = c > 0xffff ? classify(c) : bmpClass(c);
    } else k = bmpClass(c);
    if (k === HAN) {
      if (++n > limit) return n;
      inWord = false;
    } else if (k === WORD) {
      if (!inWord && ++n > limit) return n;
      inWord = true;
    } else if (inWord && (c === 0x27 || c === 0x2019) && i + 1 < len && bmpClass(text.charCodeAt(i + 1)) === WORD) {
      // an apostrophe inside a word (don't, it's) keeps it one word
    } else inWord = false;
  }
  return n;
}

/**
 * The form a backchannel is compared in: NFKC, lower case, without
 * punctuation, symbols or spaces ("Uh-huh." → "uhhuh", "嗯，好的。" → "嗯好的").
 *
 * @example
 * ```ts
 * backchannelKey('Uh-huh.'); // 'uhhuh'
 * ```
 */
export function backchannelKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}
