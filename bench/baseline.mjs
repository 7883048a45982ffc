// The older batch baseline, kept in the bench for comparison: read NDJSON,
// JSON.parse each line, JSON.stringify the whole record back (transcript
// included), write it out. It writes far more than callqa's compact output, so
// it is no lower bound: the bench's baseline is the JSON floor (json-floor.mjs).
// Usage: node bench/baseline.mjs <in.ndjson> <out.ndjson>
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';

const [input, output] = process.argv.slice(2);
const out = createWriteStream(output);
const dec = new StringDecoder('utf8');
let rest = '';
let n = 0;
let buf = '';
for await (const chunk of createReadStream(input, { highWaterMark: 256 * 1024 })) {
  const text = rest + dec.write(chunk);
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    const line = text.slice(start, nl);
    start = nl + 1;
    if (line.trim() === '') continue;
    buf += JSON.stringify(JSON.parse(line)) + '\n';
    if (++n % 1000 === 0) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  rest = text.slice(start);
}
if (rest.trim() !== '') {
  buf += JSON.stringify(JSON.parse(rest)) + '\n';
  n++;
}
out.end(buf);
await once(out, 'close');
process.stderr.write(`baseline: ${n} records\n`);
