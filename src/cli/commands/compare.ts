/**
 * `callqa compare --rubric A --rubric B <input>` — the what-if: how scores,
 * grades and agents would change if rubric B replaced rubric A.
 */
import type { Command } from 'commander';
import { commitAll, openOutput, type OutputSink } from '../../batch/atomic.js';
import { CompareAccumulator, type CompareReport } from '../../batch/compare.js';
import { unknownColumns } from '../../batch/csv-row.js';
import { openInput } from '../../batch/input.js';
import { EXIT, EXIT_HELP, UsageError, collect, loadRubricFiles, onInterrupt, progressBar, rejectionLines } from '../util.js';
import { inputFormat } from './score.js';

interface CompareOpts {
  rubric: string[];
  output?: string;
  json?: boolean;
  errors?: string;
  inputFormat: string;
  binWidth?: string;
  top: string;
  quiet?: boolean;
}

const fmt = (x: number | null, signed = false): string => (x === null ? '–' : `${signed && x > 0 ? '+' : ''}${x.toFixed(2)}`);
const n = (x: number): string => x.toLocaleString('en');
const padL = (s: string, w: number): string => s.padStart(w);
const padR = (s: string, w: number): string => s.padEnd(w);

/**
 * The report as a readable table.
 *
 * @example
 * ```ts
 * process.stdout.write(renderReport(report, 15));
 * ```
 */
export function renderReport(r: CompareReport, top: number): string {
  const out: string[] = [];
  out.push(`What-if: ${r.a.id}@${r.a.version} (A) → ${r.b.id}@${r.b.version} (B)`);
  out.push(`Calls: ${n(r.read)} read, ${n(r.compared)} compared, ${n(r.rejected)} rejected`);
  out.push('');
  const d = r.delta;
  out.push('Score change (B − A)');
  out.push(`  mean ${fmt(d.mean, true)}   median ${fmt(d.median, true)}   min ${fmt(d.min, true)}   max ${fmt(d.max, true)}`);
  out.push(`  up ${n(d.up)} · down ${n(d.down)} · unchanged ${n(d.unchanged)}`);
  const maxCount = Math.max(1, ...d.histogram.map((h) => h.count));
  const labels = d.histogram.map((h) => `[${fmt(h.from, true)}, ${fmt(h.to, true)})`);
  const lw = Math.max(0, ...labels.map((l) => l.length));
  d.histogram.forEach((h, i) => {
    const bar = '█'.repeat(Math.round((h.count / maxCount) * 40));
    out.push(`  ${padR(labels[i] ?? '', lw)} ${padL(n(h.count), 9)} ${bar}`);
  });
  out.push('');
  out.push('Grade migration (rows: grade under A, columns: grade under B)');
  const ids = r.grades.ids;
  const w = Math.max(9, ...ids.map((g) => g.length + 1));
  out.push(`  ${padR('A \\ B', w)}${ids.map((g) => padL(g, w)).join('')}`);
  for (const ga of ids) out.push(`  ${padR(ga, w)}${ids.map((gb) => padL(n(r.grades.matrix[ga]?.[gb] ?? 0), w)).join('')}`);
  out.push(`  ${n(r.grades.changed)} call(s) change grade`);
  out.push('');
  out.push(`Agents whose grade (of the mean score) changes: ${r.agentsRegraded.length} of ${r.agents.length}`);
  for (const a of r.agentsRegraded.slice(0, top)) {
    out.push(`  ${padR(a.agentId, 12)} ${padL(fmt(a.meanA), 7)} → ${padL(fmt(a.meanB), 7)} (${fmt(a.meanDelta, true)})  ${a.gradeA ?? '–'} → ${a.gradeB ?? '–'}`);
  }
  if (r.agentsRegraded.length > top) out.push(`  … ${r.agentsRegraded.length - top} more (--json for all)`);
  out.push('');
  const byChange = [...r.agents].sort((x, y) => Math.abs(y.meanDelta) - Math.abs(x.meanDelta) || (x.agentId < y.agentId ? -1 : 1));
  out.push(`Per-agent mean change (largest ${Math.min(top, byChange.length)} of ${r.agents.length})`);
  for (const a of byChange.slice(0, top)) {
    out.push(`  ${padR(a.agentId, 12)} ${padL(String(a.calls), 6)} calls  ${padL(fmt(a.meanA), 7)} → ${padL(fmt(a.meanB), 7)}  ${padL(fmt(a.meanDelta, true), 7)}`);
  }
  out.push('');
  out.push('Items driving the change (Σ points B − A over all calls)');
  const iw = Math.max(10, ...r.items.slice(0, top).map((i) => i.itemId.length + 1));
  for (const it of r.items.slice(0, top)) {
    const where = it.inA && it.inB ? '' : it.inA ? '  (only in A)' : '  (only in B)';
    out.push(`  ${padR(it.itemId, iw)} ${padL(fmt(it.totalDelta, true), 12)}  ${padL(fmt(it.meanDelta, true), 7)}/call  ${padL(n(it.callsChanged), 8)} calls${where}`);
  }
  if (r.items.length === 0) out.push('  (no item changes)');
  return `${out.join('\n')}\n`;
}

/**
 * Adds `compare` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa compare --rubric a.json --rubric b.json calls.ndjson
 * ```
 */
export function register(program: Command): void {
  program
    .command('compare')
    .description('what-if: score the same calls under rubric A and rubric B and report what changes')
    .argument('<input>', 'evaluations file (NDJSON, CSV, JSON array, optionally .gz), or - for stdin')
    .requiredOption('-r, --rubric <file>', 'give exactly two: A (current) then B (proposed)', collect, [])
    .option('-o, --output <file>', 'write per-call deltas as NDJSON { line, id, agentId, date, a, b, delta, gradeA, gradeB }')
    .option('--json', 'print the report as JSON instead of a table')
    .option('--errors <file>', 'write rejected records as NDJSON { line, id?, rubric, issues }')
    .option('--input-format <format>', 'auto, ndjson, csv or json', 'auto')
    .option('--bin-width <points>', 'histogram bin width (default: a round width giving ≤ 20 bins)')
    .option('--top <n>', 'rows shown per table section', '15')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', `\nThe report goes to stdout (to stderr when -o is -).\n${EXIT_HELP}`)
    .action(async (input: string, opts: CompareOpts) => {
      if (opts.rubric.length !== 2) throw new UsageError(`compare needs exactly two --rubric options (A then B), got ${opts.rubric.length}`);
      const [a, b] = loadRubricFiles(opts.rubric);
      if (!a || !b) throw new UsageError('two rubrics are needed');
      const bin = opts.binWidth === undefined ? undefined : Number(opts.binWidth);
      if (bin !== undefined && !(Number.isFinite(bin) && bin > 0)) throw new UsageError(`--bin-width must be a positive number, got "${opts.binWidth}"`);
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got "${opts.top}"`);
      const acc = new CompareAccumulator(a.rubric, b.rubric);
      let src;
      try {
        src = await openInput(input, {
          format: inputFormat(opts.inputFormat),
          onCsvHeader: (cols) => {
            const unknown = unknownColumns(cols, [a.rubric, b.rubric]);
            if (unknown.length > 0) throw new UsageError(`${input}: unknown column(s): ${unknown.join(', ')}`);
          },
        });
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError((e as Error).message);
      }
      const bar = progressBar(!opts.quiet);
      const off = onInterrupt(() => bar.stop());
      const sinks: OutputSink[] = [];
      let out: OutputSink | null = null;
      let errs: OutputSink | null = null;
      try {
        out = opts.output ? openOutput(opts.output, { gzip: opts.output.endsWith('.gz') }) : null;
        if (out) sinks.push(out);
        errs = opts.errors ? openOutput(opts.errors) : null;
        if (errs) sinks.push(errs);
      } catch (e) {
        bar.stop();
        off();
        await Promise.all(sinks.map((s) => s.abort()));
        throw e;
      }
      let printed = 0;
      let report: CompareReport;
      try {
        let buf = '';
        let ebuf = '';
        let k = 0;
        for await (const unit of src.units) {
          const r = acc.add(unit);
          if ('delta' in r) {
            if (out) buf += `${JSON.stringify(r.delta)}\n`;
          } else {
            if (errs) {
              const { line, id, rubric, issues } = r.rejected;
              ebuf += `${JSON.stringify(id === undefined ? { line, rubric, issues } : { line, id, rubric, issues })}\n`;
            }
            else if (printed++ < 20 && !opts.quiet) {
              bar.stop();
              for (const l of rejectionLines(r.rejected, `${input} [${r.rejected.rubric.toUpperCase()}]`)) process.stderr.write(`${l}\n`);
            }
          }
          // Write in chunks and wait for the sinks: back-pressure reaches the reader.
          if (++k % 1000 === 0) {
            if (out && buf) await out.write(buf);
            if (errs && ebuf) await errs.write(ebuf);
            buf = ebuf = '';
            const rep = acc.counts();
            bar.update({ read: rep.read, written: rep.compared, rejected: rep.rejected, bytesRead: src.bytesRead(), bytesTotal: src.size });
          }
        }
        if (out && buf) await out.write(buf);
        if (errs && ebuf) await errs.write(ebuf);
        await commitAll(sinks);
        report = acc.report(bin);
      } catch (e) {
        await Promise.all(sinks.map((s) => s.abort()));
        const err = e as NodeJS.ErrnoException;
        if (e instanceof UsageError) throw e;
        if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'Z_DATA_ERROR') throw new UsageError(err.message);
        throw e;
      } finally {
        bar.stop();
        off();
      }
      const text = opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, top);
      (opts.output === '-' ? process.stderr : process.stdout).write(text);
      process.exitCode = report.rejected > 0 ? EXIT.rejected : EXIT.ok;
    });
}
