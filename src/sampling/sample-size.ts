import type { Issue } from '../issues/issues.js';
import { throwIfIssues } from './errors.js';
import { inverseNormalCdf } from '../distributions/normal-gamma.js';
import type { SamplingIssueCode } from './errors.js';

/**
 * Either a two-sided confidence level in (0, 1) or the z factor itself.
 *
 * @example
 * ```ts
 * const a: ConfidenceOrZ = { confidence: 0.95 };
 * const b: ConfidenceOrZ = { z: 1.96 };
 * ```
 */
export type ConfidenceOrZ = { readonly confidence: number; readonly z?: never } | { readonly z: number; readonly confidence?: never };

/**
 * Inputs of {@link sampleSizeForMean}.
 *
 * @example
 * ```ts
 * const input: SampleSizeForMeanInput = { sigma: 10, margin: 2, confidence: 0.95, population: 300 };
 * ```
 */
export type SampleSizeForMeanInput = ConfidenceOrZ & {
  /** The score's standard deviation σ (score points). */
  readonly sigma: number;
  /** The allowed error E (score points), > 0. */
  readonly margin: number;
  /** The population size N, for the finite-population correction. */
  readonly population?: number;
};

/**
 * Inputs of {@link sampleSizeForProportion}.
 *
 * @example
 * ```ts
 * const input: SampleSizeForProportionInput = { p: 0.5, margin: 0.05, z: 1.96 };
 * ```
 */
export type SampleSizeForProportionInput = ConfidenceOrZ & {
  /** The expected proportion; 0.5 (the default) is the most conservative. */
  readonly p?: number;
  /** The allowed error E as a proportion, in (0, 1). */
  readonly margin: number;
  /** The population size N, for the finite-population correction. */
  readonly population?: number;
};

/**
 * The result of a sample-size calculation.
 *
 * @example
 * ```ts
 * const r: SampleSize = sampleSizeForMean({ sigma: 10, margin: 2, z: 1.96 }); // r.n === 97
 * ```
 */
export interface SampleSize {
  /** The sample size to draw: n0 rounded up, or the corrected n' rounded up. */
  readonly n: number;
  /** The unrounded n0 = z²σ²/E² (or z²p(1−p)/E²), before any correction. */
  readonly n0: number;
  /** The unrounded n' = n0 / (1 + (n0 − 1)/N), when a population was given. */
  readonly nCorrected?: number;
  /** The z factor used. */
  readonly z: number;
  /** Whether the finite-population correction was applied. */
  readonly fpcApplied: boolean;
}

function resolveZ(input: ConfidenceOrZ, issues: Issue<SamplingIssueCode>[]): number {
  if (input.z !== undefined) {
    if (!(Number.isFinite(input.z) && input.z > 0)) {
      issues.push({ code: 'not_positive', path: ['z'], message: `z must be a finite number > 0, got ${input.z}` });
      return NaN;
    }
    return input.z;
  }
  const c = input.confidence;
  if (c === undefined || !(c > 0 && c < 1)) {
    issues.push({ code: 'out_of_range', path: ['confidence'], message: `confidence must be strictly between 0 and 1 (or give z), got ${String(c)}` });
    return NaN;
  }
  return inverseNormalCdf(1 - (1 - c) / 2);
}

function checkPopulation(population: number | undefined, issues: Issue<SamplingIssueCode>[]): void {
  if (population !== undefined && !(Number.isInteger(population) && population >= 1)) {
    issues.push({ code: 'not_positive_integer', path: ['population'], message: `population must be an integer ≥ 1, got ${population}` });
  }
}

function finish(n0: number, z: number, population: number | undefined): SampleSize {
  // Rounding guards against 96.04000000000001-style noise turning into one extra call.
  const ceil = (x: number): number => Math.ceil(Math.round(x * 1e9) / 1e9);
  if (population === undefined) return { n: Math.max(1, ceil(n0)), n0, z, fpcApplied: false };
  // FPC applied to the unrounded n0, as in Cochran (1977) §4.4.
  const nCorrected = n0 / (1 + (n0 - 1) / population);
  return { n: Math.min(population, Math.max(1, ceil(nCorrected))), n0, nCorrected, z, fpcApplied: true };
}

/**
 * The number of calls to evaluate so that the mean score is known within ±E:
 * n0 = z²σ²/E², rounded up; with a population N, the finite-population
 * correction n' = n0 / (1 + (n0 − 1)/N), rounded up.
 *
 * @param input - σ, the margin E, the confidence level (or z) and optionally N
 * @returns n, the unrounded n0 (and n'), z and whether the correction applied
 * @throws {SamplingError} when σ < 0, E ≤ 0, the confidence is outside (0, 1) or N is not a positive integer
 *
 * @example
 * ```ts
 * sampleSizeForMean({ sigma: 10, margin: 2, z: 1.96 });                  // { n: 97, n0: 96.04, … }
 * sampleSizeForMean({ sigma: 10, margin: 2, z: 1.96, population: 300 }); // { n: 73, fpcApplied: true, … }
 * ```
 */
export function sampleSizeForMean(input: SampleSizeForMeanInput): SampleSize {
  const issues: Issue<SamplingIssueCode>[] = [];
  const z = resolveZ(input, issues);
  if (!(Number.isFinite(input.sigma) && input.sigma > 0)) {
    issues.push({ code: 'not_positive', path: ['sigma'], message: `sigma must be a finite number > 0, got ${input.sigma}` });
  }
  if (!(Number.isFinite(input.margin) && input.margin > 0)) {
    issues.push({ code: 'not_positive', path: ['margin'], message: `margin (E) must be a finite number > 0, got ${input.margin}` });
  }
  checkPopulation(input.population, issues);
  throwIfIssues('sampleSizeForMean', issues);
  const n0 = (z * z * input.sigma * input.sigma) / (input.margin * input.margin);
  return finish(n0, z, input.population);
}

/**
 * The number of calls to evaluate so that a proportion (e.g. the share of
 * calls failing an item) is known within ±E: n0 = z²p(1−p)/E², rounded up,
 * with the same finite-population correction as {@link sampleSizeForMean}.
 *
 * @param input - p (default 0.5), the margin E, the confidence level (or z) and optionally N
 * @returns n, the unrounded n0 (and n'), z and whether the correction applied
 * @throws {SamplingError} when p or E is outside (0, 1), the confidence is outside (0, 1) or N is not a positive integer
 *
 * @example
 * ```ts
 * sampleSizeForProportion({ margin: 0.05, z: 1.96 });                   // { n: 385, n0: 384.16, … }
 * sampleSizeForProportion({ margin: 0.05, z: 1.96, population: 1000 }); // { n: 278, fpcApplied: true, … }
 * ```
 */
export function sampleSizeForProportion(input: SampleSizeForProportionInput): SampleSize {
  const issues: Issue<SamplingIssueCode>[] = [];
  const z = resolveZ(input, issues);
  const p = input.p ?? 0.5;
  if (!(p > 0 && p < 1)) {
    issues.push({ code: 'out_of_range', path: ['p'], message: `p must be strictly between 0 and 1, got ${p}` });
  }
  if (!(input.margin > 0 && input.margin < 1)) {
    issues.push({ code: 'out_of_range', path: ['margin'], message: `margin (E) must be strictly between 0 and 1, got ${input.margin}` });
  }
  checkPopulation(input.population, issues);
  throwIfIssues('sampleSizeForProportion', issues);
  const n0 = (z * z * p * (1 - p)) / (input.margin * input.margin);
  return finish(n0, z, input.population);
}
