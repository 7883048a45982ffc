import { PhraseError } from './errors.js';
import { foldVariant } from './variants.js';

/**
 * How Chinese character variants are folded before matching.
 * `'zh-hant-to-hans'` folds Traditional (incl. Hong Kong / Taiwan forms) to
 * Simplified, one character at a time; `'none'` leaves characters alone.
 *
 * @example
 * ```ts
 * const v: VariantFolding = 'zh-hant-to-hans'; // 謝謝 matches 谢谢
 * ```
 */
export type VariantFolding = 'none' | 'zh-hant-to-hans';

/**
 * Normalisation switches, shared by phrases and transcripts (both sides are
 * normalised the same way, so they always agree).
 *
 * @example
 * ```ts
 * const strict: NormalizeOptions = { ignoreWhitespace: false, variants: 'none' };
 * ```
 */
export interface NormalizeOptions {
  /** Unicode NFKC: full-width → half-width, compatibility ideographs → unified. Default `true`. */
  nfkc?: boolean;
  /** Lower-case Latin, Greek, Cyrillic … Default `true`. */
  caseFold?: boolean;
  /** Drop whitespace (incl. U+3000 ideographic space) and zero-width spaces, so `不 知道` matches `不知道`. Default `true`. */
  ignoreWhitespace?: boolean;
  /** Character-variant folding. Default `'zh-hant-to-hans'`. */
  variants?: VariantFolding;
}

/**
 * The result of {@link normalizeText}: the normalised text and, for each of its
 * UTF-16 code units, where the original character that produced it starts and ends.
 *
 * @example
 * ```ts
 * const n: NormalizedText = normalizeText('Ａ 謝');
 * // n.text === 'a谢', n.offsets → [0, 2], n.ends → [1, 3]
 * ```
 */
export interface NormalizedText {
  readonly text: string;
  /** Original UTF-16 start offset of the character that produced each normalised unit. */
  readonly offsets: Int32Array;
  /** Original UTF-16 end offset (exclusive) of that character. */
  readonly ends: Int32Array;
}

// Sentinels of the per-code-unit cache.
const UNCOMPUTED = -2;
/**
 * {@link Normalizer.unit} result: the code unit normalises to nothing (whitespace).
 *
 * @example
 * ```ts
 * getNormalizer().unit(0x3000) === REMOVED; // true
 * ```
 */
export const REMOVED = -1;
/**
 * {@link Normalizer.unit} result: the code unit normalises to several units (see `multi`).
 *
 * @example
 * ```ts
 * getNormalizer().unit(0x338f) === MULTI; // true — ㎏ → 'kg'
 * ```
 */
export const MULTI = -3;

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const WHITESPACE = /\s/u;
const MARK = /\p{M}/u;

/*
 * Which code points attach to the one before them. NFKC composes e + U+0301 into
 * é, so a base and its marks are normalised together as one "segment" and every
 * unit of the result maps back to the whole segment. Hangul vowel/final jamo and
 * the half-width kana voicing marks compose too, so they attach as well.
 */
let bmpAttach: Uint8Array | undefined;
const astralAttach = new Map<number, boolean>();

function attachTable(): Uint8Array {
  if (bmpAttach) return bmpAttach;
  const t = new Uint8Array(0x10000);
  for (let cp = 0x300; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    if (MARK.test(String.fromCharCode(cp))) t[cp] = 1;
  }
  for (let cp = 0x1160; cp <= 0x11ff; cp++) t[cp] = 1;
  t[0xff9e] = 1;
  t[0xff9f] = 1;
  bmpAttach = t;
  return t;
}

function attachesAstral(cp: number): boolean {
  let v = astralAttach.get(cp);
  if (v === undefined) {
    v = MARK.test(String.fromCodePoint(cp));
    astralAttach.set(cp, v);
  }
  return v;
}

/**
 * Per-options normaliser with caches (internal). The caches are only
 * memoisation: results never depend on what was normalised before.
 *
 * @example
 * ```ts
 * const n = getNormalizer();
 * n.compute('Ａ'); // 'a'
 * n.segmentEnd('e\u0301x', 0); // 2 — the mark belongs to the e
 * ```
 */
export class Normalizer {
  readonly nfkc: boolean;
  readonly caseFold: boolean;
  readonly ignoreWhitespace: boolean;
  readonly variants: boolean;
  /** Per BMP code unit: the single output unit, REMOVED, MULTI or UNCOMPUTED. */
  readonly single: Int32Array;
  /** Outputs of BMP units that normalise to several units. */
  readonly multi = new Map<number, string>();
  /** Outputs of astral code points and of multi-code-point segments. */
  private readonly segmentCache = new Map<string, string>();
  readonly attach: Uint8Array;

  constructor(nfkc: boolean, caseFold: boolean, ignoreWhitespace: boolean, variants: boolean) {
    this.nfkc = nfkc;
    this.caseFold = caseFold;
    this.ignoreWhitespace = ignoreWhitespace;
    this.variants = variants;
    this.single = new Int32Array(0x10000).fill(UNCOMPUTED);
    this.attach = attachTable();
  }

  /** Normalises one segment (a code point plus the marks attached to it). */
  compute(segment: string): string {
    let s = segment;
    if (this.nfkc) s = s.normalize('NFKC');
    if (this.caseFold) {
      const lower = s.toLowerCase();
      // Lower-casing can leave a non-NFKC sequence (İ → i + U+0307); re-normalise.
      if (lower !== s) s = this.nfkc ? lower.normalize('NFKC') : lower;
    }
    if (!this.variants && !this.ignoreWhitespace) return s;
    let out = '';
    for (const ch of s) {
      let cp = ch.codePointAt(0) as number;
      if (this.ignoreWhitespace && (ZERO_WIDTH.has(cp) || WHITESPACE.test(ch))) continue;
      if (this.variants) cp = foldVariant(cp);
      out += String.fromCodePoint(cp);
    }
    return out;
  }

  /** Cached lookup for a lone BMP code unit: the unit, REMOVED or MULTI. */
  unit(c: number): number {
    const v = this.single[c] as number;
    if (v !== UNCOMPUTED) return v;
    const s = this.compute(String.fromCharCode(c));
    let r: number;
    if (s.length === 0) r = REMOVED;
    else if (s.length === 1) r = s.charCodeAt(0);
    else {
      this.multi.set(c, s);
      r = MULTI;
    }
    this.single[c] = r;
    return r;
  }

  /** Cached normalisation of a segment longer than one code unit. */
  segment(seg: string): string {
    let s = this.segmentCache.get(seg);
    if (s === undefined) {
      s = this.compute(seg);
      // Bounded: segments of unusual text (emoji, combining marks) could be unbounded.
      if (this.segmentCache.size > 50_000) this.segmentCache.clear();
      this.segmentCache.set(seg, s);
    }
    return s;
  }

  /**
   * End (exclusive) of the segment that starts at `i`: the code point at `i`
   * plus every attaching code point after it.
   */
  segmentEnd(text: string, i: number): number {
    const n = text.length;
    const c = text.charCodeAt(i);
    let j = i + 1;
    if (c >= 0xd800 && c < 0xdc00 && j < n) {
      const d = text.charCodeAt(j);
      if (d >= 0xdc00 && d < 0xe000) j++;
    }
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d >= 0xd800 && d < 0xdc00 && j + 1 < n) {
        const e = text.charCodeAt(j + 1);
        if (e >= 0xdc00 && e < 0xe000 && attachesAstral(((d - 0xd800) << 10) + (e - 0xdc00) + 0x10000)) {
          j += 2;
          continue;
        }
        break;
      }
      if (this.attach[d] === 1) j++;
      else break;
    }
    return j;
  }
}

const normalizers = new Map<number, Normalizer>();

/**
 * Validates options and returns the shared normaliser for them (internal).
 *
 * @example
 * ```ts
 * getNormalizer({ variants: 'none' }).compute('謝'); // '謝'
 * ```
 */
export function getNormalizer(options: NormalizeOptions = {}): Normalizer {
  const v = options.variants ?? 'zh-hant-to-hans';
  if (v !== 'none' && v !== 'zh-hant-to-hans') {
    throw new PhraseError([
      {
        code: 'invalid_option',
        path: ['options', 'variants'],
        message: `variants must be 'none' or 'zh-hant-to-hans', not ${JSON.stringify(v)}`,
      },
    ]);
  }
  const nfkc = options.nfkc ?? true;
  const caseFold = options.caseFold ?? true;
  const ws = options.ignoreWhitespace ?? true;
  const variants = v === 'zh-hant-to-hans';
  const key = (nfkc ? 1 : 0) | (caseFold ? 2 : 0) | (ws ? 4 : 0) | (variants ? 8 : 0);
  let n = normalizers.get(key);
  if (!n) {
    n = new Normalizer(nfkc, caseFold, ws, variants);
    normalizers.set(key, n);
  }
  return n;
}

/**
 * Normalises text for matching and keeps a map back to the original offsets.
 * Works per character (a code point plus any combining marks), so every
 * normalised unit knows exactly which original character produced it.
 *
 * @example
 * ```ts
 * const { text, offsets, ends } = normalizeText('不　知道ＡＢＣ１２３ 謝謝');
 * text;                 // '不知道abc123谢谢'
 * offsets[1];           // 2  ('知' is at original offset 2; U+3000 was dropped)
 * ends[1];              // 3
 * ```
 */
export function normalizeText(text: string, options?: NormalizeOptions): NormalizedText {
  const norm = getNormalizer(options);
  const n = text.length;
  let out = '';
  // Worst case NFKC expansion is large (e.g. U+FDFA → 18 units), so grow on demand.
  let offsets: Int32Array = new Int32Array(n + 16);
  let ends: Int32Array = new Int32Array(n + 16);
  let k = 0;
  let i = 0;
  while (i < n) {
    const j = norm.segmentEnd(text, i);
    let s: string;
    if (j === i + 1) {
      const u = norm.unit(text.charCodeAt(i));
      s = u === REMOVED ? '' : u === MULTI ? (norm.multi.get(text.charCodeAt(i)) as string) : String.fromCharCode(u);
    } else {
      s = norm.segment(text.slice(i, j));
    }
    if (k + s.length > offsets.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(Math.max(a.length * 2, k + s.length));
        b.set(a);
        return b;
      };
      offsets = grow(offsets);
      ends = grow(ends);
    }
    for (let t = 0; t < s.length; t++) {
      offsets[k] = i;
      ends[k] = j;
      k++;
    }
    out += s;
    i = j;
  }
  return { text: out, offsets: offsets.slice(0, k), ends: ends.slice(0, k) };
}
