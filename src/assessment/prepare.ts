/**
 * A component's constants and texts, computed once per assessment (not once
 * per agent): weight per point, the deduction's rate and floor, the
 * comparison's constant and direction, the gate's value, and the fixed parts
 * of each reason.
 */
import { Ratio } from '../exact/rational.js';
import type { CompiledComponent, Plan } from './load.js';

/** What a component's per-agent text and arithmetic need, computed once per assessment. */
export interface Prepared {
  /** `max`, formatted. */
  readonly max: string;
  readonly maxNumber: number;
  readonly weightNumber: number;
  /** weight / max: contribution per point before renormalisation. */
  readonly perPoint: Ratio;
  /** `${metric} `: the text before the agent's value. */
  readonly prefix: string;
  /** Banded: the text after the value, per band. */
  readonly bandSuffix: readonly string[];
  /** Deduction: the text after the value, per threshold. */
  readonly thresholdSuffix: readonly string[];
  readonly perOccurrence: Ratio | null;
  readonly floor: Ratio | null;
  readonly deductionFrom: string;
  readonly flooredAt: string;
  /** Comparison. */
  readonly constant: Ratio | null;
  readonly better: 'higher' | 'lower' | null;
  readonly otherwise: Ratio | null;
  readonly otherwiseText: string;
  readonly comparisonSuffix: Map<string, string> | null;
  /** Gate. */
  readonly gateValue: Ratio | null;
  readonly gateHit: string;
  readonly gateMiss: string;
  /** Qa: which of the agent's qa buckets (the plan's qa components, in order). */
  readonly qaOrdinal: number;
}

/** A component's texts and constants, once per assessment. */
export function prepare(c: CompiledComponent, plan: Plan, fmt: (r: Ratio) => string): Prepared {
  const def = c.def;
  const max = fmt(c.max);
  const of = ` of ${max}`;
  const p: { -readonly [K in keyof Prepared]: Prepared[K] } = {
    max,
    maxNumber: c.max.toNumber(),
    weightNumber: c.weight.toNumber(),
    perPoint: c.weight.div(c.max),
    prefix: c.metric === null ? '' : `${c.metric} `,
    bandSuffix: c.bands.map((b) => ` in ${b.range.text} → ${fmt(b.points)}${of}`),
    thresholdSuffix: c.thresholds.map((t) => ` occurrences, at least ${t.atLeast.toString()} → ${fmt(t.points)}${of}`),
    perOccurrence: null,
    floor: null,
    deductionFrom: '',
    flooredAt: '',
    constant: null,
    better: null,
    otherwise: null,
    otherwiseText: '',
    comparisonSuffix: null,
    gateValue: null,
    gateHit: '',
    gateMiss: '',
    qaOrdinal: plan.components.filter((x, i) => i < c.index && x.def.type === 'qa').length,
  };
  if (def.type === 'deduction') {
    p.perOccurrence = Ratio.from(def.perOccurrence);
    p.floor = c.min.max(Ratio.from(def.floor ?? 0));
    p.deductionFrom = ` occurrences × −${def.perOccurrence} from ${def.start}`;
    p.flooredAt = `, floored at ${def.floor ?? 0}`;
  } else if (def.type === 'comparison') {
    p.constant = 'constant' in def.reference ? Ratio.from(def.reference.constant) : null;
    p.better = plan.metrics.get(def.metric)!.better;
    p.otherwise = Ratio.from(def.otherwise ?? 0);
    p.otherwiseText = fmt(p.otherwise);
    p.comparisonSuffix = new Map();
  } else if (def.type === 'gate') {
    const z = def.zeroWhen;
    p.gateValue = Ratio.from(z.value);
    p.gateHit = ` ${z.op} ${z.value} → ${fmt(Ratio.ZERO)}${of}`;
    p.gateMiss = ` not ${z.op} ${z.value} → ${max}${of}`;
  }
  return p;
}

