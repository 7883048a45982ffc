/**
 * A small pool of worker threads that score batches. Each batch carries a
 * sequence number; callers keep the returned promises in submission order, so
 * the output is written in input order whichever worker finishes first.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchResult } from './process.js';
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
  | { readonly seq: number; readonly result: BatchResult; /** The batch's own input bytes, handed back for reuse. */ readonly input?: Uint8Array }
  | { readonly seq: number; readonly error: string };

declare const __filename: string | undefined;

/**
 * Where the worker entry is: next to the running file, with its extension —
 * dist/cli.js → dist/worker.js, dist/index.cjs → dist/worker.cjs, and
 * src/batch/pool.ts → src/batch/worker.ts under tsx.
 *
 * @example
 * ```ts
 * workerEntry(); // '/…/node_modules/callqa/dist/worker.js'
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

interface Pending {
  resolve(r: BatchResult): void;
  reject(e: Error): void;
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
  private readonly workers: { w: Worker; pending: Map<number, Pending> }[] = [];
  private seq = 0;
  private failure: Error | null = null;

  /**
   * @param onInput - receives each batch's own input buffer back once the batch is scored
   */
  constructor(size: number, data: WorkerData, onInput?: (buffer: ArrayBuffer) => void) {
    const entry = workerEntry();
    for (let i = 0; i < size; i++) {
      // Running from source (tsx): loader hooks are not inherited by workers on Node 20, so register tsx first.
      const w = entry.endsWith('.ts')
        ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`, {
            eval: true,
            workerData: data,
          })
        : new Worker(entry, { workerData: data, resourceLimits: WORKER_LIMITS });
      const slot = { w, pending: new Map<number, Pending>() };
      w.on('message', (m: WorkerReply) => {
        const p = slot.pending.get(m.seq);
        if (!p) return;
        slot.pending.delete(m.seq);
        if ('result' in m && m.input && onInput) onInput(m.input.buffer as ArrayBuffer);
        if ('result' in m) p.resolve(m.result);
        else p.reject(new Error(`worker failed on a batch: ${m.error}`));
      });
      const fail = (e: Error & { code?: string }): void => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') e = new Error('a worker ran out of memory: the records of a batch are too large; try a smaller --batch-size');
        this.failure ??= e;
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => {
        if (slot.pending.size > 0 || code !== 0) fail(new Error(`worker exited with code ${code}`));
      });
      this.workers.push(slot);
    }
  }

  /** Scores a batch on the least busy worker (NDJSON bytes are transferred, not copied). */
  run(batch: InputBatch): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    let best = this.workers[0];
    for (const s of this.workers) if (best === undefined || s.pending.size < best.pending.size) best = s;
    if (!best) return Promise.reject(new Error('empty worker pool'));
    const seq = this.seq++;
    const slot = best;
    return new Promise<BatchResult>((resolve, reject) => {
      slot.pending.set(seq, { resolve, reject });
      const req: WorkerRequest = { seq, batch };
      const b = batch.kind === 'ndjson' ? batch.bytes : null;
      const own = b !== null && (batch.kind === 'ndjson' && batch.owned === true ? true : b.byteOffset === 0 && b.byteLength === b.buffer.byteLength);
      slot.w.postMessage(req, own && b ? [b.buffer as ArrayBuffer] : []);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((s) => s.w.terminate()));
  }
}
