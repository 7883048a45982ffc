/*
 * Context around a hit for a coach: a few characters either side, never
 * splitting a surrogate pair, with … where the text was cut.
 */

/** Characters of context either side of a hit in a snippet. */
const SNIPPET_CONTEXT = 12;

/**
 * The text around `[start, end)`: up to `context` UTF-16 units either side
 * (never splitting a surrogate pair), with `…` where the text was cut.
 *
 * @example
 * ```ts
 * makeSnippet('0123456789abcdefghijklmnopqrstuvwxyz', 15, 17, 3); // '…cdefghij…'
 * makeSnippet('喂，你好', 0, 1); // '喂，你好'
 * ```
 */
export function makeSnippet(text: string, start: number, end: number, context = SNIPPET_CONTEXT): string {
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  if (from > 0 && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1))) from--;
  if (to < text.length && isHigh(text.charCodeAt(to - 1)) && isLow(text.charCodeAt(to))) to++;
  return (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c < 0xdc00;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c < 0xe000;
}
