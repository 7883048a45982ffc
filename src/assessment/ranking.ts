/**
 * Ranks and tiers. Complete agents rank by their total as printed (rounded),
 * then by the plan's tie-breaks, then by agent id (code-unit order), so the
 * order never depends on input order. Tiers follow one convention, shared
 * with the PDCA analysis (src/problems/pdca.ts): index 0 is the top tier and
 * a larger index is lower, so moving up means a smaller index. Band tiers
 * take the first tier whose range holds the rounded total; quantile tiers
 * give rank r (1-based, of n) the first tier whose cumulative share covers
 * it: r × 100 ≤ cumulative share × n.
 */
import { inInterval } from '../bands/interval.js';
import { cmp } from '../exact/pair.js';
import { Ratio } from '../exact/rational.js';
import { compareCodeUnits as cmpStr } from '../order/compare.js';
import type { Plan } from './load.js';
import type { TierMovement } from './types.js';

/**
 * The complete agents (those with a rounded total), best first.
 *
 * @example
 * ```ts
 * rankAgents(plan, ids, roundeds, keys, ties); // [3, 0, 2]: agent indices by rank
 * ```
 */
export function rankAgents(plan: Plan, ids: readonly string[], roundeds: readonly (Ratio | null)[], keys: Float64Array, ties: readonly (Ratio | null)[]): number[] {
  const nTie = plan.tieBreak.length;
  const ranked: number[] = [];
  for (let a = 0; a < ids.length; a++) if (roundeds[a] !== null) ranked.push(a);
  ranked.sort((a, b) => {
    // Integer keys compare exactly; a NaN key (out of the safe range) falls back to the fractions.
    const ka = keys[a]!;
    const kb = keys[b]!;
    const c = ka === ka && kb === kb ? (kb > ka ? 1 : kb < ka ? -1 : 0) : roundeds[b]!.cmp(roundeds[a]!);
    if (c !== 0) return c;
    for (let k = 0; k < nTie; k++) {
      const x = ties[a * nTie + k]!;
      const y = ties[b * nTie + k]!;
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const r = plan.tieBreak[k]!.order === 'desc' ? y.cmp(x) : x.cmp(y);
      if (r !== 0) return r;
    }
    return cmpStr(ids[a]!, ids[b]!);
  });
  return ranked;
}

/**
 * Each agent's tier index (0 = top; −1: none), from the ranked agents.
 *
 * @example
 * ```ts
 * assignTiers(plan, ranked, roundeds, ids.length); // Int32Array [1, 0, -1, 2]
 * ```
 */
export function assignTiers(plan: Plan, ranked: readonly number[], roundeds: readonly (Ratio | null)[], nAgents: number): Int32Array {
  const tierOf = new Int32Array(nAgents).fill(-1);
  if (plan.tiers?.by === 'band') {
    const tiers = plan.tiers.tiers;
    for (const a of ranked) tierOf[a] = tiers.findIndex((t) => inInterval(t.range, roundeds[a]!));
  } else if (plan.tiers?.by === 'quantile') {
    const n = ranked.length;
    const cum: Ratio[] = [];
    let acc = Ratio.ZERO;
    for (const t of plan.tiers.tiers) cum.push((acc = acc.add(t.share).mul(Ratio.ONE)));
    const bounds = cum.map((c) => c.mul(Ratio.of(n)));
    // Ranks only grow: the tier index never goes back, so one pass suffices.
    // (r + 1) × 100 is compared with each bound as a number pair: no object per agent.
    let i = 0;
    for (let r = 0; r < n; r++) {
      while (i < bounds.length && cmp((r + 1) * 100, 1, bounds[i]!.n, bounds[i]!.d) > 0) i++;
      tierOf[ranked[r]!] = i < bounds.length ? i : cum.length - 1;
    }
  }
  return tierOf;
}

/**
 * How a tier index changed between two periods, in the one convention (0 is
 * the top): a smaller index is up.
 *
 * @example
 * ```ts
 * tierChange(2, 1); // 'up'
 * ```
 */
export function tierChange(from: number, to: number): 'up' | 'down' | 'same' {
  return to < from ? 'up' : to > from ? 'down' : 'same';
}

/**
 * An agent's tier movement against the previous period's tier id (`from`),
 * given the current tier (null: none) and the plan's tier ids by index.
 *
 * @example
 * ```ts
 * movementOf('T3', { id: 'T2', index: 1 }, tierIndex); // { from: 'T3', to: 'T2', change: 'up' }
 * ```
 */
export function movementOf(from: string | null, tier: { readonly id: string; readonly index: number } | null, tierIndex: ReadonlyMap<string, number>): TierMovement {
  const fi = from === null ? undefined : tierIndex.get(from);
  const change: TierMovement['change'] = tier === null ? (from === null ? 'same' : 'left') : fi === undefined ? 'new' : tierChange(fi, tier.index);
  return { from, to: tier?.id ?? null, change };
}
