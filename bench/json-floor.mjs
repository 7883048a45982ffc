// Copied verbatim (apart from this header) from ../shared/bench/json-floor.mjs, the
// script issue 15 measures `callqa score` against: it lives here because CI has no
// ../shared. It is the batch bench's baseline — the least any JSON pipeline in Node
// does per record (read, JSON.parse, write a compact result of about callqa's size),
// with no scoring and no worker threads. Keep it as it is: a faster callqa must not
// come from a slower floor.
// The JSON floor of batch scoring in Node: read NDJSON in 4 MB chunks, JSON.parse
// every line, write a compact per-record result of similar size to callqa's output.
// Usage: node ../shared/bench/json-floor.mjs in.ndjson out.ndjson
import { openSync, readSync, writeSync, closeSync } from 'node:fs';
const [inp, outp] = process.argv.slice(2);
const fd = openSync(inp, 'r'), out = openSync(outp, 'w');
const buf = Buffer.allocUnsafe(4 << 20);
let carry = Buffer.alloc(0), n = 0, pending = [];
for (;;) {
  const got = readSync(fd, buf, 0, buf.length, null);
  if (got === 0) break;
  const chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, got)]) : buf.subarray(0, got);
  let start = 0, nl;
  while ((nl = chunk.indexOf(10, start)) !== -1) {
    const r = JSON.parse(chunk.toString('utf8', start, nl));
    start = nl + 1;
    let s = 0; for (const k in r.answers) { const v = r.answers[k]; s += v === true ? 1 : typeof v === 'number' ? v : 0; }
    const t = r.transcript ? r.transcript.length : 0;
    pending.push(JSON.stringify({
      id: r.id, agentId: r.agentId, evaluatorId: r.evaluatorId, date: r.date,
      rubric: { id: 'callcenter-qc-7', version: '1.0.0' }, score: s, maxScore: 100, exactScore: `${s}/97`,
      grade: s > 30 ? 'good' : 'pass', failed: false, fatal: [], criticalScore: 100, nonCriticalScore: s / 3, bonus: 0,
      sections: { information: s / 3, voice: s / 7, language: s / 11, attitude: s / 13, understanding: s / 17, answering: s / 19, process: t },
      deductions: [],
    }));
    if (++n % 1000 === 0) { writeSync(out, pending.join('\n') + '\n'); pending = []; }
  }
  carry = Buffer.from(chunk.subarray(start));
}
if (pending.length) writeSync(out, pending.join('\n') + '\n');
closeSync(fd); closeSync(out);
process.stderr.write(`floor: ${n} records\n`);
