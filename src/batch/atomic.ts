/**
 * Output that is either complete or absent: written to a temp file in the
 * target's directory (same file system, so the final rename is atomic) and
 * renamed on success. An interrupted run leaves no truncated file behind.
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** Temp files not yet renamed; removed by {@link removeTempFilesSync} on a signal. */
const live = new Set<string>();

/**
 * Removes every temp file of the runs in progress (synchronously: safe in a
 * signal handler just before exiting).
 *
 * @example
 * ```ts
 * process.on('SIGINT', () => { removeTempFilesSync(); process.exit(130); });
 * ```
 */
export function removeTempFilesSync(): void {
  for (const f of live) rmSync(f, { force: true });
  live.clear();
}

/**
 * A sink for text: a file written atomically, or stdout for `-`.
 *
 * @example
 * ```ts
 * const out = openOutput('scores.ndjson');
 * await out.write('{"id":"c1"}\n');
 * await out.commit(); // scores.ndjson appears now, complete
 * ```
 */
export interface OutputSink {
  readonly path: string;
  /** Writes, waiting for the stream to drain when its buffer is full (back-pressure). */
  write(text: string | Uint8Array): Promise<void>;
  /** Flushes and renames into place. */
  commit(): Promise<void>;
  /** Closes and deletes the temp file. */
  abort(): Promise<void>;
}

let counter = 0;

/** Waits for 'drain', failing on 'error'; both listeners are removed either way (no listener leak over millions of writes). */
function drained(w: Writable, errorsFrom: Writable = w): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = (): void => {
      errorsFrom.off('error', bad);
      resolve();
    };
    const bad = (e: Error): void => {
      w.off('drain', ok);
      reject(e);
    };
    w.once('drain', ok);
    errorsFrom.once('error', bad);
  });
}

/**
 * Opens an output: `-` is stdout (never closed), anything else a temp file
 * renamed on {@link OutputSink.commit}; `gzip` compresses what is written.
 *
 * @example
 * ```ts
 * const sink = openOutput('-');
 * ```
 */
export function openOutput(path: string, options: { readonly gzip?: boolean } = {}): OutputSink {
  if (path === '-') return streamSink('-', process.stdout);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  live.add(tmp);
  const ws: WriteStream = createWriteStream(tmp);
  let failed: Error | null = null;
  ws.on('error', (e) => (failed = e));
  // With gzip, text goes through the compressor, whose buffer gives the back-pressure.
  const gz = options.gzip ? createGzip() : null;
  if (gz) {
    gz.on('error', (e) => (failed = e));
    gz.pipe(ws);
  }
  const head: Writable = gz ?? ws;
  const close = async (): Promise<void> => {
    if (!ws.closed) {
      head.end();
      await Promise.race([once(ws, 'close'), once(ws, 'error')]).catch(() => undefined);
    }
  };
  return {
    path,
    async write(text) {
      if (failed) throw failed;
      if (!head.write(text)) await drained(head, ws);
      if (failed) throw failed;
    },
    async commit() {
      await close();
      if (failed) throw failed;
      renameSync(tmp, path);
      live.delete(tmp);
    },
    async abort() {
      await close();
      rmSync(tmp, { force: true });
      live.delete(tmp);
    },
  };
}

function streamSink(path: string, w: Writable): OutputSink {
  return {
    path,
    async write(text) {
      if (!w.write(text)) await drained(w);
    },
    async commit() {
      // stdout stays open; wait until what we wrote is handed to the OS.
      if (w.writableNeedDrain) await drained(w);
    },
    async abort() {},
  };
}
