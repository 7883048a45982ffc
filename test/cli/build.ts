/**
 * Building the CLI for the tests (shared by the globalSetup and by the test
 * helpers, which build on demand when the globalSetup is not configured).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the tests' build goes. */
export const CLI_DIST = join(ROOT, '.tmp', 'cli-dist');
/** The built CLI: the bin as shipped (tsup.config.ts, `binBuild`). */
export const CLI = join(CLI_DIST, 'callqa.cjs');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether .tmp/cli-dist is older than any source file, the build's options or the installed packages. */
export function cliIsStale(): boolean {
  const stamp = join(CLI_DIST, '.built');
  if (!existsSync(stamp) || !existsSync(CLI)) return true;
  // The bin inlines its dependencies: a new install rebuilds it too.
  const inputs = ['tsup.config.ts', 'package.json', 'package-lock.json'].map((f) => statSync(join(ROOT, f)).mtimeMs);
  return statSync(stamp).mtimeMs < Math.max(newestMtime(join(ROOT, 'src')), ...inputs);
}

/**
 * Builds the bin and its worker with tsup into .tmp/cli-dist, exactly as
 * `npm run build` builds dist/bin (one shared `binBuild`), unless up to date.
 * A lock directory keeps parallel test files from building at once.
 */
export async function buildCli(): Promise<void> {
  if (!cliIsStale()) return;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const lock = join(ROOT, '.tmp', 'cli-dist.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 1200) rmSync(lock, { recursive: true, force: true }); // a stale lock (a killed run)
      await new Promise((r) => setTimeout(r, 100));
      if (!cliIsStale()) return;
    }
  }
  try {
    if (!cliIsStale()) return;
    const { build } = await import('tsup');
    const { binBuild } = await import('../../tsup.config.js');
    await build(binBuild(CLI_DIST, ROOT));
    writeFileSync(join(CLI_DIST, '.built'), new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
