// The page: fetch the bundled rubric and sample calls, score them here and in a worker.
import { scoreCalls } from './score-calls.js';

const RUBRIC_URL = '../../rubrics/callcenter-qc-7.zh-CN.json';
const CALLS_URL = '../data/calls.callcenter-qc-7.ndjson';

const [rubricJson, ndjson] = await Promise.all([
  fetch(RUBRIC_URL).then((r) => r.json()),
  fetch(CALLS_URL).then((r) => r.text()),
]);

const results = scoreCalls(rubricJson, ndjson);
const body = document.querySelector('#scores tbody');
for (const r of results) {
  const tr = document.createElement('tr');
  const cells = r.success
    ? [r.score.id, r.score.agentId, r.score.score, r.score.grade?.label ?? '', r.score.deductions.map((d) => `${d.itemId} ${d.points}`).join(', ')]
    : ['—', '—', '', 'rejected', r.issues.map((i) => i.message).join('; ')];
  cells.forEach((text, i) => {
    const td = document.createElement('td');
    td.textContent = String(text);
    if (i === 2) td.className = 'num';
    tr.append(td);
  });
  body.append(tr);
}
document.querySelector('#scores').hidden = false;
document.querySelector('#results').textContent = JSON.stringify(results);

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (event) => {
  document.querySelector('#worker-results').textContent = event.data;
  document.querySelector('#status').textContent = `Scored ${results.length} calls on the page and in a worker.`;
  worker.terminate();
};
worker.postMessage({ rubricJson, ndjson });
