/**
 * The worker-thread entry (built to dist/worker.js and dist/worker.cjs): loads
 * the rubrics once, then scores the batches the main thread sends, replying
 * with output text tagged by the batch's sequence number.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createContext, processInputBatch } from './process.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './pool.js';

const data = workerData as WorkerData;
const port = parentPort;
if (port) {
  let ctx: ReturnType<typeof createContext> | null = null;
  let initError: string | null = null;
  try {
    ctx = createContext(data.rubrics, data.output);
  } catch (e) {
    initError = e instanceof Error ? e.message : String(e);
  }
  port.on('message', (msg: WorkerRequest) => {
    let reply: WorkerReply;
    if (!ctx) reply = { seq: msg.seq, error: initError ?? 'worker not initialised' };
    else {
      try {
        const r = processInputBatch(ctx, msg.batch);
        // Encode here and transfer the bytes: the main thread only writes them.
        const out = typeof r.out === 'string' ? Buffer.from(r.out) : r.out;
        reply = { seq: msg.seq, result: { ...r, out } };
        const own = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength;
        port.postMessage(reply, own ? [out.buffer as ArrayBuffer] : []);
        return;
      } catch (e) {
        reply = { seq: msg.seq, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      }
    }
    port.postMessage(reply);
  });
}
