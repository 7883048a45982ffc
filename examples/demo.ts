/**
 * `npm run demo`: scores the bundled sample calls with the bundled seven-section
 * seed rubric and prints each call's score, grade and breakdown; then assesses a
 * reproducible sample centre's month with the bundled seed plan; then writes
 * that centre's monthly QA report (one HTML file, open it in any browser) and
 * prints its path. `npm run demo -- en` prints English labels and an English report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { demoAssessment } from './demo-assessment.js';
import { sampleCentre } from './sample-centre.js';
import { formatCallScore, loadRubric, safeScoreCall, prettifyIssues, type Locale } from '../src/index.js';
import { renderReport } from '../src/report/index.js';

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

// The report is zh-CN or en; the other locales get the English one.
const reportLocale = locale === 'zh-CN' || locale === 'zh-TW' ? 'zh-CN' : 'en';
const dir = fileURLToPath(new URL('../.tmp/demo/', import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}qa-report.${reportLocale}.html`;
writeFileSync(file, renderReport(sampleCentre(), { locale: reportLocale, centre: reportLocale === 'en' ? 'Sample centre' : '示例中心' }));
console.log(`\n${reportLocale === 'en' ? 'Monthly QA report written to' : '质检月报已写入'} ${file}`);
