/**
 * Speech units, the count behind a speech rate: each Han character is one
 * unit (Chinese speech rate is counted in characters, as Aliyun's 语速检查 counts
 * 字), and each run of other letters or digits — a Latin word, a number — is one
 * unit (English speech rate is counted in words, as Contact Lens and Transcribe
 * count words per minute). One pass over the text, one regular expression.
 */

// A Han character alone, or a run of non-Han letters/digits (an apostrophe inside a word keeps it one word).
const UNIT = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+(?:['’](?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)*/gu;

/**
 * The number of speech units in a text: Han characters, plus Latin words and
 * numbers as one each; punctuation and spaces count nothing.
 *
 * @example
 * ```ts
 * speechUnits('您好，请问有什么可以帮您？'); // 10
 * speechUnits("I don't know, it's 28 dollars."); // 7
 * speechUnits('您的4G套餐'); // 5: 您 的 4G 套 餐
 * ```
 */
export function speechUnits(text: string): number {
  let n = 0;
  UNIT.lastIndex = 0;
  while (UNIT.exec(text) !== null) n++;
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
