/**
 * The compact columns a {@link CentreCollector} keeps per agent: a growable
 * typed array (× 1.5) and an agent's ids as bytes in one buffer with their end
 * offsets, off V8's heap (see {@link Ids}).
 */
import { compareCodeUnits } from '../order/compare.js';

/**
 * A growable typed column.
 *
 * @example
 * ```ts
 * const g = new Grow(new Float64Array(16));
 * g.push(83.5); // g.data[0] === 83.5, g.length === 1
 * ```
 */
export class Grow<T extends Float64Array | Uint32Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      // × 1.5: the columns are most of the state, so the slack is kept small.
      const bigger = new (this.data.constructor as new (n: number) => T)(Math.ceil(this.data.length * 1.5));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/**
 * An agent's ids as bytes in one growing buffer, with their end offsets: one
 * byte a character and off V8's heap, whose live size is what V8 scales its
 * old generation by (so ids held as strings would let the garbage of the
 * charts pile up several times higher). ASCII ids — the usual ones — are
 * stored as bytes; any other id is kept as it is, aside (exact, whatever its
 * characters).
 *
 * @example
 * ```ts
 * const ids = new Ids();
 * ids.push('C-2'); ids.push('C-10');
 * ids.at(1); // 'C-10'
 * ids.compare(0, 1); // > 0: 'C-2' after 'C-10' in code-unit order
 * ```
 */
export class Ids {
  private bytes = new Uint8Array(256);
  private used = 0;
  private readonly ends = new Grow(new Uint32Array(16));
  private readonly other = new Map<number, string>();
  push(id: string): void {
    const n = id.length;
    let ascii = true;
    for (let k = 0; k < n && ascii; k++) ascii = id.charCodeAt(k) < 0x80;
    if (!ascii) this.other.set(this.ends.length, id);
    else {
      if (this.used + n > this.bytes.length) {
        const bigger = new Uint8Array(Math.max(Math.ceil(this.bytes.length * 1.5), this.used + n));
        bigger.set(this.bytes.subarray(0, this.used));
        this.bytes = bigger;
      }
      for (let k = 0; k < n; k++) this.bytes[this.used + k] = id.charCodeAt(k);
      this.used += n;
    }
    this.ends.push(this.used);
  }
  private start(i: number): number {
    return i === 0 ? 0 : (this.ends.data[i - 1] as number);
  }
  at(i: number): string {
    const o = this.other.get(i);
    return o ?? String.fromCharCode.apply(null, this.bytes.subarray(this.start(i), this.ends.data[i] as number) as unknown as number[]);
  }
  /** compareCodeUnits(at(i), at(j)), without making the strings when both are ASCII (bytes then order as code units). */
  compare(i: number, j: number): number {
    if (this.other.size > 0 && (this.other.has(i) || this.other.has(j))) return compareCodeUnits(this.at(i), this.at(j));
    const a = this.start(i);
    const b = this.start(j);
    const la = (this.ends.data[i] as number) - a;
    const lb = (this.ends.data[j] as number) - b;
    for (let k = 0; k < la && k < lb; k++) {
      const d = (this.bytes[a + k] as number) - (this.bytes[b + k] as number);
      if (d !== 0) return d;
    }
    return la - lb;
  }
}
