import type { Issue } from '../issues/issues.js';
import { buildAutomaton, DFA_LIMIT, step, type Automaton, type Terminal } from './automaton.js';
import { PhraseError } from './errors.js';
import { getNormalizer, MULTI, REMOVED, type NormalizeOptions, type Normalizer } from './normalize.js';
import { compareCodeUnits as cmp } from '../order/compare.js';

/**
 * One phrase rule: an id (e.g. `forbidden`, `fillers`, `opening`) and the
 * phrases that count as hits for it.
 *
 * @example
 * ```ts
 * const rule: PhraseRuleInput = { id: 'forbidden', phrases: ['喂', '不知道', '不清楚', '不明白'] };
 * ```
 */
export interface PhraseRuleInput {
  readonly id: string;
  readonly phrases: readonly string[];
}

/**
 * One occurrence of a phrase in a text.
 *
 * @example
 * ```ts
 * // In '我也不 知道' the phrase 不知道 matches across the space:
 * const hit: TextHit = { ruleId: 'forbidden', phrase: '不知道', start: 2, end: 6 };
 * '我也不 知道'.slice(hit.start, hit.end); // '不 知道'
 * ```
 */
export interface TextHit {
  readonly ruleId: string;
  /** The phrase as declared in the rule (the first declaration if several normalise alike). */
  readonly phrase: string;
  /** UTF-16 offset into the ORIGINAL text. */
  readonly start: number;
  /** UTF-16 offset into the ORIGINAL text, exclusive. */
  readonly end: number;
}

/**
 * One turn of a transcript.
 *
 * @example
 * ```ts
 * const turn: TranscriptTurn = { speaker: 'agent', text: '您好，请问有什么可以帮您？', start: 0.8 };
 * ```
 */
export interface TranscriptTurn {
  readonly speaker: string;
  readonly text: string;
  /** Seconds from the start of the call. */
  readonly start?: number;
}

/**
 * A hit located in a transcript, with what a coach needs to find and show it.
 *
 * @example
 * ```ts
 * const e: PhraseEvidence = {
 *   ruleId: 'forbidden', phrase: '不知道', start: 2, end: 5,
 *   turn: 3, speaker: 'agent', snippet: '这个不知道呢', time: 41.5,
 * };
 * ```
 */
export interface PhraseEvidence extends TextHit {
  /** Index into the transcript array. */
  readonly turn: number;
  readonly speaker: string;
  /** About 12 characters of context either side of the hit, with … where cut. */
  readonly snippet: string;
  /** The turn's `start`, when it has one. */
  readonly time?: number;
}

/**
 * A compiled set of phrase rules. Compile once, match many texts.
 *
 * @example
 * ```ts
 * const m = compilePhraseMatcher([{ id: 'fillers', phrases: ['啊', '呀'] }]);
 * m.matchText('好啊'); // [{ ruleId: 'fillers', phrase: '啊', start: 1, end: 2 }]
 * ```
 */
export interface PhraseMatcher {
  /** Rule ids in declaration order. */
  readonly ruleIds: readonly string[];
  /** Hits sorted by (start, ruleId); leftmost-longest, non-overlapping within a rule. */
  matchText(text: string): TextHit[];
  /** Hits in the turns of the given speakers (default `['agent']`, case-insensitive), sorted by (turn, start, ruleId). */
  matchTranscript(turns: readonly TranscriptTurn[], options?: { speakers?: readonly string[] }): PhraseEvidence[];
}

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

/**
 * Compiles phrase rules into a matcher. Phrases and texts are normalised alike
 * (see {@link normalizeText}); matching is Aho–Corasick, linear in text length.
 *
 * Semantics: within one rule, occurrences are leftmost-longest and do not
 * overlap; rules are independent (one stretch of text may hit several rules);
 * a phrase declared in two rules is reported for both; a phrase declared twice
 * in one rule (or two phrases that normalise alike) counts once. A hit always
 * covers whole original characters.
 *
 * @throws {PhraseError} with every issue found: `empty_phrase` (nothing left after
 * normalisation, path `[ruleIndex, 'phrases', phraseIndex]`), `invalid_phrase`,
 * `invalid_phrases`, `invalid_rule`, `empty_rule_id`, `duplicate_rule_id`, `invalid_option`.
 *
 * @example
 * ```ts
 * const m = compilePhraseMatcher([
 *   { id: 'forbidden', phrases: ['喂', '不知道', '不清楚', '不明白'] },
 *   { id: 'opening', phrases: ['您好'] },
 * ]);
 * m.matchText('喂，您好，這個我不 知道');
 * // [ { ruleId: 'forbidden', phrase: '喂', start: 0, end: 1 },
 * //   { ruleId: 'opening', phrase: '您好', start: 2, end: 4 },
 * //   { ruleId: 'forbidden', phrase: '不知道', start: 8, end: 12 } ]
 * ```
 */
export function compilePhraseMatcher(rules: readonly PhraseRuleInput[], options?: NormalizeOptions): PhraseMatcher {
  return compileTuned(rules, options, DFA_LIMIT);
}

/**
 * {@link compilePhraseMatcher} with the DFA size cap exposed, so tests and the
 * benchmark can force the sparse goto/failure path. Not part of the public API.
 *
 * @internal
 * @example
 * ```ts
 * const sparse = compileTuned([{ id: 'r', phrases: ['喂'] }], undefined, 0);
 * sparse.matchText('喂'); // same hits as compilePhraseMatcher
 * ```
 */
export function compileTuned(
  rules: readonly PhraseRuleInput[],
  options: NormalizeOptions | undefined,
  dfaLimit: number,
): PhraseMatcher {
  const norm = getNormalizer(options);
  const issues: Issue[] = [];
  const ruleIds: string[] = [];
  const declared: string[][] = [];
  const patternIndex = new Map<string, number>();
  const patterns: string[] = [];
  const terminals: Terminal[][] = [];
  const seenIds = new Map<string, number>();

  if (!Array.isArray(rules)) {
    throw new PhraseError([{ code: 'invalid_rule', path: [], message: 'rules must be an array' }]);
  }
  rules.forEach((rule: unknown, r) => {
    if (typeof rule !== 'object' || rule === null) {
      issues.push({ code: 'invalid_rule', path: [r], message: 'a rule must be an object with id and phrases' });
      ruleIds.push('');
      declared.push([]);
      return;
    }
    const { id, phrases } = rule as { id?: unknown; phrases?: unknown };
    if (typeof id !== 'string' || id.trim() === '') {
      issues.push({ code: 'empty_rule_id', path: [r, 'id'], message: 'a rule needs a non-empty string id' });
    } else if (seenIds.has(id)) {
      issues.push({
        code: 'duplicate_rule_id',
        path: [r, 'id'],
        message: `rule id ${JSON.stringify(id)} is already used by rule ${seenIds.get(id)}`,
      });
    } else {
      seenIds.set(id, r);
    }
    ruleIds.push(typeof id === 'string' ? id : '');
    const mine: string[] = [];
    declared.push(mine);
    if (!Array.isArray(phrases)) {
      issues.push({ code: 'invalid_phrases', path: [r, 'phrases'], message: 'phrases must be an array of strings' });
      return;
    }
    phrases.forEach((phrase: unknown, p) => {
      mine.push(typeof phrase === 'string' ? phrase : '');
      if (typeof phrase !== 'string') {
        issues.push({ code: 'invalid_phrase', path: [r, 'phrases', p], message: 'a phrase must be a string' });
        return;
      }
      const key = normalizeString(norm, phrase);
      if (key === '') {
        issues.push({
          code: 'empty_phrase',
          path: [r, 'phrases', p],
          message: `phrase ${JSON.stringify(phrase)} is empty after normalisation`,
        });
        return;
      }
      let k = patternIndex.get(key);
      if (k === undefined) {
        k = patterns.length;
        patternIndex.set(key, k);
        patterns.push(key);
        terminals.push([]);
      }
      const list = terminals[k] as Terminal[];
      // Same phrase twice in one rule: keep the first declaration only.
      if (!list.some((t) => t.rule === r)) list.push({ rule: r, phrase: p });
    });
  });
  if (issues.length > 0) throw new PhraseError(issues);

  return new AhoCorasickMatcher(norm, buildAutomaton(patterns, terminals, dfaLimit), ruleIds, declared);
}

/** Normalises a whole string (used for phrases); same segments as the scanner. */
function normalizeString(norm: Normalizer, text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const j = norm.segmentEnd(text, i);
    if (j === i + 1) {
      const c = text.charCodeAt(i);
      const u = norm.unit(c);
      if (u >= 0) out += String.fromCharCode(u);
      else if (u === MULTI) out += norm.multi.get(c) as string;
    } else {
      out += norm.segment(text.slice(i, j));
    }
    i = j;
  }
  return out;
}

/*
 * Per-matcher class of each UTF-16 code unit, filled lazily (-1 = not yet):
 * 0 = a plain character outside the phrase alphabet (resets the automaton),
 * 1…A = alphabet index of its normalised form, REMOVED_CLASS = whitespace to skip,
 * or flag bits sending it down the slow path.
 */
const UNKNOWN_CLASS = -1;
/** This unit cannot be handled alone: it expands to several units or is a surrogate. */
const SLOW = 1 << 29;
/** This unit may attach to the one before it (combining mark, high surrogate). */
const ATTACH = 1 << 28;
const REMOVED_CLASS = (1 << 28) - 1;

class AhoCorasickMatcher implements PhraseMatcher {
  readonly ruleIds: readonly string[];
  private readonly norm: Normalizer;
  private readonly ac: Automaton;
  private readonly declared: readonly (readonly string[])[];
  /** Rule index → position of its id in code-unit order, for the output sort. */
  private readonly rank: Int32Array;
  private readonly cls: Int32Array;
  /*
   * Scratch buffers reused across calls (matching is synchronous and never
   * re-entrant), so the scan allocates nothing but the hits.
   * ring: original start offset of each of the last `mask + 1` normalised units,
   * or -1 when the unit is not the first unit of its character — a hit may only
   * start on a character boundary.
   */
  private readonly ring: Int32Array;
  private readonly mask: number;
  /** Raw matches, 4 ints each: start, end, rule, phrase. */
  private records: Int32Array = new Int32Array(256);
  private order: Int32Array = new Int32Array(64);
  private readonly lastEnd: Int32Array;

  constructor(norm: Normalizer, ac: Automaton, ruleIds: readonly string[], declared: readonly (readonly string[])[]) {
    this.norm = norm;
    this.ac = ac;
    this.ruleIds = Object.freeze([...ruleIds]);
    this.declared = declared;
    const byId = ruleIds.map((_, r) => r).sort((a, b) => cmp(ruleIds[a] as string, ruleIds[b] as string));
    this.rank = new Int32Array(ruleIds.length);
    byId.forEach((r, k) => (this.rank[r] = k));
    this.cls = new Int32Array(0x10000).fill(UNKNOWN_CLASS);
    let size = 1;
    while (size < ac.maxLength) size <<= 1;
    this.ring = new Int32Array(size);
    this.mask = size - 1;
    this.lastEnd = new Int32Array(ruleIds.length);
  }

  matchText(text: string): TextHit[] {
    const count = this.scan(text);
    return count === 0 ? [] : this.select(count);
  }

  matchTranscript(turns: readonly TranscriptTurn[], options?: { speakers?: readonly string[] }): PhraseEvidence[] {
    const speakers = new Set((options?.speakers ?? ['agent']).map((s) => s.toLowerCase()));
    const out: PhraseEvidence[] = [];
    turns.forEach((turn, t) => {
      if (typeof turn?.text !== 'string' || typeof turn.speaker !== 'string') {
        throw new PhraseError([
          { code: 'invalid_turn', path: ['turns', t], message: 'a turn needs a string speaker and a string text' },
        ]);
      }
      if (!speakers.has(turn.speaker.toLowerCase())) return;
      for (const hit of this.matchText(turn.text)) {
        const snippet = makeSnippet(turn.text, hit.start, hit.end);
        out.push(
          turn.start === undefined
            ? { ...hit, turn: t, speaker: turn.speaker, snippet }
            : { ...hit, turn: t, speaker: turn.speaker, snippet, time: turn.start },
        );
      }
    });
    return out;
  }

  /** Computes (and caches) the class of code unit `c`. */
  private classify(c: number): number {
    let v: number;
    if (c >= 0xd800 && c < 0xe000) v = SLOW | (c < 0xdc00 ? ATTACH : 0);
    else if (this.norm.attach[c] === 1) v = SLOW | ATTACH;
    else {
      const m = this.norm.unit(c);
      v = m === REMOVED ? REMOVED_CLASS : m === MULTI ? SLOW : (this.ac.alphabet.get(m) ?? 0);
    }
    this.cls[c] = v;
    return v;
  }

  /** The hot loop: normalise on the fly and feed the automaton. Returns the raw match count. */
  private scan(text: string): number {
    const n = text.length;
    if (n === 0) return 0;
    const cls = this.cls;
    const { rootNext, edgeStart, edgeChar, edgeTo, fail, report, dfa, stride } = this.ac;
    const ring = this.ring;
    const mask = this.mask;
    let state = 0;
    let u = 0; // index of the next normalised unit fed to the automaton
    let count = 0;
    let i = 0;
    // Class of the unit at i, carried over so each unit is classified once.
    let w = cls[text.charCodeAt(0)] as number;
    if (w === UNKNOWN_CLASS) w = this.classify(text.charCodeAt(0));
    while (i < n) {
      const v = w;
      const i1 = i + 1;
      if (i1 < n) {
        const d = text.charCodeAt(i1);
        w = cls[d] as number;
        if (w === UNKNOWN_CLASS) w = this.classify(d);
      } else {
        w = 0;
      }
      // Fast path: a lone BMP unit normalising to at most one unit, not followed by a mark.
      if (((v & SLOW) | (w & ATTACH)) === 0) {
        if (v === 0) {
          state = 0;
        } else if (v !== REMOVED_CLASS) {
          if (dfa !== undefined) {
            const x = dfa[state * stride + v] as number;
            state = x >> 1;
            ring[u & mask] = i;
            if ((x & 1) !== 0) count = this.emit(state, u, i1, count);
            u++;
            i = i1;
            continue;
          }
          // Inline goto-with-failure (see automaton.ts `step`).
          let s = state;
          for (;;) {
            if (s === 0) {
              s = rootNext[v] as number;
              break;
            }
            let lo = edgeStart[s] as number;
            let hi = edgeStart[s + 1] as number;
            let found = -1;
            if (hi - lo <= 8) {
              for (; lo < hi; lo++) {
                if (edgeChar[lo] === v) {
                  found = edgeTo[lo] as number;
                  break;
                }
              }
            } else {
              while (lo < hi) {
                const mid = (lo + hi) >>> 1;
                const e = edgeChar[mid] as number;
                if (e === v) {
                  found = edgeTo[mid] as number;
                  break;
                }
                if (e < v) lo = mid + 1;
                else hi = mid;
              }
            }
            if (found >= 0) {
              s = found;
              break;
            }
            s = fail[s] as number;
          }
          state = s;
          ring[u & mask] = i;
          if ((report[s] as number) >= 0) count = this.emit(s, u, i1, count);
          u++;
        }
        i = i1;
        continue;
      }
      // Slow path: a character with combining marks, a surrogate pair, or an expansion.
      const j = this.norm.segmentEnd(text, i);
      const seg = this.norm.segment(text.slice(i, j));
      const last = seg.length - 1;
      for (let t = 0; t <= last; t++) {
        const k = this.ac.alphabet.get(seg.charCodeAt(t)) ?? 0;
        if (k === 0) {
          state = 0;
          continue;
        }
        state = step(this.ac, state, k);
        ring[u & mask] = t === 0 ? i : -1;
        // Report only on a character's last unit: hits end on character boundaries.
        if (t === last && (report[state] as number) >= 0) count = this.emit(state, u, j, count);
        u++;
      }
      i = j;
      if (j < n) {
        const d = text.charCodeAt(j);
        w = cls[d] as number;
        if (w === UNKNOWN_CLASS) w = this.classify(d);
      }
    }
    return count;
  }

  /** Records every pattern ending at unit `u` (which ends at original offset `end`) that starts on a character boundary. */
  private emit(state: number, u: number, end: number, count: number): number {
    const { report, dict, depth, termStart, termRule, termPhrase } = this.ac;
    let c = count;
    for (let x = report[state] as number; x >= 0; x = dict[x] as number) {
      const start = this.ring[(u - (depth[x] as number) + 1) & this.mask] as number;
      if (start < 0) continue;
      const hi = termStart[x + 1] as number;
      for (let k = termStart[x] as number; k < hi; k++) {
        if ((c + 1) * 4 > this.records.length) {
          const bigger = new Int32Array(this.records.length * 2);
          bigger.set(this.records);
          this.records = bigger;
        }
        const o = c * 4;
        this.records[o] = start;
        this.records[o + 1] = end;
        this.records[o + 2] = termRule[k] as number;
        this.records[o + 3] = termPhrase[k] as number;
        c++;
      }
    }
    return c;
  }

  /** Leftmost-longest, non-overlapping per rule, in (start, ruleId) order. */
  private select(count: number): TextHit[] {
    const rec = this.records;
    const rank = this.rank;
    if (this.order.length < count) this.order = new Int32Array(Math.max(count, this.order.length * 2));
    const order = this.order;
    // Sort by start, then rule (id order), then longest first: per rule this is
    // leftmost-longest order, and across rules it is already the output order.
    const before = (a: number, b: number): boolean => {
      const d = (rec[a] as number) - (rec[b] as number);
      if (d !== 0) return d < 0;
      const r = (rank[rec[a + 2] as number] as number) - (rank[rec[b + 2] as number] as number);
      if (r !== 0) return r < 0;
      return (rec[a + 1] as number) > (rec[b + 1] as number);
    };
    // Matches arrive by end position, so they are nearly sorted by start:
    // insertion sort is linear then. Fall back to the built-in sort for big tangles.
    let moves = 0;
    for (let k = 0; k < count && moves <= 8 * count; k++) {
      const o = k * 4;
      let p = k;
      while (p > 0 && before(o, order[p - 1] as number)) {
        order[p] = order[p - 1] as number;
        p--;
        moves++;
      }
      order[p] = o;
    }
    if (moves > 8 * count) {
      const all = Array.from({ length: count }, (_, k) => k * 4);
      all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      order.set(all);
    }
    const lastEnd = this.lastEnd;
    lastEnd.fill(0);
    const hits: TextHit[] = [];
    for (let k = 0; k < count; k++) {
      const o = order[k] as number;
      const start = rec[o] as number;
      const rule = rec[o + 2] as number;
      if (start < (lastEnd[rule] as number)) continue;
      const end = rec[o + 1] as number;
      lastEnd[rule] = end;
      hits.push({
        ruleId: this.ruleIds[rule] as string,
        phrase: (this.declared[rule] as readonly string[])[rec[o + 3] as number] as string,
        start,
        end,
      });
    }
    return hits;
  }
}

