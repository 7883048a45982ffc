/*
 * The forward pass over a text: normalise on the fly and feed the automaton,
 * touching each original UTF-16 unit once, with no allocation per unit.
 *
 * - Characters in no phrase (class 0) reset the automaton; runs of them are
 *   skipped by a tight loop of one table read each — most of a Chinese text
 *   when there are few phrases.
 * - A match whose output chain holds one pattern (喂, 不知道) and that
 *   overlaps no earlier match is held as pending. Once the automaton shows that
 *   no later match can start before it ends (`live` depth 0: no suffix of what
 *   was read begins a longer pattern), or a class-0 character resets it, the
 *   pending matches are final and reported.
 * - The first nested output (a node reporting several patterns, as a, aa, aaa
 *   do) or overlap between matches marks the stretch since the last final
 *   point as tangled; at the next reset (or the end) the {@link RegionResolver}
 *   settles it, in time linear in its length.
 *
 * So the forward pass never walks output chains: one automaton step per unit
 * whatever the phrases, and the output is already in (start, rule) order.
 */
import type { Automaton } from './automaton.js';
import { ATTACH as ATTACH_BIT, REMOVED_CLASS as REMOVED, SLOW as SLOW_BIT, type UnitClasses } from './classes.js';
import type { Collector } from './collector.js';
import type { RegionResolver } from './resolve.js';
import { step as stepOnce } from './automaton.js';

// Local copies: loaded as CommonJS (tsx, ts-node), each read of an imported
// binding in the hot loop would be a getter call (see prefilter.ts).
const ATTACH = ATTACH_BIT;
const REMOVED_CLASS = REMOVED;
const SLOW = SLOW_BIT;
const step = stepOnce;

/** Pending matches held at most (start, end, node each); more sends the region to the resolver. */
const PENDING = 32;

/**
 * Forward scanner of one matcher (internal).
 *
 * @example
 * ```ts
 * scanner.scan('喂，您好', collector); // collector.counts / collector.rec hold the hits
 * ```
 */
export class ForwardScanner {
  private readonly ac: Automaton;
  private readonly classes: UnitClasses;
  private readonly resolver: RegionResolver;
  /** Original start offset of each of the last `mask + 1` units (-1: not a character's first unit). */
  private readonly ring: Int32Array;
  private readonly mask: number;
  /**
   * Per node: the depth of its longest suffix (itself included) that is a
   * proper prefix of some pattern. 0 means no match ending later can start
   * at or before the current unit.
   */
  private readonly live: Int32Array;
  private readonly pending = new Int32Array(3 * PENDING);

  constructor(ac: Automaton, classes: UnitClasses, resolver: RegionResolver) {
    this.ac = ac;
    this.classes = classes;
    this.resolver = resolver;
    let size = 1;
    while (size < ac.maxLength) size <<= 1;
    this.ring = new Int32Array(size);
    this.mask = size - 1;
    const { nodeCount, depth, fail, edgeStart } = ac;
    this.live = new Int32Array(nodeCount);
    const order = Array.from({ length: nodeCount }, (_, s) => s).sort((a, b) => (depth[a] as number) - (depth[b] as number));
    for (const s of order) {
      const hasChildren = s !== 0 && (edgeStart[s + 1] as number) > (edgeStart[s] as number);
      this.live[s] = hasChildren ? (depth[s] as number) : s === 0 ? 0 : (this.live[fail[s] as number] as number);
    }
  }

  /**
   * Reports every hit of `text[start…]` to `out`, in (start, rule) order, and
   * returns where it stopped: the text's length, or the first point at or after
   * `stopAt` where everything before is final and the automaton is at the root
   * (the prefilter resumes there). `start` must be such a point too (0, the end
   * of a hit that overlaps nothing, or a character in no phrase).
   */
  scan(text: string, out: Collector, start = 0, stopAt = Infinity): number {
    const n = text.length;
    if (!(n > start)) return n;
    const classes = this.classes;
    const table = classes.table;
    const ac = this.ac;
    const { report, depth, dict, dfa, stride } = ac;
    const { ring, mask, live, pending } = this;
    let i = start;
    let w = classes.classOf(text.charCodeAt(i)); // class of the unit at i
    let state = 0;
    let u = 0; // units fed so far
    let from = start; // everything before `from` is final and no match crosses it
    let lastEnd = 0; // end unit of the last match seen
    let held = 0; // pending matches
    let tangled = false; // the stretch since `from` goes to the resolver
    while (i < n) {
      const v = w;
      const i1 = i + 1;
      if (i1 < n) {
        w = table[text.charCodeAt(i1)] as number;
        if (w < 0) w = classes.classify(text.charCodeAt(i1));
      } else w = 0;
      let hit: boolean;
      let end = i1;
      if (((v & SLOW) | (w & ATTACH)) === 0) {
        // A lone BMP unit normalising to at most one unit, not followed by a mark.
        i = i1;
        if (v === 0) {
          // A character in no phrase: back at the root, nothing can match across it.
          state = 0;
          if (held !== 0 || tangled) {
            this.settle(text, from, i1, held, tangled, out);
            held = 0;
            tangled = false;
          }
          // Skip the run of such characters in a tight loop (most of a Chinese
          // text when there are few phrases). A mark after the run may belong
          // to the run's last character: step back so it is read as one.
          if (w === 0) {
            do {
              if (++i === n) break;
              w = table[text.charCodeAt(i)] as number;
              if (w < 0) w = classes.classify(text.charCodeAt(i));
            } while (w === 0);
            if (i < n && (w & ATTACH) !== 0) {
              i--;
              w = 0;
            }
          }
          from = i;
          if (i >= stopAt) return i;
          continue;
        }
        if (v === REMOVED_CLASS) continue;
        if (dfa !== undefined) {
          const x = dfa[state * stride + v] as number;
          state = x >> 1;
          hit = (x & 1) !== 0;
        } else {
          state = step(ac, state, v);
          hit = (report[state] as number) >= 0;
        }
        ring[u & mask] = i1 - 1;
        u++;
      } else {
        // A character with marks, a surrogate pair, or an expansion (㎏ → kg).
        end = classes.norm.segmentEnd(text, i);
        const seg = classes.norm.segment(text.slice(i, end));
        for (let t = 0; t < seg.length; t++) {
          const k = classes.alphabet.get(seg.charCodeAt(t)) ?? 0;
          state = k === 0 ? 0 : step(ac, state, k);
          ring[u & mask] = t === 0 ? i : -1;
          u++;
        }
        // Outputs count only on a character's last unit: hits end on character boundaries.
        hit = seg.length > 0 && (report[state] as number) >= 0;
        i = end;
        w = end < n ? classes.classOf(text.charCodeAt(end)) : 0;
      }
      if (hit && !tangled) {
        const x = report[state] as number;
        const startUnit = u - (depth[x] as number);
        if ((dict[x] as number) >= 0 || startUnit < lastEnd || held === PENDING) tangled = true;
        else {
          lastEnd = u;
          const start = ring[startUnit & mask] as number;
          if (start >= 0) {
            pending[3 * held] = start;
            pending[3 * held + 1] = end;
            pending[3 * held + 2] = x;
            held++;
          }
          if ((live[state] as number) === 0) {
            // Nothing later can start before `end`: the pending matches are hits.
            this.settle(text, from, end, held, false, out);
            held = 0;
            from = end;
          }
        }
      }
    }
    this.settle(text, from, n, held, tangled, out);
    return n;
  }

  /** Completes the stretch [from, to): the resolver when tangled, else the pending matches as hits. */
  private settle(text: string, from: number, to: number, held: number, tangled: boolean, out: Collector): void {
    if (tangled) {
      this.resolver.resolve(text, from, to, out);
      return;
    }
    const { termStart, termRule, termPhrase } = this.ac;
    const pending = this.pending;
    for (let p = 0; p < 3 * held; p += 3) {
      // Every rule whose pattern ends at that node, in rule order.
      const x = pending[p + 2] as number;
      const hi = termStart[x + 1] as number;
      for (let k = termStart[x] as number; k < hi; k++) out.add(pending[p] as number, pending[p + 1] as number, termRule[k] as number, termPhrase[k] as number);
    }
  }
}
