/**
 * The behaviour reference of the assessment engine (issue 13, deliverable 4):
 * results of `assessAgents` on the seed plan, the English plan and 2,000
 * random centres, serialised as JSON and hashed (sha256). The digests were
 * taken before the engine was restructured and are committed in
 * fixtures/behaviour-digests.json; behaviour.test.ts recomputes them.
 *
 * Centres come from the library's own seeded generator (randomFor), so the
 * inputs are the same on every machine and every version of fast-check.
 * Centre i uses plan i mod PLANS.length (the bundled plans and variants that
 * take the other branches: team/constant/mean references, strict comparisons,
 * other gate operators, fractional deductions, short samples renormalised or
 * zeroed, formulas, band tiers), and one in four centres carries damaged
 * records (missing, negative or impossible metrics, unknown agents, off-scale
 * calls, agents without a team, calls outside the period).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assessAgents, loadPlan, type AssessInput, type CallInput, type Plan } from '../../src/assessment/index.js';
import { randomFor, type Random } from '../../src/generate/index.js';

const json = (f: string): any => JSON.parse(readFileSync(new URL(`../../rubrics/${f}`, import.meta.url), 'utf8'));

function variant(file: string, f: (c: any) => void, top?: (p: any) => void): Plan {
  const p = json(file);
  p.components.forEach(f);
  top?.(p);
  return loadPlan(p);
}

const lowGrade = (p: any): void => void (p.grades[p.grades.length - 1].range = '[-40, 60)');

/** The plans the random centres cycle through. */
export const PLANS: readonly (readonly [string, () => Plan])[] = [
  ['seed', () => loadPlan(json('monthly-assessment.zh-CN.json'))],
  ['us-eu', () => loadPlan(json('monthly-assessment.us-eu.en.json'))],
  ['team reference', () => variant('monthly-assessment.zh-CN.json', (c) => c.type === 'comparison' && (c.reference.scope = 'team'))],
  ['strict constant, gate >', () => variant('monthly-assessment.zh-CN.json', (c) => { if (c.type === 'comparison') { c.strict = true; c.reference = { constant: 280 }; } if (c.type === 'gate') c.zeroWhen.op = '>'; })],
  ['mean reference, gate !=', () => variant('monthly-assessment.zh-CN.json', (c) => { if (c.type === 'comparison') c.reference.aggregate = 'mean'; if (c.type === 'gate') Object.assign(c.zeroWhen, { op: '!=', value: 0 }); })],
  ['fractional deduction', () => variant('monthly-assessment.zh-CN.json', (c) => { if (c.type === 'deduction') Object.assign(c, { perOccurrence: 1.5, floor: 0.5 }); })],
  ['renormalised', () => variant('monthly-assessment.zh-CN.json', (c) => { if (c.type === 'qa') Object.assign(c, { minCalls: 3, insufficient: 'renormalise' }); }, lowGrade)],
  ['zeroed', () => variant('monthly-assessment.zh-CN.json', (c) => { if (c.type === 'qa') Object.assign(c, { minCalls: 3, insufficient: 'zero' }); }, lowGrade)],
  ['us-eu quantile tiers, half-even 0 decimals', () => variant('monthly-assessment.us-eu.en.json', () => {}, (p) => {
    p.tiers = { by: 'quantile', tiers: [{ id: 'a', label: 'a', share: 30 }, { id: 'b', label: 'b', share: 70 }] };
    p.rounding = { decimals: 0, mode: 'half-even' };
  })],
  ['seed band tiers, mean team reference', () => variant('monthly-assessment.zh-CN.json', (c) => { if (c.type === 'comparison') c.reference = { scope: 'team', aggregate: 'mean' }; }, (p) => {
    p.tiers = { by: 'band', tiers: [{ id: 'hi', label: 'hi', range: '[85, 100]' }, { id: 'lo', label: 'lo', range: '[-10, 85)' }] };
    p.ranking = { tieBreak: [{ metric: 'aht', order: 'asc' }, { component: 'exam' }] };
  })],
];

const pad = (n: number): string => String(n).padStart(2, '0');

/** One agent's raw month: metrics for the seed plan's and the English plan's fields, and `k` scored calls. */
function agent(r: Random, id: string, k: number, calls: CallInput[]): Record<string, unknown> {
  const inbound = r.int(1, 2000);
  const handled = r.int(1, 1500);
  const scheduled = r.int(1, 200000);
  const eligible = r.int(1, 1000);
  const shifts = r.int(1, 23);
  const m: Record<string, unknown> = {
    dailyNotReadyMinutes: Array.from({ length: r.int(0, 31) }, () => r.int(0, 90)),
    missedCalls: Math.floor((inbound * r.int(0, 100)) / 100),
    inboundCalls: inbound,
    handled,
    talkSeconds: handled * r.int(60, 900),
    afterCallWorkSeconds: r.int(0, 20000),
    examScore: r.int(0, 1000) / 10,
    upheldComplaints: r.int(0, 3) === 0 ? 1 : 0,
    adherentSeconds: Math.floor((scheduled * r.int(0, 100)) / 100),
    scheduledSeconds: scheduled,
    resolvedFirstContact: Math.floor((eligible * r.int(0, 100)) / 100),
    resolutionEligible: eligible,
    shiftsPresent: Math.floor((shifts * r.int(0, 100)) / 100),
    shiftsScheduled: shifts,
  };
  if (r.chance(0.5)) m.holdSeconds = r.int(0, 5000);
  for (let c = 0; c < k; c++) calls.push({ id: `${id}-${c}`, agentId: id, date: `2026-10-${pad(r.int(1, 31))}`, score: r.int(0, 10000) / 100 });
  return m;
}

/** One random centre of 1–6 agents with 0–8 calls each, damaged as above when asked. */
export function centre(r: Random, damaged: boolean): AssessInput {
  const n = r.int(1, 6);
  const metrics: Record<string, Record<string, unknown>> = {};
  const team: Record<string, string> = {};
  const calls: CallInput[] = [];
  for (let i = 0; i < n; i++) {
    const id = `A${i}`;
    team[id] = `T${r.int(0, 2)}`;
    metrics[id] = agent(r, id, r.int(0, 8), calls);
  }
  if (damaged) {
    const m = metrics.A0!;
    switch (r.int(0, 7)) {
      case 0: delete m.examScore; break;
      case 1: m.missedCalls = -1; break;
      case 2: m.handled = 0; break;
      case 3: calls.push({ agentId: 'ZZ', date: '2026-10-02', score: 50 }, { agentId: 'A0', date: '2026-10-02', score: 150 }); break;
      case 4: delete team.A0; break;
      case 5: m.missedCalls = (m.inboundCalls as number) + 1; break;
      case 6: calls.push({ agentId: 'A0', date: '2026-11-01', score: 70 }, { agentId: 'A0', date: 'not a date', score: 70 }); break;
      default: m.dailyNotReadyMinutes = [31, 'x', -5]; break;
    }
  }
  return { period: '2026-10', timeZone: 'Asia/Shanghai', metrics: metrics as never, calls, team };
}

/** The result, or the error, as one string. */
export function outcome(plan: Plan, input: AssessInput): string {
  try {
    return JSON.stringify(assessAgents(plan, input));
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** A larger fixed centre: 300 agents × 20 calls in seven teams. */
export function bigCentre(): AssessInput {
  const calls: CallInput[] = [];
  const metrics: Record<string, Record<string, unknown>> = {};
  const team: Record<string, string> = {};
  for (let a = 0; a < 300; a++) {
    const id = `A${String(a + 1).padStart(5, '0')}`;
    team[id] = `T${a % 7}`;
    metrics[id] = agent(randomFor(13, 1, a), id, 20, calls);
  }
  return { period: '2026-10', timeZone: 'Asia/Shanghai', metrics: metrics as never, calls, team };
}

const sha = (parts: Iterable<string>): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\n');
  return h.digest('hex');
};

/** The plans, loaded once (the English plan's formula loads mathjs: seconds on a busy machine). */
export function loadPlans(): Plan[] {
  return PLANS.map(([, f]) => f());
}

/** The digest of the seed plan (`which` 0) or the English plan (1) on the big centre. */
export function planDigest(plans: readonly Plan[], which: 0 | 1): string {
  return sha([outcome(plans[which]!, bigCentre())]);
}

/** The digest of random centres [from, to): the 2,000 are hashed in chunks of {@link CHUNK}, one test each. */
export function centresDigest(plans: readonly Plan[], from: number, to: number): string {
  function* random(): Generator<string> {
    for (let i = from; i < to; i++) yield outcome(plans[i % plans.length]!, centre(randomFor(2026, 13, i), i % 4 === 3));
  }
  return sha(random());
}

/** Centres per digest. */
export const CHUNK = 500;
/** Random centres in all. */
export const CENTRES = 2000;
