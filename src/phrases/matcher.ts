/*
 * Compiling phrase rules, and the matcher's public methods. The scanning is in
 * scan.ts (forward pass) and resolve.ts (regions where matches compete); hits
 * go to a Collector (collector.ts) that counts them all and keeps the first
 * `limit` per rule.
 */
import type { Issue } from '../issues/issues.js';
import { compareCodeUnits as cmp } from '../order/compare.js';
import { buildAutomaton, DFA_LIMIT, type Terminal } from './automaton.js';
import { UnitClasses } from './classes.js';
import { Collector } from './collector.js';
import { PhraseError } from './errors.js';
import { getNormalizer, MULTI, type NormalizeOptions, type Normalizer } from './normalize.js';
import { RegionResolver } from './resolve.js';
import type { Prefilter } from './prefilter.js';
import { providedPrefilter } from './prefilter-slot.js';
import { ForwardScanner } from './scan.js';
import { makeSnippet } from './snippet.js';
import {
  PHRASE_EVIDENCE_LIMIT,
  type PhraseEvidence,
  type PhraseMatcher,
  type PhraseRuleInput,
  type PhraseTally,
  type TextHit,
  type TranscriptTallyOptions,
  type TranscriptTurn,
} from './types.js';
import type { PhraseIssueCode } from './errors.js';

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
 * Units of text a matcher scans with the automaton alone before it builds its
 * RegExp prefilter (when eligible): building costs ~100 ms once per process
 * (the preimage index) plus a RegExp per matcher, which only pays off on a
 * matcher that is used; 65,536 units is about 64 call transcripts.
 *
 * @internal
 * @example
 * ```ts
 * compileTuned(rules, undefined, DFA_LIMIT, 0); // prefilter from the first text
 * ```
 */
export const PREFILTER_AFTER = 1 << 16;

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
  prefilterAfter: number = PREFILTER_AFTER,
): PhraseMatcher {
  const norm = getNormalizer(options);
  const issues: Issue<PhraseIssueCode>[] = [];
  const ruleIds: string[] = [];
  const declared: string[][] = [];
  const patternIndex = new Map<string, number>();
  const patterns: string[] = [];
  const terminals: { rule: number; phrase: number }[][] = [];
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
      const list = terminals[k] as { rule: number; phrase: number }[];
      // Same phrase twice in one rule: keep the first declaration only.
      if (!list.some((t) => t.rule === r)) list.push({ rule: r, phrase: p });
    });
  });
  if (issues.length > 0) throw new PhraseError(issues);

  // Internally rules are numbered in the order hits are reported (by id, in
  // code-unit order), so every per-node list sorted by number is in output order.
  const byRank = ruleIds.map((_, r) => r).sort((a, b) => cmp(ruleIds[a] as string, ruleIds[b] as string));
  const rankOf = new Int32Array(ruleIds.length);
  byRank.forEach((r, k) => (rankOf[r] = k));
  for (const list of terminals) {
    for (const t of list) t.rule = rankOf[t.rule] as number;
    list.sort((a, b) => a.rule - b.rule);
  }
  return new AhoCorasickMatcher(norm, patterns, terminals, dfaLimit, ruleIds, declared, byRank, prefilterAfter);
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

class AhoCorasickMatcher implements PhraseMatcher {
  readonly ruleIds: readonly string[];
  /** Rule ids and declared phrases by internal rule number (id order). */
  private readonly ids: readonly string[];
  private readonly phrasesOf: readonly (readonly string[])[];
  /** Internal rule number → declaration index, and back. */
  private readonly byRank: readonly number[];
  private readonly rankOf: Int32Array;
  /** Declaration id (declBase[rule] + phrase) → internal rule number. */
  private readonly declRule: Int32Array;
  private readonly declBase: readonly number[];
  private readonly collector: Collector;
  private readonly scanner: ForwardScanner;
  /** The region resolver, exposed to tests through {@link workOf}. */
  readonly resolver: RegionResolver;
  /** The RegExp prefilter: undefined until built, null when not eligible. */
  private prefilter: Prefilter | null | undefined;
  /** Units still to scan before the prefilter is built. */
  private untilPrefilter: number;
  private readonly build: () => Prefilter | undefined;

  constructor(
    norm: Normalizer,
    patterns: readonly string[],
    terminals: readonly (readonly Terminal[])[],
    dfaLimit: number,
    ruleIds: readonly string[],
    declared: readonly (readonly string[])[],
    byRank: readonly number[],
    prefilterAfter: number,
  ) {
    this.ruleIds = Object.freeze([...ruleIds]);
    this.byRank = byRank;
    this.rankOf = new Int32Array(byRank.length);
    byRank.forEach((r, k) => (this.rankOf[r] = k));
    this.ids = byRank.map((r) => ruleIds[r] as string);
    this.phrasesOf = byRank.map((r) => declared[r] as readonly string[]);
    const declBase = [0];
    for (const list of this.phrasesOf) declBase.push((declBase[declBase.length - 1] as number) + list.length);
    this.declBase = declBase;
    this.declRule = new Int32Array(declBase[byRank.length] as number);
    this.phrasesOf.forEach((list, k) => this.declRule.fill(k, declBase[k] as number, (declBase[k] as number) + list.length));
    this.collector = new Collector(byRank.length, declBase, this.ids, this.phrasesOf);
    const ac = buildAutomaton(patterns, terminals, dfaLimit);
    const classes = new UnitClasses(norm, ac.alphabet);
    this.resolver = new RegionResolver(classes, patterns, terminals, byRank.length, dfaLimit);
    this.scanner = new ForwardScanner(ac, classes, this.resolver);
    this.prefilter = undefined;
    this.untilPrefilter = prefilterAfter;
    this.build = () => providedPrefilter()?.(patterns, terminals, classes, norm);
  }

  /** Whether the prefilter is built. */
  hasPrefilter(): boolean {
    return this.prefilter !== undefined && this.prefilter !== null;
  }

  /** Scans one text into the collector: through the prefilter once it is built, else the automaton alone (same hits). */
  private scanOne(text: string): void {
    if (this.prefilter === undefined) {
      this.untilPrefilter -= text.length;
      if (this.untilPrefilter <= 0) this.prefilter = this.build() ?? null;
    }
    if (this.prefilter) this.prefilter.scan(text, this.collector, this.scanner);
    else this.scanner.scan(text, this.collector);
  }

  matchText(text: string): TextHit[] {
    const c = this.collector;
    c.begin(Infinity, false, undefined, true);
    this.scanOne(text);
    return c.takeHits();
  }

  matchTranscript(turns: readonly TranscriptTurn[], options?: { speakers?: readonly string[] }): PhraseEvidence[] {
    const c = this.collector;
    c.begin(Infinity, false, undefined);
    this.scanTurns(turns, options?.speakers);
    const out: PhraseEvidence[] = [];
    for (let k = 0; k < c.kept; k++) out.push(this.evidenceAt(k, turns));
    c.release();
    return out;
  }

  tallyText(text: string, options?: { readonly limit?: number }): PhraseTally[] {
    const c = this.collector;
    c.begin(checkLimit(options?.limit), true, undefined);
    this.scanOne(text);
    return this.tallies((k) => this.hitAt(k));
  }

  tallyTranscript(turns: readonly TranscriptTurn[], options?: TranscriptTallyOptions): PhraseTally<PhraseEvidence>[] {
    const c = this.collector;
    const include = options?.include;
    c.begin(checkLimit(options?.limit), true, include && ((rule, turn) => include(this.ids[rule] as string, turn)));
    this.scanTurns(turns, options?.speakers);
    return this.tallies((k) => this.evidenceAt(k, turns));
  }

  /** Scans the turns of the given speakers into the collector, stamping each hit with its turn. */
  private scanTurns(turns: readonly TranscriptTurn[], speakerList: readonly string[] | undefined): void {
    const speakers = new Set((speakerList ?? ['agent']).map((s) => s.toLowerCase()));
    turns.forEach((turn, t) => {
      if (typeof turn?.text !== 'string' || typeof turn.speaker !== 'string') {
        throw new PhraseError([
          { code: 'invalid_turn', path: ['turns', t], message: 'a turn needs a string speaker and a string text' },
        ]);
      }
      if (!speakers.has(turn.speaker.toLowerCase())) return;
      this.collector.turn = t;
      this.scanOne(turn.text);
    });
  }

  /** Kept hit k as a TextHit. */
  private hitAt(k: number): TextHit {
    const rec = this.collector.rec;
    const o = k * 5;
    const rule = rec[o + 2] as number;
    return {
      ruleId: this.ids[rule] as string,
      phrase: (this.phrasesOf[rule] as readonly string[])[rec[o + 3] as number] as string,
      start: rec[o] as number,
      end: rec[o + 1] as number,
    };
  }

  /** Kept hit k as evidence in its turn. */
  private evidenceAt(k: number, turns: readonly TranscriptTurn[]): PhraseEvidence {
    const hit = this.hitAt(k);
    const t = this.collector.rec[k * 5 + 4] as number;
    const turn = turns[t] as TranscriptTurn;
    // Fields added to the hit itself: in Node 20 a spread followed by new keys
    // (`{ ...hit, turn }`) takes ~4 µs an object, assignments a few ns.
    const e = hit as { -readonly [K in keyof PhraseEvidence]: PhraseEvidence[K] };
    e.turn = t;
    e.speaker = turn.speaker;
    e.snippet = makeSnippet(turn.text, hit.start, hit.end);
    if (turn.start !== undefined) e.time = turn.start;
    return e;
  }

  /** The collector's counts and kept hits as one tally per rule, in declaration order. */
  private tallies<H extends TextHit>(make: (k: number) => H): PhraseTally<H>[] {
    const c = this.collector;
    const rules = this.byRank.length;
    // A loop, not Array.from({ length }, f): ~30 against ~350 ns in Node 20, twice a call.
    const hits: H[][] = [];
    const phrases: string[][] = [];
    for (let r = 0; r < rules; r++) {
      hits.push([]);
      phrases.push([]);
    }
    for (let k = 0; k < c.kept; k++) (hits[c.rec[k * 5 + 2] as number] as H[]).push(make(k));
    for (const d of c.firstSeen) {
      const rule = this.declRule[d] as number;
      (phrases[rule] as string[]).push((this.phrasesOf[rule] as readonly string[])[d - (this.declBase[rule] as number)] as string);
    }
    const out: PhraseTally<H>[] = [];
    for (let r = 0; r < rules; r++) {
      const k = this.rankOf[r] as number;
      const kept = hits[k] as H[];
      const count = c.counts[k] as number;
      out.push({ ruleId: this.ids[k] as string, count, phrases: phrases[k] as string[], hits: kept, truncated: count > kept.length });
    }
    c.release();
    return out;
  }
}

/** Validates a `limit` option: a non-negative integer or Infinity (default {@link PHRASE_EVIDENCE_LIMIT}). */
function checkLimit(limit: unknown): number {
  if (limit === undefined) return PHRASE_EVIDENCE_LIMIT;
  if (limit === Infinity || (typeof limit === 'number' && Number.isInteger(limit) && limit >= 0)) return limit as number;
  throw new PhraseError([
    { code: 'invalid_option', path: ['options', 'limit'], message: `limit must be a non-negative integer or Infinity, not ${String(limit)}` },
  ]);
}

/**
 * The region resolver's work counter of a matcher made here (units read twice,
 * entries and chain links visited), for the linearity tests. Not public API.
 *
 * @internal
 * @example
 * ```ts
 * const m = compilePhraseMatcher([{ id: 'r', phrases: ['a', 'aa'] }]);
 * m.matchText('aaaa');
 * workOf(m); // ≤ a small multiple of 4
 * ```
 */
export function workOf(m: PhraseMatcher): number {
  return m instanceof AhoCorasickMatcher ? m.resolver.work : 0;
}

/**
 * Whether a matcher made here scans through its RegExp prefilter (built, not
 * just eligible), for the tests. Not public API.
 *
 * @internal
 * @example
 * ```ts
 * const m = compileTuned([{ id: 'r', phrases: ['喂'] }], undefined, DFA_LIMIT, 0);
 * m.matchText('喂');
 * usesPrefilter(m); // true
 * ```
 */
export function usesPrefilter(m: PhraseMatcher): boolean {
  return m instanceof AhoCorasickMatcher && m.hasPrefilter();
}
