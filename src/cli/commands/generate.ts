/**
 * `callqa generate` — a reproducible synthetic centre: evaluations for a
 * rubric (NDJSON, CSV or a JSON array by the output's extension; .gz
 * compresses) and, with --kpis, per-agent operational counts as CSV.
 */
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { commitAll, openOutput, type OutputSink } from '../../batch/atomic.js';
import { GenerateError, KPI_COLUMNS, generateEvaluations, generateKpis, type GenerateOptions } from '../../generate/index.js';
import type { Rubric } from '../../rubric/compiled.js';
import type { Evaluation } from '../../scoring/evaluation.js';
import { bundledPath } from '../../files/load-files.js';
import { EXIT_HELP, UsageError, issueLine, loadRubricFiles, onInterrupt, positiveInt } from '../util.js';

interface GenerateOpts {
  agents: number;
  calls: number;
  seed: string;
  month: string;
  rubric?: string;
  output: string;
  format?: string;
  kpis?: string;
  transcripts: boolean;
  answerPhraseItems?: boolean;
}

/**
 * The CSV columns of generated evaluations: the fields, one per item, the attributes, the transcript.
 *
 * @example
 * ```ts
 * evaluationCsvColumns(rubric).slice(0, 4); // ['id', 'agentId', 'evaluatorId', 'date']
 * ```
 */
export function evaluationCsvColumns(rubric: Rubric): string[] {
  return ['id', 'agentId', 'evaluatorId', 'date', ...rubric.items.keys(), 'attr.type', 'attr.durationSec', 'attr.hour', 'transcript'];
}

function csvCells(ev: Evaluation, columns: readonly string[]): string[] {
  const e = ev as Evaluation & { attributes?: Record<string, unknown>; transcript?: unknown };
  const answers = e.answers as Record<string, unknown>;
  return columns.map((c) => {
    if (c === 'id' || c === 'agentId' || c === 'evaluatorId' || c === 'date') return String((e as Record<string, unknown>)[c] ?? '');
    if (c === 'transcript') return e.transcript === undefined ? '' : JSON.stringify(e.transcript);
    if (c.startsWith('attr.')) return String(e.attributes?.[c.slice(5)] ?? '');
    const v = answers[c];
    return v === undefined ? '' : v === null ? 'NA' : String(v);
  });
}

/**
 * Adds `generate` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa generate --agents 20 --calls 1000 --seed 7 -o calls.ndjson
 * ```
 */
export function register(program: Command): void {
  program
    .command('generate')
    .description('write a reproducible synthetic centre: evaluations (and --kpis per-agent counts)')
    .requiredOption('--agents <n>', 'number of agents', positiveInt('--agents'))
    .requiredOption('--calls <n>', 'number of evaluated calls in the month, across all agents', positiveInt('--calls', 0))
    .requiredOption('--seed <n>', 'any integer; the same seed gives the same centre')
    .option('--month <yyyy-mm>', 'the month the calls fall in', '2026-10')
    .option('-r, --rubric <file>', 'rubric the evaluations are for (default: the bundled callcenter-qc-7.zh-CN.json)')
    .option('-o, --output <file>', 'evaluations file (.ndjson, .csv or .json array; .gz compresses), or - for stdout', '-')
    .option('--format <format>', 'ndjson, csv or json (default: from the output extension, else ndjson)')
    .option('--kpis <file>', 'also write per-agent KPIs as CSV (offered/answered/missed, talk/hold/ACW seconds, exam, complaints, daily not-ready minutes)')
    .option('--no-transcripts', 'leave transcripts out')
    .option('--answer-phrase-items', 'also answer items that have phrase rules (default: the transcript decides them)')
    .addHelpText(
      'after',
      `
Dates run through the month in order; each agent has a skill level that drives
their answers; transcripts are Chinese (English for an English rubric) and carry
the rubric's forbidden phrases and fillers now and then.
${EXIT_HELP}`,
    )
    .action(async (opts: GenerateOpts) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${opts.seed}"`);
      const [loaded] = loadRubricFiles([opts.rubric ?? bundledPath('callcenter-qc-7.zh-CN.json')]);
      if (!loaded) throw new UsageError('no rubric');
      const rubric = loaded.rubric;
      const gen: GenerateOptions = {
        agents: opts.agents,
        calls: opts.calls,
        seed,
        month: opts.month,
        transcripts: opts.transcripts,
        phraseItems: opts.answerPhraseItems ? 'answer' : 'transcript',
      };
      const base = opts.output.replace(/\.gz$/i, '');
      const format = opts.format ?? (base.endsWith('.csv') ? 'csv' : base.endsWith('.json') ? 'json' : 'ndjson');
      if (format !== 'ndjson' && format !== 'csv' && format !== 'json') throw new UsageError(`--format must be ndjson, csv or json, got "${format}"`);
      let evaluations: Iterable<Evaluation>;
      let kpiRows;
      try {
        evaluations = generateEvaluations(rubric, gen);
        kpiRows = opts.kpis ? generateKpis(gen) : null;
      } catch (e) {
        if (e instanceof GenerateError) throw new UsageError('invalid options', e.issues.map((i) => issueLine('generate', i)));
        throw e;
      }
      const off = onInterrupt();
      const out = openOutput(opts.output, { gzip: opts.output.toLowerCase().endsWith('.gz') });
      let kpiOut: OutputSink | null = null;
      try {
        kpiOut = opts.kpis ? openOutput(opts.kpis) : null;
      } catch (e) {
        await out.abort();
        throw e;
      }
      try {
        const columns = evaluationCsvColumns(rubric);
        if (format === 'csv') await out.write(stringify([columns]));
        if (format === 'json') await out.write('[\n');
        let buf = '';
        let i = 0;
        for (const ev of evaluations) {
          if (format === 'csv') buf += stringify([csvCells(ev, columns)]);
          else if (format === 'json') buf += `${i === 0 ? '' : ',\n'}${JSON.stringify(ev)}`;
          else buf += `${JSON.stringify(ev)}\n`;
          if (++i % 500 === 0) {
            await out.write(buf);
            buf = '';
          }
        }
        if (format === 'json') buf += i === 0 ? ']\n' : '\n]\n';
        if (buf !== '') await out.write(buf);
        if (kpiOut && kpiRows) {
          const rows = kpiRows.map((r) => KPI_COLUMNS.map((c) => (c === 'dailyNotReadyMinutes' ? JSON.stringify(r[c]) : String(r[c]))));
          await kpiOut.write(stringify([[...KPI_COLUMNS], ...rows]));
        }
        // Both files or neither.
        await commitAll(kpiOut ? [out, kpiOut] : [out]);
      } catch (e) {
        await out.abort();
        await kpiOut?.abort();
        throw e;
      } finally {
        off();
      }
    });
}
