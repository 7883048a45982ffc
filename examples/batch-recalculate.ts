/**
 * A batch recalculation script for operations staff: re-score an NDJSON file of
 * evaluations with a (new) rubric, line by line, keeping every rejected record.
 * (The `callqa score` command does this with progress, CSV and workers.)
 *
 *   npx tsx examples/batch-recalculate.ts rubrics/callcenter-qc-7.zh-CN.json examples/data/calls.callcenter-qc-7.ndjson out.ndjson
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
// In an application: `from 'callqa/node'`.
import { loadRubricFile, safeScoreCall } from '../src/node.js';

/** What a run did: read = written + rejected, always. */
export interface RecalcSummary {
  read: number;
  written: number;
  rejected: number;
}

/** Re-scores `input` (NDJSON) into `output` (NDJSON); rejected lines go to `output`.errors. */
export async function recalculate(rubricPath: string, input: string, output: string): Promise<RecalcSummary> {
  const rubric = loadRubricFile(rubricPath); // a RubricError lists every problem of the file
  const out = createWriteStream(output);
  const errors = createWriteStream(`${output}.errors`);
  const summary: RecalcSummary = { read: 0, written: 0, rejected: 0 };
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    summary.read++;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      summary.rejected++;
      errors.write(`${JSON.stringify({ line, issues: [{ code: 'invalid_json', path: [], message: 'not JSON' }] })}\n`);
      continue;
    }
    const res = safeScoreCall(rubric, record);
    if (res.success) {
      summary.written++;
      const { id, agentId, date, score, grade, failed } = res.score;
      if (!out.write(`${JSON.stringify({ id, agentId, date, score, grade: grade?.id ?? null, failed })}\n`)) await once(out, 'drain');
    } else {
      summary.rejected++;
      errors.write(`${JSON.stringify({ line, issues: res.issues })}\n`);
    }
  }
  await Promise.all([new Promise((r) => out.end(r)), new Promise((r) => errors.end(r))]);
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rubricPath, input, output] = process.argv.slice(2);
  if (!rubricPath || !input || !output) {
    console.error('usage: batch-recalculate <rubric.json> <in.ndjson> <out.ndjson>');
    process.exit(2);
  }
  void recalculate(rubricPath, input, output).then((s) => console.log(JSON.stringify(s)));
}
