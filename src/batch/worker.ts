/**
 * The worker-thread entry (built to dist/batch/worker.js, dist/worker.cjs and,
 * for the bin, dist/bin/worker.cjs): loads
 * the rubrics once, then scores the batches the main thread sends, replying
 * with output text tagged by the batch's sequence number. A worker started
 * early (`startWorkersEarly`, before the rubrics were read) loads its code at
 * once and gets its rubrics as its first message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { createContext, processInputBatch } from './process.js';
import { isOwnBuffer } from './bytes.js';
import { enablePhrasePrefilter } from '../phrases/enable-prefilter.js';
import type { EarlyWorkerData, WorkerData, WorkerInit, WorkerReply, WorkerRequest } from './pool.js';

// Worker threads do not load the Node entry: turn the phrase prefilter on here (docs/phrases.md).
enablePhrasePrefilter();

function serve(port: MessagePort, data: WorkerData): void {
  // The line of the record being scored, read by the pool if this thread dies on it.
  const progress = data.progress ? new Int32Array(data.progress) : null;
  let ctx: ReturnType<typeof createContext> | null = null;
  let initError: string | null = null;
  try {
    ctx = createContext(data.rubrics, data.output);
  } catch (e) {
    initError = e instanceof Error ? e.message : String(e);
  }
  // Tells the pool that from now on a death is a batch's fault, not the set-up's.
  port.postMessage((ctx ? { ready: true } : { ready: false, error: initError ?? 'worker not initialised' }) satisfies WorkerReply);
  port.on('message', (msg: WorkerRequest) => {
    let reply: WorkerReply;
    if (!ctx) reply = { seq: msg.seq, error: initError ?? 'worker not initialised' };
    else {
      try {
        const r = processInputBatch(ctx, msg.batch, progress ? (line) => Atomics.store(progress, 0, line) : undefined);
        // The output's bytes are transferred, not copied: the main thread only writes them.
        const transfer: ArrayBuffer[] = [];
        if (typeof r.out !== 'string' && isOwnBuffer(r.out.buffer)) transfer.push(r.out.buffer as ArrayBuffer);
        // The input stays where it is, in shared memory: the main thread refills it once this reply arrives.
        port.postMessage({ seq: msg.seq, result: r } satisfies WorkerReply, transfer);
        return;
      } catch (e) {
        reply = { seq: msg.seq, error: e instanceof Error ? `${e.name}: ${e.message.split('\n')[0] ?? ''}` : String(e) };
      }
    }
    port.postMessage(reply);
  });
}

const port = parentPort;
if (port) {
  const data = workerData as WorkerData | EarlyWorkerData;
  if ('early' in data) port.once('message', (m: WorkerInit) => serve(port, { ...m.init, progress: data.progress }));
  else serve(port, data);
}
