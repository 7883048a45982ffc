/**
 * `callqa problems <input> --rubric r.json` — a period's problem analysis:
 * the Pareto table, common problems (→ training, process owner) and
 * individual ones (→ each agent's coaching list, with evidence), root causes.
 * Streams: one pass counts (per item and per item × agent), a second pass,
 * only over the calls of agents with individual problems, lists their failed
 * calls with the evidence (see src/problems/tally.ts). Evaluations are scored
 * on the fly; `callqa score --full` output is taken as it is.
 */
import type { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScored, spoolStdin } from '../records.js';
import type { BatchProgress, RejectedRecord } from '../../batch/types.js';
import { RubricVersions } from '../../batch/versions.js';
import { clock, table } from '../../format/text.js';
import { CallqaError } from '../../issues/issues.js';
import { LOCALES, type Locale, localize } from '../../localize/localize.js';
import { type FailureRule, ProblemTally, type ProblemOptions, type ProblemReport } from '../../problems/index.js';
import type { Rubric } from '../../rubric/index.js';
import type { CallScore } from '../../scoring/types.js';
import { IdHashes, U32Column } from '../ids.js';
import { EXIT_HELP, RejectionLog, UsageError, collect, issueLine, loadRubricFiles, onInterrupt, positiveInt, progressBar } from '../util.js';

export { isCallScore } from '../records.js';

/**
 * Prints rejected records to stderr (each reason once, with a count; see
 * {@link RejectionLog}) and sets exit code 1 when there are any.
 *
 * @example
 * ```ts
 * reportRejected(rejected, 'calls.ndjson', opts.quiet);
 * ```
 */
export function reportRejected(rejected: readonly RejectedRecord[], input: string, quiet = false): void {
  const log = new RejectionLog(input);
  for (const r of rejected) log.add(r);
  log.report(quiet);
}

/**
 * Parses a number option.
 *
 * @example
 * ```ts
 * numberOpt('--common-share', 0, 1)('0.3'); // 0.3
 * ```
 */
export function numberOpt(name: string, min = -Infinity, max = Infinity): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} must be a number${min > -Infinity ? ` ≥ ${min}` : ''}${max < Infinity ? ` and ≤ ${max}` : ''}, got "${v}"`);
    return n;
  };
}

/**
 * Parses `--fail-when item=rule`: `below:8`, `at-most:4`, `below-max` or `never`.
 *
 * @example
 * ```ts
 * parseFailWhen(['accurate=at-most:4']); // { accurate: { atMost: 4 } }
 * ```
 */
export function parseFailWhen(specs: readonly string[]): Record<string, FailureRule> {
  const out: Record<string, FailureRule> = {};
  for (const spec of specs) {
    const m = /^([^=]+)=(below|at-most):(-?\d+(?:\.\d+)?)$/.exec(spec) ?? /^([^=]+)=(below-max|never)$/.exec(spec);
    if (!m || m[1] === undefined) throw new UsageError(`--fail-when must look like item=below:8, item=at-most:4, item=below-max or item=never, got "${spec}"`);
    const [, item, kind, value] = m;
    out[item] = kind === 'below' ? { below: Number(value) } : kind === 'at-most' ? { atMost: Number(value) } : (kind as 'below-max' | 'never');
  }
  return out;
}

/**
 * Parses repeated `key=value` options into a record.
 *
 * @example
 * ```ts
 * parsePairs(['greet=scripts team'], '--owner'); // { greet: 'scripts team' }
 * ```
 */
export function parsePairs(specs: readonly string[], name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const i = spec.indexOf('=');
    if (i <= 0 || i === spec.length - 1) throw new UsageError(`${name} must look like key=value, got "${spec}"`);
    out[spec.slice(0, i)] = spec.slice(i + 1);
  }
  return out;
}

/**
 * Checks `--locale`.
 *
 * @example
 * ```ts
 * localeOpt('en'); // 'en'
 * ```
 */
export function localeOpt(v: string): Locale {
  if ((LOCALES as readonly string[]).includes(v)) return v as Locale;
  throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}, got "${v}"`);
}

const pct = (x: number | null): string => (x === null ? '–' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);
const pts = (x: number): string => (Math.round(x * 100) / 100).toString();

/**
 * The problem report as readable tables.
 *
 * @example
 * ```ts
 * process.stdout.write(renderProblems(report, rubric, 'zh-CN', 10));
 * ```
 */
export function renderProblems(r: ProblemReport, rubric: Rubric, locale: Locale, top: number): string {
  const label = (id: string): string => localize(rubric.items.get(id)?.def.label, locale, rubric.locale) || id;
  const out: string[] = [];
  out.push(`Problem analysis — ${r.rubric.id}@${r.rubric.version}: ${r.calls} call(s), ${r.agents} agent(s)`);
  out.push(`Common problem: failed by ≥ ${pct(r.commonShare)} of the agents evaluated on it and by ≥ ${r.minCommonAgents} agent(s)`);
  out.push('');
  out.push('Pareto: failures by item (* the vital few)');
  if (r.pareto.length === 0) out.push('  (no failures)');
  else {
    const byId = new Map(r.items.map((i) => [i.itemId, i]));
    const rows = r.pareto.slice(0, top).map((p, i) => {
      const it = byId.get(p.itemId);
      return [String(i + 1), p.itemId, label(p.itemId), String(p.failures), pct(p.share), pct(p.cumulativeShare), pct(it?.failureRate ?? null), `${it?.agentsFailed ?? 0}/${it?.agentsEvaluated ?? 0}`, `${it?.classification ?? ''}${p.vital ? ' *' : ''}`];
    });
    out.push(table([['#', 'item', 'label', 'failures', 'share', 'cum.', 'of calls', 'agents', 'class'], ...rows], { right: [0, 3, 4, 5, 6, 7], indent: '  ' }));
    if (r.pareto.length > top) out.push(`  … ${r.pareto.length - top} more (--json for all)`);
  }
  out.push('');
  out.push('Training needs (common problems)');
  if (r.training.length === 0) out.push('  (none)');
  else {
    out.push(
      table(
        [['item', 'label', 'owner', 'agents', 'share', 'failures', 'who'], ...r.training.map((t) => [t.itemId, label(t.itemId), t.owner ?? 'training', `${t.agentsFailed}/${t.agentsEvaluated}`, pct(t.agentShare), String(t.failures), t.agents.join(', ')])],
        { right: [3, 4, 5], indent: '  ' },
      ),
    );
  }
  out.push('');
  out.push('Coaching (individual problems)');
  if (r.coaching.length === 0) out.push('  (none)');
  for (const plan of r.coaching) {
    out.push(`  ${plan.agentId} (${plan.calls} call${plan.calls === 1 ? '' : 's'})`);
    for (const item of plan.items) {
      out.push(`    ${item.itemId} ${label(item.itemId)} — ${item.failures} failure${item.failures === 1 ? '' : 's'}`);
      for (const c of item.calls) {
        const extra = [c.causes.length > 0 ? `causes: ${c.causes.join(', ')}` : '', c.note ? `note: ${c.note}` : ''].filter(Boolean).join('; ');
        const kind = rubric.items.get(item.itemId)?.kind;
        const what = kind === 'fatal' ? 'fatal' : kind === 'penalty' ? `deducted ${pts(-c.points)}` : `item ${pts(c.points)}/${pts(c.max)}`;
        out.push(`      ${c.callId}  ${c.date.slice(0, 10)}  score ${pts(c.score)}  ${what}${extra ? `  ${extra}` : ''}`);
        for (const e of c.evidence) out.push(`        turn ${e.turn}${e.time === null ? '' : ` @${clock(e.time)}`}  「${e.phrase}」  ${e.snippet}`);
      }
    }
  }
  out.push('');
  out.push('Root causes (tags on lost points)');
  const used = r.causes.filter((c) => c.count > 0);
  if (used.length === 0) out.push('  (no tags)');
  else out.push(table([['cause', 'count', 'points lost'], ...used.map((c) => [c.cause, String(c.count), pts(c.pointsLost)])], { right: [1, 2], indent: '  ' }));
  if (r.untagged > 0) out.push(`  ${r.untagged} failed or point-losing result(s) carry no tag`);
  return `${out.join('\n')}\n`;
}

interface ProblemsOpts {
  rubric: string[];
  inputFormat: string;
  from?: string;
  to?: string;
  commonShare?: number;
  minCommonAgents?: number;
  owner: string[];
  failWhen: string[];
  locale?: Locale;
  top: number;
  json?: boolean;
  quiet?: boolean;
}

/**
 * Adds `problems` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa problems calls.ndjson -r rubric.json --owner accurate=knowledge-base
 * ```
 */
export function register(program: Command): void {
  program
    .command('problems')
    .description('problem analysis of a period: Pareto, common problems (training) vs individual ones (coaching with evidence), root causes')
    .argument('<input>', 'evaluations or scored calls (`callqa score --full`): NDJSON, CSV, JSON array, optionally .gz; - for stdin')
    .requiredOption('-r, --rubric <file>', 'rubric JSON; repeat for dated versions (the latest is used for item order and labels)', collect, [])
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('--from <date>', 'only calls on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only calls on or before this date (YYYY-MM-DD)')
    .option('--common-share <share>', 'share of agents failing an item that makes it common (default 0.3)', numberOpt('--common-share', 0, 1))
    .option('--min-common-agents <n>', 'agents needed for a common problem (default 2)', positiveInt('--min-common-agents'))
    .option('--owner <item=owner>', 'process owner of an item or a section; repeat', collect, [])
    .option('--fail-when <item=rule>', 'when an item counts as failed: below:x, at-most:x, below-max, never; repeat', collect, [])
    .option('--locale <locale>', `labels in ${LOCALES.join(', ')} (default: the rubric's)`, localeOpt)
    .option('--top <n>', 'Pareto rows shown', positiveInt('--top'), 20)
    .option('--json', 'print the report as JSON')
    .option('-q, --quiet', 'no progress bar and no list of rejected records')
    .addHelpText('after', `\nRejected records are listed on stderr, each reason once with a count; the analysis covers the records that\nscored. Streams: one pass counts, a second one (only over agents with individual problems) lists their\nfailed calls; stdin is kept in a temp file meanwhile. Compact score output has no items: use --full output.\n${EXIT_HELP}`)
    .action(async (input: string, opts: ProblemsOpts) => {
      const rubrics = loadRubricFiles(opts.rubric).map((r) => r.rubric);
      const options: ProblemOptions = {
        failWhen: parseFailWhen(opts.failWhen),
        owners: parsePairs(opts.owner, '--owner'),
        ...(opts.commonShare !== undefined ? { commonShare: opts.commonShare } : {}),
        ...(opts.minCommonAgents !== undefined ? { minCommonAgents: opts.minCommonAgents } : {}),
      };
      const rubric = new RubricVersions(rubrics).list.at(-1) as Rubric;
      let tally: ProblemTally;
      try {
        tally = new ProblemTally(rubric, options);
      } catch (e) {
        if (e instanceof CallqaError) throw new UsageError(e.message.split('\n')[0] ?? 'invalid options', e.issues.map((i) => issueLine('problems', i)));
        throw e;
      }
      const log = new RejectionLog(input);
      const bar = progressBar(!opts.quiet);
      const off = onInterrupt(() => bar.stop());
      // A second look needs the input twice: stdin is kept in a temp file for the run.
      const spool = input === '-' ? await spoolStdin(mkdtempSync(join(tmpdir(), 'callqa-problems-'))) : null;
      try {
        const report = await analyzeStream(spool?.file ?? input, rubrics, rubric, tally, { ...opts, name: input, log, progress: bar.update });
        bar.stop();
        log.report(opts.quiet);
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderProblems(report, rubric, opts.locale ?? rubric.locale, opts.top));
      } finally {
        bar.stop();
        off();
        if (spool) rmSync(spool.dir, { recursive: true, force: true });
      }
    });
}

/**
 * The analysis in (at most) three streamed passes over `input`: counts;
 * the exact check of ids whose hashes collided (only when some did); the
 * failed calls of the agents with individual problems (only when there are).
 */
async function analyzeStream(
  input: string,
  rubrics: readonly Rubric[],
  rubric: Rubric,
  tally: ProblemTally,
  o: { inputFormat: string; from?: string; to?: string; name: string; log: RejectionLog; progress: (p: BatchProgress) => void },
): Promise<ProblemReport> {
  const read = { need: 'items' as const, rubrics, format: o.inputFormat, ...(o.from !== undefined ? { from: o.from } : {}), ...(o.to !== undefined ? { to: o.to } : {}) };
  const mismatch = (c: CallScore, line: number): RejectedRecord | void => {
    if (c.rubric.id !== rubric.id) return { ok: false, line, id: c.id, issues: [{ code: 'rubric_mismatch', path: ['rubric'], message: `call ${c.id} was scored with rubric ${c.rubric.id}, not ${rubric.id}` }] };
    return undefined;
  };
  const ids = new IdHashes();
  const agents = new Map<string, number>();
  // Per record: 1 + its agent's index, 0 for a record not counted (rejected, outside the period).
  const agentOf = new U32Column();
  await readScored(input, { ...read, onRejected: o.log.add, onProgress: o.progress }, (c, ordinal, line) => {
    const bad = mismatch(c, line);
    if (bad) return bad;
    ids.add(c.id);
    let a = agents.get(c.agentId);
    if (a === undefined) agents.set(c.agentId, (a = agents.size + 1));
    agentOf.set(ordinal, a);
    tally.add(c);
    return undefined;
  });
  if (ids.suspects.size > 0) {
    const seen = new Map<string, number>();
    const lines: string[] = [];
    await readScored(input, { ...read, only: (k) => agentOf.get(k) !== 0 }, (c, _k, line) => {
      if (!ids.suspects.has(IdHashes.hash(c.id))) return;
      const first = seen.get(c.id);
      if (first === undefined) seen.set(c.id, line);
      else void lines.push(`${o.name}:${line}: id: call ${c.id} appears twice (also at line ${first}) (duplicate_call)`);
    });
    if (lines.length > 0) throw new UsageError('duplicate call ids', lines);
  }
  const again = tally.coachingAgents();
  if (again.size > 0) {
    const wanted = new Set([...again].map((id) => agents.get(id)));
    await readScored(input, { ...read, only: (k) => wanted.has(agentOf.get(k)) }, (c) => void tally.addCoaching(c));
  }
  return tally.report();
}
