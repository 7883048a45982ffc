/**
 * The layers of the package (issue 12): the pure core (`src/index.ts` and every
 * folder it reaches) never imports the Node edge (`src/node.ts`, `src/batch/`,
 * `src/files/`) nor the CLI (`src/cli/`); the Node edge never imports the CLI;
 * the CLI stands on the Node edge (`src/cli/main.ts` runs the Node set-up that
 * `src/node.ts` runs: mathjs for formula plans, the phrase prefilter — and loads
 * each command, dynamically, only when asked for). The same import walk as the cycle test.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph } from './imports.js';

const graph = importGraph(fileURLToPath(new URL('../../src', import.meta.url)));
const isEdge = (f: string) => f === 'node.ts' || f.startsWith('batch/') || f.startsWith('files/');
const isCli = (f: string) => f.startsWith('cli/');
const isTest = (f: string) => f.endsWith('.test.ts');

/** Every file reachable from `from` through imports. */
function reach(from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...(graph.get(f) ?? []));
  }
  return seen;
}

describe('layers', () => {
  it('the core entry reaches no file of the Node edge or the CLI', () => {
    const core = reach('index.ts');
    expect(core.size).toBeGreaterThan(50);
    expect([...core].filter((f) => isEdge(f) || isCli(f))).toEqual([]);
  });

  it('no core file imports the Node edge or the CLI, and the Node edge does not import the CLI', () => {
    const bad: string[] = [];
    for (const [file, deps] of graph) {
      if (isTest(file) || isCli(file)) continue;
      for (const d of deps) {
        if (isCli(d) || (!isEdge(file) && isEdge(d) && d !== 'node.ts')) bad.push(`${file} → ${d}`);
        if (!isEdge(file) && d === 'node.ts') bad.push(`${file} → ${d}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the CLI stands on the Node edge', () => {
    expect(graph.get('cli/main.ts')).toContain('files/node-setup.ts');
    expect(graph.get('node.ts')).toContain('files/node-setup.ts');
    // Every command is reachable from the CLI (through its dynamic imports).
    expect([...reach('cli/main.ts')].filter((f) => f.startsWith('cli/commands/') && !isTest(f)).length).toBeGreaterThanOrEqual(11);
  });
});
