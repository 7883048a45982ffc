import { VARIANT_SOURCES, VARIANT_TARGETS } from './variant-table.js';

/*
 * Traditional → Simplified folding, one code point at a time.
 *
 * Why per character: OpenCC's phrase dictionaries may turn n characters into m,
 * which would break the offset map back to the original transcript. A single
 * character sent alone only meets the one-character tables, and we only accept a
 * result that is again exactly one code point.
 *
 * Why the 'hk' preset: of the three (t, tw, hk) it is the superset of the plain
 * 't' table (adds 敍→叙, 衞→卫, 衹→只, 枱→台 …) without the Taiwan-only choices
 * that damage Simplified text read as Traditional (tw maps 么→幺 — 什么 would
 * become 什幺 — and 著→着).
 *
 * Why a generated table: opencc-js is the source (scripts/variant-pairs.ts reads
 * it; `npm run tables` writes variant-table.ts; a test checks the two agree on
 * every code point), but shipping it costs 195 KB minified in a browser bundle;
 * the 4,231 one-character pairs are ~9.4 KB gzip. The map is built on first use.
 */

let table: Map<number, number> | undefined;

/** The signed base-32 varints of `text` (digits 0-9A-V continue a number, a-z!#$%&* end it; scripts/variant-pairs.ts). */
function readVarints(text: string): number[] {
  const out: number[] = [];
  let z = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const more = c <= 57 ? c - 48 : c <= 86 && c >= 65 ? c - 55 : -1; // '0'-'9', 'A'-'V'
    if (more >= 0) {
      z = z * 32 + more;
      continue;
    }
    const last = c >= 97 && c <= 122 ? c - 97 : '!#$%&*'.indexOf(text[i]!) + 26;
    z = z * 32 + last;
    out.push(z % 2 === 0 ? z / 2 : -(z + 1) / 2); // zigzag back to signed
    z = 0;
  }
  return out;
}

function build(): Map<number, number> {
  const map = new Map<number, number>();
  const sources = readVarints(VARIANT_SOURCES);
  const targets = readVarints(VARIANT_TARGETS);
  let t = 0;
  let s = 0;
  for (let i = 0; i < sources.length; i++) {
    t += sources[i]!;
    s += targets[i]!;
    map.set(t, s);
  }
  return map;
}

/**
 * Folds one code point from a Traditional (or Hong Kong / Taiwan) variant to its
 * Simplified form; returns the code point unchanged when OpenCC has no
 * one-to-one mapping for it.
 *
 * @example
 * ```ts
 * String.fromCodePoint(foldVariant('謝'.codePointAt(0)!)); // '谢'
 * String.fromCodePoint(foldVariant('么'.codePointAt(0)!)); // '么' (kept)
 * ```
 */
export function foldVariant(cp: number): number {
  // ASCII and most Latin never change; skip the table (and building it).
  if (cp < 0x2e80) return cp;
  table ??= build();
  return table.get(cp) ?? cp;
}

/**
 * Every code point that {@link foldVariant} changes (the table's sources), so a
 * caller can find which characters fold into a given one.
 *
 * @example
 * ```ts
 * [...variantSources()].includes('謝'.codePointAt(0)!); // true
 * ```
 */
export function variantSources(): IterableIterator<number> {
  table ??= build();
  return table.keys();
}
