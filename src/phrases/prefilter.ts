/*
 * A RegExp prefilter for small phrase lists: V8's regular-expression engine
 * searches raw text in machine code, faster than any JavaScript loop that reads
 * every character, so for a few phrases the search for candidates is handed
 * to it and JavaScript only looks at what it finds.
 *
 * The RegExp is exact about normalisation without normalising the text: each
 * phrase becomes a sequence of character classes, one per normalised unit,
 * listing every original character that normalises to that unit (its
 * preimages: full-width and compatibility forms, upper case, Traditional
 * variants — preimage.ts), with removed whitespace allowed between units;
 * the one-unit patterns are one class, after the longer alternatives.
 * Characters that expand to several units (㎏ → kg) or are astral, and whose
 * whole normalised form lies inside a phrase, join that class (a hit covers
 * whole characters, so ㍾ → 明治 can never be part of 不明白).
 * After the alternatives, the RegExp consumes one optional character that may
 * attach to the match's last one (followers.ts), unless a phrase character is
 * in that class; then the scan reads the character after each match itself.
 *
 * Scanning (from `done`, the point up to which every hit is reported):
 * - The RegExp finds the leftmost place any phrase can match. No hit starts
 *   between `done` and there: a hit made of single-unit characters would be a
 *   RegExp match, and one containing an expanding character matches at that
 *   character, whose hit is contiguous with the match.
 * - If the match is a "clean" pattern — one that overlaps no pattern (itself
 *   included) and contains or is contained in none — and no combining mark
 *   follows it, it is a hit of every rule declaring the pattern: nothing can
 *   compete with it. One table read names a one-unit pattern (喂, 啊: most
 *   hits); in matchText, a longer one that is the only pattern ending in its
 *   last unit and does not repeat its first unit is named from that unit and
 *   starts where the unit its length before the end is its first (不知道:
 *   two reads; whitespace inside puts another unit there). Others are read
 *   backwards through a trie of the reversed patterns, which names the
 *   pattern and its start, with no allocation.
 * - Otherwise (competing patterns, an expanding character, a consumed
 *   follower) the general forward scanner (scan.ts) takes over from the last
 *   point before the match where the automaton is surely at the root, and hands
 *   back at the first such point after it; the RegExp resumes there.
 * Each unit is read at most once by the RegExp, once backwards and once by the
 * forward scanner: still linear in the text. The RegExp itself is linear too:
 * phrase classes and the whitespace class are disjoint, so at each start it
 * tries each alternative once, reading at most the pattern and the whitespace
 * inside it.
 *
 * Only phrase lists whose alphabet cannot be reached through composition are
 * eligible (no combining marks, surrogates or precomposed letters among the
 * normalised units): then a combining mark can only prevent a hit (checked
 * after each match), never create one.
 */
import { ATTACH as ATTACH_BIT, REMOVED_CLASS, type UnitClasses } from './classes.js';
import type { Collector } from './collector.js';
import type { ForwardScanner } from './scan.js';
import type { Terminal } from './automaton.js';

// Local copies: when this module is loaded as CommonJS (tsx, ts-node), every
// read of an imported binding in the hot loop is a getter call (measured: 20 %
// of the scan's time).
const ATTACH = ATTACH_BIT;
const REMOVED = REMOVED_CLASS;

/** After this many hits in a text, check their density. */
const DENSE_CHECK = 64;
/** Hits closer than this many units apart on average: the automaton alone is faster. */
const DENSE_GAP = 16;
/** Patterns that can overlap, contain or be contained in another pattern (or overlap themselves). */
function tangledPatterns(patterns: readonly string[]): boolean[] {
  const out = patterns.map(() => false);
  patterns.forEach((p, a) => {
    patterns.forEach((q, b) => {
      if (a !== b && q.includes(p)) out[a] = out[b] = true;
      // A proper suffix of p that is a proper prefix of q: p then q can overlap.
      for (let k = 1; k < Math.min(p.length, q.length); k++) {
        if (p.endsWith(q.slice(0, k))) out[a] = out[b] = true;
      }
    });
  });
  return out;
}

/**
 * The prefilter of one matcher (internal; see the file header).
 *
 * @example
 * ```ts
 * const f = buildPrefilter(['喂'], [[{ rule: 0, phrase: 0 }]], classes, norm);
 * f?.scan('喂，您好', collector, scanner); // same hits as scanner.scan
 * ```
 */
export class Prefilter {
  /** The search (read by the tests). */
  readonly re: RegExp;
  private readonly classes: UnitClasses;
  /** Reversed-pattern trie over alphabet indices: `rev[node * stride + index]`, 0 = no edge. */
  private readonly rev: Int32Array;
  private readonly stride: number;
  /** Per trie node: the clean pattern ending there, -2 for a tangled one, -1 for none. */
  private readonly revPattern: Int32Array;
  /** Per alphabet index: the clean one-unit pattern of that unit, or -1 (most hits: 喂, 啊). */
  private readonly single: Int32Array;
  /** Rules and phrases declaring each pattern: termRule/termPhrase[termStart[p] … termStart[p + 1] - 1]. */
  private readonly termStart: Int32Array;
  private readonly termRule: Int32Array;
  private readonly termPhrase: Int32Array;
  /** Per terminal, the rule id and declared phrase of its hit objects (direct mode), filled on first use. */
  private hitId: string[] | undefined;
  private hitPhrase: string[] = [];
  /**
   * Per alphabet index v, the clean pattern that is the only one ending in v
   * and whose first unit occurs nowhere else in it (-1 for none): a match
   * ending in v is that pattern, starting `length` units before its end unless
   * whitespace lies inside, which the unit found there tells (it is then not
   * the first unit).
   */
  private readonly named: Int32Array;
  /** Per alphabet index, that pattern's length and first unit's alphabet index. */
  private readonly namedLength: Int32Array;
  private readonly namedFirst: Int32Array;
  /**
   * Per alphabet index, the rule id and phrase of the hit of that pattern when
   * one rule declares it ('' otherwise): most hits in direct mode are made from
   * these reads (喂, 啊, 不知道).
   */
  private oneId: string[] = [];
  private onePhrase: string[] = [];
  /**
   * The follower class of followers.ts when the RegExp consumes one of its
   * characters after a match; undefined when the scan looks at the character
   * after each match itself (lists with a character in that class).
   */
  private readonly follow: Uint8Array | undefined;

  /** Whether the RegExp consumes a follower (else the scan reads the character after each match). */
  get consumesFollower(): boolean {
    return this.follow !== undefined;
  }

  constructor(
    re: RegExp,
    classes: UnitClasses,
    patterns: readonly string[],
    terminals: readonly (readonly Terminal[])[],
    follow: Uint8Array | undefined,
  ) {
    this.re = re;
    this.classes = classes;
    this.follow = follow;
    const alphabet = classes.alphabet;
    this.stride = alphabet.size + 1;
    const tangled = tangledPatterns(patterns);
    const total = patterns.reduce((s, p) => s + p.length, 0);
    this.rev = new Int32Array((total + 1) * this.stride);
    this.revPattern = new Int32Array(total + 1).fill(-1);
    this.single = new Int32Array(this.stride).fill(-1);
    let nodes = 1;
    patterns.forEach((p, k) => {
      let node = 0;
      for (let i = p.length - 1; i >= 0; i--) {
        const slot = node * this.stride + (alphabet.get(p.charCodeAt(i)) as number);
        if (this.rev[slot] === 0) this.rev[slot] = nodes++;
        node = this.rev[slot] as number;
      }
      this.revPattern[node] = tangled[k] ? -2 : k;
      if (p.length === 1 && !tangled[k]) this.single[alphabet.get(p.charCodeAt(0)) as number] = k;
    });
    const byLast = new Int32Array(this.stride).fill(-1);
    patterns.forEach((p, k) => {
      const v = alphabet.get(p.charCodeAt(p.length - 1)) as number;
      byLast[v] = byLast[v] === -1 ? k : -2;
    });
    this.named = new Int32Array(this.stride).fill(-1);
    this.namedLength = new Int32Array(this.stride);
    this.namedFirst = new Int32Array(this.stride);
    byLast.forEach((k, v) => {
      const p = patterns[k];
      if (p === undefined || tangled[k] || p.indexOf(p[0] as string, 1) !== -1) return;
      this.named[v] = k;
      this.namedLength[v] = p.length;
      this.namedFirst[v] = alphabet.get(p.charCodeAt(0)) as number;
    });
    this.termStart = new Int32Array(patterns.length + 1);
    const flat = terminals.flat();
    this.termRule = Int32Array.from(flat, (t) => t.rule);
    this.termPhrase = Int32Array.from(flat, (t) => t.phrase);
    terminals.forEach((list, k) => (this.termStart[k + 1] = (this.termStart[k] as number) + list.length));
  }

  /** The rule id and declared phrase of each terminal, from the collector's names (once per matcher). */
  private names(out: Collector): string[] {
    const ids: string[] = [];
    for (let k = 0; k < this.termRule.length; k++) {
      const rule = this.termRule[k] as number;
      ids.push(out.ids[rule] as string);
      this.hitPhrase.push((out.names[rule] as readonly string[])[this.termPhrase[k] as number] as string);
    }
    this.hitId = ids;
    for (let v = 0; v < this.stride; v++) {
      const p = this.named[v] as number;
      const k = p >= 0 && (this.termStart[p + 1] as number) - (this.termStart[p] as number) === 1 ? (this.termStart[p] as number) : -1;
      this.oneId.push(k < 0 ? '' : (ids[k] as string));
      this.onePhrase.push(k < 0 ? '' : (this.hitPhrase[k] as string));
    }
    return ids;
  }

  /** Reports every hit of `text` to `out`, exactly as `general.scan(text, out)` would. */
  scan(text: string, out: Collector, general: ForwardScanner): void {
    const n = text.length;
    const re = this.re;
    const classes = this.classes;
    const table = classes.table;
    const { rev, stride, revPattern, single, termStart, termRule, termPhrase, follow } = this;
    const top = stride - 1; // largest alphabet index
    let done = 0;
    let hits = 0;
    // matchText: push the hit objects here, with their names looked up once per matcher.
    const direct = out.direct;
    let hitId = this.hitId;
    if (direct && hitId === undefined) hitId = this.names(out);
    const hitPhrase = this.hitPhrase;
    const list = out.hits;
    // matchText with a follower class: the commonest hit is named by two reads (below).
    const fast = direct && follow !== undefined;
    const { oneId, onePhrase, namedLength, namedFirst } = this;
    re.lastIndex = 0;
    while (re.test(text)) {
      const e = re.lastIndex;
      let j = e - 1;
      const last = table[text.charCodeAt(j)] as number;
      // Of one rule, with nothing after it to look at (the RegExp consumed any
      // follower): its hit object at once. The DENSE_CHECK-th hit goes on
      // below, where the density is checked.
      if (fast && last > 0 && last <= top && hits !== DENSE_CHECK - 1) {
        const id = oneId[last] as string;
        const start = e - (namedLength[last] as number);
        if (id !== '' && (start === j || table[text.charCodeAt(start)] === namedFirst[last])) {
          hits++;
          list.push({ ruleId: id, phrase: onePhrase[last] as string, start, end: e });
          done = e;
          continue;
        }
      }
      // A clean one-unit pattern is the whole match (no other pattern holds its unit).
      let pattern = last > 0 && last <= top ? (single[last] as number) : -1;
      // Else read the match backwards through the reversed-pattern trie.
      let node = 0;
      if (pattern < 0) while (j >= done) {
        // Every unit of a pattern was classified when the RegExp was built; a consumed follower reads as
        // unknown (-1) and ends the walk.
        const v = table[text.charCodeAt(j)] as number;
        if (v !== REMOVED) {
          if (v <= 0 || v > top) break; // an expanding character or a follower: not a pattern
          node = rev[node * stride + v] as number;
          if (node === 0) break;
          pattern = revPattern[node] as number;
          if (pattern !== -1) break;
        }
        j--;
      }
      // A mark after the match would belong to its last character: no hit
      // there. With a follower class the RegExp has consumed any character
      // that may be one, so a match ending in a pattern has none after it;
      // else look here (below U+0300 and among CJK ideographs nothing attaches).
      let after = 0;
      if (follow === undefined && pattern >= 0 && e < n) {
        const c = text.charCodeAt(e);
        if (c >= 0x300 && (c < 0x3400 || c >= 0xa000)) {
          after = table[c] as number;
          if (after < 0) after = classes.classify(c);
        }
      }
      if (pattern >= 0 && (after & ATTACH) === 0) {
        if (++hits === DENSE_CHECK && hits * DENSE_GAP > e) {
          // A flood of hits (喂 × 1,000,000): one RegExp call per hit costs more
          // than the automaton's step per unit, so it finishes the text.
          general.scan(text, out, done);
          return;
        }
        let k = termStart[pattern] as number;
        const hi = termStart[pattern + 1] as number;
        if (direct) {
          const ids = hitId as string[];
          for (; k < hi; k++) list.push({ ruleId: ids[k] as string, phrase: hitPhrase[k] as string, start: j, end: e });
        } else for (; k < hi; k++) out.add(j, e, termRule[k] as number, termPhrase[k] as number);
        done = e;
        continue;
      }
      // Competing matches, an expanding character, a mark or a consumed
      // follower: back to the last character in no phrase before the match's
      // last unit (the automaton is at the root after it), or to a base that a
      // mark follows, and let the general scanner settle the stretch.
      let r = e - 1;
      while (r > done && classes.classOf(text.charCodeAt(r - 1)) !== 0) r--;
      if (r > done && (classes.classOf(text.charCodeAt(r)) & ATTACH) !== 0) r--;
      done = general.scan(text, out, r, e);
      if (done >= n) return;
      re.lastIndex = done;
    }
  }
}
