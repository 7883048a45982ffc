/**
 * A small pool of worker threads that score batches. Each batch carries a
 * sequence number; callers keep the returned promises in submission order, so
 * the output is written in input order whichever worker finishes first.
 *
 * A worker never stops the run. The records of a batch are scored one by one
 * inside the worker, each in its own try/catch; and this thread keeps every
 * batch until its result arrives (NDJSON bytes are in shared memory, which
 * the worker reads in place: they are still here should it die). When a worker dies on a batch — out of
 * memory, or anything else — a new worker takes its place. The worker
 * publishes the line of the record it is scoring in a shared Int32, so the
 * record it died on is known: that record is rejected (`internal`, with its
 * line) and the records before and after it are sent again; the batches
 * queued behind are sent again whole. (Should the record not be known — the
 * worker died between records — the batch is re-run one record per batch
 * and a record that fails again on its own is rejected.) Re-running gives the same bytes a whole batch
 * would, so the output stays identical whatever the worker count. Only a
 * worker that cannot start at all (before it has loaded the rubrics) fails
 * the run.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { concatResults, firstLineOf, rejectionResult, singleRecordBatches, splitAround, type BatchResult } from './process.js';
import { internalRejection } from './record.js';
import { isShared, type BatchBuffers } from './bytes.js';
import type { InputBatch } from './input.js';
import type { OutputOptions } from './types.js';

/**
 * What every worker starts with: rubric JSON documents and output options.
 *
 * @example
 * ```ts
 * const d: WorkerData = { rubrics: [json], output: { format: 'csv' } };
 * ```
 */
export interface WorkerData {
  readonly rubrics: readonly unknown[];
  readonly output: OutputOptions;
  /** Where the worker publishes the line of the record it is scoring (0 between records); set by the pool. */
  readonly progress?: SharedArrayBuffer;
}

/**
 * What a worker started early ({@link startWorkersEarly}) is given: only its
 * progress word. Its rubrics and output options come later, as its first
 * message ({@link WorkerInit}).
 *
 * @example
 * ```ts
 * const d: EarlyWorkerData = { progress: new SharedArrayBuffer(4), early: true };
 * ```
 */
export interface EarlyWorkerData {
  readonly progress: SharedArrayBuffer;
  readonly early: true;
}

/**
 * The first message to a worker started early: what {@link WorkerData} would have held.
 *
 * @example
 * ```ts
 * worker.postMessage({ init: { rubrics: [json], output: {} } } satisfies WorkerInit);
 * ```
 */
export interface WorkerInit {
  readonly init: WorkerData;
}
/**
 * A batch sent to a worker.
 *
 * @example
 * ```ts
 * const r: WorkerRequest = { seq: 0, batch: { kind: 'ndjson', line: 1, bytes } };
 * ```
 */
export interface WorkerRequest {
  readonly seq: number;
  readonly batch: InputBatch;
}
/**
 * A worker's answer.
 *
 * @example
 * ```ts
 * if ('error' in reply) console.error(reply.error);
 * ```
 */
export type WorkerReply =
  | { readonly seq: number; readonly result: BatchResult }
  | { readonly seq: number; readonly error: string }
  | { readonly ready: true }
  | { readonly ready: false; readonly error: string };

declare const __filename: string | undefined;

/**
 * Where the worker entry is: next to the running file, with its extension —
 * dist/bin/callqa.cjs → dist/bin/worker.cjs, dist/batch/pool.js → dist/batch/worker.js,
 * dist/node.cjs → dist/worker.cjs, and
 * src/batch/pool.ts → src/batch/worker.ts under tsx.
 *
 * @example
 * ```ts
 * workerEntry(); // '/…/node_modules/callqa/dist/batch/worker.js' (from callqa/node, ESM)
 * ```
 */
export function workerEntry(): string {
  // CJS builds have __filename; ESM builds and tsx have import.meta.url.
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const ext = extname(here);
  const beside = join(dirname(here), `worker${ext}`);
  if (existsSync(beside)) return beside;
  // From src/batch under a bundler-less runner the worker sits in the same folder under its own name.
  return join(dirname(here), `worker${ext === '.ts' ? '.ts' : '.js'}`);
}

/**
 * Heap limits of a worker. V8 otherwise lets the heap grow to several times
 * the live data before collecting; a worker's live data is its rubrics and one
 * batch (≤ 1,000 lines and ≤ 4 MB), so a cap keeps resident memory flat.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** A worker started before its rubrics were known, not yet taken by a pool. */
interface EarlyWorker {
  readonly w: Worker;
  readonly progress: SharedArrayBuffer;
  /** It stopped (or failed to start) before a pool took it: never taken. */
  gone: boolean;
}

const early: EarlyWorker[] = [];

/**
 * A worker thread running `entry`. From source (tsx), the tsx loader is
 * registered first: loader hooks are not inherited by workers on Node 20.
 */
function startWorker(entry: string, workerData: WorkerData | EarlyWorkerData): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData, resourceLimits: WORKER_LIMITS });
  const start = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  return new Worker(start, { eval: true, workerData });
}

/**
 * Starts `n` worker threads ahead of their work: a thread takes about a
 * quarter of a second to start and load its code (docs/batch.md, "Speed"),
 * which the CLI overlaps with its own reading of the rubrics and the first
 * batches instead of waiting for it. The next {@link WorkerPool} takes them
 * (with the built worker entry) and sends each its rubrics as its first
 * message; {@link stopEarlyWorkers} ends those no pool took. They never keep
 * the process alive on their own.
 *
 * @example
 * ```ts
 * startWorkersEarly(2);
 * try { await scoreFile({ rubrics, input, workers: 2 }); } finally { await stopEarlyWorkers(); }
 * ```
 */
export function startWorkersEarly(n: number): void {
  const entry = workerEntry();
  if (entry.endsWith('.ts')) return; // from source (tests under tsx): started on demand, as ever
  for (let i = early.length; i < n; i++) {
    const progress = new SharedArrayBuffer(4);
    const workerData: EarlyWorkerData = { progress, early: true };
    const e: EarlyWorker = { w: startWorker(entry, workerData), progress, gone: false };
    e.w.unref();
    // Until a pool takes it, a failure only marks it: the pool then starts a new worker instead.
    e.w.on('error', () => (e.gone = true));
    e.w.on('exit', () => (e.gone = true));
    early.push(e);
  }
}

/**
 * Ends the workers {@link startWorkersEarly} started that no pool took.
 *
 * @example
 * ```ts
 * await stopEarlyWorkers();
 * ```
 */
export async function stopEarlyWorkers(): Promise<void> {
  const left = early.splice(0);
  await Promise.all(left.map((e) => e.w.terminate()));
}

function takeEarly(): EarlyWorker | undefined {
  for (let e = early.shift(); e !== undefined; e = early.shift()) {
    if (!e.gone) return e;
    void e.w.terminate();
  }
  return undefined;
}

/** A batch on its way: kept here until its result arrives. */
interface Job {
  readonly batch: InputBatch;
  /** One record: a failure rejects it instead of splitting the batch. */
  readonly single: boolean;
  /** The shared buffer the batch's bytes were copied into, when they were not in one already. */
  copy?: Buffer;
  resolve(r: BatchResult): void;
  reject(e: Error): void;
}

interface Slot {
  readonly w: Worker;
  /** The line of the record the worker is scoring, 0 between records. */
  readonly progress: Int32Array;
  /** Jobs sent, in the order the worker takes them. */
  readonly pending: Map<number, Job>;
  /** The worker has loaded its rubrics: from now on its death is the fault of a batch, not of the set-up. */
  ready: boolean;
  dead: boolean;
}

/**
 * Options of {@link WorkerPool}.
 *
 * @example
 * ```ts
 * const o: WorkerPoolOptions = { buffers: new BatchBuffers(4 << 20), onInput: (ab) => buffers.give(ab) };
 * ```
 */
export interface WorkerPoolOptions {
  /** Receives each batch's buffers once it is scored, for reuse. */
  readonly onInput?: (buffer: ArrayBufferLike) => void;
  /** Where the copies of NDJSON bytes sent to workers come from (default: new buffers). */
  readonly buffers?: BatchBuffers;
  /** The worker script (default {@link workerEntry}); `.ts` runs through tsx. */
  readonly entry?: string;
}

function why(e: Error & { code?: string }): string {
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return `the worker ran out of memory (its heap is capped at ${WORKER_LIMITS.maxOldGenerationSizeMb} MB)`;
  return `the worker stopped: ${e.name}: ${e.message.split('\n')[0] ?? ''}`;
}

/**
 * A fixed set of worker threads.
 *
 * @example
 * ```ts
 * const pool = new WorkerPool(2, { rubrics: [json], output: { format: 'ndjson' } });
 * const r = await pool.run({ kind: 'units', units: [{ line: 1, text: line }] });
 * await pool.close();
 * ```
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private failure: Error | null = null;
  private closing = false;
  /** Workers started to replace dead ones (for tests and the docs' claims). */
  restarts = 0;

  constructor(
    size: number,
    private readonly data: WorkerData,
    private readonly options: WorkerPoolOptions = {},
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const pre = this.options.entry === undefined ? takeEarly() : undefined;
    const sab = pre?.progress ?? new SharedArrayBuffer(4);
    const w = pre?.w ?? startWorker(this.options.entry ?? workerEntry(), { ...this.data, progress: sab });
    if (pre) {
      // Started early: its set-up comes as its first message (the progress word it already has).
      w.ref();
      w.postMessage({ init: this.data } satisfies WorkerInit);
    }
    const slot: Slot = { w, progress: new Int32Array(sab), pending: new Map(), ready: false, dead: false };
    w.on('message', (m: WorkerReply) => {
      if ('ready' in m) {
        if (m.ready) slot.ready = true;
        else this.fail(new Error(`a worker could not load the rubrics: ${m.error}`));
        return;
      }
      const job = slot.pending.get(m.seq);
      if (!job) return;
      slot.pending.delete(m.seq);
      if ('error' in m) return this.recover(job, m.error, Atomics.load(slot.progress, 0));
      this.release(job);
      job.resolve(m.result);
    });
    w.on('error', (e: Error & { code?: string }) => this.died(slot, why(e)));
    w.on('exit', (code) => this.died(slot, `the worker exited with code ${code}`));
    return slot;
  }

  /** A worker is gone: replace it, re-run what it was scoring record by record, resend what was queued behind. */
  private died(slot: Slot, reason: string): void {
    if (slot.dead) return; // 'error' is followed by 'exit'
    slot.dead = true;
    const jobs = [...slot.pending.values()];
    slot.pending.clear();
    if (this.closing) {
      for (const j of jobs) j.reject(new Error('the worker pool was closed'));
      return;
    }
    // A worker that dies before loading the rubrics, or with nothing to do, is not the fault of any record.
    if (!slot.ready || jobs.length === 0 || this.failure) {
      this.fail(new Error(slot.ready ? reason : `a worker thread could not start: ${reason}`));
      for (const j of jobs) j.reject(this.failure as Error);
      return;
    }
    this.restarts++;
    this.slots[this.slots.indexOf(slot)] = this.spawn();
    const [first, ...rest] = jobs;
    if (first) this.recover(first, reason, Atomics.load(slot.progress, 0));
    for (const j of rest) this.send(j);
  }

  /**
   * A batch failed as a whole while the worker was on the record at `line`
   * (0: between records). That record is rejected and the records around it
   * are sent again; when the record is not known, every record is re-run on
   * its own and the one that fails again is rejected.
   */
  private recover(job: Job, reason: string, line: number): void {
    if (this.failure) return job.reject(this.failure);
    const rejected = (at: number): Promise<BatchResult> => Promise.resolve(rejectionResult(internalRejection(at, reason)));
    let parts: Promise<BatchResult>[];
    const around = job.single || line === 0 ? null : splitAround(job.batch, line);
    if (job.single) parts = [rejected(firstLineOf(job.batch))];
    else if (around) {
      parts = [];
      if (around.before) parts.push(this.dispatch(around.before, false));
      parts.push(rejected(line));
      if (around.after) parts.push(this.dispatch(around.after, false));
    } else parts = singleRecordBatches(job.batch).map((b) => this.dispatch(b, true));
    this.release(job);
    Promise.all(parts).then((rs) => job.resolve(concatResults(rs)), job.reject);
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const s of this.slots) {
      for (const j of s.pending.values()) j.reject(e);
      s.pending.clear();
    }
  }

  /** The batch's own buffer goes back for reuse once nothing can need it again. */
  private release(job: Job): void {
    const b = job.batch;
    if (b.kind === 'ndjson' && b.owned) this.options.onInput?.(b.bytes.buffer);
    if (job.copy) this.options.onInput?.(job.copy.buffer);
  }

  private dispatch(batch: InputBatch, single: boolean): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<BatchResult>((resolve, reject) => this.send({ batch, single, resolve, reject }));
  }

  /** Sends a job to the least busy worker: NDJSON bytes in shared memory (copied there first if need be), units cloned. */
  private send(job: Job): void {
    let best: Slot | undefined;
    for (const s of this.slots) if (best === undefined || s.pending.size < best.pending.size) best = s;
    if (!best) return job.reject(new Error('empty worker pool'));
    const seq = this.seq++;
    best.pending.set(seq, job);
    const b = job.batch;
    if (b.kind === 'units') {
      best.w.postMessage({ seq, batch: b } satisfies WorkerRequest);
      return;
    }
    // Shared memory: the worker reads the bytes in place, and they stay here should it die on them.
    // Bytes from elsewhere (stdin, gzip, a small batch copied out of a read) are copied into a shared buffer first, once.
    let bytes = b.bytes;
    if (!isShared(bytes.buffer)) {
      const n = bytes.byteLength;
      const pool = this.options.buffers;
      job.copy ??= pool && n <= pool.size ? pool.take() : Buffer.from(new SharedArrayBuffer(n));
      job.copy.set(bytes);
      bytes = job.copy.subarray(0, n);
    }
    best.w.postMessage({ seq, batch: { kind: 'ndjson', line: b.line, bytes } } satisfies WorkerRequest);
  }

  /** Scores a batch on the least busy worker; resolves whatever its records do. */
  run(batch: InputBatch): Promise<BatchResult> {
    return this.dispatch(batch, false);
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.w.terminate()));
  }
}
