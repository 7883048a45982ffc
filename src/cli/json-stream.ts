/**
 * Writing large JSON and text output in parts, for the commands whose results
 * are too large to hold as one string (`assess --json`, `alerts`): the text of
 * `JSON.stringify(v, null, 2)` produced piece by piece ({@link jsonParts}),
 * and text chunks written in parts of about 64 k characters with back-pressure
 * ({@link writeChunks}). JSON never holds a raw newline inside a value, so a
 * nested value is indented by prefixing its lines.
 */
import { once } from 'node:events';

/** A nested value as `JSON.stringify(…, null, 2)` writes it at this indentation. */
const nested = (v: unknown, indent: string): string => JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`);

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Options of {@link jsonParts}. */
export interface JsonPartsOptions {
  /**
   * Set each array element to null once it is written, so that what it holds
   * can be collected while the rest is written (the caller gives up `v`).
   */
  readonly release?: boolean;
}

/**
 * `JSON.stringify(v, null, 2)` (indented by `indent`) in parts: objects and
 * arrays are opened and closed here and each array element is stringified on
 * its own, so a document with thousands of agents is never one string
 * (JSON.stringify's rules: a key whose value is undefined, a function or a
 * symbol is left out, such an element is null).
 *
 * @example
 * ```ts
 * [...jsonParts({ a: [1, 2] }, '')].join(''); // JSON.stringify({ a: [1, 2] }, null, 2)
 * ```
 */
export function* jsonParts(v: unknown, indent: string, options: JsonPartsOptions = {}): Generator<string> {
  if (!isContainer(v)) {
    yield JSON.stringify(v) ?? 'null';
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${inner}${skipped(v[i]) ? 'null' : nested(v[i], inner)}`;
      if (options.release === true) v[i] = null;
    }
    return yield `\n${indent}]`;
  }
  const keys = Object.keys(v).filter((k) => !skipped((v as Record<string, unknown>)[k]));
  if (keys.length === 0) return yield '{}';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    yield `${i === 0 ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
    yield* jsonParts((v as Record<string, unknown>)[k], inner, options);
  }
  yield `\n${indent}}`;
}

/** Text is written in parts of about this many characters. */
const PART = 1 << 16;

/** Where {@link writeChunks} writes: a promise when it must wait (back-pressure). */
export interface TextWriter {
  write(text: string): Promise<void> | void;
}

/**
 * Writes chunks in parts of about 64 k characters (small: at 500,000 records,
 * 1 MB parts made through `openOutput('-')` raised `alerts`' peak RSS by
 * ~110 MB against 64 k parts written straight to stdout), waiting when `out` asks.
 *
 * @example
 * ```ts
 * await writeChunks(jsonParts(doc, ''), streamWriter(process.stdout));
 * ```
 */
export async function writeChunks(chunks: Iterable<string>, out: TextWriter): Promise<void> {
  let part: string[] = [];
  let size = 0;
  for (const c of chunks) {
    if (size > 0 && size + c.length > PART) {
      await out.write(part.join(''));
      part = [];
      size = 0;
    }
    part.push(c);
    size += c.length;
  }
  if (size > 0) await out.write(part.join(''));
}

/**
 * A stream as a {@link TextWriter}: waits for 'drain' when the stream's buffer
 * is full. On stdout a write error (EPIPE, a full disk) is handled by the
 * CLI's `quietOnClosedPipe` handler, as for every command.
 *
 * @example
 * ```ts
 * await writeChunks(alertsText(outline, table, head), streamWriter(process.stdout));
 * ```
 */
export function streamWriter(out: NodeJS.WritableStream): TextWriter {
  return { write: (text) => (out.write(text) ? undefined : once(out as NodeJS.EventEmitter, 'drain').then(() => undefined)) };
}
