/**
 * Monthly-assessment speed: `assessAgents` with the bundled seed plan on
 * 10,000 agents × 200 scored calls each (2 M calls, plus each agent's KPI
 * record), against a plain loop that only groups the same scores by agent and
 * averages them (floating point, no validation, no period check, no KPIs).
 * Target: within 2× of the plain loop.
 *
 * The calls are listed agent by agent, as exports often are; a second table
 * runs both on the same calls shuffled, where no input order helps either.
 *
 * Run alone: `npx tsx bench/assess.bench.ts` (prints Markdown). BENCH_SMOKE=1 runs a tiny input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessAgents, loadPlan, type CallInput } from '../src/assessment/index.js';
import { randomFor } from '../src/generate/index.js';
import { localDay } from '../src/periods/day-number.js';
import { ROOT, SMOKE, fmt, table, target } from './lib.js';

const AGENTS = SMOKE ? 50 : 10_000;
const CALLS_PER_AGENT = SMOKE ? 10 : 200;
const RUNS = SMOKE ? 2 : 7;

const plan = loadPlan(JSON.parse(readFileSync(join(ROOT, 'rubrics', 'monthly-assessment.zh-CN.json'), 'utf8')));

// A deterministic centre: published call scores (two decimals) spread over October.
const calls: CallInput[] = [];
const metrics: Record<string, Record<string, unknown>> = {};
for (let a = 0; a < AGENTS; a++) {
  const id = `A${String(a + 1).padStart(5, '0')}`;
  const r = randomFor(7, 9, a);
  for (let k = 0; k < CALLS_PER_AGENT; k++) {
    calls.push({ id: `${id}-${k}`, agentId: id, date: `2026-10-${String((k % 31) + 1).padStart(2, '0')}`, score: r.int(4000, 10000) / 100 });
  }
  const inbound = r.int(600, 1400);
  const handled = inbound - r.int(0, 100);
  metrics[id] = {
    dailyNotReadyMinutes: Array.from({ length: 31 }, () => r.int(0, 60)),
    missedCalls: inbound - handled,
    inboundCalls: inbound,
    handled,
    talkSeconds: handled * r.int(150, 320),
    holdSeconds: handled * r.int(5, 60),
    afterCallWorkSeconds: handled * r.int(20, 90),
    examScore: r.int(50, 100),
    upheldComplaints: r.chance(0.1) ? 1 : 0,
  };
}

// The same calls in a deterministic random order.
const shuffled = [...calls];
{
  const r = randomFor(7, 10, 0);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
}

function plainLoop(list: readonly CallInput[] = calls): Map<string, number> {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const c of list) {
    const s = acc.get(c.agentId);
    if (s) {
      s.sum += c.score;
      s.n++;
    } else acc.set(c.agentId, { sum: c.score, n: 1 });
  }
  const out = new Map<string, number>();
  for (const [k, s] of acc) out.set(k, s.sum / s.n);
  return out;
}

/**
 * The floor under any validating implementation: the plain loop plus only the
 * per-call checks the plan requires before a score may count (a record with
 * string agentId and date and a finite score; a real day inside the period;
 * an agent on the roster; a score on the 0–100 scale that sums exactly as
 * whole thousandths). No KPIs, components, totals, grades or ranking.
 */
/** The roster's running sums, made once (assessAgents builds its own roster inside its timing). */
const roster = new Map<string, { milli: number; n: number }>(Object.keys(metrics).map((id) => [id, { milli: 0, n: 0 }]));

/**
 * The floor under any validating implementation: the plain loop plus only the
 * per-call checks the plan requires before a score may count (a record with
 * string agentId and date and a finite score; a real day inside the period;
 * an agent on the roster; a score on the 0–100 scale that sums exactly as
 * whole thousandths). No KPIs, components, totals, grades or ranking.
 */
function validatedLoop(list: readonly CallInput[] = calls): Map<string, { milli: number; n: number }> {
  for (const s of roster.values()) s.milli = s.n = 0;
  let lastId = '';
  let last: { milli: number; n: number } | undefined;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as CallInput | null;
    if (typeof c !== 'object' || c === null) continue;
    const agentId = c.agentId;
    const date = c.date;
    const score = c.score;
    if (typeof agentId !== 'string' || typeof date !== 'string' || typeof score !== 'number' || !Number.isFinite(score)) continue;
    const day = localDay(date); // assessAgents' own date check
    if (day < 20261001 || day > 20261031) continue;
    if (agentId !== lastId) {
      lastId = agentId;
      last = roster.get(agentId);
    }
    if (last === undefined || score < 0 || score > 100) continue;
    const m = Math.round(score * 1000);
    if (m / 1000 !== score) continue;
    last.milli += m;
    last.n++;
  }
  return roster;
}

function assess(list: readonly CallInput[] = calls) {
  return assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls: list, metrics: metrics as never });
}

function time(fn: () => unknown): number {
  const ms: number[] = [];
  fn(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return ms[ms.length >> 1]!;
}

// Same answer first: every agent's QA mean equals the plain loop's average (to 2 decimals).
const check = assess();
const plain = plainLoop();
for (const a of check.agents) {
  const qa = a.components.find((c) => c.id === 'qa')!.raw!;
  if (Math.abs(qa - plain.get(a.agentId)!) > 0.005 + 1e-9) throw new Error(`QA mean of ${a.agentId}: ${qa} vs ${plain.get(a.agentId)}`);
}
if (check.usage.calls.used !== calls.length) throw new Error('not every call was used');

{
  const v = validatedLoop();
  for (const [k, x] of plain) if (Math.abs(x - v.get(k)!.milli / 1000 / v.get(k)!.n) > 1e-9) throw new Error(`validated loop disagrees for ${k}`);
}

const tPlain = time(() => plainLoop());
const tValidated = time(() => validatedLoop());
const tAssess = time(() => assess());
const ratio = tAssess / tPlain;
const tPlainShuffled = time(() => plainLoop(shuffled));
const tAssessShuffled = time(() => assess(shuffled));

console.log(`## Monthly assessment (assessAgents)

${fmt(AGENTS)} agents × ${CALLS_PER_AGENT} scored calls (${fmt(calls.length)} calls) and one KPI record per agent, bundled seed plan
(six components, pooled centre AHT, grades, quantile tiers, ranking, roll-ups). Median of ${RUNS} runs.

${table(
  ['task', 'time (ms)', 'calls/s', 'vs plain loop'],
  [
    ['plain loop: group scores by agent, average (float)', fmt(tPlain, 1), fmt((calls.length / tPlain) * 1000), '1.00×'],
    ['the plain loop + only the per-call checks a score needs before it counts', fmt(tValidated, 1), fmt((calls.length / tValidated) * 1000), `${fmt(tValidated / tPlain, 2)}×`],
    ['assessAgents (exact, validated, every component)', fmt(tAssess, 1), fmt((calls.length / tAssess) * 1000), `${fmt(ratio, 2)}×`],
  ],
)}

Target: within 2× of the plain loop — ${target(ratio <= 2)}${SMOKE ? ' (smoke run: tiny input, not meaningful)' : ''}.

The second row is a floor, not an implementation: checking each call (record shape, a real day in the period, an agent
on the roster, a score on the scale that sums exactly) already costs ${fmt(tValidated / tPlain, 2)}× the plain loop, which
leaves ${fmt(Math.max(0, 2 * tPlain - tValidated), 1)} ms under the target for everything per agent — six components from the
KPI records (${fmt(AGENTS)} agents: ${fmt(Math.max(0, 2 * tPlain - tValidated) * 1e6 / AGENTS, 0)} ns each), exact totals,
grades, ranking, tiers, roll-ups and the explanation of every point.

The same calls shuffled (no run of one agent's calls to help either side):

${table(
  ['task', 'time (ms)', 'calls/s', 'vs plain loop'],
  [
    ['plain loop, calls shuffled', fmt(tPlainShuffled, 1), fmt((calls.length / tPlainShuffled) * 1000), '1.00×'],
    ['assessAgents, calls shuffled', fmt(tAssessShuffled, 1), fmt((calls.length / tAssessShuffled) * 1000), `${fmt(tAssessShuffled / tPlainShuffled, 2)}×`],
  ],
)}
`);
