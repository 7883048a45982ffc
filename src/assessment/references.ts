/**
 * References for comparison components: per component, the centre's value or
 * each team's, aggregated from the agents whose metric has a value — pooled
 * (the KPI over the summed raw data: Σ numerators / Σ denominators, the
 * default for a poolable KPI), the exact mean of the agents' values, or their
 * median. A reference that has no exact safe-integer form stops the
 * assessment with an issue at the component's reference (a wrong reference
 * would silently change every agent's points).
 */
import * as P from '../exact/pair.js';
import { ArithmeticOverflowError, Ratio, sum } from '../exact/rational.js';
import { bigMean, median } from './figures.js';
import type { Plan } from './load.js';
import type { MetricTable, Roster } from './roster.js';
import { AssessmentError } from './types.js';

/** A reference as reported in `result.references` (rounded). */
export interface ReferenceRow {
  component: string;
  scope: string;
  value: number | null;
  agents: number;
}

/**
 * The references of every comparison component: by component index, the value
 * per team (`'*'` for the centre), and the rows reported in the result.
 *
 * @example
 * ```ts
 * const { refValue } = computeReferences(plan, roster, table, metricIndex);
 * refValue[2]!.get('*'); // the centre's pooled AHT, exact
 * ```
 */
export function computeReferences(
  plan: Plan,
  roster: Roster,
  table: MetricTable,
  metricIndex: ReadonlyMap<string, number>,
): { refValue: Map<string, Ratio | null>[]; references: ReferenceRow[] } {
  const nAgents = roster.ids.length;
  const references: { component: string; scope: string; value: number | null; agents: number }[] = [];
  // Per component: the reference by team ('*' for the centre).
  const refValue = plan.components.map(() => new Map<string, Ratio | null>());
  for (const c of plan.components) {
    if (c.def.type !== 'comparison' || !('scope' in c.def.reference)) continue;
    const m = plan.metrics.get(c.def.metric)!;
    const j = metricIndex.get(m.name)!;
    const aggregate = c.def.reference.aggregate ?? (m.poolable ? 'pooled' : 'mean');
    const groups = new Map<string, number[]>();
    for (let a = 0; a < nAgents; a++) {
      const key = c.def.reference.scope === 'centre' ? '*' : roster.teams[a]!;
      if (key === null) continue;
      const g = groups.get(key);
      if (g) g.push(a);
      else groups.set(key, [a]);
    }
    for (const [key, members] of groups) {
      const slots: number[] = [];
      for (const a of members) if (table.failure(a * table.metrics + j) === undefined) slots.push(a * table.metrics + j);
      let value: Ratio | null = null;
      if (slots.length > 0) {
        try {
          if (aggregate === 'pooled') value = m.fromPooled(sumAt(table.numN, table.numD, slots), sumAt(table.denN, table.denD, slots));
          else if (aggregate === 'mean') value = exactMean(slots.map((s) => table.value(s)));
          else value = median(slots.map((s) => table.value(s)));
        } catch (e) {
          if (!(e instanceof ArithmeticOverflowError)) throw e;
          // E.g. the mean of thousands of AHTs, each over its own number of calls: its denominator has no safe-integer form.
          throw new AssessmentError([
            {
              code: 'reference_not_exact',
              path: ['components', c.index, 'reference'],
              message: `the ${aggregate} of ${slots.length} agents' ${m.name} (${key === '*' ? 'centre' : `team ${key}`}) cannot be held as an exact fraction of safe integers${aggregate === 'mean' ? '; a pooled reference (the KPI over the summed raw data) or a median usually can' : ''}`,
            },
          ]);
        }
      }
      refValue[c.index]!.set(key, value);
      references.push({ component: c.id, scope: key === '*' ? 'centre' : `team ${key}`, value: value === null ? null : value.round(plan.decimals, plan.roundingMode), agents: slots.length });
    }
  }
  return { refValue, references };
}

/** The exact mean as a Ratio; throws ArithmeticOverflowError when it has no safe-integer form. */
function exactMean(xs: readonly Ratio[]): Ratio {
  const { n, d } = bigMean(xs);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (n > max || -n > max || d > max) throw new ArithmeticOverflowError('mean');
  return Ratio.of(Number(n), Number(d));
}

/**
 * The sum of the fractions at `slots` of a numerator/denominator pair of
 * columns (an absent one counts as 0), added as number pairs; where a partial
 * sum leaves the safe range, the same additions in Ratio report the overflow.
 */
function sumAt(ns: Float64Array, ds: Float64Array, slots: readonly number[]): Ratio {
  let n = 0;
  let d = 1;
  for (const s of slots) {
    const sd = ds[s]!;
    if (sd !== sd) continue;
    if (!P.add(n, d, ns[s]!, sd)) return sum(slots.map((x) => (ds[x]! !== ds[x]! ? Ratio.ZERO : Ratio.of(ns[x]!, ds[x]!))));
    n = P.out.n;
    d = P.out.d;
  }
  return Ratio.of(n, d);
}

