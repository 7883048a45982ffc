/**
 * Compact per-record bookkeeping for commands that stream millions of
 * records: a set of call-id hashes (duplicate detection in 8–16 bytes a
 * record instead of ~50 for a string in a Set) and a growable Uint32 column.
 * Ids are hashed with cyrb53 (53 bits) into an open-addressing table; an id
 * whose hash is already there is only a *suspect* (two ids share a 53-bit
 * hash about once in 2²⁵ runs of 2M records), to be confirmed exactly by
 * comparing the ids themselves in a second look at the suspects alone.
 */
import { cyrb53 } from '../sampling/hash.js';

/**
 * A growable column of unsigned 32-bit integers.
 *
 * @example
 * ```ts
 * const c = new U32Column(); c.set(5, 7); c.get(5); // 7; unset positions read 0
 * ```
 */
export class U32Column {
  private a = new Uint32Array(1024);
  set(i: number, v: number): void {
    if (i >= this.a.length) {
      const b = new Uint32Array(Math.max(i + 1, this.a.length * 2));
      b.set(this.a);
      this.a = b;
    }
    this.a[i] = v;
  }
  get(i: number): number {
    return i < this.a.length ? (this.a[i] as number) : 0;
  }
}

/**
 * Call ids seen, as 53-bit hashes; {@link add} says whether the hash was seen before.
 *
 * @example
 * ```ts
 * const s = new IdHashes();
 * s.add('C-1'); // false
 * s.add('C-1'); // true: a suspect (confirm with the ids)
 * s.suspects.has(IdHashes.hash('C-1')); // true
 * ```
 */
export class IdHashes {
  private table = new Float64Array(1 << 16);
  private size = 0;
  /** Hashes added more than once. */
  readonly suspects = new Set<number>();

  /** The 53-bit hash of an id (never 0, the empty slot). */
  static hash(id: string): number {
    return cyrb53(id) || 1;
  }

  /** Adds an id; true when its hash was there already. */
  add(id: string): boolean {
    const h = IdHashes.hash(id);
    if (this.insert(h)) return false;
    this.suspects.add(h);
    return true;
  }

  private insert(h: number): boolean {
    if (this.size * 2 >= this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let i = h % this.table.length; ; i = (i + 1) & mask) {
      const v = this.table[i] as number;
      if (v === 0) {
        this.table[i] = h;
        this.size++;
        return true;
      }
      if (v === h) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.size = 0;
    for (const v of old) if (v !== 0) this.insert(v);
  }
}
