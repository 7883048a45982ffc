/**
 * Per-agent KPI rows from a CSV (as `callqa generate --kpis` writes them) to
 * the metrics records a plan reads. Pure: the CLI does the reading.
 */
import type { Issue } from '../issues/issues.js';
import type { MetricsRecord } from './metrics.js';
import type { AssessmentIssueCode } from './issue-codes.js';

/**
 * Column aliases: the generator's per-agent counts under src/kpis field names.
 * `missed` is 漏接 (missedCalls); `offered` is the calls routed to the agent
 * (inboundCalls); `answered` is the calls the agent handled (handled).
 *
 * @example
 * ```ts
 * ROW_ALIASES.missed; // 'missedCalls'
 * ```
 */
export const ROW_ALIASES: Readonly<Record<string, string>> = { missed: 'missedCalls', offered: 'inboundCalls', answered: 'handled' };

/**
 * Converts CSV rows (strings) into metrics records: numbers parsed, JSON arrays
 * (dailyNotReadyMinutes) decoded, aliases added when the canonical column is
 * absent. Rows of another `month` than `period` are left out and reported.
 *
 * @example
 * ```ts
 * metricsFromRows([{ agentId: 'A001', month: '2026-10', missed: '3', offered: '120' }], '2026-10').metrics;
 * // [{ agentId: 'A001', month: '2026-10', missed: 3, offered: 120, missedCalls: 3, inboundCalls: 120 }]
 * ```
 */
export function metricsFromRows(
  rows: readonly Readonly<Record<string, string>>[],
  period: string,
): { metrics: (MetricsRecord & { agentId: string })[]; issues: Issue<AssessmentIssueCode>[]; leftOut: number } {
  const metrics: (MetricsRecord & { agentId: string })[] = [];
  const issues: Issue<AssessmentIssueCode>[] = [];
  let leftOut = 0;
  rows.forEach((row, i) => {
    if (row.month !== undefined && row.month !== '' && row.month !== period) {
      leftOut++;
      issues.push({ code: 'other_period', path: ['metrics', i, 'month'], message: `row for ${row.month}, not ${period}: left out` });
      return;
    }
    const out: Record<string, MetricsRecord[string]> = {};
    for (const [k, raw] of Object.entries(row)) {
      const v = raw.trim();
      if (v === '') continue;
      if (k === 'agentId' || k === 'month' || k === 'team') out[k] = v;
      else if (v.startsWith('[')) {
        try {
          out[k] = JSON.parse(v) as number[];
        } catch {
          issues.push({ code: 'invalid_json', path: ['metrics', i, k], message: `${k} is not a JSON list` });
        }
      } else if (v === 'true' || v === 'false') out[k] = v === 'true';
      else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) out[k] = Number(v);
      else out[k] = v;
    }
    for (const [alias, canonical] of Object.entries(ROW_ALIASES)) {
      if (out[canonical] === undefined && out[alias] !== undefined) out[canonical] = out[alias];
    }
    metrics.push(out as MetricsRecord & { agentId: string });
  });
  return { metrics, issues, leftOut };
}
