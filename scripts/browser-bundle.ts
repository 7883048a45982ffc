/**
 * The browser build of callqa's core: one ES module, minified, every dependency
 * inside, no Node built-in (the bundle fails if the core's graph reaches one).
 * Used by the browser test and by `npm run example:browser`, which writes it
 * beside examples/browser/index.html and serves that folder on localhost.
 */
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles src/index.ts for browsers into `outfile` (ESM, minified).
 *
 * @example
 * ```ts
 * await buildBrowserBundle('examples/browser/callqa.js');
 * ```
 */
export async function buildBrowserBundle(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'src/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'error',
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
};

async function main(): Promise<void> {
  await buildBrowserBundle(join(ROOT, 'examples/browser/callqa.js'));
  const port = Number(process.env.PORT ?? 5173);
  createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(ROOT, path === '/' ? 'examples/browser/index.html' : path);
    if (!file.startsWith(ROOT)) return void res.writeHead(403).end();
    try {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  }).listen(port, '127.0.0.1', () => console.log(`open http://127.0.0.1:${port}/examples/browser/index.html`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
