/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so that one
 * bench's JIT state and garbage do not skew the next) and writes
 * bench/RESULTS.md with the machine's details. BENCH_SMOKE=1 runs them on tiny
 * inputs and writes nothing (the test suite does that so they never rot).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT, SMOKE, fmt } from './lib.js';

const only = process.argv.slice(2);
const files = readdirSync(join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const started = new Date();
const sections: string[] = [];
const load0 = loadavg();
let failed = 0;
for (const f of files) {
  const t0 = performance.now();
  process.stderr.write(`bench: ${f} …\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', f)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const secs = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    failed++;
    sections.push(`## ${f}\n\nFailed (exit ${r.status}).`);
  } else sections.push(`${r.stdout.trim()}\n\n_${f}: ${fmt(secs, 1)} s._`);
  process.stderr.write(`bench: ${f} done in ${fmt(secs, 1)} s\n`);
}
const load1 = loadavg();

const cpu = cpus();
const machine = [
  `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} logical cores`,
  `- RAM: ${fmt(totalmem() / 1024 ** 3, 1)} GB`,
  `- Node ${process.version} on ${process.platform}/${process.arch}`,
  `- Date: ${started.toISOString()}`,
  `- Load average (1 min) before / after: ${fmt(load0[0] ?? 0, 2)} / ${fmt(load1[0] ?? 0, 2)} — other processes running on the machine make the numbers noisier.`,
];
const md = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts); every number below comes from that run.

${machine.join('\n')}

${sections.join('\n\n')}
`;
if (SMOKE) process.stdout.write(md);
else writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
if (failed > 0) process.exitCode = 1;
