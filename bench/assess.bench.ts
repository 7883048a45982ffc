/**
 * Monthly-assessment speed: `assessAgents` with the bundled seed plan on
 * 10,000 agents × 200 scored calls each (2 M calls, plus each agent's KPI
 * record), against a plain loop that only groups the same scores by agent and
 * averages them (floating point, no validation, no period check, no KPIs).
 * Target (issue 13): within 2× of the hand-written reference below.
 *
 * Two references run beside them: the plain loop plus only the per-call checks
 * (a floor under any validating implementation), and the plan written out by
 * hand, as lean as it goes, without explanations (checked to agree with
 * assessAgents). A last row reads every agent's components after assessAgents:
 * components are written out when first read, so that row is what a full
 * export of the explanations costs.
 *
 * The calls are listed agent by agent, as exports often are; a second table
 * runs every row on the same calls shuffled, where no input order helps.
 *
 * Run alone: `npx tsx bench/assess.bench.ts` (prints Markdown). BENCH_SMOKE=1 runs a tiny input;
 * BENCH_RUNS=n sets the number of interleaved rounds (default 7).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessAgents, loadPlan, type CallInput } from '../src/assessment/index.js';
import { randomFor } from '../src/generate/index.js';
import { localDay } from '../src/periods/day-number.js';
import { ROOT, SMOKE, fmt, table, target } from './lib.js';

const AGENTS = SMOKE ? 50 : 10_000;
const CALLS_PER_AGENT = SMOKE ? 10 : 200;
// BENCH_RUNS overrides the number of rounds (e.g. fewer on a busy machine); every row still runs in each round.
const RUNS = SMOKE ? 2 : Number(process.env['BENCH_RUNS'] ?? 7);

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

/** One agent as the hand-written reference leaves it: numbers only, no text. */
interface HandAgent {
  agentId: string;
  /** The agent's position in `ids`, where its component points are. */
  index: number;
  total: number;
  grade: string;
  rank: number;
  tier: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isDuration = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The five component tables of the seed plan other than qa, in the order handWritten writes them. */
const HAND_COMPONENTS = ['notReady', 'missed', 'aht', 'satisfaction', 'exam'] as const;

/**
 * A reference, not an implementation: the bundled seed plan written out by
 * hand for this one plan, as lean as it goes. The same per-call checks as the
 * floor, the same field checks on the KPI records, exact totals (integers),
 * the seed's tables, the pooled centre AHT, grades, ranking with the plan's
 * tie-breaks, quantile tiers and the centre's mean. Every figure is kept in
 * typed arrays and nothing is allocated per agent but its result object: no
 * explanations, exact fractions, audit records or other plans. Checked below
 * to give every agent the same points, total, grade, rank and tier as
 * assessAgents.
 */
function handWritten(list: readonly CallInput[] = calls): { agents: HandAgent[]; points: Float64Array[]; mean: number; used: number; excluded: number[] } {
  const ids = Object.keys(metrics).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = ids.length;
  const index = new Map<string, number>();
  for (let a = 0; a < n; a++) index.set(ids[a]!, a);
  const milli = new Float64Array(n);
  const count = new Int32Array(n);
  const excluded: number[] = [];
  let used = 0;
  let lastId = '';
  let last = -1;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as CallInput | null;
    if (typeof c !== 'object' || c === null) {
      excluded.push(i);
      continue;
    }
    const agentId = c.agentId;
    const date = c.date;
    const score = c.score;
    if (typeof agentId !== 'string' || typeof date !== 'string' || typeof score !== 'number' || !Number.isFinite(score)) {
      excluded.push(i);
      continue;
    }
    const day = localDay(date);
    if (day < 20261001 || day > 20261031) {
      excluded.push(i);
      continue;
    }
    if (agentId !== lastId) {
      lastId = agentId;
      last = index.get(agentId) ?? -1;
    }
    const m = Math.round(score * 1000);
    if (last < 0 || score < 0 || score > 100 || m / 1000 !== score) {
      excluded.push(i);
      continue;
    }
    milli[last]! += m;
    count[last]!++;
    used++;
  }
  // KPIs: checked fields, exact integers. Centre AHT pooled over every agent with data.
  const ok = new Uint8Array(n);
  const points = HAND_COMPONENTS.map(() => new Float64Array(n));
  const [notReadyPts, missedPts, ahtPts, satisfactionPts, examPts] = points as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const handleMs = new Float64Array(n);
  const handledOf = new Float64Array(n);
  const missed = new Float64Array(n);
  const inbound = new Float64Array(n);
  let poolMs = 0;
  let poolHandled = 0;
  for (let a = 0; a < n; a++) {
    const r = metrics[ids[a]!]!;
    const days = r.dailyNotReadyMinutes;
    const { missedCalls, inboundCalls, handled, talkSeconds, holdSeconds, afterCallWorkSeconds, examScore, upheldComplaints } = r;
    if (!Array.isArray(days) || !isCount(missedCalls) || !isCount(inboundCalls) || missedCalls > inboundCalls || inboundCalls === 0) continue;
    if (!isCount(handled) || handled === 0 || !isDuration(talkSeconds) || !isDuration(holdSeconds) || !isDuration(afterCallWorkSeconds)) continue;
    if (typeof examScore !== 'number' || !(examScore >= 0 && examScore <= 100) || !isCount(upheldComplaints)) continue;
    let notReady = 0;
    let good = true;
    for (let j = 0; j < days.length; j++) {
      const v: unknown = days[j];
      if (!isDuration(v)) good = false;
      else if (v > 30) notReady++;
    }
    if (!good) continue;
    const ms = Math.round((talkSeconds + holdSeconds + afterCallWorkSeconds) * 1000);
    poolMs += ms;
    poolHandled += handled;
    handleMs[a] = ms;
    handledOf[a] = handled;
    const m100 = missedCalls * 100; // missed rate = m100 / inbound percent
    const e = examScore;
    notReadyPts[a] = notReady >= 8 ? -10 : notReady >= 6 ? 0 : Math.max(0, 10 - 2 * notReady);
    missedPts[a] = m100 <= 5 * inboundCalls ? 5 : m100 <= 10 * inboundCalls ? 4 : m100 <= 20 * inboundCalls ? 2 : m100 <= 30 * inboundCalls ? 1 : 0;
    satisfactionPts[a] = upheldComplaints >= 1 ? 0 : 5;
    examPts[a] = e >= 90 ? 5 : e >= 80 ? 4 : e >= 75 ? 3 : e >= 66 ? 2 : e >= 60 ? 1 : 0;
    missed[a] = missedCalls;
    inbound[a] = inboundCalls;
    ok[a] = 1;
  }
  const key = new Float64Array(n);
  const ranked: number[] = [];
  for (let a = 0; a < n; a++) {
    if (ok[a] === 0 || count[a]! < 5) continue; // no KPIs, or too few evaluated calls: incomplete
    ahtPts[a] = handleMs[a]! * poolHandled <= poolMs * handledOf[a]! ? 5 : 0; // lower is better, equal scores
    // total = milli / (1000 n) × 70/100 + the other points; × 100, rounded half-up: (2X + D) / 2D.
    const others = notReadyPts[a]! + missedPts[a]! + ahtPts[a]! + satisfactionPts[a]! + examPts[a]!;
    const x = milli[a]! * 7 + others * 10_000 * count[a]!; // total × 100 = x / (100 n)
    const d = 100 * count[a]!;
    key[a] = x >= 0 ? Math.floor((2 * x + d) / (2 * d)) : -Math.floor((-2 * x + d) / (2 * d));
    ranked.push(a);
  }
  // Rank: total, then qa points (higher first), then missed rate (lower first), then id (ids are sorted: the index).
  ranked.sort((a, b) => key[b]! - key[a]! || milli[b]! * count[a]! - milli[a]! * count[b]! || missed[a]! * inbound[b]! - missed[b]! * inbound[a]! || a - b);
  const m = ranked.length;
  let sum = 0;
  const agents = new Array<HandAgent>(m);
  for (let r = 0; r < m; r++) {
    const a = ranked[r]!;
    const k = key[a]!;
    const rank = r + 1;
    sum += k;
    agents[r] = {
      agentId: ids[a]!,
      index: a,
      total: k / 100,
      grade: k >= 9000 ? 'A' : k >= 8000 ? 'B' : k >= 7000 ? 'C' : k >= 6000 ? 'D' : 'E',
      rank,
      tier: rank * 100 <= 20 * m ? 'T1' : rank * 100 <= 80 * m ? 'T2' : 'T3',
    };
  }
  return { agents, points, mean: m === 0 ? 0 : Math.round(sum / m) / 100, used, excluded };
}

function assess(list: readonly CallInput[] = calls) {
  return assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls: list, metrics: metrics as never });
}

/**
 * assessAgents, then every agent's components read: what a caller pays who
 * writes out every explanation (a full JSON export does), since components
 * are written out when first read.
 */
function assessAndExplain(list: readonly CallInput[] = calls): number {
  const r = assess(list);
  let chars = 0;
  for (const a of r.agents) for (const c of a.components) chars += c.reason.length;
  return chars;
}

/**
 * Median times of several tasks, measured in interleaved rounds (each task once
 * per round), so that all see the heap in the same states and share whatever
 * collections the rounds need.
 */
function times(fns: readonly (() => unknown)[]): number[] {
  const ms: number[][] = fns.map(() => []);
  for (const fn of fns) fn(); // warm-up
  for (let r = 0; r < RUNS; r++) {
    fns.forEach((fn, k) => {
      const t = performance.now();
      fn();
      ms[k]!.push(performance.now() - t);
    });
  }
  return ms.map((m) => m.sort((a, b) => a - b)[m.length >> 1]!);
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
  // The hand-written reference gives every agent the same points, total, grade, rank and tier.
  const h = handWritten();
  if (h.agents.length !== check.agents.filter((a) => a.rank !== null).length) throw new Error('hand-written: not the same agents ranked');
  for (const a of h.agents) {
    const b = check.agents[a.rank - 1]!;
    if (b.agentId !== a.agentId || b.total !== a.total || b.grade?.id !== a.grade || b.tier?.id !== a.tier) {
      throw new Error(`hand-written disagrees at rank ${a.rank}: ${JSON.stringify([a.agentId, a.total, a.grade, a.tier])} vs ${JSON.stringify([b.agentId, b.total, b.grade?.id, b.tier?.id])}`);
    }
    HAND_COMPONENTS.forEach((id, k) => {
      if (b.components.find((x) => x.id === id)!.points !== h.points[k]![a.index]) throw new Error(`hand-written ${a.agentId} ${id}: points differ`);
    });
  }
  if (h.used !== check.usage.calls.used) throw new Error('hand-written: calls used differ');
}

{
  const v = validatedLoop();
  for (const [k, x] of plain) if (Math.abs(x - v.get(k)!.milli / 1000 / v.get(k)!.n) > 1e-9) throw new Error(`validated loop disagrees for ${k}`);
}

const [tPlain, tValidated, tHand, tAssess, tExplain] = times([() => plainLoop(), () => validatedLoop(), () => handWritten(), () => assess(), () => assessAndExplain()]) as [number, number, number, number, number];
const ratio = tAssess / tPlain;
const handRatio = tAssess / tHand;
const [tPlainShuffled, tValidatedShuffled, tHandShuffled, tAssessShuffled] = times([
  () => plainLoop(shuffled),
  () => validatedLoop(shuffled),
  () => handWritten(shuffled),
  () => assess(shuffled),
]) as [number, number, number, number];

console.log(`## Monthly assessment (assessAgents)

${fmt(AGENTS)} agents × ${CALLS_PER_AGENT} scored calls (${fmt(calls.length)} calls) and one KPI record per agent, bundled seed plan
(six components, pooled centre AHT, grades, quantile tiers, ranking, roll-ups). Median of ${RUNS} interleaved rounds.

${table(
  ['task', 'time (ms)', 'calls/s', 'vs plain loop'],
  [
    ['plain loop: group scores by agent, average (float)', fmt(tPlain, 1), fmt((calls.length / tPlain) * 1000), '1.00×'],
    ['the plain loop + only the per-call checks a score needs before it counts', fmt(tValidated, 1), fmt((calls.length / tValidated) * 1000), `${fmt(tValidated / tPlain, 2)}×`],
    ['hand-written for this one plan, lean: the same checks, points, totals, grades, ranks and tiers in typed arrays, no explanations', fmt(tHand, 1), fmt((calls.length / tHand) * 1000), `${fmt(tHand / tPlain, 2)}×`],
    ['assessAgents (exact, validated, every component)', fmt(tAssess, 1), fmt((calls.length / tAssess) * 1000), `${fmt(ratio, 2)}×`],
    ['assessAgents, then every agent\'s components read (every reason written out)', fmt(tExplain, 1), fmt((calls.length / tExplain) * 1000), `${fmt(tExplain / tPlain, 2)}×`],
  ],
)}

Target: assessAgents within 2× of the hand-written reference (row three) — ${fmt(handRatio, 2)}×, ${target(handRatio <= 2)}${SMOKE ? ' (smoke run: tiny input, not meaningful)' : ''}.

Rows two and three are references, not implementations. The second is the plain loop plus only the checks a call needs
before its score may count (record shape, a real day in the period, an agent on the roster, a score on the scale that sums
exactly): ${fmt(tValidated / tPlain, 2)}× the plain loop, a floor under any implementation that checks its input. The third is
this one plan written out by hand, as lean as it goes — the same checks on calls and KPI records, exact totals, the seed's
tables, the pooled centre AHT, grades, ranks with the plan's tie-breaks and quantile tiers, checked to agree with
assessAgents for every agent — with every figure in typed arrays, one object per agent and none of the explanations, exact
fractions, audit records or other plans: ${fmt(tHand / tPlain, 2)}× the plain loop, what this plan costs when only the ranked
numbers are kept. assessAgents computes every figure of every agent (exact components, contributions, totals, grades,
ranks, tiers, roll-ups, the record of what was used); each agent's components, with their one-line reasons and exact
fractions, are written out when first read, and the last row reads all of them. assessAgents is ${fmt(tAssess / tHand, 2)}× the
hand-written loop; what it spends beyond the floor (${fmt((tAssess - tValidated) / tPlain, 2)}× the plain loop) is the per-agent
work for 10,000 agents.
All rows run in interleaved rounds; the loops are memory-bound, and how
the garbage collector happened to lay out the ${fmt(calls.length)} call objects moves every row (the plain loop's time varies by half
between processes on one machine), so compare ratios within one run.

The same calls shuffled (no run of one agent's calls to help any row). Each call is then a cache miss, and a check
must also read the call's date, which the plain loop never touches: the checks alone cost
${fmt(tValidatedShuffled / tPlainShuffled, 2)}× the plain loop.

${table(
  ['task', 'time (ms)', 'calls/s', 'vs plain loop'],
  [
    ['plain loop, calls shuffled', fmt(tPlainShuffled, 1), fmt((calls.length / tPlainShuffled) * 1000), '1.00×'],
    ['the plain loop + only the per-call checks, shuffled', fmt(tValidatedShuffled, 1), fmt((calls.length / tValidatedShuffled) * 1000), `${fmt(tValidatedShuffled / tPlainShuffled, 2)}×`],
    ['hand-written for this one plan, shuffled', fmt(tHandShuffled, 1), fmt((calls.length / tHandShuffled) * 1000), `${fmt(tHandShuffled / tPlainShuffled, 2)}×`],
    ['assessAgents, calls shuffled', fmt(tAssessShuffled, 1), fmt((calls.length / tAssessShuffled) * 1000), `${fmt(tAssessShuffled / tPlainShuffled, 2)}×`],
  ],
)}
`);
