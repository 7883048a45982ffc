/*
 * Building the RegExp prefilter of a small phrase list (the search and the
 * scan are described in prefilter.ts): which lists are eligible, and the
 * RegExp — each normalised unit as the class of its preimages, whitespace
 * between units as x(?:y|WW*y), the one-unit patterns and searched expanding
 * characters as one class after the longer alternatives, and the optional
 * follower class after them all.
 */
import type { UnitClasses } from './classes.js';
import { followersOf } from './followers.js';
import type { Normalizer } from './normalize.js';
import { preimagesOf } from './preimage.js';
import { Prefilter } from './prefilter.js';
import type { Terminal } from './automaton.js';

/**
 * At most this many distinct patterns get a prefilter: past a few dozen, the
 * RegExp is slower than the automaton (at 100 phrases the bench's RegExp
 * alternation takes ~1.6× the automaton's time).
 *
 * @example
 * ```ts
 * prefilterEligible(Array.from({ length: PREFILTER_MAX_PATTERNS + 1 }, (_, i) => `p${i}`), norm); // false
 * ```
 */
export const PREFILTER_MAX_PATTERNS = 32;
/** Longest total pattern length (units) for a prefilter, which bounds the reversed trie. */
const MAX_TOTAL = 1024;

const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

/** A RegExp class for sorted, distinct units, runs written as ranges (fewer comparisons in the compiled code). */
function unitClass(units: readonly number[]): string {
  if (units.length === 1) return hex(units[0] as number);
  let out = '';
  for (let k = 0; k < units.length; ) {
    let m = k;
    while (m + 1 < units.length && units[m + 1] === (units[m] as number) + 1) m++;
    out += m - k >= 2 ? `${hex(units[k] as number)}-${hex(units[m] as number)}` : units.slice(k, m + 1).map(hex).join('');
    k = m + 1;
  }
  return `[${out}]`;
}

/** A RegExp class for inclusive unit ranges. */
function unitRanges(ranges: readonly (readonly [number, number])[]): string {
  return `[${ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]`;
}

/**
 * Whether a phrase list may get a prefilter: few patterns, and no normalised
 * unit that composition could produce or that belongs to another character.
 *
 * @example
 * ```ts
 * prefilterEligible(['喂', '不知道'], getNormalizer()); // true
 * prefilterEligible(['é'], getNormalizer());            // false: é is precomposed
 * ```
 */
export function prefilterEligible(patterns: readonly string[], norm: Normalizer): boolean {
  if (patterns.length === 0 || patterns.length > PREFILTER_MAX_PATTERNS) return false;
  let total = 0;
  for (const p of patterns) {
    total += p.length;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      const ch = p[i] as string;
      if ((c >= 0xd800 && c < 0xe000) || norm.attach[c] === 1 || ch.normalize('NFD') !== ch) return false;
    }
  }
  return total <= MAX_TOTAL;
}

/**
 * The prefilter for eligible patterns (see {@link prefilterEligible}), or
 * undefined for others and when a character normalising into the alphabet is
 * itself a mark.
 *
 * @example
 * ```ts
 * buildPrefilter(['谢谢'], [[{ rule: 0, phrase: 0 }]], classes, getNormalizer()); // matches 謝謝 too
 * ```
 */
export function buildPrefilter(
  patterns: readonly string[],
  terminals: readonly (readonly Terminal[])[],
  classes: UnitClasses,
  norm: Normalizer,
): Prefilter | undefined {
  if (!prefilterEligible(patterns, norm)) return undefined;
  const pre = preimagesOf(norm);
  const alphabet = classes.alphabet;
  // Every character the RegExp can match, to keep them out of the follower class.
  const matched: number[] = [...pre.removed];
  const sourcesOf = new Map<number, number[]>();
  for (const unit of alphabet.keys()) {
    const sources = [...(pre.single.get(unit) ?? [])];
    if (norm.unit(unit) === unit) sources.push(unit);
    if (sources.some((c) => norm.attach[c] === 1 || (c >= 0xd800 && c < 0xe000))) return undefined;
    sources.sort((a, b) => a - b);
    for (const c of sources) classes.classOf(c);
    matched.push(...sources);
    sourcesOf.set(unit, sources);
  }
  for (const c of pre.removed) classes.classOf(c);
  const ws = pre.removed.length === 0 ? '' : unitClass([...pre.removed].sort((a, b) => a - b));
  // Whitespace between units as x(?:y|WW*y), not xW*y: a candidate whose
  // second character is not y then costs one class test, no loop (~3 % of
  // the search at 10 phrases).
  const join = (parts: readonly string[]): string =>
    parts.slice(1).reduce((s, y) => (ws === '' ? s + y : `${s}(?:${y}|${ws}${ws}*${y})`), parts[0] as string);
  const alternatives: string[] = [];
  // One-character alternatives as one class, after the longer ones (as V8
  // does for an alternation of plain characters).
  const singles = new Set<number>();
  for (const p of [...patterns].sort((a, b) => b.length - a.length)) {
    const parts = [...p].map((ch) => sourcesOf.get(ch.charCodeAt(0)) as number[]);
    // A unit no single character normalises to: only an expanding one can give it.
    if (parts.some((x) => x.length === 0)) continue;
    if (parts.length === 1) for (const c of parts[0] as number[]) singles.add(c);
    else alternatives.push(join(parts.map(unitClass)));
  }
  // An expanding character can be part of a hit only when all it expands to
  // lies inside one pattern (a hit covers whole characters): ㍾ → 明治 never
  // completes 不明白, ㎏ → kg can complete 5kg.
  // (The one-unit patterns' characters were classified and counted as matched above.)
  for (const [cp, out] of pre.expanding) {
    if (out !== '' && !patterns.some((p) => p.includes(out))) continue;
    const c = cp < 0x10000 ? cp : 0xd800 + ((cp - 0x10000) >> 10);
    classes.classOf(c);
    matched.push(c);
    singles.add(c);
  }
  if (singles.size > 0) alternatives.push(unitClass([...singles].sort((a, b) => a - b)));
  if (alternatives.length === 0) return undefined;
  const followers = followersOf(norm.attach);
  const follow = matched.every((c) => followers.member[c] === 0) ? followers.member : undefined;
  const body = alternatives.join('|');
  const source = follow === undefined ? body : `(?:${body})${unitRanges(followers.ranges)}?`;
  return new Prefilter(new RegExp(source, 'g'), classes, patterns, terminals, follow);
}
