/**
 * Strict UTF-8 for batch input. Node's decoders turn bytes that are not UTF-8
 * into U+FFFD and carry on, so a record with a broken name would be scored
 * under a name nobody wrote. Here a record holding such bytes is rejected
 * (`invalid_utf8`, with its line) and the others go on.
 *
 * How: streaming text is decoded by {@link StrictUtf8Decoder}, which checks
 * each chunk with `buffer.isUtf8` (simdutf, native speed) and decodes it as
 * usual when it is valid — the only cost on good input. A chunk that is not
 * valid is decoded by a small JavaScript decoder that puts a lone surrogate
 * (U+DFFF) where Node would put U+FFFD. Valid UTF-8 never decodes to a lone
 * surrogate, so after splitting into records (NDJSON lines, JSON array
 * elements), a record is invalid exactly when its text is not well-formed
 * UTF-16 ({@link wellFormedUnit}). Raw NDJSON bytes in a worker are checked
 * line by line with `isUtf8` before decoding; CSV cells are read as Latin-1
 * and checked with `isUtf8` when they hold a byte ≥ 0x80 (csv.ts).
 */
import { isUtf8 } from 'node:buffer';
import type { Issue } from '../issues/issues.js';
import type { InputUnit } from './types.js';

/** Stands for bytes that are not UTF-8 in decoded text (a lone low surrogate: never the result of decoding valid UTF-8). */
const MARK = '\uDFFF';

const ISSUE: Issue = { code: 'invalid_utf8', path: [], message: 'the record holds bytes that are not valid UTF-8 (the input must be UTF-8)' };

/**
 * The rejected unit of a record with bytes that are not UTF-8.
 *
 * @example
 * ```ts
 * invalidUtf8Unit(12); // { line: 12, issues: [{ code: 'invalid_utf8', path: [], message: '…' }] }
 * ```
 */
export function invalidUtf8Unit(line: number): InputUnit {
  return { line, issues: [ISSUE] };
}

// String.prototype.isWellFormed is in Node 20 (V8 11.3) but not in the ES2022 lib this project compiles against.
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * A unit read from text decoded by {@link StrictUtf8Decoder}: itself, or its
 * `invalid_utf8` rejection when its text holds the mark of bytes that were
 * not UTF-8. (CSV rows are checked cell by cell where they are read: the CSV
 * parser works on bytes, where a lone surrogate cannot survive.)
 *
 * @example
 * ```ts
 * wellFormedUnit({ line: 3, text: '{"id":"c1"}' }); // the same unit
 * wellFormedUnit({ line: 4, text: '{"id":"\uDFFF"}' }); // { line: 4, issues: [invalid_utf8] }
 * ```
 */
export function wellFormedUnit(unit: InputUnit): InputUnit {
  return 'text' in unit && !wellFormed(unit.text) ? invalidUtf8Unit(unit.line) : unit;
}

/**
 * Where an incomplete multi-byte sequence at the end of `b` starts (to be
 * carried into the next chunk), or `b.length` when it ends on a character
 * boundary (or on bytes that are invalid whatever follows).
 */
function tailStart(b: Uint8Array): number {
  const n = b.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const c = b[i] as number;
    if (c < 0x80) return n;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return n - i < need ? i : n;
    }
  }
  return n;
}

/**
 * Decodes UTF-8, each maximal invalid subsequence (as the WHATWG decoder
 * delimits them, where it writes U+FFFD) becoming a lone surrogate U+DFFF.
 *
 * @example
 * ```ts
 * decodeMarkingInvalid(Buffer.from([0x41, 0xff, 0xe5, 0x96, 0x82])); // 'A\uDFFF喂'
 * ```
 */
export function decodeMarkingInvalid(b: Uint8Array): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let out = '';
  let run = 0; // start of the current run of valid bytes
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const c = buf[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    // The sequence's length and the range of its second byte (RFC 3629 table 3-7: no overlongs, surrogates or > U+10FFFF).
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    }
    let j = i + 1;
    let ok = need > 0;
    for (let k = 0; ok && k < need; k++, j++) {
      const d = buf[j];
      if (d === undefined || d < (k === 0 ? lo : 0x80) || d > (k === 0 ? hi : 0xbf)) ok = false;
    }
    if (ok) {
      i = j;
      continue;
    }
    // Invalid: the lead byte and the continuation bytes that were acceptable so far are one maximal subpart.
    out += buf.toString('utf8', run, i) + MARK;
    i = Math.max(i + 1, j - 1);
    run = i;
  }
  return out + buf.toString('utf8', run, n);
}

/**
 * A streaming UTF-8 decoder that marks bytes that are not UTF-8 instead of
 * hiding them (see the file header); a character split across chunks is
 * carried to the next one, so the text does not depend on chunk boundaries.
 *
 * @example
 * ```ts
 * const d = new StrictUtf8Decoder();
 * d.write(Buffer.from([0xe5, 0x96])) + d.write(Buffer.from([0x82])) + d.end(); // '喂'
 * d.write(Buffer.from([0x41, 0xff])); // 'A\uDFFF'
 * ```
 */
export class StrictUtf8Decoder {
  private carry: Buffer | null = null;

  /** The text of the complete characters so far. */
  write(chunk: Uint8Array): string {
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const cut = tailStart(b);
    this.carry = cut < b.length ? Buffer.from(b.subarray(cut)) : null;
    const body = b.subarray(0, cut);
    return isUtf8(body) ? body.toString('utf8') : decodeMarkingInvalid(body);
  }

  /** The rest: an incomplete character at the very end is invalid. */
  end(): string {
    const rest = this.carry;
    this.carry = null;
    return rest ? decodeMarkingInvalid(rest) : '';
  }
}
