/**
 * Shared CLI plumbing: exit codes, typed usage errors, reading rubric files
 * with compiler-style messages, signal cleanup and the progress bar.
 */
import { readJsonFile } from '../files/json-file.js';
import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';
import { CallqaError, formatPath, type Issue } from '../issues/issues.js';
import type { Rubric } from '../rubric/compiled.js';
import { safeLoadRubric } from '../rubric/load.js';
import { OutputError, removeTempFilesSync } from '../batch/atomic.js';
import type { BatchProgress, RejectedRecord } from '../batch/types.js';

/**
 * Exit codes, documented in every command's --help.
 *
 * @example
 * ```ts
 * process.exitCode = summary.rejected > 0 ? EXIT.rejected : EXIT.ok;
 * ```
 */
export const EXIT = { ok: 0, rejected: 1, usage: 2, interrupted: 130 } as const;

/**
 * The --help epilogue.
 *
 * @example
 * ```ts
 * command.addHelpText('after', EXIT_HELP);
 * ```
 */
export const EXIT_HELP = `
Exit codes:
  0    all good
  1    some records were rejected (see --errors)
  2    usage error, unreadable input, or an invalid rubric
  130  interrupted (SIGINT/SIGTERM); no partial output is left behind`;

/**
 * An error that ends the command with a message and exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--workers must be a positive integer');
 * ```
 */
export class UsageError extends Error {
  readonly lines: readonly string[];
  constructor(message: string, lines: readonly string[] = []) {
    super(message);
    this.name = 'UsageError';
    this.lines = lines;
  }
}

/**
 * One issue as a compiler prints it: `file: path: message (code)`.
 *
 * @example
 * ```ts
 * issueLine('r.json', { code: 'required', path: ['id'], message: 'id is required' }); // 'r.json: id: id is required (required)'
 * ```
 */
export function issueLine(file: string, i: Issue): string {
  return `${file}: ${formatPath(i.path)}: ${i.message} (${i.code})`;
}

/**
 * Loads rubric files, or throws a {@link UsageError} listing every issue of every file.
 *
 * @example
 * ```ts
 * const [rubric] = loadRubricFiles(['rubrics/callcenter-qc-7.zh-CN.json']);
 * ```
 */
export function loadRubricFiles(files: readonly string[]): { rubric: Rubric; json: unknown; file: string }[] {
  const out: { rubric: Rubric; json: unknown; file: string }[] = [];
  const lines: string[] = [];
  for (const file of files) {
    const r = readJsonFile(file);
    if ('issues' in r) {
      for (const i of r.issues) lines.push(r.where ? `${file}:${r.where}: ${i.message} (${i.code})` : issueLine(file, i));
      continue;
    }
    const loaded = safeLoadRubric(r.json);
    if (!loaded.success) for (const i of loaded.issues) lines.push(issueLine(file, i));
    else out.push({ rubric: loaded.rubric, json: r.json, file });
  }
  if (lines.length > 0) throw new UsageError(`invalid rubric${files.length > 1 ? 's' : ''}`, lines);
  return out;
}

/**
 * Turns a callqa error into a usage error (exit 2) with one line per issue.
 *
 * @example
 * ```ts
 * try { … } catch (e) { throw asUsageError(e, '--fields'); }
 * ```
 */
export function asUsageError(e: unknown, what: string): unknown {
  if (e instanceof CallqaError) return new UsageError(what, e.issues.map((i) => issueLine(what, i)));
  return e;
}

/**
 * Removes temp outputs and exits 130 on SIGINT/SIGTERM (and hides the progress bar first).
 *
 * @example
 * ```ts
 * const off = onInterrupt(() => bar.stop());
 * ```
 */
export function onInterrupt(before: () => void = () => undefined): () => void {
  const handler = (): void => {
    before();
    removeTempFilesSync();
    process.stderr.write('\ncallqa: interrupted; partial output removed\n');
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/**
 * Failures of stdout. `callqa score … | head` closes stdout early: stop
 * quietly (exit 0) instead of reporting EPIPE as an internal error. Any other
 * failure (`> file` on a full disk: ENOSPC) is one line,
 * `callqa: cannot write output: <reason>`, and exit 2. Either way temp files
 * are removed, as for any run that does not finish.
 *
 * @example
 * ```ts
 * quietOnClosedPipe(); // once, at startup
 * ```
 */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    removeTempFilesSync();
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    process.stderr.write(`callqa: ${new OutputError('-', e).message}\n`);
    process.exit(EXIT.usage);
  });
}

/**
 * A progress display on stderr: a bar with records/s, rejected and ETA when
 * the input size is known, a counter otherwise; nothing when stderr is not a
 * TTY or when quiet.
 *
 * @example
 * ```ts
 * const p = progressBar(!opts.quiet);
 * await scoreFile({ …, onProgress: p.update });
 * p.stop();
 * ```
 */
export function progressBar(enabled: boolean): { update: (p: BatchProgress) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | null = null;
  const started = Date.now();
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (bar !== null && now - last < 100) return;
      last = now;
      const rate = Math.round((p.read * 1000) / Math.max(1, now - started));
      const payload = { records: p.read.toLocaleString('en'), rate: rate.toLocaleString('en'), rejected: p.rejected.toLocaleString('en') };
      if (bar === null) {
        const known = p.bytesTotal !== null && p.bytesTotal > 0;
        // Loaded only when a bar is drawn (a terminal, no --quiet): a script's runs never pay for it.
        const progress = createRequire(import.meta.url)('cli-progress') as typeof cliProgress;
        bar = new progress.SingleBar(
          {
            stream: process.stderr,
            format: known
              ? '{bar} {percentage}% | {records} records | {rate}/s | rejected {rejected} | ETA {eta_formatted}'
              : '{records} records | {rate}/s | rejected {rejected}',
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 50,
          },
          progress.Presets.shades_classic,
        );
        bar.start(known ? (p.bytesTotal as number) : 1, 0, payload);
      }
      bar.update(p.bytesTotal !== null ? p.bytesRead : 0, payload);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/**
 * A rejected record as one stderr line per issue: `line 12 (c-7): answers.x: … (code)`.
 *
 * @example
 * ```ts
 * rejectionLines({ ok: false, line: 3, issues: [{ code: 'invalid_json', path: [], message: 'bad' }] });
 * ```
 */
export function rejectionLines(r: RejectedRecord, input: string): string[] {
  const where = `${input}:${r.line}${r.id !== undefined ? ` (${r.id})` : ''}`;
  return r.issues.map((i) => issueLine(where, i));
}

/**
 * Rejected records as a command reports them on stderr, without holding them
 * all: each distinct reason (code and message) is printed once, at its first
 * record, with how many records share it; at most `max` lines of detail.
 * Reading 261 records that are all the wrong kind gives two lines, not 261.
 *
 * @example
 * ```ts
 * const log = new RejectionLog();
 * await readScored(input, { …, onRejected: log.add }, visit);
 * log.report(input, opts.quiet); // sets exit code 1 when any
 * ```
 */
export class RejectionLog {
  /** Rejected records so far. */
  count = 0;
  private readonly groups = new Map<string, { first: string; n: number }>();
  private readonly order: string[] = [];
  private dropped = 0;
  constructor(private readonly input: string, private readonly max = 20) {}
  /** Takes one rejected record (bound: pass it around as a callback). */
  readonly add = (r: RejectedRecord): void => {
    this.count++;
    for (const l of rejectionLines(r, this.input).map((line, k) => ({ line, i: r.issues[k] as Issue }))) {
      const key = `${l.i.code}\u0000${formatPath(l.i.path)}\u0000${l.i.message}`;
      const g = this.groups.get(key);
      if (g) g.n++;
      else if (this.groups.size < this.max) {
        this.groups.set(key, { first: l.line, n: 1 });
        this.order.push(key);
      } else this.dropped++;
    }
  };
  /** The stderr lines: each reason once, with its count. */
  lines(): string[] {
    const out: string[] = [];
    for (const key of this.order) {
      const g = this.groups.get(key) as { first: string; n: number };
      out.push(g.n === 1 ? g.first : `${g.first} — and ${(g.n - 1).toLocaleString('en')} more record(s) for the same reason`);
    }
    if (this.dropped > 0) out.push(`… and ${this.dropped.toLocaleString('en')} more rejection(s) for other reasons`);
    if (this.count > 1) out.push(`${this.input}: ${this.count.toLocaleString('en')} record(s) rejected`);
    return out;
  }
  /** Prints {@link lines} (unless quiet) and sets exit code 1 when anything was rejected. */
  report(quiet = false): void {
    if (this.count === 0) return;
    if (!quiet) for (const l of this.lines()) process.stderr.write(`${l}\n`);
    process.exitCode = EXIT.rejected;
  }
}

/**
 * Parses a positive integer option.
 *
 * @example
 * ```ts
 * positiveInt('--workers')('4'); // 4
 * ```
 */
export function positiveInt(name: string, min = 1): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, got "${v}"`);
    return n;
  };
}

/**
 * Collects repeated options (`--rubric a --rubric b`).
 *
 * @example
 * ```ts
 * program.option('--rubric <file>', 'rubric', collect, []);
 * ```
 */
export function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}
