/**
 * `callqa alerts <input>` — early warning per agent: EWMA and CUSUM (and run
 * rules on request) over each agent's evaluation scores, on a Phase I
 * baseline from the reference period (the first month by default), so that
 * declining agents never inflate σ. Agents in alarm come first, with their
 * level, its interval and how many evaluations until the expected score
 * crosses the failing threshold. Reads `callqa score` output (compact NDJSON
 * or CSV, or `--full`) as it is, and evaluations when given a rubric.
 */
import type { Command } from 'commander';
import { RubricVersions } from '../../batch/versions.js';
import { type AgentWatch, type Alert, type AlertLocale, CentreCollector, type CentreWatch, type DetectorName, EARLY_WARNING_DEFAULTS, alertsSince, type WatchCentreOptions } from '../../early-warning/index.js';
import { table } from '../../format/text.js';
import { CallqaError } from '../../issues/issues.js';
import type { Rubric } from '../../rubric/index.js';
import { readScored } from '../records.js';
import { EXIT_HELP, RejectionLog, UsageError, collect, issueLine, loadRubricFiles, onInterrupt, positiveInt, progressBar } from '../util.js';
import { numberOpt } from './problems.js';

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

const f2 = (x: number): string => x.toFixed(2);
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${f2(x)}`;

function projectionText(a: Extract<AgentWatch, { report: unknown }>): string {
  const p = a.report.status.projection;
  if (p === null) return '–';
  if (p.basis === 'at-or-below') return 'at or below now';
  if (p.basis === 'stable') return 'no decline';
  return `${p.evaluationsToFail} eval(s)`;
}

/** The alerts the command shows, as text and as JSON alike: since `--since`, downward unless `--all`. */
function shownAlerts(alerts: readonly Alert[], since: string | undefined, all: boolean | undefined): Alert[] {
  return (since === undefined ? [...alerts] : alertsSince(alerts, since)).filter((a) => all === true || a.direction === 'down');
}

/**
 * The centre's early warning as readable tables: agents in alarm first.
 *
 * @example
 * ```ts
 * process.stdout.write(renderAlerts(watch, { detectors: ['ewma', 'cusum'], failThreshold: 60, baseline: 'Phase I' }));
 * ```
 */
export function renderAlerts(w: CentreWatch, head: { readonly detectors: readonly DetectorName[]; readonly failThreshold?: number; readonly baseline: string; readonly since?: string; readonly all?: boolean }): string {
  const out: string[] = [];
  const calls = w.agents.reduce((s, r) => s + r.calls, 0);
  out.push(`Early warning — ${w.agents.length} agent(s), ${calls} call(s); detectors ${head.detectors.join(', ')}; baseline ${head.baseline}${head.failThreshold === undefined ? '' : `; failing below ${head.failThreshold}`}`);
  if (w.team !== null) out.push(`Team Phase I baseline (reference period to ${w.referenceTo}): ${f2(w.team.mean)} ± ${f2(w.team.sigma)} from ${w.team.points} evaluation(s), ${w.team.removed} set aside as out of control`);
  out.push('');
  const charted = w.agents.filter((r): r is Extract<AgentWatch, { report: unknown }> => 'report' in r);
  const inAlarm = charted.filter((r) => r.report.status.inAlarm).length;
  out.push(`In alarm now: ${inAlarm} of ${charted.length}`);
  if (charted.length > 0) {
    out.push(
      table(
        [
          ['agent', 'calls', 'baseline', 'status', 'since', 'rules', 'level [95% CI]', 'slope', 'margin', 'to fail'],
          ...charted.map((r) => {
            const s = r.report.status;
            const b = r.report.baseline;
            const l = s.level;
            return [
              r.agentId,
              String(r.calls),
              `${b.source} ${f2(b.mean)} ± ${f2(b.sigma)}`,
              s.inAlarm ? 'ALARM' : 'ok',
              s.alarm ? `#${s.alarm.since.index + 1} ${(s.alarm.since.date ?? '').slice(0, 10)}` : '–',
              s.alarm ? s.alarm.rules.join(',') : '–',
              l ? `${f2(l.estimate)} [${f2(l.lower)}, ${f2(l.upper)}]` : '–',
              l?.slope != null ? signed(l.slope) : '–',
              s.projection ? signed(s.projection.marginToFail) : '–',
              projectionText(r),
            ];
          }),
        ],
        { right: [1, 7, 8] },
      ),
    );
  }
  const alerts = charted.flatMap((r) => shownAlerts(r.report.alerts, head.since, head.all).map((a) => ({ agentId: r.agentId, a })));
  out.push('');
  out.push(head.since === undefined ? 'Alerts' : `Alerts since ${head.since}`);
  if (alerts.length === 0) out.push('  (none)');
  else {
    out.push(
      table(
        [
          ['agent', 'eval', 'call', 'date', 'detector', 'rule', 'dir', 'window', 'value', 'limit', 'reason'],
          ...alerts.map(({ agentId, a }) => [agentId, `#${a.index + 1}`, a.id ?? '', (a.date ?? '').slice(0, 10), (a.detectors ?? []).join('+'), a.rule, a.direction, `#${a.window[0] + 1}–#${a.window[1] + 1}`, f2(a.value), a.limit === null ? '–' : f2(a.limit), a.message]),
        ],
        { right: [1, 8, 9], indent: '  ' },
      ),
    );
  }
  const skipped = w.agents.filter((r): r is Extract<AgentWatch, { skipped: string }> => 'skipped' in r);
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
      let watch: CentreWatch;
      try {
        watch = collector.watch({
          baseline,
          detectors: detectors as DetectorName[],
          locale: opts.locale as AlertLocale,
          ...(opts.referenceTo !== undefined ? { referenceTo: opts.referenceTo } : {}),
          ...(opts.minOwn !== undefined ? { minOwnPoints: opts.minOwn } : {}),
          ...(threshold !== undefined ? { failThreshold: threshold } : {}),
          ewma: { ...(opts.lambda !== undefined ? { lambda: opts.lambda } : {}), ...(opts.L !== undefined ? { L: opts.L } : {}) },
          cusum: { ...(opts.k !== undefined ? { k: opts.k } : {}), ...(opts.h !== undefined ? { h: opts.h } : {}) },
        });
      } catch (e) {
        if (e instanceof CallqaError) throw new UsageError(e.message.split('\n')[0] ?? 'invalid options', e.issues.map((i) => issueLine('alerts', i)));
        throw e;
      }
      const head = { detectors: detectors as DetectorName[], baseline: text, ...(threshold !== undefined ? { failThreshold: threshold } : {}), ...(opts.since !== undefined ? { since: opts.since } : {}), all: opts.all === true };
      if (opts.json) {
        const agents = watch.agents.map((a) => ('report' in a ? { ...a, alerts: shownAlerts(a.report.alerts, opts.since, opts.all) } : a));
        process.stdout.write(`${JSON.stringify({ ...head, team: watch.team, referenceTo: watch.referenceTo, agents }, null, 2)}\n`);
      } else process.stdout.write(renderAlerts(watch, head));
    });
}
