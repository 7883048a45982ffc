/*
 * The phrase matcher's public shapes: rules in, hits, evidence and tallies out.
 */

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
 * Hits kept per rule by {@link PhraseMatcher.tallyText} and
 * {@link PhraseMatcher.tallyTranscript} (and so in a call score's evidence)
 * unless the caller asks for another limit. Every hit is still counted.
 *
 * Why 100: evidence is for a coach preparing feedback — a handful of examples
 * per problem, with the recording snippet — and a penalty needs only the
 * count. 100 is far above what a real call produces per rule (the bundled
 * generator's transcripts have a few hits per rule) and keeps a hostile
 * transcript (a megabyte of 喂, a million hits) to 100 small objects per rule
 * instead of a million.
 *
 * @example
 * ```ts
 * const t = m.tallyText('喂'.repeat(1000));
 * t[0].count;       // 1000
 * t[0].hits.length; // PHRASE_EVIDENCE_LIMIT (100)
 * ```
 */
export const PHRASE_EVIDENCE_LIMIT = 100;

/**
 * What one rule found in a text or transcript: the full count, the phrases
 * hit, and the first hits as evidence.
 *
 * @example
 * ```ts
 * const t: PhraseTally = {
 *   ruleId: 'fillers', count: 2, phrases: ['啊'],
 *   hits: [{ ruleId: 'fillers', phrase: '啊', start: 1, end: 2 }], // limit 1
 *   truncated: true,
 * };
 * ```
 */
export interface PhraseTally<H extends TextHit = TextHit> {
  readonly ruleId: string;
  /** Every hit of the rule (leftmost-longest, non-overlapping), kept or not. */
  readonly count: number;
  /** The declared phrases hit at least once, in the order of their first hit. */
  readonly phrases: readonly string[];
  /** The first `limit` hits, in text order (all of them when `count` ≤ `limit`). */
  readonly hits: readonly H[];
  /** `count > hits.length`: some hits were counted but not kept. */
  readonly truncated: boolean;
}

/**
 * Options of {@link PhraseMatcher.tallyTranscript}.
 *
 * @example
 * ```ts
 * // Only the first agent turn counts for the opening script:
 * const o: TranscriptTallyOptions = { include: (ruleId, turn) => ruleId !== 'opening' || turn === 0 };
 * ```
 */
export interface TranscriptTallyOptions {
  /** Speakers whose turns are matched (default `['agent']`, case-insensitive). */
  readonly speakers?: readonly string[];
  /** Hits kept per rule (default {@link PHRASE_EVIDENCE_LIMIT}); a non-negative integer or `Infinity`. */
  readonly limit?: number;
  /** Whether hits of `ruleId` in turn `turn` count at all (default: all do). Asked once per rule and turn. */
  readonly include?: (ruleId: string, turn: number) => boolean;
}

/**
 * A compiled set of phrase rules. Compile once, match many texts.
 *
 * All methods take time linear in the text length plus the hits they return
 * (see docs/phrases.md); `matchText` and `matchTranscript` return every hit,
 * the `tally` methods count every hit and keep the first `limit` per rule.
 *
 * @example
 * ```ts
 * const m = compilePhraseMatcher([{ id: 'fillers', phrases: ['啊', '呀'] }]);
 * m.matchText('好啊'); // [{ ruleId: 'fillers', phrase: '啊', start: 1, end: 2 }]
 * m.tallyText('好啊啊')[0]?.count; // 2
 * ```
 */
export interface PhraseMatcher {
  /** Rule ids in declaration order. */
  readonly ruleIds: readonly string[];
  /** Hits sorted by (start, ruleId); leftmost-longest, non-overlapping within a rule. */
  matchText(text: string): TextHit[];
  /** Hits in the turns of the given speakers (default `['agent']`, case-insensitive), sorted by (turn, start, ruleId). */
  matchTranscript(turns: readonly TranscriptTurn[], options?: { speakers?: readonly string[] }): PhraseEvidence[];
  /** One tally per rule, in declaration order: the same hits as `matchText`, counted, the first `limit` kept. */
  tallyText(text: string, options?: { readonly limit?: number }): PhraseTally[];
  /** One tally per rule, in declaration order: the same hits as `matchTranscript`, counted, the first `limit` kept. */
  tallyTranscript(turns: readonly TranscriptTurn[], options?: TranscriptTallyOptions): PhraseTally<PhraseEvidence>[];
}
