/**
 * Each agent's component figures for one assessment, kept compactly while the
 * month is assessed: typed arrays with one slot per agent and component
 * (`agent × components + component`), fractions as numerator and denominator
 * (safe integers, exact in a double; a NaN denominator is null). The
 * explanations (explain.ts) are derived from these figures when read.
 */
import { Ratio } from '../exact/rational.js';
import type { ComponentStatus } from './types.js';

/** Status codes as stored in {@link Ledger.status}. */
export const STATUSES: readonly ComponentStatus[] = ['scored', 'insufficient', 'excluded', 'missing', 'invalid', 'no_data', 'error'];

/** A status's code in {@link Ledger.status}. */
export const STATUS_CODE: Readonly<Record<ComponentStatus, number>> = { scored: 0, insufficient: 1, excluded: 2, missing: 3, invalid: 4, no_data: 5, error: 6 };

/**
 * Every agent's component figures for one assessment, in typed arrays: slot
 * `agent × components + component`. Fractions are stored as numerator and
 * denominator (safe integers, exact in a double); a NaN denominator is null.
 */
export class Ledger {
  readonly status: Uint8Array;
  readonly rawN: Float64Array;
  readonly rawD: Float64Array;
  readonly ptsN: Float64Array;
  readonly ptsD: Float64Array;
  readonly conN: Float64Array;
  readonly conD: Float64Array;
  /**
   * Reasons written while scoring, for the cases off the common path (a short
   * sample, a missing or invalid metric, a failed formula); every other reason
   * is derived from the figures when read.
   */
  readonly text = new Map<number, string>();

  constructor(
    readonly components: number,
    agents: number,
  ) {
    const n = components * agents;
    // Not filled: scoring writes every slot of every agent (a null as a NaN denominator).
    this.status = new Uint8Array(n);
    this.rawN = new Float64Array(n);
    this.rawD = new Float64Array(n);
    this.ptsN = new Float64Array(n);
    this.ptsD = new Float64Array(n);
    this.conN = new Float64Array(n);
    this.conD = new Float64Array(n);
  }
}

/** Stores `r` (or null) at `slot` of a numerator/denominator pair of columns. */
export function putRatio(ns: Float64Array, ds: Float64Array, slot: number, r: Ratio | null): void {
  if (r === null) ds[slot] = NaN;
  else {
    ns[slot] = r.n;
    ds[slot] = r.d;
  }
}

/** The Ratio at `slot` of a numerator/denominator pair of columns, or null. */
export function getRatio(ns: Float64Array, ds: Float64Array, slot: number): Ratio | null {
  const d = ds[slot]!;
  return d !== d ? null : Ratio.of(ns[slot]!, d);
}

