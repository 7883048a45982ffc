/**
 * `npm run demo`: scores the bundled sample calls with the bundled seven-section
 * seed rubric and prints each call's score, grade and breakdown; then assesses a
 * reproducible sample centre's month with the bundled seed plan.
 * `npm run demo -- en` prints English labels.
 */
import { readFileSync } from 'node:fs';
import { demoAssessment } from './demo-assessment.js';
import { formatCallScore, loadRubric, safeScoreCall, prettifyIssues, type Locale } from '../src/index.js';

const locale = (process.argv[2] as Locale | undefined) ?? 'zh-CN';
const rubric = loadRubric(JSON.parse(readFileSync(new URL('../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8')));
const lines = readFileSync(new URL('./data/calls.callcenter-qc-7.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);

console.log(`callqa demo — ${rubric.id}@${rubric.version}, ${lines.length} sample calls\n`);
lines.forEach((line, i) => {
  const res = safeScoreCall(rubric, JSON.parse(line));
  console.log('─'.repeat(72));
  if (res.success) console.log(formatCallScore(res.score, { rubric, locale }));
  else console.log(`line ${i + 1}: rejected\n${prettifyIssues(res.issues)}`);
});

console.log(`${'═'.repeat(72)}\n`);
console.log(demoAssessment(locale));
