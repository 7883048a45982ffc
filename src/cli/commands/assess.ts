/**
 * `callqa assess` — a month's assessment of every agent under a plan: reads
 * scored calls (NDJSON, as `callqa score` writes them) and per-agent KPI rows
 * (CSV, as `callqa generate --kpis` writes them), prints the table or JSON.
 * Also registers the `plan` document kind, so `validate` and `schema` know it.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { assessAgents, formatAssessment, metricsFromRows, planJsonSchema, safeLoadPlan, type CallInput } from '../../assessment/index.js';
import { LOCALES, type Locale } from '../../localize/localize.js';
import { registerDocumentKind } from '../registry.js';
import { EXIT, EXIT_HELP, UsageError, issueLine } from '../util.js';
import { readJsonFile } from '../../files/json-file.js';

registerDocumentKind({
  kind: 'plan',
  validate(doc) {
    const r = safeLoadPlan(doc);
    return r.success ? { ok: `plan ${r.plan.id}@${r.plan.version}` } : { issues: r.issues };
  },
  jsonSchema: planJsonSchema,
});

interface AssessOpts {
  plan: string;
  calls: string;
  metrics: string;
  period: string;
  timeZone?: string;
  team?: string;
  json?: boolean;
  locale?: string;
  details?: boolean;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

/**
 * Reads scored calls from NDJSON; a bad line is a usage error naming the line.
 *
 * @example
 * ```ts
 * const calls = readCalls('scored.ndjson');
 * ```
 */
export function readCalls(file: string): CallInput[] {
  // Windows tools often write a UTF-8 BOM; JSON.parse would refuse line 1.
  const lines = readText(file, 'calls').replace(/^\uFEFF/, '').split('\n');
  const out: CallInput[] = [];
  const bad: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const o = JSON.parse(line) as CallInput & { rubric?: unknown };
      // `rubric` may be { id, version } (callqa score) or a plain id.
      out.push(typeof o.rubric === 'string' ? { ...o, rubric: { id: o.rubric } } : o);
    } catch (e) {
      bad.push(`${file}:${i + 1}: ${(e as Error).message}`);
    }
  });
  if (bad.length > 0) throw new UsageError(`invalid NDJSON in ${file}`, bad);
  return out;
}

/**
 * Adds `assess` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa assess --plan rubrics/monthly-assessment.zh-CN.json --calls scored.ndjson --metrics kpis.csv --period 2026-10
 * ```
 */
export function register(program: Command): void {
  program
    .command('assess')
    .description('assess every agent for a period under a monthly-assessment plan')
    .requiredOption('--plan <file>', 'the plan (JSON)')
    .requiredOption('--calls <file>', 'scored calls, NDJSON (as `callqa score` writes them)')
    .requiredOption('--metrics <file>', 'per-agent KPI rows, CSV (as `callqa generate --kpis` writes them; a `team` column sets teams)')
    .requiredOption('--period <id>', "the month (or cycle) to assess, e.g. '2026-10'")
    .option('--time-zone <zone>', "the centre's IANA time zone (default: the plan's)")
    .option('--json', 'print the whole result as JSON')
    .option('--locale <locale>', `table language (${LOCALES.join(', ')}; default: the plan's)`)
    .option('--details', 'print each component’s reason for every agent')
    .addHelpText('after', EXIT_HELP)
    .action((opts: AssessOpts) => {
      if (opts.locale !== undefined && !(LOCALES as readonly string[]).includes(opts.locale)) {
        throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
      }
      const pj = readJsonFile(opts.plan);
      if ('issues' in pj) throw new UsageError(`cannot read plan ${opts.plan}`, pj.issues.map((i) => issueLine(opts.plan, i)));
      const loaded = safeLoadPlan(pj.json);
      if (!loaded.success) throw new UsageError('invalid plan', loaded.issues.map((i) => issueLine(opts.plan, i)));
      const calls = readCalls(opts.calls);
      let rows: Record<string, string>[];
      try {
        rows = parseCsv(readText(opts.metrics, 'metrics'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
      } catch (e) {
        throw new UsageError(`invalid CSV in ${opts.metrics}: ${(e as Error).message}`);
      }
      const { metrics, issues: rowIssues } = metricsFromRows(rows, opts.period);
      const team: Record<string, string> = {};
      for (const m of metrics) if (typeof m['team'] === 'string') team[m.agentId] = m['team'];
      const result = assessAgents(loaded.plan, {
        period: opts.period,
        ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
        calls,
        metrics,
        ...(Object.keys(team).length > 0 ? { team } : {}),
      });
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...result, rowIssues }, null, 2)}\n`);
      else {
        const text = formatAssessment(result, { ...(opts.locale !== undefined ? { locale: opts.locale as Locale } : {}), ...(opts.details ? { details: true } : {}) });
        process.stdout.write(`${text}\n`);
        for (const i of [...rowIssues, ...result.issues].slice(0, 20)) process.stderr.write(`${issueLine('assess', i)}\n`);
        const more = rowIssues.length + result.issues.length - 20;
        if (more > 0) process.stderr.write(`… and ${more} more issue(s); use --json to see them all\n`);
      }
      process.exitCode = result.issues.length > 0 || result.usage.agents.incomplete > 0 ? EXIT.rejected : EXIT.ok;
    });
}
