/**
 * PDCA on quality tiers (the seeds: "rank agents into tiers by quality, lift
 * the lowest tier — e.g. 60% of it up one tier — check, repeat"). Tiers follow
 * the one convention of the library, shared with the monthly assessment
 * (src/assessment/ranking.ts): tier 0 is the top, a larger number is lower,
 * and moving up means a smaller number.
 */
import { Ratio } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import { ProblemError } from './errors.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import { tierChange } from '../assessment/ranking.js';
import type { ProblemIssueCode } from './errors.js';

/**
 * How values become tiers (tier 0 is the top; the lowest tier has the largest number).
 *
 * - `{ cuts }` — ascending boundaries on the averages; a value equal to a cut
 *   belongs to the tier above it. Three cuts make four tiers.
 * - `{ count }` — that many tiers of equal head-count, cut on the *previous*
 *   period's averages; the same cuts are applied to the current period, so a
 *   lift is real progress, not a re-ranking.
 * - `'given'` — the values already are tier numbers (integers ≥ 0, 0 the top).
 *
 * @example
 * ```ts
 * const t: TierScheme = { cuts: [70, 80, 90] };
 * ```
 */
export type TierScheme = { readonly cuts: readonly number[] } | { readonly count: number } | 'given';

/**
 * Input of {@link pdcaTiers}.
 *
 * @example
 * ```ts
 * const input: PdcaInput = {
 *   previous: { wang: 68, li: 75, zhao: 91 },
 *   current: { wang: 74, li: 82, zhao: 90 },
 *   tiers: { cuts: [70, 80, 90] },
 * };
 * ```
 */
export interface PdcaInput {
  /** agent id → QA average (or tier number with `tiers: 'given'`) in the earlier period. */
  readonly previous: Readonly<Record<string, number>>;
  readonly current: Readonly<Record<string, number>>;
  readonly tiers: TierScheme;
  /** The share of the lowest tier to lift at least one tier. Default 0.6 (the seeds' example). */
  readonly target?: number;
}

/**
 * One agent of the previous period's lowest tier.
 *
 * @example
 * ```ts
 * const a: PdcaAgent = { agentId: 'wang', previous: 68, current: 74, previousTier: 3, currentTier: 2, lifted: true };
 * ```
 */
export interface PdcaAgent {
  readonly agentId: string;
  readonly previous: number;
  /** null when the agent has no value in the current period. */
  readonly current: number | null;
  readonly previousTier: number;
  readonly currentTier: number | null;
  /** Moved up at least one tier. */
  readonly lifted: boolean;
}

/**
 * The result of {@link pdcaTiers}. `share` is null (with `reason`) when
 * nobody can be lifted: no agents, or everyone already in the top tier, or
 * no lowest-tier agent present in the current period.
 *
 * @example
 * ```ts
 * const r: PdcaResult = pdcaTiers(input);
 * r.met; // share ≥ target; null when share is null
 * ```
 */
export interface PdcaResult {
  /** The boundaries used (empty for `'given'`). */
  readonly cuts: readonly number[];
  /** Number of tiers (for `'given'`: the highest tier seen + 1). */
  readonly tierCount: number;
  /** The lowest tier occupied in the previous period (the largest tier number); null without agents. */
  readonly lowestTier: number | null;
  /** That tier's agents, by id. */
  readonly agents: readonly PdcaAgent[];
  /** Lowest-tier agents with a current value. */
  readonly eligible: number;
  readonly lifted: number;
  /** lifted / eligible. */
  readonly share: number | null;
  readonly reason?: 'no_agents' | 'top_tier' | 'none_present';
  readonly target: number;
  readonly met: boolean | null;
  /** Lowest-tier agents missing from the current period (left, on leave), by id. */
  readonly missing: readonly string[];
  /** Head-count per tier, top tier first, previous and current period (agents with a value). */
  readonly distribution: { readonly previous: readonly number[]; readonly current: readonly number[] };
}


/** Internal: the tier of a value, 0 the top: the number of cuts above it (a value equal to a cut is in the tier above). */
function tierOf(v: number, cuts: readonly number[]): number {
  let t = 0;
  for (const c of cuts) if (v < c) t++;
  return t;
}

/**
 * Equal-head-count cuts: with n values sorted ascending and k tiers, cut j is
 * the value at index ⌊j·n/k⌋. Ties at a cut all go to the upper tier, so
 * tiers may be uneven when values tie; duplicates among cuts are kept so the
 * tier count stays k.
 *
 * @example
 * ```ts
 * quantileCuts([60, 70, 80, 90, 95, 99], 3); // [80, 95]: tiers {60,70}, {80,90}, {95,99}
 * ```
 */
export function quantileCuts(values: readonly number[], count: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let j = 1; j < count; j++) {
    const v = s[Math.floor((j * s.length) / count)];
    if (v !== undefined) cuts.push(v);
  }
  return cuts;
}

/**
 * PDCA check: of the agents in the lowest (occupied) tier of the previous
 * period, the share that moved up at least one tier in the current period,
 * against a target (default 60%, the seeds' example).
 *
 * @param input - both periods' per-agent averages or tiers, the tier scheme, the target
 * @returns the lowest tier's agents, the lifted share and whether the target is met
 * @throws {ProblemError} non-finite values, unsorted cuts, a count < 2, a target outside (0, 1], non-integer given tiers
 *
 * @example
 * ```ts
 * // cuts 70/80/90: wang 68 → 74 (tier 0 → 1), zhou 65 → 69 (stays), li 75 (tier 1, not counted)
 * const r = pdcaTiers({
 *   previous: { wang: 68, zhou: 65, li: 75 },
 *   current: { wang: 74, zhou: 69, li: 82 },
 *   tiers: { cuts: [70, 80, 90] },
 * });
 * r.share; // 0.5 — one of two lifted
 * r.met;   // false against 0.6
 * ```
 */
export function pdcaTiers(input: PdcaInput): PdcaResult {
  const issues: Issue<ProblemIssueCode>[] = [];
  const target = input.target ?? 0.6;
  if (typeof target !== 'number' || !(target > 0 && target <= 1)) issues.push({ code: 'invalid_option', path: ['target'], message: `target must be in (0, 1], got ${String(target)}` });
  const given = input.tiers === 'given';
  for (const period of ['previous', 'current'] as const) {
    const values = input[period];
    if (values === null || typeof values !== 'object') {
      issues.push({ code: 'invalid_values', path: [period], message: `${period} must map agent ids to numbers` });
      continue;
    }
    for (const [agent, v] of Object.entries(values)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ code: 'invalid_value', path: [period, agent], message: `must be a finite number, got ${String(v)}` });
      else if (given && !(Number.isInteger(v) && v >= 0)) issues.push({ code: 'invalid_tier', path: [period, agent], message: `a given tier is a whole number ≥ 0, got ${v}` });
    }
  }
  const scheme = input.tiers;
  if (scheme !== 'given') {
    if (scheme === null || typeof scheme !== 'object') issues.push({ code: 'invalid_option', path: ['tiers'], message: 'tiers is { cuts }, { count } or "given"' });
    else if ('cuts' in scheme) {
      const cuts = scheme.cuts;
      if (!Array.isArray(cuts) || cuts.length === 0 || cuts.some((c) => typeof c !== 'number' || !Number.isFinite(c))) {
        issues.push({ code: 'invalid_option', path: ['tiers', 'cuts'], message: 'cuts must be a non-empty list of finite numbers' });
      } else if (cuts.some((c, i) => i > 0 && c <= (cuts[i - 1] as number))) {
        issues.push({ code: 'invalid_option', path: ['tiers', 'cuts'], message: `cuts must be strictly ascending, got ${cuts.join(', ')}` });
      }
    } else if (!Number.isInteger(scheme.count) || scheme.count < 2) {
      issues.push({ code: 'invalid_option', path: ['tiers', 'count'], message: `count must be a whole number ≥ 2, got ${String(scheme.count)}` });
    }
  }
  if (issues.length > 0) throw new ProblemError('invalid PDCA input', issues);

  const prev = Object.entries(input.previous).sort(([a], [b]) => cmpStr(a, b));
  const cur = new Map(Object.entries(input.current));
  const cuts = scheme === 'given' ? [] : 'cuts' in scheme ? [...scheme.cuts] : quantileCuts(prev.map(([, v]) => v), scheme.count);
  const tier = (v: number): number => (given ? v : tierOf(v, cuts));
  const tierCount = given ? Math.max(0, ...prev.map(([, v]) => v + 1), ...[...cur.values()].map((v) => v + 1)) : cuts.length + 1;
  const count = (vals: Iterable<number>): number[] => {
    const out = Array.from({ length: tierCount }, () => 0);
    for (const v of vals) out[tier(v)] = (out[tier(v)] ?? 0) + 1;
    return out;
  };
  const distribution = { previous: count(prev.map(([, v]) => v)), current: count(cur.values()) };
  const base = { cuts, tierCount, target, distribution };

  if (prev.length === 0) return { ...base, lowestTier: null, agents: [], eligible: 0, lifted: 0, share: null, reason: 'no_agents', met: null, missing: [] };
  const lowestTier = Math.max(...prev.map(([, v]) => tier(v)));
  const agents: PdcaAgent[] = prev
    .filter(([, v]) => tier(v) === lowestTier)
    .map(([agentId, v]) => {
      const c = cur.get(agentId);
      const currentTier = c === undefined ? null : tier(c);
      return { agentId, previous: v, current: c ?? null, previousTier: lowestTier, currentTier, lifted: currentTier !== null && tierChange(lowestTier, currentTier) === 'up' };
    });
  const missing = agents.filter((a) => a.current === null).map((a) => a.agentId);
  const eligible = agents.length - missing.length;
  const lifted = agents.filter((a) => a.lifted).length;
  const common = { ...base, lowestTier, agents, eligible, lifted, missing };
  // Nobody can move up from the top tier: report that instead of a 0% failure.
  if (lowestTier === 0) return { ...common, share: null, reason: 'top_tier', met: null };
  if (eligible === 0) return { ...common, share: null, reason: 'none_present', met: null };
  const s = Ratio.of(lifted, eligible);
  return { ...common, share: s.toNumber(), met: s.gte(Ratio.from(target)) };
}
