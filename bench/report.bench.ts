/**
 * Monthly report size and speed: `renderReport` on a 2,000-agent month (10
 * evaluated calls each, 20,000 calls, generated and scored once before timing),
 * in zh-CN. Targets: under 5 s and under 20 MB of HTML. The charts draw at most
 * 24 agents' trends and 40 agents' heat-map rows (the data tables have all
 * 2,000), so the size grows with the tables, not with the charts.
 *
 * Run alone: `npx tsx bench/report.bench.ts` (prints Markdown). BENCH_SMOKE=1 runs 50 agents.
 */
import { sampleMonth } from '../examples/sample-centre.js';
import { loadPlan } from '../src/assessment/index.js';
import { renderReport } from '../src/report/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SMOKE, fmt, rubricA, table, target } from './lib.js';

const AGENTS = SMOKE ? 50 : 2000;
const RUNS = SMOKE ? 1 : 3;

const { rubric } = rubricA();
const plan = loadPlan(JSON.parse(readFileSync(join(ROOT, 'rubrics', 'monthly-assessment.zh-CN.json'), 'utf8')));
const t0 = performance.now();
const month = sampleMonth(rubric, '2026-10', 7, AGENTS, AGENTS * 10);
const prepare = (performance.now() - t0) / 1000;
const input = { rubric, plan, period: '2026-10', timeZone: 'Asia/Shanghai', calls: month.calls, metrics: month.metrics, team: month.team };

// Wall time and this process's CPU time: on a shared machine the wall time includes waiting for a core.
const times: number[] = [];
const cpu: number[] = [];
let html = '';
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  html = renderReport(input, { locale: 'zh-CN' });
  const used = process.cpuUsage(c);
  times.push((performance.now() - t) / 1000);
  cpu.push((used.user + used.system) / 1e6);
}
const cpuMedian = [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)] ?? 0;
const load = (await import('node:os')).loadavg()[0] ?? 0;
const best = Math.min(...times);
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? best;
const mb = Buffer.byteLength(html, 'utf8') / 1024 / 1024;

const out: string[] = [];
out.push('## Monthly report (renderReport)');
out.push('');
out.push(
  `${fmt(AGENTS)} agents, ${fmt(month.calls.length)} scored calls (generated and scored in ${fmt(prepare, 1)} s before timing), zh-CN, ${RUNS} runs. ` +
    'Each run assesses the month, analyses the problems, draws the charts and writes the page.',
);
out.push('');
out.push(table(['measure', 'value'], [
  ['render time, best', `${fmt(best, 2)} s`],
  ['render time, median', `${fmt(median, 2)} s`],
  ['CPU time of the render, median', `${fmt(cpuMedian, 2)} s`],
  ['load average (1 min) at the end', fmt(load, 1)],
  ['HTML size', `${fmt(mb, 2)} MB`],
]));
out.push('');
out.push(table(['target', 'measured', 'result'], [
  ['render < 5 s (wall, median)', `${fmt(median, 2)} s`, target(median < 5)],
  ['render < 5 s (CPU, median)', `${fmt(cpuMedian, 2)} s`, target(cpuMedian < 5)],
  ['HTML < 20 MB', `${fmt(mb, 2)} MB`, target(mb < 20)],
]));
console.log(out.join('\n'));
