/**
 * `callqa calibrate` over a stream. Calibration compares evaluators on the
 * same calls, so only the (session, call) units rated by at least
 * `minRaters` evaluators (2 by default) are calibration data; in a month of
 * scores they are the few double-scored calls. Pass 1 reads every record as
 * a rating (checking it) and counts ratings per unit in a table of 53-bit
 * hashes (16 bytes a unit, {@link UnitCounter}); pass 2 keeps the ratings of
 * the units counted often enough, grouped exactly by their real key (so a
 * hash collision can only keep a record for a moment, never change the
 * result). The report is `calibrate()` of those ratings, in input order.
 */
import type { RejectedRecord } from '../../batch/types.js';
import { type CalibrationRating, ratingIssues } from '../../calibration/index.js';
import type { Issue } from '../../issues/issues.js';
import { cyrb53 } from '../../sampling/hash.js';
import type { RecordUnit } from '../records.js';
import type { Rereadable } from '../passes.js';
import { UsageError, issueLine } from '../util.js';

/**
 * Counts per 53-bit key in open addressing (linear probing, load ≤ ½):
 * a Float64Array of keys and a Uint32Array of counts, growing by doubling.
 *
 * @example
 * ```ts
 * const c = new UnitCounter();
 * c.add(42); c.add(42);
 * c.get(42); // 2
 * ```
 */
export class UnitCounter {
  private keys = new Float64Array(1 << 12);
  private counts = new Uint32Array(1 << 12);
  private used = 0;

  /** Adds one to the count of `key` (an integer in [0, 2⁵³); 0 is stored as 1). */
  add(key: number): void {
    if (2 * (this.used + 1) > this.keys.length) this.grow();
    const i = this.slot(key || 1);
    if (this.keys[i] === 0) {
      this.keys[i] = key || 1;
      this.used++;
    }
    this.counts[i]!++;
  }

  /** The count of `key`. */
  get(key: number): number {
    return this.counts[this.slot(key || 1)] as number;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // The low 32 bits are well mixed by cyrb53; the high bits spread runs of equal low bits.
    let i = ((key >>> 0) ^ Math.floor(key / 4294967296)) & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Float64Array(keys.length * 2);
    this.counts = new Uint32Array(keys.length * 2);
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j] as number;
      if (k === 0) continue;
      const i = this.slot(k);
      this.keys[i] = k;
      this.counts[i] = counts[j] as number;
    }
  }
}

/** The unit (session, call) of a rating, as a string key and its hash. */
const unitKey = (r: CalibrationRating): string => `${r.sessionId ?? ''}\u0000${r.callId}`;

/**
 * What a calibration stream gives: the ratings of the units rated often
 * enough (input order), and what was read.
 *
 * @example
 * ```ts
 * const s: StreamedRatings = await streamRatings(src, 'month.ndjson', toRating, 2);
 * s.units; // units read, s.kept of them calibrated
 * ```
 */
export interface StreamedRatings {
  readonly ratings: CalibrationRating[];
  readonly rejected: RejectedRecord[];
  /** Records read as ratings. */
  readonly read: number;
  /** Distinct units (session, call) read, and those kept. */
  readonly units: number;
  readonly kept: number;
}

/**
 * Reads the ratings of the units rated by at least `minRaters` evaluators, in
 * two passes (one when `minRaters` is 1). Ratings whose own values are wrong
 * end the run with one error that counts them, with their lines.
 *
 * @param src - the input, readable twice
 * @param input - its name, for messages
 * @param toRating - a record as a rating, or its rejection
 * @param minRaters - the fewest ratings a unit needs to be kept
 *
 * @example
 * ```ts
 * const { ratings } = await streamRatings(src, input, (u) => ratingOfUnit(u, versions), 2);
 * ```
 */
export async function streamRatings(src: Rereadable, input: string, toRating: (u: RecordUnit) => CalibrationRating | RejectedRecord, minRaters: number): Promise<StreamedRatings> {
  const counter = new UnitCounter();
  const problems: string[] = [];
  let bad = 0;
  let read = 0;
  let units = 0;
  const isRating = (x: CalibrationRating | RejectedRecord): x is CalibrationRating => !('ok' in x);
  const rejected = await src.pass((u) => {
    const r = toRating(u);
    if (!isRating(r)) return r;
    const issues = ratingIssues(r, read++);
    if (issues.length > 0) {
      bad++;
      if (problems.length < 10) problems.push(...issues.map((i: Issue) => issueLine(`${input}:${u.line}`, { ...i, path: i.path.slice(1) })));
      return;
    }
    const h = cyrb53(unitKey(r));
    if (counter.get(h) === 0) units++; // a collision undercounts units only in this note
    counter.add(h);
    return;
  });
  if (bad > 0) throw new UsageError(`${input}: ${bad} of ${read} rating(s) have invalid values`, problems.slice(0, 10));
  const kept = new Map<string, CalibrationRating[]>();
  const order: CalibrationRating[] = [];
  if (read > 0) {
    await src.pass((u) => {
      // Evaluations are scored again only for the units kept: the key is read from the record first.
      const raw = 'value' in u ? u.value : u.row;
      const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const id = o['callId'] ?? o['id'];
      if ((typeof id === 'string' || typeof id === 'number') && minRaters > 1) {
        const session = typeof o['sessionId'] === 'string' ? o['sessionId'] : '';
        if (counter.get(cyrb53(`${session}\u0000${String(id)}`)) < minRaters) return;
      }
      const r = toRating(u);
      if (!isRating(r)) return;
      const k = unitKey(r);
      const list = kept.get(k);
      if (list) list.push(r);
      else kept.set(k, [r]);
      order.push(r);
      return;
    });
  }
  const ratings = order.filter((r) => (kept.get(unitKey(r)) as CalibrationRating[]).length >= minRaters);
  let keptUnits = 0;
  for (const list of kept.values()) if (list.length >= minRaters) keptUnits++;
  return { ratings, rejected, read, units, kept: keptUnits };
}
