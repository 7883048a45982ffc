/**
 * Speech units, the count behind a speech rate: each Han character is one
 * unit (Chinese speech rate is counted in characters, as Aliyun's 语速检查 counts
 * 字), and each run of other letters or digits — a Latin word, a number — is one
 * unit (English speech rate is counted in words, as Contact Lens and Transcribe
 * count words per minute). One pass over the text, one regular expression.
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
/** The regular expression's answer for each BMP code unit, filled on first sight (0 not yet, 1 yes, 2 no): no string per character. */
const BMP_WORD = new Uint8Array(0x10000);

/** A letter, digit or combining mark (ASCII by table, the rest by Unicode property). */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c > 0xffff) return WORDISH.test(String.fromCodePoint(c));
  let k = BMP_WORD[c] as number;
  if (k === 0) {
    k = WORDISH.test(String.fromCharCode(c)) ? 1 : 2;
    BMP_WORD[c] = k;
  }
  return k === 1;
}

/**
 * The number of speech units in a text: Han characters, plus Latin words and
 * numbers as one each; punctuation and spaces count nothing. One pass over
 * the code points (this runs on every turn of every call in a batch).
 *
 * @example
 * ```ts
 * speechUnits('您好，请问有什么可以帮您？'); // 11
 * speechUnits("I don't know, it's 28 dollars."); // 6
 * speechUnits('您的4G套餐'); // 5: 您 的 4G 套 餐
 * ```
 */
export function speechUnits(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      c = text.codePointAt(i) as number;
      i++;
    }
    if (isHan(c)) {
      n++;
      inWord = false;
    } else if (isWordChar(c)) {
      if (!inWord) n++;
      inWord = true;
    } else if (inWord && (c === 0x27 || c === 0x2019) && i + 1 < text.length && isWordChar(text.charCodeAt(i + 1)) && !isHan(text.charCodeAt(i + 1))) {
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
