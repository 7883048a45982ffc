/**
 * Browser bundle sizes of typical imports, and their budgets: `npm run size`
 * prints them, test/package/size.test.ts fails when one is over. Each import is
 * bundled the way a web app's bundler would (esbuild, ESM, browser platform,
 * minified, tree-shaken, `callqa` resolved to the package's entry), then gzipped.
 */
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** A typical import and its gzip budget in bytes. */
export interface SizeCase {
  readonly name: string;
  readonly imports: readonly string[];
  readonly budget: number;
  readonly why: string;
}

/** The budgets (gzip bytes). */
export const SIZE_CASES: readonly SizeCase[] = [
  {
    name: 'score calls',
    imports: ['loadRubric', 'scoreCall'],
    budget: 50 * 1024,
    why: 'issue 12: a CRM web app scoring in the browser, Traditional→Simplified folding included',
  },
  {
    name: 'monthly assessment',
    imports: ['loadPlan', 'assessAgents', 'computeKpis'],
    budget: 60 * 1024,
    why: 'plans, KPIs, periods and time zones; mathjs only when the app passes it for formula plans',
  },
  {
    name: 'calibration',
    imports: ['calibrate', 'icc', 'krippendorffAlpha', 'cohenKappa', 'fleissKappa'],
    budget: 15 * 1024,
    why: 'the agreement statistics alone: pure functions, no schema library',
  },
];

/** A measured case. */
export interface SizeResult extends SizeCase {
  readonly minified: number;
  readonly gzip: number;
  /** Node built-ins the bundle tried to import (must be none). */
  readonly nodeImports: readonly string[];
}

/** A browser bundle of some source, and the Node built-ins its module graph reached. */
export interface Bundle {
  readonly code: Uint8Array;
  /** Node built-ins any module of the graph imports (with the importer), even if tree-shaking later drops it. */
  readonly nodeImports: readonly string[];
}

/**
 * Bundles `contents` (a module importing from `'callqa'`, resolved to the core's
 * entry) the way a web app's bundler would: browser platform, minified.
 *
 * @example
 * ```ts
 * const b = await bundle("export * from 'callqa';"); // b.nodeImports → []
 * ```
 */
export async function bundle(contents: string, options: { format?: 'esm' | 'iife'; globalName?: string } = {}): Promise<Bundle> {
  const nodeImports = new Set<string>();
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: options.format ?? 'esm',
    ...(options.globalName ? { globalName: options.globalName } : {}),
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    alias: { callqa: ENTRY },
    plugins: [
      {
        name: 'no-node-builtins',
        setup(b) {
          b.onResolve({ filter: NODE_BUILTIN }, (args) => {
            nodeImports.add(`${args.path} (from ${args.importer.replace(process.cwd() + '/', '')})`);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return { code: out.outputFiles[0]!.contents, nodeImports: [...nodeImports].sort() };
}

const NODE_BUILTIN = new RegExp(`^(node:.*|${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);

/**
 * Bundles one import set and measures it.
 *
 * @example
 * ```ts
 * const r = await measure(SIZE_CASES[0]!); // r.gzip <= r.budget
 * ```
 */
export async function measure(c: SizeCase): Promise<SizeResult> {
  const b = await bundle(`import { ${c.imports.join(', ')} } from 'callqa';\nglobalThis.__callqa = [${c.imports.join(', ')}];\n`);
  return { ...c, minified: b.code.length, gzip: gzipSync(b.code, { level: 9 }).length, nodeImports: b.nodeImports };
}

async function main(): Promise<void> {
  let over = false;
  console.log('| import | minified | gzip | budget (gzip) |\n|---|---|---|---|');
  for (const c of SIZE_CASES) {
    const r = await measure(c);
    const ok = r.gzip <= r.budget && r.nodeImports.length === 0;
    over ||= !ok;
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`| \`${c.imports.join(', ')}\` | ${kb(r.minified)} | ${kb(r.gzip)} | ${kb(c.budget)} ${ok ? '✅' : '❌'} |`);
    for (const n of r.nodeImports) console.log(`  node built-in imported: ${n}`);
  }
  if (over) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
