/**
 * `callqa alerts <input>` — early warning per agent: control charts and run
 * rules over each agent's evaluation scores, warning of a decline while the
 * calls still pass, with how far the agent still is from the failing band.
 */
import type { Command } from 'commander';
import { RubricVersions } from '../../batch/versions.js';
import { type Alert, type Baseline, type DeclineReport, type DetectorName, detectDecline, EarlyWarningError } from '../../early-warning/index.js';
import { table } from '../../format/text.js';
import { CallqaError } from '../../issues/issues.js';
import type { Rubric } from '../../rubric/index.js';
import type { CallScore } from '../../scoring/types.js';
import { EXIT_HELP, UsageError, collect, issueLine, loadRubricFiles, positiveInt } from '../util.js';
import { inPeriod, numberOpt, readScoredCalls, reportRejected } from './problems.js';
import { compareCodeUnits } from '../../order/compare.js';

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

/**
 * One agent's early-warning result.
 *
 * @example
 * ```ts
 * const a: AgentAlerts = { agentId: 'A-wang', calls: 20, report, alerts: report.alerts };
 * ```
 */
export type AgentAlerts =
  | { readonly agentId: string; readonly calls: number; readonly report: DeclineReport; readonly alerts: readonly Alert[] }
  | { readonly agentId: string; readonly calls: number; readonly skipped: string };

/**
 * Options of {@link agentAlerts}.
 *
 * @example
 * ```ts
 * const o: AgentAlertsOptions = { detectors: ['ewma', 'cusum'], baseline: { points: 10 }, failThreshold: 60, all: false };
 * ```
 */
export interface AgentAlertsOptions {
  readonly detectors: readonly DetectorName[];
  /** `'team'`: mean and sample σ of every call in the input. */
  readonly baseline: Baseline | 'team';
  readonly failThreshold?: number;
  readonly lambda?: number;
  readonly L?: number;
  readonly k?: number;
  readonly h?: number;
  /** Keep upward and pattern alerts too (default: only declines). */
  readonly all: boolean;
}

/**
 * Runs `detectDecline` over each agent's series (by date, then id). Agents
 * whose series cannot be charted (too short for the baseline, no variance)
 * are reported as skipped with the reason, not as an error.
 *
 * @example
 * ```ts
 * agentAlerts(calls, { detectors: ['ewma', 'cusum'], baseline: { points: 10 }, all: false });
 * ```
 */
export function agentAlerts(calls: readonly CallScore[], o: AgentAlertsOptions): AgentAlerts[] {
  let baseline: Baseline = o.baseline === 'team' ? { points: 10 } : o.baseline;
  if (o.baseline === 'team') {
    const xs = calls.map((c) => c.score);
    const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const sd = xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    if (!(sd > 0)) throw new UsageError('--baseline team needs at least two calls with different scores');
    baseline = { mean, sigma: sd };
  }
  const byAgent = new Map<string, CallScore[]>();
  for (const c of calls) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  return [...byAgent]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([agentId, list]): AgentAlerts => {
      const series = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((c) => ({ score: c.score, id: c.id, date: c.date }));
      try {
        const report = detectDecline(series, {
          baseline,
          detectors: o.detectors,
          ...(o.failThreshold !== undefined ? { failThreshold: o.failThreshold } : {}),
          ewma: { ...(o.lambda !== undefined ? { lambda: o.lambda } : {}), ...(o.L !== undefined ? { L: o.L } : {}) },
          cusum: { ...(o.k !== undefined ? { k: o.k } : {}), ...(o.h !== undefined ? { h: o.h } : {}) },
        });
        return { agentId, calls: list.length, report, alerts: o.all ? report.alerts : report.alerts.filter((a) => a.direction === 'down') };
      } catch (e) {
        // A series the charts cannot use is a fact about the agent, not a usage error.
        if (e instanceof EarlyWarningError && e.issues.every((i) => i.path[0] === 'series')) return { agentId, calls: list.length, skipped: e.issues.map((i) => i.message).join('; ') };
        throw e;
      }
    });
}

const f2 = (x: number): string => x.toFixed(2);

/**
 * The alerts as readable tables.
 *
 * @example
 * ```ts
 * process.stdout.write(renderAlerts(results, { detectors: ['ewma', 'cusum'], failThreshold: 60 }));
 * ```
 */
export function renderAlerts(results: readonly AgentAlerts[], head: { readonly detectors: readonly DetectorName[]; readonly failThreshold?: number; readonly baseline: string }): string {
  const out: string[] = [];
  const calls = results.reduce((s, r) => s + r.calls, 0);
  out.push(`Early warning — ${results.length} agent(s), ${calls} call(s); detectors ${head.detectors.join(', ')}; baseline ${head.baseline}${head.failThreshold === undefined ? '' : `; failing below ${head.failThreshold}`}`);
  out.push('');
  const charted = results.filter((r): r is Extract<AgentAlerts, { report: DeclineReport }> => 'report' in r);
  if (charted.length > 0) {
    out.push(
      table(
        [
          ['agent', 'calls', 'baseline', 'level', 'margin', 'first decline', 'alerts'],
          ...charted.map((r) => {
            const b = r.report.baseline;
            const d = r.report.firstDecline;
            return [
              r.agentId,
              String(r.calls),
              `${f2(b.mean)} ± ${f2(b.sigma)}`,
              f2(r.report.level),
              r.report.marginToFail === undefined ? '–' : `${r.report.marginToFail >= 0 ? '+' : ''}${f2(r.report.marginToFail)}`,
              d ? `#${d.index + 1} ${d.id ?? ''} ${d.rule}` : '–',
              String(r.alerts.length),
            ];
          }),
        ],
        { right: [1, 3, 4, 6] },
      ),
    );
  }
  const alerts = charted.flatMap((r) => r.alerts.map((a) => ({ agentId: r.agentId, a })));
  out.push('');
  out.push('Alerts');
  if (alerts.length === 0) out.push('  (none)');
  else {
    out.push(
      table(
        [
          ['agent', 'eval', 'call', 'date', 'rule', 'dir', 'value', 'limit', 'message'],
          ...alerts.map(({ agentId, a }) => [agentId, `#${a.index + 1}`, a.id ?? '', (a.date ?? '').slice(0, 10), a.rule, a.direction, f2(a.value), a.limit === null ? '–' : f2(a.limit), a.message]),
        ],
        { right: [1, 6, 7], indent: '  ' },
      ),
    );
  }
  const skipped = results.filter((r): r is Extract<AgentAlerts, { skipped: string }> => 'skipped' in r);
  if (skipped.length > 0) {
    out.push('');
    out.push('Not charted');
    for (const s of skipped) out.push(`  ${s.agentId} (${s.calls} call${s.calls === 1 ? '' : 's'}): ${s.skipped}`);
  }
  return `${out.join('\n')}\n`;
}

interface AlertsOpts {
  rubric: string[];
  inputFormat: string;
  from?: string;
  to?: string;
  detectors: string;
  baseline: string;
  mean?: number;
  sigma?: number;
  failBelow?: number;
  lambda?: number;
  L?: number;
  k?: number;
  h?: number;
  all?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/**
 * Adds `alerts` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa alerts scores.ndjson --detectors ewma,cusum,western-electric
 * ```
 */
export function register(program: Command): void {
  program
    .command('alerts')
    .description('early warning: control charts and run rules per agent, to catch a decline before calls fail')
    .argument('<input>', 'scored calls (`callqa score --full`) or evaluations with --rubric: NDJSON, CSV, JSON array, optionally .gz; - for stdin')
    .option('-r, --rubric <file>', 'rubric JSON to score evaluations and find the failing band; repeat for dated versions', collect, [])
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('--from <date>', 'only calls on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only calls on or before this date (YYYY-MM-DD)')
    .option('--detectors <list>', `comma-separated: ${DETECTORS.join(', ')}`, 'ewma,cusum')
    .option('--baseline <source>', "'own' (each agent's first --baseline-points evaluations), 'team' (every call's mean and σ), or a number of points", 'own')
    .option('--mean <score>', 'given baseline mean (with --sigma)', numberOpt('--mean'))
    .option('--sigma <points>', 'given baseline σ (with --mean)', numberOpt('--sigma', 0))
    .option('--fail-below <score>', "the failing threshold (default: the top of the rubric's failing band)", numberOpt('--fail-below'))
    .option('--lambda <λ>', 'EWMA weight (default 0.2)', numberOpt('--lambda', 0, 1))
    .option('--L <width>', 'EWMA limit width in σ (default 3)', numberOpt('--L', 0))
    .option('--k <k>', 'CUSUM allowance in σ', numberOpt('--k', 0))
    .option('--h <h>', 'CUSUM decision interval in σ', numberOpt('--h', 0))
    .option('--all', 'list upward and pattern alerts too (default: declines only)')
    .option('--json', 'print the results as JSON')
    .option('-q, --quiet', 'do not list rejected records')
    .addHelpText('after', `\nEvaluations are charted per agent in date order. Agents with too few evaluations are listed, not charted.\n${EXIT_HELP}`)
    .action(async (input: string, opts: AlertsOpts) => {
      const rubrics = opts.rubric.length > 0 ? loadRubricFiles(opts.rubric).map((r) => r.rubric) : [];
      const detectors = opts.detectors.split(',').map((d) => d.trim()).filter(Boolean);
      const bad = detectors.filter((d) => !(DETECTORS as readonly string[]).includes(d));
      if (bad.length > 0 || detectors.length === 0) throw new UsageError(`--detectors takes ${DETECTORS.join(', ')}; got "${opts.detectors}"`);
      let baseline: Baseline | 'team';
      let baselineText: string;
      if ((opts.mean === undefined) !== (opts.sigma === undefined)) throw new UsageError('give --mean and --sigma together');
      if (opts.mean !== undefined && opts.sigma !== undefined) {
        baseline = { mean: opts.mean, sigma: opts.sigma };
        baselineText = `given ${opts.mean} ± ${opts.sigma}`;
      } else if (opts.baseline === 'team') {
        baseline = 'team';
        baselineText = 'team';
      } else {
        const points = opts.baseline === 'own' ? 10 : positiveInt('--baseline', 2)(opts.baseline);
        baseline = { points };
        baselineText = `own first ${points}`;
      }
      const { calls, rejected } = await readScoredCalls(input, rubrics, opts.inputFormat);
      reportRejected(rejected, input, opts.quiet);
      const latest = rubrics.length > 0 ? new RubricVersions(rubrics).list.at(-1) : undefined;
      const threshold = opts.failBelow ?? (latest ? failThresholdOf(latest) : null) ?? undefined;
      let results: AgentAlerts[];
      try {
        results = agentAlerts(inPeriod(calls, opts.from, opts.to), {
          detectors: detectors as DetectorName[],
          baseline,
          all: opts.all === true,
          ...(threshold !== undefined ? { failThreshold: threshold } : {}),
          ...(opts.lambda !== undefined ? { lambda: opts.lambda } : {}),
          ...(opts.L !== undefined ? { L: opts.L } : {}),
          ...(opts.k !== undefined ? { k: opts.k } : {}),
          ...(opts.h !== undefined ? { h: opts.h } : {}),
        });
      } catch (e) {
        if (e instanceof CallqaError) throw new UsageError(e.message.split('\n')[0] ?? 'invalid options', e.issues.map((i) => issueLine('alerts', i)));
        throw e;
      }
      const head = { detectors: detectors as DetectorName[], baseline: baselineText, ...(threshold !== undefined ? { failThreshold: threshold } : {}) };
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...head, agents: results }, null, 2)}\n`);
      else process.stdout.write(renderAlerts(results, head));
    });
}
