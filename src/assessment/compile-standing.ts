/**
 * Compiling how a plan judges totals: the range of totals the components can
 * give (every way renormalisation can drop qa components included), the
 * grades and band tiers that must tile that range, quantile tiers whose
 * shares sum to 100, and the ranking's tie-breaks. Problems are pushed to the
 * caller's list with their JSON paths.
 */
import { checkTiling, parseInterval, type Interval } from '../bands/interval.js';
import { Ratio, sum } from '../exact/rational.js';
import type { Issue } from '../issues/issues.js';
import type { LocalizedText } from '../localize/localize.js';
import { R, type Report } from './compile-components.js';
import type { CompiledMetric } from './metrics.js';
import type { CompiledComponent, Plan, PlanBand } from './plan.js';
import type { PlanDefinition } from './schema.js';
import type { PlanIssueCode } from './issue-codes.js';

function rangeText(min: Ratio, max: Ratio): string {
  return `[${min.toFixed(6).replace(/\.?0+$/, '')}, ${max.toFixed(6).replace(/\.?0+$/, '')}]`;
}

/**
 * The lowest and highest total the components can give: each component from
 * its min to its max contribution, for every way renormalisation can drop qa
 * components (at most 10 of them may).
 *
 * @example
 * ```ts
 * totalRange(components, push).min.toString(); // '-10' for the seed plan
 * ```
 */
export function totalRange(components: readonly CompiledComponent[], push: Report): Plan['totalRange'] {
  const contrib = (c: CompiledComponent, p: Ratio): Ratio => (c.max.isZero() ? Ratio.ZERO : p.mul(c.weight).div(c.max));
  const droppable = components.filter((c) => c.def.type === 'qa' && c.def.insufficient === 'renormalise');
  let lo: Ratio | null = null;
  let hi: Ratio | null = null;
  if (droppable.length <= 10) {
    for (let mask = 0; mask < 1 << droppable.length; mask++) {
      const dropped = new Set(droppable.filter((_, i) => mask & (1 << i)));
      const kept = components.filter((c) => !dropped.has(c));
      const w = sum(kept.map((c) => c.weight));
      if (w.isZero()) continue;
      const f = Ratio.HUNDRED.div(w);
      const a = sum(kept.map((c) => contrib(c, c.min))).mul(f);
      const b = sum(kept.map((c) => contrib(c, c.max))).mul(f);
      lo = lo === null ? a : lo.min(a);
      hi = hi === null ? b : hi.max(b);
    }
  } else push('too_many_renormalised', ['components'], 'at most 10 qa components may use "renormalise"');
  return { min: lo ?? Ratio.ZERO, max: hi ?? Ratio.HUNDRED };
}

/**
 * Grades (`key` 'grades') or band tiers ('tiers'): unique ids, ranges that
 * tile the total's range.
 */
function bandsOf(list: readonly { id: string; label: LocalizedText; range: string; passing?: boolean | undefined }[], key: 'grades' | 'tiers', domain: Interval, push: Report, issues: Issue<PlanIssueCode>[]): PlanBand[] {
  const seen = new Set<string>();
  list.forEach((g, gi) => {
    if (seen.has(g.id)) push('duplicate_id', [key, ...(key === 'tiers' ? ['tiers'] : []), gi, 'id'], `${key === 'tiers' ? 'tier' : 'grade'} id "${g.id}" is used twice`);
    seen.add(g.id);
  });
  const parsed = list.map((g) => parseInterval(g.range));
  if (!parsed.every((p): p is Interval => p !== null)) return [];
  issues.push(...checkTiling(parsed, domain, (i) => (key === 'tiers' ? ['tiers', 'tiers', i, 'range'] : ['grades', i, 'range'])));
  return list.map((g, i) => ({ id: g.id, label: g.label, range: parsed[i]!, passing: g.passing ?? true }));
}

/**
 * The plan's grades and tiers, checked against the range of totals.
 *
 * @example
 * ```ts
 * compileStanding(def, range, push, issues).grades.map((g) => g.id); // ['A', 'B', 'C', 'D', 'E']
 * ```
 */
export function compileStanding(def: PlanDefinition, range: Plan['totalRange'], push: Report, issues: Issue<PlanIssueCode>[]): { grades: PlanBand[]; tiers: Plan['tiers'] } {
  const domain: Interval = { min: range.min, minInclusive: true, max: range.max, maxInclusive: true, text: rangeText(range.min, range.max) };
  const grades = bandsOf(def.grades ?? [], 'grades', domain, push, issues);
  let tiers: Plan['tiers'] = null;
  if (def.tiers?.by === 'band') tiers = { by: 'band', tiers: bandsOf(def.tiers.tiers, 'tiers', domain, push, issues) };
  else if (def.tiers?.by === 'quantile') {
    const shares = sum(def.tiers.tiers.map((t) => R(t.share)));
    if (!shares.eq(Ratio.HUNDRED)) push('shares_sum', ['tiers', 'tiers'], `tier shares sum to ${shares.toFixed(6).replace(/\.?0+$/, '')}, not 100`);
    const seen = new Set<string>();
    def.tiers.tiers.forEach((t, ti) => {
      if (seen.has(t.id)) push('duplicate_id', ['tiers', 'tiers', ti, 'id'], `tier id "${t.id}" is used twice`);
      seen.add(t.id);
    });
    tiers = { by: 'quantile', tiers: def.tiers.tiers.map((t) => ({ id: t.id, label: t.label, share: R(t.share) })) };
  }
  return { grades, tiers };
}

/**
 * The ranking's tie-breaks: a component's points (higher first by default)
 * or a metric (in its better direction by default); unknown names reported.
 *
 * @example
 * ```ts
 * compileTieBreaks(def, ids, metrics, push); // [{ component: 'qa', order: 'desc' }, { metric: 'missedRate', order: 'asc' }]
 * ```
 */
export function compileTieBreaks(def: PlanDefinition, ids: ReadonlyMap<string, number>, metrics: ReadonlyMap<string, CompiledMetric>, push: Report): Plan['tieBreak'] {
  return (def.ranking?.tieBreak ?? []).map((t, ti) => {
    if ('component' in t) {
      if (!ids.has(t.component)) push('unknown_component', ['ranking', 'tieBreak', ti, 'component'], `component "${t.component}" is not in components`);
      return { component: t.component, order: t.order ?? 'desc' };
    }
    const m = metrics.get(t.metric);
    if (!m) push('unknown_metric', ['ranking', 'tieBreak', ti, 'metric'], `metric "${t.metric}" is not declared in metrics`);
    return { metric: t.metric, order: t.order ?? (m?.better === 'lower' ? 'asc' : 'desc') };
  });
}
