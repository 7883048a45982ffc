/**
 * Output that is either complete or absent: written to a temp file in the
 * target's directory (same file system, so the final rename is atomic) and
 * renamed on success. An interrupted run leaves no truncated file behind.
 *
 * Temp files are named `.<name>.callqa-<host>-<pid>-<n>.tmp` (host: 8 hex
 * digits of a hash of the host name). A run killed outright (`kill -9`, power
 * loss) cannot remove its own, so every run that opens an output removes,
 * in that folder, the callqa temp files of this host whose process is no
 * longer alive (`kill(pid, 0)` fails with ESRCH). Another host's files are
 * never touched (its pids mean nothing here), nor those of live processes.
 *
 * A target that exists and is not a regular file (a device such as
 * /dev/null, a FIFO) is written directly: there is nothing to rename over.
 * Every failure to open, write or rename is an {@link OutputError} naming
 * the path the caller gave (`-`: standard output) and the reason.
 */
import { createWriteStream, openSync, readdirSync, renameSync, rmSync, statSync, type Stats, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { CallqaError } from '../issues/issues.js';
import type { OutputIssueCode } from './issue-codes.js';

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
 * An output could not be opened, written or put in place. `message` is one
 * line: `cannot write <path>: <reason>` (`cannot write output: …` for stdout).
 *
 * @example
 * ```ts
 * try { await scoreFile(o); } catch (e) { if (e instanceof OutputError) console.error(`callqa: ${e.message}`); }
 * ```
 */
export class OutputError extends CallqaError<OutputIssueCode> {
  /** The path as the caller gave it (`-` for stdout). */
  readonly target: string;
  /** Why, in words (`no space left on device`). */
  readonly reason: string;

  constructor(target: string, cause: unknown) {
    const reason = reasonOf(target, cause);
    super(`cannot write ${target === '-' ? 'output' : target}`, [{ code: 'output_failed', path: [], message: reason }]);
    this.name = 'OutputError';
    this.message = `cannot write ${target === '-' ? 'output' : target}: ${reason}`;
    this.target = target;
    this.reason = reason;
  }
}

/** The system's words for an I/O error (`ENOSPC: no space left on device, write` → `no space left on device`). */
function reasonOf(target: string, e: unknown): string {
  if (e instanceof OutputError) return e.reason;
  const err = e as NodeJS.ErrnoException;
  const folder = dirname(target);
  if (err.code === 'ENOENT' && err.syscall === 'open') return `the folder ${folder} does not exist`;
  if (err.code === 'ENOTDIR') return `${folder} is not a folder`;
  const m = /^E[A-Z]+: ([^,]+)/.exec(err.message ?? '');
  return m?.[1] ?? err.message ?? String(e);
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
  /** Flushes and closes: every write has reached the file (or failed, with an {@link OutputError}). */
  finish(): Promise<void>;
  /** Renames the finished temp file into place. */
  publish(): void;
  /** {@link finish}, then {@link publish}. */
  commit(): Promise<void>;
  /** Closes and deletes the temp file. */
  abort(): Promise<void>;
}

let counter = 0;

/** FNV-1a of the host name: which host's pids a temp file's name holds. */
function hostTag(): string {
  let h = 0x811c9dc5;
  for (const ch of hostname()) h = Math.imul(h ^ (ch.codePointAt(0) as number), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
const HOST = hostTag();
const TEMP_RE = /^\..+\.callqa-([0-9a-f]{8})-(\d+)-\d+\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Removes the temp files that runs on this host left in `dir` when they were
 * killed (their process is gone); returns the names removed.
 *
 * @example
 * ```ts
 * removeStaleTempFiles('out'); // ['.scores.ndjson.callqa-1a2b3c4d-4242-0.tmp']
 * ```
 */
export function removeStaleTempFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // opening the output will say what is wrong with the folder
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || m[1] !== HOST) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Not ours to insist on (permissions): it stays, as before.
    }
  }
  return removed;
}

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

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Opens an output: `-` is stdout (never closed), a device or FIFO is written
 * directly, anything else is a temp file renamed on {@link OutputSink.commit};
 * `gzip` compresses what is written. Throws {@link OutputError} when the
 * file cannot be created (missing or read-only folder, a folder in the way).
 *
 * @example
 * ```ts
 * const sink = openOutput('-');
 * ```
 */
export function openOutput(path: string, options: { readonly gzip?: boolean } = {}): OutputSink {
  if (path === '-') return streamSink('-', process.stdout);
  const st = statOrNull(path);
  if (st?.isDirectory()) throw new OutputError(path, new Error('EISDIR: it is a folder'));
  const direct = st !== null && !st.isFile();
  let tmp: string | null = null;
  let fd: number;
  try {
    if (direct) fd = openSync(path, 'w');
    else {
      removeStaleTempFiles(dirname(path));
      tmp = join(dirname(path), `.${basename(path)}.callqa-${HOST}-${process.pid}-${counter++}.tmp`);
      fd = openSync(tmp, 'wx');
      live.add(tmp);
    }
  } catch (e) {
    throw new OutputError(path, e);
  }
  const ws: WriteStream = createWriteStream(tmp ?? path, { fd });
  let failed: Error | null = null;
  ws.on('error', (e) => (failed ??= e));
  // With gzip, text goes through the compressor, whose buffer gives the back-pressure.
  const gz = options.gzip ? createGzip() : null;
  if (gz) {
    gz.on('error', (e) => (failed ??= e));
    gz.pipe(ws);
  }
  const head: Writable = gz ?? ws;
  const close = async (): Promise<void> => {
    if (!ws.closed) {
      if (!ws.destroyed) head.end();
      await Promise.race([once(ws, 'close'), once(ws, 'error')]).catch(() => undefined);
      if (!ws.closed) ws.destroy();
    }
  };
  const remove = (): void => {
    if (tmp === null) return;
    rmSync(tmp, { force: true });
    live.delete(tmp);
  };
  let finished = false;
  const sink: OutputSink = {
    path,
    async write(text) {
      if (failed) throw new OutputError(path, failed);
      try {
        if (!head.write(text)) await drained(head, ws);
      } catch (e) {
        failed ??= e as Error;
      }
      if (failed) throw new OutputError(path, failed);
    },
    async finish() {
      await close();
      if (failed) throw new OutputError(path, failed);
      finished = true;
    },
    publish() {
      if (!finished) throw new OutputError(path, new Error('the output was not finished'));
      if (tmp === null) return;
      try {
        renameSync(tmp, path);
      } catch (e) {
        throw new OutputError(path, e);
      }
      live.delete(tmp);
    },
    async commit() {
      await sink.finish();
      sink.publish();
    },
    async abort() {
      await close();
      remove();
    },
  };
  return sink;
}

/**
 * Finishes every sink, then renames them all into place: when any of them
 * cannot be written (a full disk, a failing errors file), none is published
 * and every temp file is removed, so no output is left as if the run had
 * succeeded.
 *
 * @example
 * ```ts
 * await commitAll([scores, errors, summary]);
 * ```
 */
export async function commitAll(sinks: readonly OutputSink[]): Promise<void> {
  try {
    for (const s of sinks) await s.finish();
    for (const s of sinks) s.publish();
  } catch (e) {
    await Promise.all(sinks.map((s) => s.abort()));
    throw e;
  }
}

function streamSink(path: string, w: Writable): OutputSink {
  let failed: Error | null = null;
  const onError = (e: Error): void => void (failed ??= e);
  // Ours until the sink is done: an error of a write (a full disk) must not be thrown at nobody.
  w.on('error', onError);
  let last: Promise<void> = Promise.resolve();
  const done = async (): Promise<void> => {
    await last;
    w.off('error', onError);
  };
  const sink: OutputSink = {
    path,
    async write(text) {
      if (failed) throw new OutputError(path, failed);
      let ok = true;
      // The callback of the last write says when everything written has reached the OS (or failed).
      last = new Promise((resolve) => {
        ok = w.write(text, (err) => {
          if (err) failed ??= err;
          resolve();
        });
      });
      if (!ok) await drained(w).catch((e: Error) => void (failed ??= e));
      if (failed) throw new OutputError(path, failed);
    },
    async finish() {
      await done();
      if (failed) throw new OutputError(path, failed);
    },
    publish() {},
    commit: () => sink.finish(),
    async abort() {
      await done();
    },
  };
  return sink;
}
