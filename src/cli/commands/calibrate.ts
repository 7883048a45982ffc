/**
 * `callqa calibrate <ratings>` — several evaluators scored the same calls:
 * per-evaluator bias, agreement on totals and per item, the calls with the
 * widest spread, and whether the consensus drifts from the expert.
 */
import type { Command } from 'commander';
import { type RecordUnit, readRecords } from '../records.js';
import { rereadable } from '../passes.js';
import { type StreamedRatings, streamRatings } from './calibrate-stream.js';
import { scoreUnit } from '../../batch/record.js';
import type { RejectedRecord } from '../../batch/types.js';
import { RubricVersions } from '../../batch/versions.js';
import { type CalibrationRating, type CalibrationReport, type Estimate, calibrate } from '../../calibration/index.js';
import { table } from '../../format/text.js';
import { CallqaError, type Issue } from '../../issues/issues.js';
import type { Rubric } from '../../rubric/index.js';
import type { CallScore } from '../../scoring/types.js';
import { EXIT_HELP, UsageError, collect, issueLine, loadRubricFiles, positiveInt, rejectionLines } from '../util.js';
import { isCallScore, numberOpt, reportRejected } from './problems.js';

/**
 * A call score as a calibration rating: yes/no items keep their boolean
 * answer (so kappa applies), other items their points.
 *
 * @example
 * ```ts
 * ratingFromScore(score, { sessionId: '2026-10', sessionDate: '2026-10-20' });
 * ```
 */
export function ratingFromScore(s: CallScore, session: { sessionId?: unknown; sessionDate?: unknown }): CalibrationRating | Issue {
  if (s.evaluatorId === undefined) return { code: 'missing_evaluator', path: ['evaluatorId'], message: 'a calibration rating needs evaluatorId' };
  const items: Record<string, number | boolean | null> = {};
  for (const it of s.items) {
    if (it.kind === 'comment' || it.status === 'comment') continue;
    if (it.status !== 'scored') items[it.id] = null;
    else items[it.id] = it.kind === 'yes-no' && typeof it.answer === 'boolean' ? it.answer : it.points;
  }
  return {
    callId: s.id,
    evaluatorId: s.evaluatorId,
    score: s.score,
    items,
    ...(typeof session.sessionId === 'string' ? { sessionId: session.sessionId } : {}),
    ...(typeof session.sessionDate === 'string' ? { sessionDate: session.sessionDate } : {}),
  };
}

/** Internal: a CSV row (callId, evaluatorId, score, sessionId?, sessionDate?, item.<id>…) as a rating. */
function ratingFromRow(row: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const items: Record<string, number | boolean | null> = {};
  for (const [k, v] of Object.entries(row)) {
    if (!k.startsWith('item.') || v === undefined) continue;
    items[k.slice(5)] = v === '' ? null : v === 'true' ? true : v === 'false' ? false : Number(v);
  }
  const out: Record<string, unknown> = { callId: row['callId'], evaluatorId: row['evaluatorId'], score: row['score'] === undefined || row['score'] === '' ? undefined : Number(row['score']) };
  if (row['sessionId']) out['sessionId'] = row['sessionId'];
  if (row['sessionDate']) out['sessionDate'] = row['sessionDate'];
  if (Object.keys(items).length > 0) out['items'] = items;
  return out;
}

/**
 * Whether a record is `callqa score` compact output (NDJSON: `rubric` is an
 * object; CSV: a `rubricId` column) — totals only, no items.
 */
function isCompactScore(o: Record<string, unknown>): boolean {
  return typeof o['id'] === 'string' && !Array.isArray(o['items']) && ((typeof o['rubric'] === 'object' && o['rubric'] !== null && typeof o['score'] === 'number') || (typeof o['rubricId'] === 'string' && typeof o['score'] === 'string'));
}

/**
 * One record as a calibration rating: a rating `{ callId, evaluatorId, score,
 * items?, sessionId?, sessionDate? }` (NDJSON or CSV with `item.<id>`
 * columns), `callqa score --full` output (items with their answers), compact
 * `callqa score` output (totals only), or an evaluation scored with the rubric
 * (`versions`). Anything else is rejected (`needs_rubric`).
 *
 * @example
 * ```ts
 * ratingOfUnit({ line: 1, value: { callId: 'c1', evaluatorId: 'li', score: 80 } }, null); // { callId: 'c1', … }
 * ```
 */
export function ratingOfUnit(unit: RecordUnit, versions: RubricVersions | null): CalibrationRating | RejectedRecord {
  const reject = (issue: Issue): RejectedRecord => ({ ok: false, line: unit.line, issues: [issue] });
  const value = 'value' in unit ? unit.value : 'callId' in unit.row ? ratingFromRow(unit.row) : unit.row;
  const o = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  if (typeof o['callId'] === 'string' || typeof o['callId'] === 'number') {
    // Validation of the rating itself is calibrate()'s job (ratingIssues): it reports every problem with its path.
    return { ...(o as unknown as CalibrationRating), callId: String(o['callId']) };
  }
  let score: CallScore | { id: string; evaluatorId?: string; score: number; items: readonly never[] };
  if (isCallScore(value)) score = value;
  else if (isCompactScore(o)) {
    const ev = o['evaluatorId'];
    score = { id: o['id'] as string, ...(typeof ev === 'string' && ev !== '' ? { evaluatorId: ev } : {}), score: Number(o['score']), items: [] };
  } else if (!versions) {
    return reject({ code: 'needs_rubric', path: [], message: 'neither a rating { callId, evaluatorId, score } nor `callqa score` output; give --rubric to score evaluations' });
  } else {
    // The session fields belong to the calibration, not to the evaluation (which rejects unknown keys).
    const { sessionId: _s, sessionDate: _d, ...evaluation } = o;
    const scored = scoreUnit(versions, 'row' in unit ? unit : { line: unit.line, value: evaluation });
    if (!scored.ok) return scored;
    score = scored.score;
  }
  const r = ratingFromScore(score as CallScore, o);
  return 'code' in r ? reject(r) : r;
}

/**
 * Reads every calibration rating into memory (see {@link ratingOfUnit} for
 * what a record may be). `callqa calibrate` streams instead; `callqa report`
 * reads a calibration file with this.
 *
 * @example
 * ```ts
 * const { ratings, rejected } = await readRatings('ratings.ndjson', [], 'auto');
 * ```
 */
export async function readRatings(input: string, rubrics: readonly Rubric[], format: string): Promise<{ ratings: CalibrationRating[]; rejected: RejectedRecord[] }> {
  const versions = rubrics.length > 0 ? new RubricVersions(rubrics) : null;
  const ratings: CalibrationRating[] = [];
  const rejected = await readRecords(input, format, (unit) => {
    const r = ratingOfUnit(unit, versions);
    if ('ok' in r) return r;
    ratings.push(r);
    return;
  });
  return { ratings, rejected };
}

const est = (e: Estimate | undefined, d = 3): string => (e === undefined ? '–' : e.value === null ? `– (${e.reason.replace(/_/g, ' ')})` : e.value.toFixed(d));
const signed = (x: number): string => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;

/**
 * The calibration report as readable tables.
 *
 * @example
 * ```ts
 * process.stdout.write(renderCalibration(report, 10));
 * ```
 */
export function renderCalibration(r: CalibrationReport, top: number): string {
  const out: string[] = [];
  const sessions = new Set(r.units.map((u) => u.sessionId)).size;
  out.push(`Calibration — ${r.calls.length} call(s) in ${sessions} session(s), ${r.raters.length} rater(s)${r.expertId ? ` (expert: ${r.expertId})` : ''}; consensus: ${r.consensusMethod}`);
  out.push('');
  out.push(`Evaluators (deviation from ${r.expertId ? 'the expert where they rated the call, else ' : ''}the consensus)`);
  out.push(
    table(
      [['evaluator', 'ratings', 'mean bias', 'mean |dev|', 'label'], ...r.evaluators.map((e) => [e.evaluatorId, String(e.count), signed(e.meanBias), e.meanAbsDeviation.toFixed(2), e.label])],
      { right: [1, 2, 3], indent: '  ' },
    ),
  );
  out.push('');
  out.push(`Agreement on totals: ICC(2,1) ${est(r.totals.icc.forms.ICC2)}, ICC(2,k) ${est(r.totals.icc.forms.ICC2k)}, Krippendorff's alpha ${est(r.totals.alpha)}`);
  out.push('');
  out.push('Items, lowest agreement first (! = evaluators read it differently)');
  if (r.items.length === 0) out.push('  (no item ratings)');
  else {
    out.push(
      table(
        [
          ['item', 'kind', 'alpha', 'ICC(2,1)', 'Fleiss κ', 'Cohen κ', ''],
          ...r.items.slice(0, top).map((i) => [i.itemId, i.kind === 'yes_no' ? 'yes/no' : 'points', est(i.alpha), i.icc ? est(i.icc.forms.ICC2) : '', i.fleiss ? est(i.fleiss) : '', i.cohen ? est(i.cohen) : '', i.flagged ? '!' : '']),
        ],
        { right: [2, 3, 4, 5], indent: '  ' },
      ),
    );
    if (r.items.length > top) out.push(`  … ${r.items.length - top} more (--json for all)`);
  }
  out.push('');
  out.push('Calls with the widest spread');
  const wide = [...r.calls].sort((a, b) => b.range - a.range || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0)).slice(0, top);
  out.push(
    table(
      [
        ['session', 'call', 'raters', 'min', 'max', 'range', 'consensus', 'expert'],
        ...wide.map((c) => [c.sessionId || '–', c.callId, String(c.raters), c.min.toFixed(2), c.max.toFixed(2), c.range.toFixed(2), c.consensus === null ? '–' : c.consensus.toFixed(2), c.expertScore === null ? '–' : c.expertScore.toFixed(2)]),
      ],
      { right: [2, 3, 4, 5, 6, 7], indent: '  ' },
    ),
  );
  out.push('');
  out.push('Drift (consensus − expert per session)');
  const d = r.drift;
  if (d.points.length === 0) out.push(`  (${r.expertId ? 'no dated sessions with expert ratings' : 'no expert: give --expert'})`);
  else {
    out.push(table([['session', 'date', 'gap'], ...d.points.map((p) => [p.sessionId || '–', p.date, signed(p.gap)])], { right: [2], indent: '  ' }));
    out.push(`  slope ${d.slope.value === null ? `– (${d.slope.reason.replace(/_/g, ' ')})` : `${signed(d.slope.value)} per session`}${d.drifting ? ` → drifting ${d.drifting}${d.drifting === 'lenient' ? ': the standard is being lowered' : ''}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

interface CalibrateOpts {
  rubric: string[];
  inputFormat: string;
  expert?: string;
  consensus: string;
  biasTolerance?: number;
  driftTolerance?: number;
  itemAlpha?: number;
  top: number;
  minRaters: number;
  json?: boolean;
  quiet?: boolean;
}

/**
 * Adds `calibrate` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa calibrate ratings.ndjson --expert qa-lead
 * ```
 */
export function register(program: Command): void {
  program
    .command('calibrate')
    .description('calibration: evaluator bias, agreement (ICC, alpha, kappa) on totals and per item, drift against the expert')
    .argument('<input>', 'ratings { callId, evaluatorId, score, items?, sessionId?, sessionDate? }, `callqa score` output with evaluatorId (--full: items too; compact: totals only), or evaluations with --rubric; NDJSON, CSV, JSON array, optionally .gz; - for stdin')
    .option('-r, --rubric <file>', 'rubric JSON to score evaluations; repeat for dated versions', collect, [])
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('--expert <id>', 'the designated expert (QA lead): deviations and drift are measured from their scores')
    .option('--consensus <method>', 'mean or median of the non-expert evaluators', 'mean')
    .option('--bias-tolerance <points>', '|mean bias| above this is harsh/lenient (default 1)', numberOpt('--bias-tolerance', 0))
    .option('--drift-tolerance <points>', 'fitted drift over the sessions that is flagged (default 1)', numberOpt('--drift-tolerance', 0))
    .option('--item-alpha <alpha>', 'items with alpha below this are flagged (default 0.667)', numberOpt('--item-alpha', -1, 1))
    .option('--min-raters <n>', 'calls rated by fewer evaluators are set aside (1 keeps every rating in memory)', positiveInt('--min-raters'), 2)
    .option('--top <n>', 'rows shown per table', positiveInt('--top'), 15)
    .option('--json', 'print the report as JSON')
    .option('-q, --quiet', 'no progress bar and no list of rejected records')
    .addHelpText(
      'after',
      `\nCalibration compares evaluators on the same calls: a call (per session) rated by fewer than --min-raters\n` +
        `evaluators is set aside, so a month of scores can be given as it is — the double-scored calls are found\n` +
        `in two passes over <input> (stdin is copied to a temp file first), and only their ratings are held.\n${EXIT_HELP}`,
    )
    .action(async (input: string, opts: CalibrateOpts) => {
      if (opts.consensus !== 'mean' && opts.consensus !== 'median') throw new UsageError(`--consensus must be mean or median, got "${opts.consensus}"`);
      const rubrics = opts.rubric.length > 0 ? loadRubricFiles(opts.rubric).map((r) => r.rubric) : [];
      const versions = rubrics.length > 0 ? new RubricVersions(rubrics) : null;
      // Streamed in two passes (stdin copied to a temp file): only the units rated often enough are held.
      const src = await rereadable(input, opts.inputFormat, !opts.quiet);
      let streamed: StreamedRatings;
      try {
        streamed = await streamRatings(src, input, (u) => ratingOfUnit(u, versions), opts.minRaters);
      } finally {
        src.dispose();
      }
      const { ratings, rejected } = streamed;
      if (streamed.read === 0 && rejected.length > 0) {
        throw new UsageError(
          `${input}: none of the ${rejected.length} record(s) is a calibration rating (a rating { callId, evaluatorId, score }, \`callqa score\` output with evaluatorId, or an evaluation with --rubric)`,
          [...rejected.slice(0, 3).flatMap((r) => rejectionLines(r, input)), ...(rejected.length > 3 ? [`… and ${rejected.length - 3} more`] : [])],
        );
      }
      reportRejected(rejected, input, opts.quiet);
      if (ratings.length === 0) {
        throw new UsageError(`${input}: no call is rated by ${opts.minRaters} or more evaluators (${streamed.read} rating(s) of ${streamed.units} call(s) read); calibration compares evaluators on the same calls`);
      }
      const setAside = streamed.units - streamed.kept;
      if (setAside > 0 && !opts.quiet) process.stderr.write(`calibrate: ${streamed.kept} call(s) rated by ${opts.minRaters} or more evaluators; ${setAside} call(s) rated by fewer set aside\n`);
      let report: CalibrationReport;
      try {
        report = calibrate(ratings, {
          consensus: opts.consensus,
          ...(opts.expert !== undefined ? { expertId: opts.expert } : {}),
          ...(opts.biasTolerance !== undefined ? { biasTolerance: opts.biasTolerance } : {}),
          ...(opts.driftTolerance !== undefined ? { driftTolerance: opts.driftTolerance } : {}),
          ...(opts.itemAlpha !== undefined ? { itemAlphaThreshold: opts.itemAlpha } : {}),
        });
      } catch (e) {
        if (e instanceof CallqaError) throw new UsageError(e.message.split('\n')[0] ?? 'invalid ratings', e.issues.map((i) => issueLine(input, i)));
        throw e;
      }
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderCalibration(report, opts.top));
    });
}
