/**
 * Reading an input more than once, for the commands that stream in a few
 * passes (`sample`, `calibrate`): a file is read again from disk; stdin is
 * first copied to a temporary file (removed afterwards, and on an
 * interrupt). Each pass goes through the one reader ({@link readRecords}) and
 * shows `score`'s progress bar (percentage of the file's bytes, records/s,
 * rejected, ETA; none with --quiet or off a TTY).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RejectedRecord } from '../batch/types.js';
import { type RecordUnit, readRecords } from './records.js';
import { onInterrupt, progressBar } from './util.js';

/**
 * An input that can be read several times.
 *
 * @example
 * ```ts
 * const src = await rereadable('-');
 * try { await src.pass((u) => …); await src.pass((u) => …); } finally { src.dispose(); }
 * ```
 */
export interface Rereadable {
  /** One pass over every record; returns the records rejected by the reader or by `visit`. */
  pass(visit: (unit: RecordUnit) => RejectedRecord | void): Promise<RejectedRecord[]>;
  /** Removes the copy of stdin, if one was made. */
  dispose(): void;
}

/**
 * Opens `input` (a path, or `-` for stdin) for several passes.
 *
 * @param input - the file, or `-`
 * @param format - auto, ndjson, csv or json
 * @param progress - show a progress bar on stderr during each pass
 *
 * @example
 * ```ts
 * const src = await rereadable('calls.ndjson.gz', 'auto', !opts.quiet);
 * ```
 */
export async function rereadable(input: string, format: string, progress: boolean): Promise<Rereadable> {
  let path = input;
  let dir: string | null = null;
  const dispose = (): void => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
  };
  const off = onInterrupt(dispose);
  if (input === '-') {
    dir = mkdtempSync(join(tmpdir(), 'callqa-stdin-'));
    path = join(dir, 'stdin');
    await pipeline(process.stdin, createWriteStream(path));
  }
  return {
    async pass(visit) {
      const bar = progressBar(progress);
      try {
        return await readRecords(path, format, visit, { onProgress: bar.update });
      } finally {
        bar.stop();
      }
    },
    dispose() {
      dispose();
      off();
    },
  };
}
