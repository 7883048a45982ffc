/**
 * No import circle anywhere in src/ (issue 13): a circle means two files that
 * cannot be read, changed or loaded one without the other. The walk is
 * imports.ts (regex over import/export specifiers, Tarjan's SCC); madge
 * (installed) finds the same circles but takes seconds on this machine, so
 * it is not run here — `npx madge --circular --extensions ts src` checks by hand.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, specifiers } from './imports.js';

describe('the import walk', () => {
  it('reads every form of import, type-only included, and no commented one', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/index.js';",
      "export * from './c.js';",
      "export { d, type D } from './d.js';",
      "import './side-effect.js';",
      "const m = await import('./lazy.js');",
      "import { z } from 'zod';",
      '/** @example import { x } from "./not-this.js" */',
      "// import { y } from './nor-this.js';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a.js', '../b/index.js', './c.js', './d.js', './side-effect.js', './lazy.js']);
  });

  it('finds a circle when there is one, and none in a chain', () => {
    // a → b → c → a is one circle; d → e is not; f imports itself.
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', ['e.ts']],
      ['e.ts', []],
      ['f.ts', ['f.ts']],
    ]);
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts'], ['f.ts', 'f.ts']]);
    expect(cycles(new Map([['x.ts', ['y.ts']], ['y.ts', []]]))).toEqual([]);
  });
});

describe('src/', () => {
  const graph = importGraph(fileURLToPath(new URL('../../src', import.meta.url)));

  it('is walked whole (every folder, the entry point)', () => {
    expect(graph.has('index.ts')).toBe(true);
    expect(graph.get('assessment/assess.ts')).toContain('assessment/score.ts');
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no import circle', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});
