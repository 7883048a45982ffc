/*
 * Where the scanner puts hits. Every hit is counted per rule; only the first
 * `limit` hits of each rule are kept (five ints each, no object per hit), so a
 * text with a million hits costs a million counter increments, not a million
 * objects. The collector also records which declared phrases were hit (in
 * first-hit order) and can drop hits of a rule in a turn the caller excludes.
 */
import type { TextHit } from './types.js';

/** What `hits` holds between runs; frozen, as nothing may push to it (a direct run starts a new array first). */
const NO_HITS = Object.freeze([]) as unknown as TextHit[];

/**
 * Hit sink shared by a matcher's scans (internal; one per matcher, reused).
 *
 * @example
 * ```ts
 * const c = new Collector(1, [0, 2]); // one rule; declaration ids start at 0
 * c.begin(1, true, undefined);
 * c.add(0, 1, 0, 0); c.add(1, 2, 0, 0);
 * c.counts[0]; // 2 — both counted
 * c.kept;      // 1 — only the first kept
 * ```
 */
export class Collector {
  /**
   * In direct mode (matchText: every hit kept, nothing counted), the hits as
   * objects, made as they come: no second pass over `rec`.
   */
  hits: TextHit[] = NO_HITS;
  /** Whether this run is in direct mode (read by the prefilter, which then pushes hits itself). */
  direct = false;
  /** Rule ids and declared phrases by internal rule number (the names hit objects carry). */
  readonly ids: readonly string[];
  readonly names: readonly (readonly string[])[];
  /** Kept hits, 5 ints each: start, end, rule, phrase, turn. */
  rec: Int32Array = new Int32Array(320);
  /** Number of kept hits. */
  kept = 0;
  /** Hits counted per rule (kept or not). */
  readonly counts: Int32Array;
  /** Declaration ids (`declBase[rule] + phrase`) in first-hit order, when tracking. */
  readonly firstSeen: number[] = [];
  /** The turn (or text) index stamped on kept hits. */
  turn = 0;
  /** Kept hits per rule, as a small integer (Infinity is 2^31 - 1): the hot comparison stays on integers. */
  private limit = 0x7fffffff;
  private track = false;
  private include: ((rule: number, turn: number) => boolean) | undefined;
  private readonly declBase: readonly number[];
  private readonly seenGen: Int32Array;
  private gen = 0;
  // include() answers cached per (rule, turn); stamp = turn + 1 of the answer.
  private readonly inclTurn: Int32Array;
  private readonly inclOk: Uint8Array;

  /** `declBase[r]` is the id of rule r's first phrase; `declBase[rules]` the total. */
  constructor(rules: number, declBase: readonly number[], ids: readonly string[] = [], names: readonly (readonly string[])[] = []) {
    this.ids = ids;
    this.names = names;
    this.counts = new Int32Array(rules);
    this.declBase = declBase;
    this.seenGen = new Int32Array(declBase[rules] ?? 0);
    this.inclTurn = new Int32Array(rules);
    this.inclOk = new Uint8Array(rules);
  }

  /** Starts a new run: clears counts and kept hits (or, `direct`, starts a new `hits` array). */
  begin(limit: number, trackPhrases: boolean, include: ((rule: number, turn: number) => boolean) | undefined, direct = false): void {
    this.direct = direct;
    if (direct) {
      // matchText: every hit kept as an object, nothing counted or tracked.
      this.hits = [];
      return;
    }
    this.limit = Math.min(limit, 0x7fffffff);
    this.track = trackPhrases;
    this.include = include;
    this.kept = 0;
    this.turn = 0;
    this.counts.fill(0);
    if (include !== undefined) this.inclTurn.fill(0);
    if (this.firstSeen.length !== 0) this.firstSeen.length = 0;
    this.gen++;
  }

  /** One hit of rule `rule` (phrase index within the rule) over original [start, end). */
  add(start: number, end: number, rule: number, phrase: number): void {
    if (this.direct) {
      this.hits.push({ ruleId: this.ids[rule] as string, phrase: (this.names[rule] as readonly string[])[phrase] as string, start, end });
      return;
    }
    if (this.include !== undefined && !this.allowed(rule)) return;
    const c = ++(this.counts[rule] as number);
    if (this.track) {
      const d = (this.declBase[rule] as number) + phrase;
      if (this.seenGen[d] !== this.gen) {
        this.seenGen[d] = this.gen;
        this.firstSeen.push(d);
      }
    }
    if (c > this.limit) return;
    let o = this.kept * 5;
    if (o + 5 > this.rec.length) {
      const bigger = new Int32Array(this.rec.length * 2);
      bigger.set(this.rec);
      this.rec = bigger;
    }
    const rec = this.rec;
    rec[o++] = start;
    rec[o++] = end;
    rec[o++] = rule;
    rec[o++] = phrase;
    rec[o] = this.turn;
    this.kept++;
  }

  /**
   * The hits of a direct run, handed to the caller. The collector lets go of
   * them at once: a collector is long-lived, and an array it still held at the
   * next collection would be copied and promoted with all its hits (measured:
   * the 1,000-phrase matchText bench at half speed in most runs).
   */
  takeHits(): TextHit[] {
    const hits = this.hits;
    this.hits = NO_HITS;
    return hits;
  }

  /** Lets big buffers go after a run that needed them. */
  release(): void {
    if (this.rec.length > 1 << 16) this.rec = new Int32Array(320);
  }

  private allowed(rule: number): boolean {
    if (this.inclTurn[rule] !== this.turn + 1) {
      this.inclTurn[rule] = this.turn + 1;
      this.inclOk[rule] = (this.include as (rule: number, turn: number) => boolean)(rule, this.turn) ? 1 : 0;
    }
    return this.inclOk[rule] === 1;
  }
}
