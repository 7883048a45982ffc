/**
 * A walk of src/'s import graph, for the architecture tests: every relative
 * `import … from`, `export … from`, side-effect `import '…'` and dynamic
 * `import('…')` of every non-test .ts file, type-only imports included (a
 * circle of types is still a circle for a reader). Specifiers ending in .js
 * resolve to the .ts file, or to a folder's index.ts. Cycles are found with
 * Tarjan's strongly connected components (linear in files + imports), and one
 * concrete circle is reported per component.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers a source text imports. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  // Comments may quote import lines (TSDoc examples): drop them first.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(SPECIFIER)) {
    const s = m[1] ?? m[2]!;
    if (s.startsWith('.')) out.push(s);
  }
  return out;
}

function walk(dir: string, files: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, files);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) files.push(p);
  }
}

/** The import graph of a source folder: file (relative to the folder) → files it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const files: string[] = [];
  walk(root, files);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const s of specifiers(readFileSync(f, 'utf8'))) {
      const base = resolve(dirname(f), s.replace(/\.js$/, ''));
      const target = [`${base}.ts`, join(base, 'index.ts')].find((c) => known.has(c));
      if (target) deps.push(relative(root, target));
    }
    graph.set(relative(root, f), [...new Set(deps)].sort());
  }
  return graph;
}

/** Every import circle, one per strongly connected component: the files in order, the first repeated at the end. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    const self = (graph.get(v) ?? []).includes(v);
    if (scc.length > 1 || self) out.push(circleIn(graph, new Set(scc), v));
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return out;
}

/** One concrete circle through `start` inside a strongly connected component (breadth-first, so the shortest). */
function circleIn(graph: ReadonlyMap<string, readonly string[]>, scc: ReadonlySet<string>, start: string): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph.get(v) ?? []) {
      if (!scc.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
        return [...path, start];
      }
      if (!prev.has(w) && w !== start) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
