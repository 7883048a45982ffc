/**
 * `callqa alerts <input>` — early warning per agent: EWMA and CUSUM (and run
 * rules on request) over each agent's evaluation scores, on a Phase I
 * baseline from the reference period (the first month by default), so that
 * declining agents never inflate σ. Agents in alarm come first, with their
 * level, its interval and how many evaluations until the expected score
 * crosses the failing threshold. Reads `callqa score` output (compact NDJSON
 * or CSV, or `--full`) as it is, and evaluations when given a rubric.
 * The output is written an agent at a time (alerts-render.ts), so memory is
 * the per-agent columns, not the number of alerts.
 */
import type { Command } from 'commander';
import { RubricVersions } from '../../batch/versions.js';
import { type AlertLocale, CentreCollector, type CentreWatchOutline, type DetectorName, EARLY_WARNING_DEFAULTS, type WatchCentreOptions } from '../../early-warning/index.js';
import { CallqaError } from '../../issues/issues.js';
import type { Rubric } from '../../rubric/index.js';
import { readScored } from '../records.js';
import { EXIT_HELP, RejectionLog, UsageError, collect, issueLine, loadRubricFiles, onInterrupt, positiveInt, progressBar } from '../util.js';
import { numberOpt } from './problems.js';
import { streamWriter, writeChunks } from '../json-stream.js';
import { AlertTable, type AlertsHead, alertsJson, alertsText } from './alerts-render.js';

const DETECTORS: readonly DetectorName[] = ['xmr', 'ewma', 'cusum', 'western-electric', 'nelson'];

/**
 * The score below which a call fails: the highest upper bound of the
 * rubric's non-passing grade bands; null when the rubric has none.
 *
 * @example
 * ```ts
 * failThresholdOf(rubric); // 60 for bands [60, 100] pass, [0, 60) fail
 * ```
 */
export function failThresholdOf(rubric: Rubric): number | null {
  const tops = rubric.grades.filter((g) => !g.passing && g.range.max !== null).map((g) => (g.range.max as NonNullable<typeof g.range.max>).toNumber());
  return tops.length === 0 ? null : Math.max(...tops);
}

interface AlertsOpts {
  rubric: string[];
  inputFormat: string;
  from?: string;
  to?: string;
  detectors: string;
  baseline: string;
  referenceTo?: string;
  minOwn?: number;
  mean?: number;
  sigma?: number;
  failBelow?: number;
  lambda?: number;
  L?: number;
  k?: number;
  h?: number;
  since?: string;
  locale: string;
  all?: boolean;
  json?: boolean;
  quiet?: boolean;
}

function baselineOf(opts: AlertsOpts): { baseline: NonNullable<WatchCentreOptions['baseline']>; text: string } {
  if ((opts.mean === undefined) !== (opts.sigma === undefined)) throw new UsageError('give --mean and --sigma together');
  if (opts.mean !== undefined && opts.sigma !== undefined) return { baseline: { mean: opts.mean, sigma: opts.sigma }, text: `given ${opts.mean} ± ${opts.sigma}` };
  if (opts.baseline === 'phase1') return { baseline: 'phase1', text: 'Phase I (own from the reference period when long enough, else team)' };
  if (opts.baseline === 'team') return { baseline: 'team', text: 'team Phase I' };
  const points = positiveInt('--baseline', 2)(opts.baseline);
  return { baseline: { points }, text: `own first ${points} (raw)` };
}

/**
 * Adds `alerts` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa alerts scores.ndjson --fail-below 60
 * ```
 */
export function register(program: Command): void {
  const D = EARLY_WARNING_DEFAULTS;
  program
    .command('alerts')
    .description('early warning: EWMA and CUSUM per agent on a Phase I baseline, agents in alarm first with a projection')
    .argument('<input>', '`callqa score` output (compact NDJSON/CSV or --full) or evaluations with --rubric; JSON array, optionally .gz; - for stdin')
    .option('-r, --rubric <file>', 'rubric JSON to score evaluations and find the failing band; repeat for dated versions', collect, [])
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('--from <date>', 'only calls on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only calls on or before this date (YYYY-MM-DD)')
    .option('--detectors <list>', `comma-separated: ${DETECTORS.join(', ')}`, D.detectors.join(','))
    .option('--baseline <source>', "'phase1' (the agent's own Phase I baseline when its reference period has --min-own evaluations, else the team's), 'team' (always the team's Phase I), or a number k (raw own first k; cries wolf for small k)", 'phase1')
    .option('--reference-to <date>', 'last day of the reference period (default: the end of the first month in the data)')
    .option('--min-own <n>', "evaluations in an agent's reference period before its own baseline is trusted", positiveInt('--min-own', 2))
    .option('--mean <score>', 'given baseline mean (with --sigma)', numberOpt('--mean'))
    .option('--sigma <points>', 'given baseline σ (with --mean)', numberOpt('--sigma', 0))
    .option('--fail-below <score>', "the failing threshold (default: the top of the rubric's failing band)", numberOpt('--fail-below'))
    .option('--lambda <λ>', `EWMA weight (default ${D.ewma.lambda})`, numberOpt('--lambda', 0, 1))
    .option('--L <width>', `EWMA limit width in σ (default ${D.ewma.L})`, numberOpt('--L', 0))
    .option('--k <k>', `CUSUM allowance in σ (default ${D.cusum.k})`, numberOpt('--k', 0))
    .option('--h <h>', `CUSUM decision interval in σ (default ${D.cusum.h})`, numberOpt('--h', 0))
    .option('--since <date>', 'list only alerts on or after this date (the status still uses the whole history)')
    .option('--locale <locale>', 'language of the reasons: en or zh-CN', 'en')
    .option('--all', 'list upward and pattern alerts too (default: declines only)')
    .option('--json', 'print the results as JSON')
    .option('-q, --quiet', 'no progress bar and no list of rejected records')
    .addHelpText('after', `\nEvaluations are charted per agent in date order; the charts restart after each signal. An agent with\nfewer evaluations than the baseline needs is watched on the team's baseline. See docs/early-warning.md.\n${EXIT_HELP}`)
    .action(async (input: string, opts: AlertsOpts) => {
      const rubrics = opts.rubric.length > 0 ? loadRubricFiles(opts.rubric).map((r) => r.rubric) : [];
      const detectors = opts.detectors.split(',').map((d) => d.trim()).filter(Boolean);
      const bad = detectors.filter((d) => !(DETECTORS as readonly string[]).includes(d));
      if (bad.length > 0 || detectors.length === 0) throw new UsageError(`--detectors takes ${DETECTORS.join(', ')}; got "${opts.detectors}"`);
      if (opts.locale !== 'en' && opts.locale !== 'zh-CN') throw new UsageError(`--locale is en or zh-CN, got "${opts.locale}"`);
      for (const [name, v] of [['--since', opts.since], ['--reference-to', opts.referenceTo]] as const) {
        if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`${name} must be a date YYYY-MM-DD, got "${v}"`);
      }
      const { baseline, text } = baselineOf(opts);
      // One pass: each scored call goes into its agent's compact columns; nothing else is kept.
      const collector = new CentreCollector();
      const log = new RejectionLog(input);
      const bar = progressBar(!opts.quiet);
      const off = onInterrupt(() => bar.stop());
      try {
        const where = { ...(opts.from !== undefined ? { from: opts.from } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) };
        await readScored(input, { need: 'score', rubrics, format: opts.inputFormat, ...where, onRejected: log.add, onProgress: bar.update }, (c) => collector.add(c));
      } finally {
        bar.stop();
        off();
      }
      log.report(opts.quiet);
      const latest = rubrics.length > 0 ? new RubricVersions(rubrics).list.at(-1) : undefined;
      const threshold = opts.failBelow ?? (latest ? failThresholdOf(latest) : null) ?? undefined;
      const head: AlertsHead = { detectors: detectors as DetectorName[], baseline: text, ...(threshold !== undefined ? { failThreshold: threshold } : {}), ...(opts.since !== undefined ? { since: opts.since } : {}), all: opts.all === true };
      // Every agent is charted once to order them (and, for the text, to measure the alerts table),
      // kept without its alerts, and charted again as its alerts are written: memory is per agent,
      // however many alerts the month raises (alerts-render.ts).
      const alertTable = new AlertTable(head);
      let outline: CentreWatchOutline;
      try {
        outline = collector.watchOutline({
          baseline,
          detectors: detectors as DetectorName[],
          locale: opts.locale as AlertLocale,
          ...(opts.referenceTo !== undefined ? { referenceTo: opts.referenceTo } : {}),
          ...(opts.minOwn !== undefined ? { minOwnPoints: opts.minOwn } : {}),
          ...(threshold !== undefined ? { failThreshold: threshold } : {}),
          ewma: { ...(opts.lambda !== undefined ? { lambda: opts.lambda } : {}), ...(opts.L !== undefined ? { L: opts.L } : {}) },
          cusum: { ...(opts.k !== undefined ? { k: opts.k } : {}), ...(opts.h !== undefined ? { h: opts.h } : {}) },
        }, opts.json ? undefined : (a) => alertTable.measure(a));
      } catch (e) {
        if (e instanceof CallqaError) throw new UsageError(e.message.split('\n')[0] ?? 'invalid options', e.issues.map((i) => issueLine('alerts', i)));
        throw e;
      }
      await writeChunks(opts.json ? alertsJson(outline, head) : alertsText(outline, alertTable, head), streamWriter(process.stdout));
    });
}
