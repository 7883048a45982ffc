import { defineConfig } from 'tsup';

// Two builds of the same sources:
// - ESM, one file per module (`bundle: false`), so a web app's bundler drops every
//   module it does not reach — `sideEffects: false` is true file by file, as in
//   date-fns — and `callqa/node`, the bin and the worker share the core's files.
// - CJS for `require`, bundled per entry with shared chunks (`splitting`), so
//   `callqa` and `callqa/node` hold one copy of each class (RubricError, Ratio…).
// Types are rolled up once per entry from the ESM build and copied for CJS.
export default defineConfig([
  {
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/fixtures.ts'],
    format: ['esm'],
    bundle: false,
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    sourcemap: false,
    target: 'es2022',
    clean: false, // `npm run build` empties dist/ once before both builds
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
]);
