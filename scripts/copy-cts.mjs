// The CJS entries' type declarations: the rolled-up .d.ts of each entry, copied
// as .d.cts (same declarations; TypeScript reads .d.cts for `require`).
import { copyFileSync } from 'node:fs';
for (const entry of ['index', 'node']) copyFileSync(`dist/${entry}.d.ts`, `dist/${entry}.d.cts`);
