/**
 * A JSON array (or a sequence of JSON values) read element by element as
 * text: one pass over the characters tracking strings, escapes and nesting
 * depth, so an element's text is cut out without parsing it and a malformed
 * element costs only itself. Line numbers follow the newlines passed.
 */
import type { InputUnit } from './types.js';

/**
 * Splits a JSON array (or a sequence of JSON values) into its elements as
 * text, with the line each starts on, without parsing them: a malformed
 * element is rejected alone and the rest still read. Broken separators are
 * reported where they are, as rejected units: an empty element (`[a,,b]`),
 * a comma before `]`, and an element with no comma before it (`[a b]`, the
 * element itself rejected: which of the two was meant is unknowable).
 *
 * @example
 * ```ts
 * for await (const u of jsonUnits(['[{"id":1},', '\n{"id":2}]'])) console.log(u); // lines 1 and 2
 * ```
 */
export async function* jsonUnits(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<InputUnit> {
  let line = 1;
  let mode: 'start' | 'array' | 'values' | 'after' = 'start';
  let parts: string[] = []; // the current element's earlier chunks
  let inElem = false;
  let elemStart = 0;
  let elemLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scalar = false;
  let trailing: { line: number; text: string } | null = null;
  // Array separators: whether the next element needs a comma first, whether the last token was a comma,
  // and whether the current element came without one.
  let needComma = false;
  let afterComma = false;
  let noComma = false;
  const element = (text: string): InputUnit => {
    if (mode === 'array' || mode === 'after') needComma = true;
    if (!noComma) return { line: elemLine, text };
    return { line: elemLine, issues: [{ code: 'invalid_json', path: [], message: 'a comma is missing before this array element' }] };
  };
  const separator = (message: string): InputUnit => ({ line, issues: [{ code: 'invalid_json', path: [], message }] });

  for await (const chunk of chunks) {
    elemStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk.charCodeAt(i);
      if (inElem) {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === 92) escaped = true;
          else if (ch === 34) {
            inString = false;
            if (scalar && depth === 0) {
              parts.push(chunk.slice(elemStart, i + 1));
              yield element(parts.join(''));
              parts = [];
              inElem = false;
            }
          }
        } else if (ch === 34) inString = true;
        else if (ch === 123 || ch === 91) depth++;
        else if (ch === 125 || ch === 93) {
          if (scalar) {
            // `]` closing the array right after a scalar element
            parts.push(chunk.slice(elemStart, i));
            yield element(parts.join('').trim());
            parts = [];
            inElem = false;
            mode = 'after';
          } else if (--depth === 0) {
            parts.push(chunk.slice(elemStart, i + 1));
            yield element(parts.join(''));
            parts = [];
            inElem = false;
          }
        } else if (scalar && (ch === 44 || ch === 32 || ch === 10 || ch === 13 || ch === 9)) {
          parts.push(chunk.slice(elemStart, i));
          yield element(parts.join(''));
          parts = [];
          inElem = false;
          if (ch === 44) needComma = false; // the comma that ended the scalar
          afterComma = ch === 44;
        }
        if (ch === 10) line++;
        continue;
      }
      if (ch === 10) line++;
      if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 0xfeff) continue;
      if (mode === 'start') {
        if (ch === 91) {
          mode = 'array';
          continue;
        }
        mode = 'values';
      }
      if (mode === 'array' && ch === 44) {
        if (needComma) needComma = false;
        else yield separator(afterComma ? 'an empty array element (two commas in a row)' : 'a comma before the first array element');
        afterComma = true;
        continue;
      }
      if (mode === 'array' && ch === 93) {
        if (afterComma) yield separator('a comma before the closing "]"');
        mode = 'after';
        continue;
      }
      if (mode === 'after') {
        trailing ??= { line, text: chunk.slice(i, i + 20) };
        continue;
      }
      inElem = true;
      noComma = mode === 'array' && needComma;
      afterComma = false;
      elemStart = i;
      elemLine = line;
      depth = ch === 123 || ch === 91 ? 1 : 0;
      scalar = depth === 0;
      inString = ch === 34;
      escaped = false;
    }
    if (inElem) parts.push(chunk.slice(elemStart));
  }
  if (inElem) {
    const text = parts.join('');
    if (scalar && !inString) yield { line: elemLine, text };
    else yield { line: elemLine, issues: [{ code: 'invalid_json', path: [], message: 'the input ends inside this element (unterminated JSON)' }] };
  } else if (mode === 'array') {
    yield { line, issues: [{ code: 'invalid_json', path: [], message: 'the JSON array is not closed with "]"' }] };
  }
  if (trailing) yield { line: trailing.line, issues: [{ code: 'invalid_json', path: [], message: `unexpected text after the JSON array: ${JSON.stringify(trailing.text)}` }] };
}
