import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * The `callqa` command and its worker thread, as shipped (dist/bin/) and as the
 * tests and benches run it (.tmp/cli-dist/): one CommonJS file each, with the
 * dependencies it imports inlined (zod, commander, date-fns, csv-parse …).
 * Why: a run reaches its command ~0.1 s sooner and each worker thread loads sooner
 * than from one file per module, because Node's ESM loader resolves, reads and
 * links every file and package of the graph before running any of it, and
 * CommonJS needs no linking (docs/batch.md, "The command as one file"). mathjs
 * and cli-progress stay packages, loaded on first use (a formula, a progress bar).
 *
 * @example
 * ```ts
 * await build(binBuild('.tmp/cli-dist', ROOT)); // .tmp/cli-dist/callqa.cjs and worker.cjs
 * ```
 */
export function binBuild(outDir: string, root = '.'): Options {
  return {
    config: false,
    entry: { callqa: join(root, 'src/cli/main.ts'), worker: join(root, 'src/batch/worker.ts') },
    format: ['cjs'],
    outDir,
    platform: 'node',
    target: 'node20',
    noExternal: [/./],
    splitting: false,
    shims: true, // import.meta.url where the node edge locates files
    sourcemap: false,
    clean: true,
    silent: true,
  };
}

// Three builds of the same sources:
// - ESM, one file per module (`bundle: false`), so a web app's bundler drops every
//   module it does not reach — `sideEffects: false` is true file by file, as in
//   date-fns — and `callqa/node` and its worker share the core's files.
// - CJS for `require`, bundled per entry with shared chunks (`splitting`), so
//   `callqa` and `callqa/node` hold one copy of each class (RubricError, Ratio…).
// - The bin (binBuild above).
// Types are rolled up once per entry from the ESM build and copied for CJS.
export default defineConfig([
  {
    entry: ['src/**/*.ts', '!src/cli/**', '!src/**/*.test.ts', '!src/**/fixtures.ts'],
    format: ['esm'],
    bundle: false,
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    sourcemap: false,
    target: 'es2022',
    clean: false, // `npm run build` empties dist/ once before all builds
  },
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts', worker: 'src/batch/worker.ts' },
    format: ['cjs'],
    splitting: true,
    shims: true, // import.meta.url where the node edge locates files (CJS only: Node)
    sourcemap: false,
    target: 'node20',
    clean: false,
  },
  { ...binBuild('dist/bin'), clean: false, silent: false },
]);
