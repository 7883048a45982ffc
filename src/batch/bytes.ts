/**
 * Bytes of a batch run: the buffers NDJSON batches are read into and go round
 * in, and the buffer a worker writes its output into. Batch buffers are
 * shared memory (SharedArrayBuffer): a worker reads the batch where the main
 * thread read it, with neither a copy nor a transfer, and the main thread
 * still holds the bytes should the worker die on them. Output buffers are
 * allocated outside Node's shared buffer pool, so that they can be
 * transferred back without copying (transferring a pooled buffer would take
 * every other buffer in the pool with it).
 */

/** Buffers allocated here: the only output buffers a worker ever puts in a transfer list. */
const own = new WeakSet<ArrayBufferLike>();

function ownBuffer(size: number): Buffer {
  const b = Buffer.allocUnsafeSlow(size);
  own.add(b.buffer);
  return b;
}

/**
 * Whether a buffer was allocated by {@link ByteSink} (so it belongs to one
 * batch's output alone and may be transferred to another thread).
 *
 * @example
 * ```ts
 * isOwnBuffer(new ByteSink(1024).end().buffer); //=> true
 * isOwnBuffer(Buffer.from('x').buffer); //=> false (Node's shared pool)
 * ```
 */
export function isOwnBuffer(ab: ArrayBufferLike): boolean {
  return own.has(ab);
}

/**
 * A growable UTF-8 byte buffer for a batch's output. Workers write each
 * record's text straight into it instead of concatenating one large string:
 * the string would outlive many young-generation collections and be promoted,
 * and the old-generation collections that follow take CPU the two workers
 * need. The buffer is allocated outside the pool, so the worker can transfer
 * it to the main thread without copying.
 *
 * @example
 * ```ts
 * const sink = new ByteSink(64 * 1024);
 * sink.text('{"id":"c1"}');
 * sink.byte(10);
 * port.postMessage(sink.end(), [sink.end().buffer]);
 * ```
 */
export class ByteSink {
  private buf: Buffer;
  private used = 0;

  /**
   * A whole string as UTF-8 in a buffer of its own, exactly its size.
   *
   * @example
   * ```ts
   * ByteSink.from('id,score\n').byteLength; //=> 9
   * ```
   */
  static from(text: string): Uint8Array {
    const b = ownBuffer(Buffer.byteLength(text));
    b.write(text, 0, 'utf8');
    return b;
  }

  /** @param capacity - first allocation in bytes (grows by doubling). */
  constructor(capacity: number) {
    this.buf = ownBuffer(Math.max(1024, Math.ceil(capacity)));
  }

  /**
   * Appends a string as UTF-8. A short ASCII string (a key, a number's text)
   * is copied a byte per code unit: a loop the JIT compiles to plain stores,
   * cheaper than a call into the encoder; anything else is encoded.
   */
  text(s: string): void {
    const n = s.length;
    if (n <= 64) {
      if (this.used + n > this.buf.length) this.grow(this.used + n);
      const b = this.buf;
      let u = this.used;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) return this.encode(s); // nothing counted yet: the encoder starts where the loop did
        b[u++] = c;
      }
      this.used = u;
      return;
    }
    this.encode(s);
  }

  private encode(s: string): void {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: make room for the worst case first.
    const need = this.used + s.length * 3;
    if (need > this.buf.length) this.grow(need);
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** Appends one byte (a newline). */
  byte(b: number): void {
    if (this.used + 1 > this.buf.length) this.grow(this.used + 1);
    this.buf[this.used++] = b;
  }

  /**
   * Appends `JSON.stringify(s)` as UTF-8: printable ASCII without `"` or `\\`
   * (ids, dates, codes) is copied a byte per code unit, as JSON writes it
   * unchanged; any other string goes through `JSON.stringify` and the encoder.
   */
  json(s: string): void {
    const n = s.length;
    const start = this.used;
    if (start + n + 2 > this.buf.length) this.grow(start + n + 2);
    const b = this.buf;
    let u = start;
    b[u++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
        // An escape or a character past ASCII: JSON.stringify decides how it is written (nothing counted yet).
        this.text(JSON.stringify(s));
        return;
      }
      b[u++] = c;
    }
    b[u++] = 34;
    this.used = u;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.used;
  }

  /** Forgets what was written past `length` bytes (to undo a record that could not be written). */
  truncate(length: number): void {
    if (length < this.used) this.used = Math.max(0, length);
  }

  /** What was written from byte `from`, decoded. */
  textFrom(from: number): string {
    return this.buf.toString('utf8', from, this.used);
  }

  /**
   * The bytes written: a view from offset 0 of a buffer that is this sink's
   * alone, so its `.buffer` may be transferred.
   */
  end(): Uint8Array {
    return new Uint8Array(this.buf.buffer, 0, this.used);
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = ownBuffer(size);
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}

/**
 * Batch buffers for reading NDJSON files, in shared memory: the main thread
 * reads a batch into one, posts it to a worker (which sees the same bytes:
 * nothing is copied or transferred) and, once the worker has answered, fills
 * it again. Reading a file of millions of records then allocates a handful of
 * buffers instead of one per batch, so the main thread's memory stays flat
 * without waiting for its garbage collector to notice large external
 * allocations. A buffer is only refilled after the worker's answer (or its
 * death), so no two threads ever use one at once.
 *
 * @example
 * ```ts
 * const pool = new BatchBuffers(4 * 1024 * 1024);
 * const buf = pool.take(); // a new or returned buffer of 4 MB, in shared memory
 * pool.give(buf.buffer);   // once the batch is scored
 * ```
 */
export class BatchBuffers {
  private readonly free: ArrayBufferLike[] = [];

  /** @param size - bytes of each buffer (the largest batch, in bytes). */
  constructor(readonly size: number) {}

  /** A buffer of `size` bytes: a returned one if there is one. */
  take(): Buffer {
    return Buffer.from(this.free.pop() ?? new SharedArrayBuffer(this.size), 0, this.size);
  }

  /** Returns a buffer for reuse (ignored unless it is one of this pool's, by its size and kind). */
  give(ab: ArrayBufferLike): void {
    // A few spare buffers are enough: the pipeline holds a bounded number of batches.
    if (ab.byteLength === this.size && isShared(ab) && this.free.length < 16) this.free.push(ab);
  }
}

/**
 * Whether bytes live in shared memory (a batch buffer): such a batch is
 * posted to a worker as it is, never copied or put in a transfer list.
 *
 * @example
 * ```ts
 * isShared(new BatchBuffers(1024).take().buffer); //=> true
 * isShared(new ArrayBuffer(8)); //=> false
 * ```
 */
export function isShared(ab: ArrayBufferLike): ab is SharedArrayBuffer {
  return typeof SharedArrayBuffer === 'function' && ab instanceof SharedArrayBuffer;
}
