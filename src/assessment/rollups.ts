/**
 * Team and centre roll-ups: per group of agents, how many were assessed, the
 * mean (exact, rounded once), median, minimum and maximum of their totals,
 * and how many have each grade and tier. The movement summary (PDCA check:
 * of last period's lowest tier, how many moved up) is here too.
 */
import { Ratio } from '../exact/rational.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import { exactOrder, meanRounded, type Figures } from './figures.js';
import type { Plan } from './load.js';
import type { Roster } from './roster.js';
import type { GradeRef } from './score.js';
import type { AgentAssessment, AssessmentResult, RollUp } from './types.js';

/** What a roll-up reads: every agent's total, rounded total, grade and tier. */
export interface Standing {
  readonly plan: Plan;
  readonly fig: Figures;
  readonly totals: readonly (Ratio | null)[];
  readonly roundeds: readonly (Ratio | null)[];
  readonly grades: readonly (GradeRef | null)[];
  readonly tierOf: Int32Array;
}

/**
 * The roll-up of one group of agents.
 *
 * @example
 * ```ts
 * rollUp(standing, 'centre', [0, 1, 2]).mean; // 82.41
 * ```
 */
export function rollUp(s: Standing, id: string, members: readonly number[]): RollUp {
  const { plan, fig, totals, roundeds, grades, tierOf } = s;
  const tierDefs = plan.tiers?.tiers ?? [];
  const gradeCounts: Record<string, number> = {};
  for (const g of plan.grades) gradeCounts[g.id] = 0;
  const tierCounts: Record<string, number> = {};
  for (const t of tierDefs) tierCounts[t.id] = 0;
  const xs: Ratio[] = [];
  for (const a of members) {
    const total = totals[a]!;
    if (total !== null) xs.push(total);
    if (roundeds[a] === null) continue;
    const g = grades[a];
    if (g) gradeCounts[g.id] = (gradeCounts[g.id] ?? 0) + 1;
    const ti = tierOf[a]!;
    if (ti >= 0) tierCounts[tierDefs[ti]!.id] = (tierCounts[tierDefs[ti]!.id] ?? 0) + 1;
  }
  const order = exactOrder(xs);
  const d = plan.decimals;
  const mode = plan.roundingMode;
  const n = xs.length;
  const half = n >> 1;
  return {
    id,
    agents: members.length,
    assessed: n,
    incomplete: members.length - n,
    mean: n === 0 ? null : meanRounded(xs, d, mode),
    median: n === 0 ? null : n % 2 === 1 ? fig.show(order.at(half)) : meanRounded([order.at(half - 1), order.at(half)], d, mode),
    min: n === 0 ? null : fig.show(order.at(0)),
    max: n === 0 ? null : fig.show(order.at(n - 1)),
    grades: gradeCounts,
    tiers: tierCounts,
  };
}

/**
 * The teams' roll-ups (by team id), with a "(no team)" group when teams were
 * given and some agents have none, and the centre's.
 *
 * @example
 * ```ts
 * const { teams, centre } = rollUps(standing, roster, true);
 * ```
 */
export function rollUps(s: Standing, roster: Roster, teamsGiven: boolean): { teams: RollUp[]; centre: RollUp } {
  const n = roster.ids.length;
  const byTeam = new Map<string, number[]>();
  const noTeam: number[] = [];
  const everyone: number[] = new Array<number>(n);
  for (let a = 0; a < n; a++) {
    everyone[a] = a;
    const t = roster.teams[a]!;
    if (t === null) noTeam.push(a);
    else {
      const g = byTeam.get(t);
      if (g) g.push(a);
      else byTeam.set(t, [a]);
    }
  }
  const teams = [...byTeam.keys()].sort(cmpStr).map((t) => rollUp(s, t, byTeam.get(t)!));
  if (teamsGiven && noTeam.length > 0) teams.push(rollUp(s, '(no team)', noTeam));
  return { teams, centre: rollUp(s, 'centre', everyone) };
}

/**
 * The movement summary against the previous period: who moved up or down,
 * and of last period's lowest tier, how many moved up (the PDCA check).
 *
 * @example
 * ```ts
 * movementSummary(plan, results).lowestTier; // { id: 'T3', previous: 10, movedUp: 6, share: 60 }
 * ```
 */
export function movementSummary(plan: Plan, results: readonly AgentAssessment[]): NonNullable<AssessmentResult['movement']> {
  const tierDefs = plan.tiers!.tiers;
  const up = results.filter((a) => a.movement?.change === 'up').map((a) => a.agentId);
  const down = results.filter((a) => a.movement?.change === 'down').map((a) => a.agentId);
  const lowest = tierDefs[tierDefs.length - 1]!;
  const wasLowest = results.filter((a) => a.movement?.from === lowest.id);
  const movedUp = wasLowest.filter((a) => a.movement?.change === 'up').length;
  return {
    up,
    down,
    same: results.filter((a) => a.movement?.change === 'same' && a.tier !== null).length,
    new: results.filter((a) => a.movement?.change === 'new').length,
    lowestTier: {
      id: lowest.id,
      previous: wasLowest.length,
      movedUp,
      share: wasLowest.length === 0 ? null : Ratio.of(movedUp * 100, wasLowest.length).round(plan.decimals, plan.roundingMode),
    },
  };
}
