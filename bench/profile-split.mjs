// Where a profiled run's time goes: reads a .cpuprofile (from `node --cpu-prof`,
// one per thread, workers included) and prints the functions with the most self
// time, then the inclusive time of each function named on the command line
// (a sample counts once for a name if any frame of its stack has that name).
// Used for the split in docs/batch.md ("Speed"):
//   node --cpu-prof --cpu-prof-dir=prof dist/bin/callqa.cjs score -r rubric.json calls.ndjson -o out.ndjson --workers 1 -q
//   node bench/profile-split.mjs prof/<the worker's file> safeScoreCall compactLine decode '(garbage collector)'
import { readFileSync } from 'node:fs';

const [file, ...names] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-split.mjs <file.cpuprofile> [function name …]\n');
  process.exit(2);
}
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// Time per sampled node: each sample lasts until the next (timeDeltas are µs).
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %`;
const where = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;

const self = new Map();
for (const [id, t] of dt) {
  const k = where(byId.get(id));
  self.set(k, (self.get(k) ?? 0) + t);
}
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms(t)}  ${k}`);
for (const name of names) {
  let inc = 0;
  for (const [id, t] of dt) {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      if (byId.get(cur).callFrame.functionName === name) {
        inc += t;
        break;
      }
    }
  }
  console.log(`${ms(inc)}  inclusive: ${name}`);
}
