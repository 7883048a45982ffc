/**
 * `callqa report <calls>` — the monthly QA report as one self-contained HTML
 * file: reads the month's calls (scored, or evaluations scored on the fly with
 * --rubric), the per-agent KPI rows (CSV) and the plan, optionally last month
 * and a calibration session, and writes `renderReport`'s page (atomically).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { metricsFromRows, safeLoadPlan, type MetricsRecord, type Plan } from '../../assessment/index.js';
import { openOutput } from '../../batch/atomic.js';
import { renderReport, type ReportInput } from '../../report/index.js';
import type { Rubric } from '../../rubric/index.js';
import type { CallScore } from '../../scoring/types.js';
import { EXIT_HELP, RejectionLog, UsageError, issueLine, loadRubricFiles } from '../util.js';
import { readJsonFile } from '../../files/json-file.js';
import { readRatings } from './calibrate.js';
import { numberOpt, reportRejected } from './problems.js';
import { readScored } from '../records.js';

interface ReportOpts {
  rubric: string;
  plan: string;
  metrics: string;
  period: string;
  timeZone?: string;
  previousCalls?: string;
  previousMetrics?: string;
  previousPeriod?: string;
  calibration?: string;
  expert?: string;
  biasTolerance?: number;
  commonShare?: number;
  locale: string;
  centre?: string;
  inputFormat: string;
  output: string;
  quiet?: boolean;
}

function loadPlanFile(file: string): Plan {
  const pj = readJsonFile(file);
  if ('issues' in pj) throw new UsageError(`cannot read plan ${file}`, pj.issues.map((i) => issueLine(file, i)));
  const loaded = safeLoadPlan(pj.json);
  if (!loaded.success) throw new UsageError('invalid plan', loaded.issues.map((i) => issueLine(file, i)));
  return loaded.plan;
}

/** KPI rows (CSV, as `callqa generate --kpis` writes them) and the teams of a `team` column. */
function readMetrics(file: string, period: string): { metrics: (MetricsRecord & { agentId: string })[]; team: Record<string, string> } {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (e) {
    throw new UsageError(`cannot read KPI rows ${file}: ${(e as Error).message}`);
  }
  const { metrics, issues } = metricsFromRows(rows, period);
  for (const i of issues.slice(0, 20)) process.stderr.write(`${issueLine(file, i)}\n`);
  const team: Record<string, string> = {};
  for (const m of metrics) if (typeof m['team'] === 'string' && m['team'] !== '') team[m.agentId] = m['team'];
  return { metrics, team };
}

/** The month's calls, through the one reader of scored calls (any format, .gz, `-`); the report needs them all at once. */
async function readCallsFile(file: string, rubric: Rubric, format: string, quiet: boolean): Promise<CallScore[]> {
  const calls: CallScore[] = [];
  const log = new RejectionLog(file);
  await readScored(file, { need: 'items', rubrics: [rubric], format, onRejected: log.add }, (c) => void calls.push(c));
  log.report(quiet);
  return calls;
}

/**
 * Adds `report` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa report calls.ndjson --rubric r.json --plan p.json --metrics kpis.csv --period 2026-10 -o report.html
 * ```
 */
export function register(program: Command): void {
  program
    .command('report')
    .description('write the monthly QA report: one self-contained HTML file with charts (zh-CN or en)')
    .argument('<calls>', 'the month’s calls: `callqa score --full` output or evaluations (scored with --rubric); NDJSON, CSV, JSON array, optionally .gz; - for stdin')
    .requiredOption('-r, --rubric <file>', 'the rubric the calls are scored with (JSON)')
    .requiredOption('--plan <file>', 'the monthly-assessment plan (JSON)')
    .requiredOption('--metrics <file>', 'per-agent KPI rows, CSV (as `callqa generate --kpis` writes them; a `team` column sets teams)')
    .requiredOption('--period <id>', "the month, e.g. '2026-10'")
    .option('--time-zone <zone>', "the centre's IANA time zone (default: the plan's)")
    .option('--previous-calls <file>', 'last month’s calls, for the comparison and the tier movement')
    .option('--previous-metrics <file>', 'last month’s KPI rows (with --previous-calls)')
    .option('--previous-period <id>', 'last month’s id (default: the month before --period)')
    .option('--calibration <file>', 'calibration ratings { callId, evaluatorId, score, sessionId?, sessionDate? } (NDJSON, CSV or JSON)')
    .option('--expert <id>', 'the calibration expert (QA lead): deviations are measured from their scores')
    .option('--bias-tolerance <points>', 'calibration: |mean deviation| above this is harsh/lenient (default 1)', numberOpt('--bias-tolerance', 0))
    .option('--common-share <share>', 'an item failed by at least this share of agents is a common problem (default 0.3)', numberOpt('--common-share', 0, 1))
    .option('--locale <locale>', 'zh-CN or en', 'zh-CN')
    .option('--centre <name>', 'the centre’s name, shown in the title')
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('-o, --output <file>', 'the HTML file to write', 'callqa-report.html')
    .option('-q, --quiet', 'do not list rejected records')
    .addHelpText('after', `\nOpen the file in any browser; it needs no network and no script, and prints on A4.\n${EXIT_HELP}`)
    .action(async (callsFile: string, opts: ReportOpts) => {
      if (opts.locale !== 'zh-CN' && opts.locale !== 'en') throw new UsageError(`--locale must be zh-CN or en, got "${opts.locale}"`);
      if (!/^\d{4}-\d{2}$/.test(opts.period)) throw new UsageError(`--period must be a month YYYY-MM, got "${opts.period}"`);
      if ((opts.previousCalls === undefined) !== (opts.previousMetrics === undefined)) throw new UsageError('--previous-calls and --previous-metrics go together');
      const [loaded] = loadRubricFiles([opts.rubric]);
      if (!loaded) throw new UsageError('no rubric');
      const rubric = loaded.rubric;
      const plan = loadPlanFile(opts.plan);
      const calls = await readCallsFile(callsFile, rubric, opts.inputFormat, opts.quiet ?? false);
      const { metrics, team } = readMetrics(opts.metrics, opts.period);
      let previous: ReportInput['previous'];
      if (opts.previousCalls !== undefined && opts.previousMetrics !== undefined) {
        const [y = 0, m = 1] = opts.period.split('-').map(Number);
        const period = opts.previousPeriod ?? (m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
        previous = { period, calls: await readCallsFile(opts.previousCalls, rubric, opts.inputFormat, opts.quiet ?? false), metrics: readMetrics(opts.previousMetrics, period).metrics };
      }
      let calibration: ReportInput['calibration'];
      if (opts.calibration !== undefined) {
        const { ratings, rejected } = await readRatings(opts.calibration, [rubric], opts.inputFormat);
        reportRejected(rejected, opts.calibration, opts.quiet ?? false);
        calibration = { ratings, options: { ...(opts.expert !== undefined ? { expertId: opts.expert } : {}), ...(opts.biasTolerance !== undefined ? { biasTolerance: opts.biasTolerance } : {}) } };
      }
      const html = renderReport(
        {
          rubric,
          plan,
          period: opts.period,
          ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
          calls,
          metrics,
          ...(Object.keys(team).length > 0 ? { team } : {}),
          ...(previous ? { previous } : {}),
          ...(calibration ? { calibration } : {}),
          ...(opts.commonShare !== undefined ? { problems: { commonShare: opts.commonShare } } : {}),
        },
        { locale: opts.locale, ...(opts.centre !== undefined ? { centre: opts.centre } : {}) },
      );
      const out = openOutput(opts.output);
      try {
        await out.write(html);
        await out.commit();
      } catch (e) {
        await out.abort();
        throw e;
      }
      process.stdout.write(`${resolve(opts.output)}\n`);
    });
}
