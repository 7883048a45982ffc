/*
 * Exact leftmost-longest, non-overlapping hits per rule for one region of text
 * where several matches may compete, in time linear in the region's length.
 *
 * A region is a stretch the forward automaton never left the root in between,
 * so no match crosses its ends and regions resolve independently. Inside one:
 *
 * 1. The region is normalised again into units, each with the original offset
 *    where its character starts (or -1 inside a character) and ends (or -1).
 * 2. A second automaton over the REVERSED patterns reads the units right to
 *    left. Its state at unit k names every pattern that STARTS at k (reading
 *    backwards, a pattern starting at k is one ending where the reading is).
 * 3. Left to right, per start k and per rule (one precomputed entry per rule:
 *    the rule's longest pattern starting at k), the rule takes the hit if k is
 *    not inside its previous hit — the definition of leftmost-longest.
 *
 * Nested phrases (a, aa, …, a^K over a^n) used to report K overlapping matches
 * at every position, n·K in all; here each position costs one automaton step
 * plus one entry per rule that has a pattern starting there. The only longer
 * walk is when a rule's longest pattern would end inside a character that
 * normalises to several units (㎏ → kg): then the walk goes down that rule's
 * shorter patterns until one ends on a character boundary.
 */
import { buildAutomaton, buildRuleEntries, step as stepOnce, type Automaton, type RuleEntries, type Terminal } from './automaton.js';
import { REMOVED_CLASS as REMOVED, SLOW as SLOW_BIT, type UnitClasses } from './classes.js';
import type { Collector } from './collector.js';

// Local copies for the hot loops (CommonJS loading makes imported bindings getters; see prefilter.ts).
const REMOVED_CLASS = REMOVED;
const SLOW = SLOW_BIT;
const step = stepOnce;

/**
 * Resolves regions for one matcher (internal). The reversed automaton is built
 * on first use: text whose matches never compete never pays for it.
 *
 * @example
 * ```ts
 * const r = new RegionResolver(classes, ['a', 'aa'], terminals, 1, DFA_LIMIT); // 1 rule
 * r.resolve('aaa', 0, 3, collector); // rule 0: aa at 0–2 (a at 2–3 too)
 * ```
 */
export class RegionResolver {
  private rev: Automaton | undefined;
  private entries: RuleEntries | undefined;
  private readonly classes: UnitClasses;
  private readonly patterns: readonly string[];
  private readonly terminals: readonly (readonly Terminal[])[];
  private readonly dfaLimit: number;
  // Scratch per unit: alphabet index, original start (-1 inside a character),
  // original end (-1 inside a character), reversed-automaton state.
  private ua: Int32Array = new Int32Array(64);
  private us: Int32Array = new Int32Array(64);
  private ue: Int32Array = new Int32Array(64);
  private rs: Int32Array = new Int32Array(64);
  // Per rule: end of its last hit in this region (valid when stamp matches).
  private readonly last: Int32Array;
  private readonly stamp: Int32Array;
  private region = 0;
  /** Work done (units read twice, entries and chain links visited), for the linearity test. */
  work = 0;

  constructor(classes: UnitClasses, patterns: readonly string[], terminals: readonly (readonly Terminal[])[], rules: number, dfaLimit: number) {
    this.classes = classes;
    this.patterns = patterns;
    this.terminals = terminals;
    this.dfaLimit = dfaLimit;
    this.last = new Int32Array(rules);
    this.stamp = new Int32Array(rules);
  }

  /** Reports the hits of original [a, b) to `out`, in (start, rule) order. */
  resolve(text: string, a: number, b: number, out: Collector): void {
    const m = this.units(text, a, b);
    if (this.rev === undefined) {
      const reversed = this.patterns.map((p) => p.split('').reverse().join(''));
      this.rev = buildAutomaton(reversed, this.terminals, this.dfaLimit, this.classes.alphabet);
      this.entries = buildRuleEntries(this.rev);
    }
    const rev = this.rev;
    const { entStart, entEnd, entNode, entTerm } = this.entries as RuleEntries;
    const { dfa, stride, depth, termRule, termPhrase } = rev;
    const { ua, us, ue, rs, last, stamp } = this;

    // Right to left: the reversed automaton's state at each unit.
    let s = 0;
    for (let k = m - 1; k >= 0; k--) {
      const c = ua[k] as number;
      if (c === 0) s = 0;
      else s = dfa !== undefined ? (dfa[s * stride + c] as number) >> 1 : step(rev, s, c);
      rs[k] = s;
    }

    // Left to right: each rule takes its longest pattern at the first start it is free at.
    const region = ++this.region;
    let work = 2 * m;
    for (let k = 0; k < m; k++) {
      const start = us[k] as number;
      if (start < 0) continue;
      const v = rs[k] as number;
      const hi = entEnd[v] as number;
      for (let e = entStart[v] as number; e < hi; e++) {
        work++;
        let t = entTerm[e] as number;
        const rule = termRule[t] as number;
        if (stamp[rule] === region && start < (last[rule] as number)) continue;
        let end = ue[k + (depth[entNode[e] as number] as number) - 1] as number;
        if (end < 0) {
          // Ends inside a character: try the rule's shorter patterns starting here.
          t = -1;
          for (let x = rev.dict[entNode[e] as number] as number; x >= 0 && t < 0; x = rev.dict[x] as number) {
            work++;
            const k2 = termOfRule(rev, x, rule);
            if (k2 >= 0 && (end = ue[k + (depth[x] as number) - 1] as number) >= 0) t = k2;
          }
          if (t < 0) continue;
        }
        stamp[rule] = region;
        last[rule] = end;
        out.add(start, end, rule, termPhrase[t] as number);
      }
    }
    this.work += work;
    if (m > 1 << 16) this.shrink();
  }

  /** Normalises original [a, b) into the unit scratch arrays; returns the unit count. */
  private units(text: string, a: number, b: number): number {
    const classes = this.classes;
    let m = 0;
    let i = a;
    while (i < b) {
      const v = classes.classOf(text.charCodeAt(i));
      const j = classes.segmentAt(text, i, v);
      if ((v & SLOW) === 0 && j === i + 1) {
        if (v !== REMOVED_CLASS) {
          if (m === this.ua.length) this.grow(m + 1);
          this.ua[m] = v;
          this.us[m] = i;
          this.ue[m] = j;
          m++;
        }
      } else {
        const seg = classes.norm.segment(text.slice(i, j));
        if (m + seg.length > this.ua.length) this.grow(m + seg.length);
        for (let t = 0; t < seg.length; t++) {
          this.ua[m] = classes.alphabet.get(seg.charCodeAt(t)) ?? 0;
          this.us[m] = t === 0 ? i : -1;
          this.ue[m] = t === seg.length - 1 ? j : -1;
          m++;
        }
      }
      i = j;
    }
    return m;
  }

  private grow(need: number): void {
    let size = this.ua.length * 2;
    while (size < need) size *= 2;
    const bigger = (x: Int32Array): Int32Array => {
      const y = new Int32Array(size);
      y.set(x);
      return y;
    };
    this.ua = bigger(this.ua);
    this.us = bigger(this.us);
    this.ue = bigger(this.ue);
    this.rs = new Int32Array(size);
  }

  /** After a huge region, let the scratch memory go. */
  private shrink(): void {
    this.ua = new Int32Array(64);
    this.us = new Int32Array(64);
    this.ue = new Int32Array(64);
    this.rs = new Int32Array(64);
  }
}

/** The terminal of `rule` at node `x`, or -1 (a node's terminals are few and sorted by rule). */
function termOfRule(ac: Automaton, x: number, rule: number): number {
  const hi = ac.termStart[x + 1] as number;
  for (let k = ac.termStart[x] as number; k < hi; k++) if (ac.termRule[k] === rule) return k;
  return -1;
}
