/**
 * `callqa sample` — how many calls to evaluate (n = z²σ²/E² or z²p(1−p)/E²,
 * with the finite-population correction), which ones (seeded, reproducible,
 * quotas, strata, oversampling), and the MITLA balance check of the sample
 * against the population.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readRecords } from '../records.js';
import { rereadable } from '../passes.js';
import { callOfUnit, countCalls, firstPass, profileAndFind, selectFromStream, throwCallProblems } from './sample-stream.js';
import type { RejectedRecord } from '../../batch/types.js';
import { table } from '../../format/text.js';
import { CallqaError, type Issue } from '../../issues/issues.js';
import {
  type BalanceReport,
  type CallRecord,
  type SampleSelection,
  type SampleSize,
  type SelectSampleOptions,
  SamplingError,
  balanceOfProfile,
  sampleSizeForMean,
  sampleSizeForProportion,
  selectOptionIssues,
} from '../../sampling/index.js';
import { EXIT_HELP, UsageError, collect, issueLine, positiveInt } from '../util.js';
import { numberOpt, parsePairs, reportRejected } from './problems.js';

export { toCallRecord } from './sample-stream.js';

/**
 * Reads call records from a batch-format file.
 *
 * @example
 * ```ts
 * const { calls, rejected } = await readCallRecords('calls.ndjson', 'auto');
 * ```
 */
export async function readCallRecords(input: string, format: string): Promise<{ calls: CallRecord[]; rejected: RejectedRecord[] }> {
  const calls: CallRecord[] = [];
  const rejected = await readRecords(input, format, (unit) => {
    const c = callOfUnit(unit);
    if ('ok' in c) return c;
    calls.push(c);
    return;
  });
  return { calls, rejected };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * The sampling result as readable tables.
 *
 * @example
 * ```ts
 * process.stdout.write(renderSample({ size, selection, balance }));
 * ```
 */
export function renderSample(r: { readonly size?: SampleSize; readonly selection?: SampleSelection; readonly balance?: BalanceReport; readonly seed?: string; readonly checked?: string }): string {
  const out: string[] = [];
  if (r.size) {
    const s = r.size;
    out.push(`Sample size: n = ${s.n}  (n0 = ${s.n0.toFixed(2)}, z = ${s.z.toFixed(3)}${s.fpcApplied && s.nCorrected !== undefined ? `, finite-population correction → ${s.nCorrected.toFixed(2)}` : ''})`);
  }
  if (r.selection) {
    const sel = r.selection;
    out.push(`Selection: ${sel.n} call(s) (requested ${sel.requested}) with seed ${JSON.stringify(r.seed ?? '')}`);
    for (const n of sel.notes) out.push(`  note: ${n.message}`);
    if (sel.strata) {
      out.push('');
      out.push('Strata');
      out.push(table([['stratum', 'calls', 'allocated', 'selected'], ...sel.strata.map((s) => [s.key, String(s.size), String(s.allocated), String(s.selected)])], { right: [1, 2, 3], indent: '  ' }));
    }
    out.push('');
    out.push('Agents');
    out.push(table([['agent', 'calls', 'selected'], ...sel.agents.map((a) => [a.agentId, String(a.size), String(a.selected)])], { right: [1, 2], indent: '  ' }));
  }
  if (r.checked) out.push(`Checking the sample in ${r.checked}`);
  if (r.balance) {
    const b = r.balance;
    out.push('');
    out.push(`Balance (MITLA): sample of ${b.sampleSize} against ${b.populationSize} call(s)${b.flagged ? ' — OUT OF BALANCE' : ' — balanced'}`);
    const rows: string[][] = [['dimension', 'category', 'population', 'sample', 'deviation', 'p', '']];
    for (const d of b.dimensions) {
      d.categories.forEach((c, i) => {
        rows.push([
          i === 0 ? d.dimension : '',
          c.key,
          `${pct(c.populationShare)} (${c.populationCount})`,
          `${pct(c.sampleShare)} (${c.sampleCount})`,
          `${c.deviation > 0 ? '+' : ''}${(c.deviation * 100).toFixed(1)}`,
          i === 0 ? (d.pValue === null ? '–' : d.pValue.toPrecision(3)) : '',
          i === 0 && d.flagged ? '!' : '',
        ]);
      });
      if (d.categories.length === 0) rows.push([d.dimension, '(no data)', '', '', '', '', '']);
    }
    out.push(table(rows, { right: [2, 3, 4, 5], indent: '  ' }));
    for (const d of b.dimensions.filter((x) => x.flagged)) out.push(`  ! ${d.dimension}: ${d.reasons.join('; ')}`);
  }
  return `${out.join('\n')}\n`;
}

interface SampleOpts {
  inputFormat: string;
  margin?: number;
  sigma?: number;
  proportion?: number;
  confidence?: number;
  z?: number;
  population?: number;
  seed?: string;
  size?: number;
  rate?: number;
  perAgentMin?: number;
  perAgentMax?: number;
  stratify?: string;
  allocation: string;
  stratumSigma: string[];
  oversample: string[];
  check?: string;
  timeZone?: string;
  alpha?: number;
  maxDeviation?: number;
  output?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Internal: library errors become usage errors with their paths. */
function asUsage(e: unknown, what: string): unknown {
  return e instanceof CallqaError ? new UsageError(e.message.split('\n')[0] ?? what, e.issues.map((i: Issue) => issueLine(what, i))) : e;
}
function usage<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw asUsage(e, what);
  }
}
async function usageAsync<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw asUsage(e, what);
  }
}

/**
 * Adds `sample` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa sample calls.ndjson --seed 2026-10 --rate 0.02 --per-agent-min 5 --per-agent-max 15
 * ```
 */
export function register(program: Command): void {
  program
    .command('sample')
    .description('sample size, a seeded reproducible selection of calls, and the MITLA balance check')
    .argument('[input]', 'the period’s calls { id, agentId, date, durationSec?, type?, groups? } — a call list, evaluations or `callqa score` output (compact or --full); NDJSON, CSV, JSON array, optionally .gz; - for stdin')
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('--margin <E>', 'allowed error: score points with --sigma, else a proportion (e.g. 0.05)', numberOpt('--margin', 0))
    .option('--sigma <σ>', 'score standard deviation: size for a mean score', numberOpt('--sigma', 0))
    .option('--proportion <p>', 'expected proportion: size for a proportion (default 0.5)', numberOpt('--proportion', 0, 1))
    .option('--confidence <level>', 'confidence level (default 0.95)', numberOpt('--confidence', 0, 1))
    .option('--z <z>', 'the z factor instead of a confidence level', numberOpt('--z', 0))
    .option('--population <N>', 'population size for the correction (default: the calls in <input>)', positiveInt('--population'))
    .option('--seed <seed>', 'select a sample with this seed (same seed, same sample)')
    .option('--size <n>', 'calls to select (default: the computed sample size)', positiveInt('--size'))
    .option('--rate <r>', 'share of calls to select, e.g. 0.02', numberOpt('--rate', 0, 1))
    .option('--per-agent-min <n>', 'at least n calls per agent', positiveInt('--per-agent-min', 0))
    .option('--per-agent-max <n>', 'at most n calls per agent', positiveInt('--per-agent-max'))
    .option('--stratify <key>', 'stratify by type or agentId')
    .option('--allocation <method>', 'proportional or neyman', 'proportional')
    .option('--stratum-sigma <key=σ>', 'σ of a stratum, for Neyman allocation; repeat', collect, [])
    .option('--oversample <group=factor>', 'oversample a declared group (new-hire=2); repeat', collect, [])
    .option('--check <file>', 'check the balance of an existing sample instead of selecting one: only its ids are read, so evaluations or `callqa score` output (compact or --full) will do')
    .option('--time-zone <tz>', 'IANA time zone for busy/idle hours and days (default UTC)')
    .option('--alpha <α>', 'significance level of the balance test (default 0.05)', numberOpt('--alpha', 0, 1))
    .option('--max-deviation <share>', 'largest tolerated share difference (default 0.10)', numberOpt('--max-deviation', 0, 1))
    .option('-o, --output <file>', 'write the selected calls as NDJSON (- for stdout)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress bar and no list of rejected records')
    .addHelpText(
      'after',
      `\nWithout <input>: only the sample size (--margin with --sigma or --proportion).\n` +
        `The calls are streamed, never all in memory: a selection reads <input> twice (stdin is copied to a temp file first), --check once.\n` +
        `Type and duration are read from the record or its attributes (what \`callqa generate\` writes); \`callqa score\` output has neither, so\n` +
        `its length and type dimensions are empty.\n${EXIT_HELP}`,
    )
    .action(async (input: string | undefined, opts: SampleOpts) => {
      if (opts.confidence !== undefined && opts.z !== undefined) throw new UsageError('give --confidence or --z, not both');
      if (opts.sigma !== undefined && opts.proportion !== undefined) throw new UsageError('give --sigma (a mean) or --proportion, not both');
      if (opts.allocation !== 'proportional' && opts.allocation !== 'neyman') throw new UsageError(`--allocation must be proportional or neyman, got "${opts.allocation}"`);
      if (opts.stratify !== undefined && opts.stratify !== 'type' && opts.stratify !== 'agentId') throw new UsageError(`--stratify must be type or agentId, got "${opts.stratify}"`);
      if (opts.size !== undefined && opts.rate !== undefined) throw new UsageError('give --size or --rate, not both');
      if (!input && (opts.seed !== undefined || opts.check !== undefined)) throw new UsageError('selecting or checking a sample needs the calls: give <input>');
      if (!input && opts.margin === undefined) throw new UsageError('give <input> to select a sample, or --margin to compute a sample size');

      const timeZone = opts.timeZone ?? 'UTC';
      const conf = opts.z !== undefined ? { z: opts.z } : { confidence: opts.confidence ?? 0.95 };
      const sizeFor = (N: number | undefined): SampleSize | undefined => {
        if (opts.margin === undefined) return undefined;
        const margin = opts.margin;
        return usage('sample size', () =>
          opts.sigma !== undefined
            ? sampleSizeForMean({ ...conf, sigma: opts.sigma, margin, ...(N !== undefined && N > 0 ? { population: N } : {}) })
            : sampleSizeForProportion({ ...conf, margin, ...(opts.proportion !== undefined ? { p: opts.proportion } : {}), ...(N !== undefined && N > 0 ? { population: N } : {}) }),
        );
      };
      const balanceOptions = {
        ...(opts.alpha !== undefined ? { alpha: opts.alpha } : {}),
        ...(opts.maxDeviation !== undefined ? { maxDeviation: opts.maxDeviation } : {}),
      };
      let size: SampleSize | undefined;
      let selection: SampleSelection | undefined;
      let balance: BalanceReport | undefined;
      if (!input) size = sizeFor(opts.population);
      else {
        // The calls are streamed (in passes, stdin copied to a temp file): never all in memory.
        const src = await rereadable(input, opts.inputFormat, !opts.quiet);
        try {
          if (opts.check !== undefined) {
            const read = await readCallRecords(opts.check, 'auto');
            reportRejected(read.rejected, opts.check, opts.quiet);
            const { profile, found, rejected } = await profileAndFind(src, input, new Set(read.calls.map((c) => c.id)), timeZone);
            reportRejected(rejected, input, opts.quiet);
            size = sizeFor(opts.population ?? profile.size);
            const unknown = read.calls.filter((c) => !found.has(c.id)).map((c) => c.id);
            if (unknown.length > 0) throw new UsageError(`${opts.check}: ${unknown.length} sampled call(s) are not in ${input}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
            const sample = read.calls.map((c) => found.get(c.id) as CallRecord);
            balance = usage('balance', () => balanceOfProfile(profile, sample, balanceOptions));
          } else if (opts.seed !== undefined) {
            const sigma = parsePairs(opts.stratumSigma, '--stratum-sigma');
            const oversample = parsePairs(opts.oversample, '--oversample');
            const num = (o: Record<string, string>, name: string): Record<string, number> =>
              Object.fromEntries(
                Object.entries(o).map(([k, v]) => {
                  const x = Number(v);
                  if (!Number.isFinite(x) || x <= 0) throw new UsageError(`${name} ${k}: expected a positive number, got "${v}"`);
                  return [k, x];
                }),
              );
            if (opts.size === undefined && opts.rate === undefined && opts.margin === undefined) throw new UsageError('say how many to select: --size, --rate, or --margin to compute it');
            const base = {
              seed: opts.seed,
              ...(opts.perAgentMin !== undefined || opts.perAgentMax !== undefined
                ? { perAgent: { ...(opts.perAgentMin !== undefined ? { min: opts.perAgentMin } : {}), ...(opts.perAgentMax !== undefined ? { max: opts.perAgentMax } : {}) } }
                : {}),
              ...(opts.stratify
                ? { stratify: { by: opts.stratify as 'type' | 'agentId', method: opts.allocation as 'proportional' | 'neyman', ...(opts.stratumSigma.length > 0 ? { sigma: num(sigma, '--stratum-sigma') } : {}) } }
                : {}),
              ...(opts.oversample.length > 0 ? { oversample: num(oversample, '--oversample') } : {}),
            };
            // The options are checked before the first pass (size 1 stands in for a size still to compute).
            const optionIssues = selectOptionIssues({ ...base, ...(opts.rate !== undefined ? { rate: opts.rate } : { size: opts.size ?? 1 }) });
            if (optionIssues.length > 0) throw asUsage(new SamplingError('selectSample', optionIssues), input);
            const p1 = await firstPass(src, input, base, timeZone);
            reportRejected(p1.rejected, input, opts.quiet);
            size = sizeFor(opts.population ?? p1.size);
            const n = opts.size ?? (opts.rate === undefined ? size?.n : undefined);
            const options: SelectSampleOptions = { ...base, ...(n !== undefined ? { size: n } : { rate: opts.rate as number }) };
            selection = await usageAsync(input, () => selectFromStream(src, input, p1.builder, options));
            throwCallProblems(input, p1.size, p1.balanceIssues.issues, (k) => p1.balanceIssues.lineOf(k));
            const chosen = selection.calls;
            balance = usage('balance', () => balanceOfProfile(p1.profile, chosen, balanceOptions));
          } else {
            const { size: N, rejected } = await countCalls(src);
            reportRejected(rejected, input, opts.quiet);
            size = sizeFor(opts.population ?? N);
          }
        } finally {
          src.dispose();
        }
      }

      if (selection && opts.output !== undefined) {
        const text = selection.calls.map((c) => `${JSON.stringify(c)}\n`).join('');
        if (opts.output === '-') process.stdout.write(text);
        else writeFileSync(opts.output, text);
      }
      const result = { ...(size ? { size } : {}), ...(selection ? { selection } : {}), ...(balance ? { balance } : {}) };
      // With -o - the calls own stdout; the report goes to stderr.
      const sink = opts.output === '-' ? process.stderr : process.stdout;
      if (opts.json) sink.write(`${JSON.stringify(result, null, 2)}\n`);
      else sink.write(renderSample({ ...result, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.check !== undefined ? { checked: opts.check } : {}) }));
    });
}
