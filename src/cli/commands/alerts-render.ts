/**
 * What `callqa alerts` prints, as text or JSON, written in parts so that a
 * month with hundreds of thousands of alert events is never held whole.
 *
 * Both outputs list the agents in the watch's order (in alarm first). The
 * text has a summary and a status table (one row an agent: small), then one
 * table of every shown alert, whose columns are as wide as its widest cell:
 * the widths are measured while the agents are first charted
 * ({@link AlertTable.measure}, from `CentreCollector.watchOutline`'s
 * `onAgent`), and each agent's rows are then written as the agent is charted
 * again ({@link alertsText}). The JSON is `JSON.stringify(doc, null, 2)` byte
 * for byte, written an agent at a time and each agent an array element at a
 * time ({@link alertsJson}, through `jsonParts` of ../json-stream.ts). Both are
 * generators of text chunks; the command writes them with `writeChunks`, and the
 * in-memory {@link renderAlerts} joins them.
 */
import type { AgentOutline, AgentWatch, Alert, CentreWatch, CentreWatchOutline, DetectorName } from '../../early-warning/index.js';
import { alertsSince } from '../../early-warning/index.js';
import { columnWidths, table, tableLines } from '../../format/text.js';
import { jsonParts } from '../json-stream.js';

/**
 * The command's settings as the outputs show them (the JSON's first fields).
 *
 * @example
 * ```ts
 * const h: AlertsHead = { detectors: ['ewma', 'cusum'], baseline: 'Phase I', failThreshold: 60, all: false };
 * ```
 */
export interface AlertsHead {
  readonly detectors: readonly DetectorName[];
  readonly baseline: string;
  readonly failThreshold?: number;
  readonly since?: string;
  readonly all?: boolean;
}

/**
 * The alerts the command shows, as text and as JSON alike: since `--since`, downward unless `--all`.
 *
 * @example
 * ```ts
 * shownAlerts(report.alerts, { since: '2026-11-01', all: false }); // November's declines
 * ```
 */
export function shownAlerts(alerts: readonly Alert[], head: Pick<AlertsHead, 'since' | 'all'>): Alert[] {
  return (head.since === undefined ? [...alerts] : alertsSince(alerts, head.since)).filter((a) => head.all === true || a.direction === 'down');
}

type Charted = Extract<AgentOutline, { report: unknown }>;
const f2 = (x: number): string => x.toFixed(2);
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${f2(x)}`;
const ALERT_HEADER = ['agent', 'eval', 'call', 'date', 'detector', 'rule', 'dir', 'window', 'value', 'limit', 'reason'];
const ALERT_LAYOUT = { right: [1, 8, 9], indent: '  ' };

function alertRow(agentId: string, a: Alert): string[] {
  return [agentId, `#${a.index + 1}`, a.id ?? '', (a.date ?? '').slice(0, 10), (a.detectors ?? []).join('+'), a.rule, a.direction, `#${a.window[0] + 1}–#${a.window[1] + 1}`, f2(a.value), a.limit === null ? '–' : f2(a.limit), a.message];
}

/**
 * The alerts table measured before it is written: its column widths (the
 * header's and every shown alert's) and how many rows each agent has.
 *
 * @example
 * ```ts
 * const t = new AlertTable(head);
 * const outline = collector.watchOutline(options, (a) => t.measure(a));
 * ```
 */
export class AlertTable {
  readonly widths: number[] = columnWidths([ALERT_HEADER]);
  private readonly rowsOf = new Map<string, number>();
  rows = 0;
  constructor(private readonly head: Pick<AlertsHead, 'since' | 'all'>) {}
  /** Counts an agent's shown alerts and widens the columns to fit them. */
  measure(a: AgentWatch): void {
    if (!('report' in a)) return;
    const shown = shownAlerts(a.report.alerts, this.head);
    for (const al of shown) columnWidths([alertRow(a.agentId, al)], this.widths);
    this.rowsOf.set(a.agentId, shown.length);
    this.rows += shown.length;
  }
  /** How many rows the agent has (0 when it was not measured). */
  rowsFor(agentId: string): number {
    return this.rowsOf.get(agentId) ?? 0;
  }
  /** The agent's rows, each line ended by a newline. */
  text(agentId: string, alerts: readonly Alert[]): string {
    const lines = tableLines(shownAlerts(alerts, this.head).map((al) => alertRow(agentId, al)), this.widths, ALERT_LAYOUT);
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }
}

function projectionText(a: Charted): string {
  const p = a.report.status.projection;
  if (p === null) return '–';
  if (p.basis === 'at-or-below') return 'at or below now';
  if (p.basis === 'stable') return 'no decline';
  return `${p.evaluationsToFail} eval(s)`;
}

function statusRow(r: Charted): string[] {
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
}

/** A watch whose agents' alerts are had one agent at a time: an outline, or a whole watch. */
type WatchSource = Pick<CentreWatchOutline, 'team' | 'referenceTo' | 'agents' | 'agent'>;

const lines = (xs: readonly string[]): string => xs.map((x) => `${x}\n`).join('');

/**
 * The text output in chunks: the summary and status table, then each agent's
 * alert rows (charted again through `w.agent(i)` only for agents with rows
 * to show), then the agents not charted. `t` must have measured every agent.
 *
 * @example
 * ```ts
 * await writeChunks(alertsText(outline, table, head), streamWriter(process.stdout));
 * ```
 */
export function* alertsText(w: WatchSource, t: AlertTable, head: AlertsHead): Generator<string> {
  const calls = w.agents.reduce((s, r) => s + r.calls, 0);
  const out: string[] = [`Early warning — ${w.agents.length} agent(s), ${calls} call(s); detectors ${head.detectors.join(', ')}; baseline ${head.baseline}${head.failThreshold === undefined ? '' : `; failing below ${head.failThreshold}`}`];
  if (w.team !== null) out.push(`Team Phase I baseline (reference period to ${w.referenceTo}): ${f2(w.team.mean)} ± ${f2(w.team.sigma)} from ${w.team.points} evaluation(s), ${w.team.removed} set aside as out of control`);
  out.push('');
  const charted = w.agents.filter((r): r is Charted => 'report' in r);
  out.push(`In alarm now: ${charted.filter((r) => r.report.status.inAlarm).length} of ${charted.length}`);
  if (charted.length > 0) out.push(table([['agent', 'calls', 'baseline', 'status', 'since', 'rules', 'level [95% CI]', 'slope', 'margin', 'to fail'], ...charted.map(statusRow)], { right: [1, 7, 8] }));
  out.push('', head.since === undefined ? 'Alerts' : `Alerts since ${head.since}`);
  if (t.rows === 0) out.push('  (none)');
  else out.push(...tableLines([ALERT_HEADER], t.widths, ALERT_LAYOUT));
  yield lines(out);
  for (let i = 0; i < w.agents.length; i++) {
    const a = w.agents[i] as AgentOutline;
    if (t.rowsFor(a.agentId) === 0) continue;
    const full = w.agent(i);
    if ('report' in full) yield t.text(a.agentId, full.report.alerts);
  }
  const skipped = w.agents.filter((r): r is Extract<AgentOutline, { skipped: string }> => 'skipped' in r);
  if (skipped.length > 0) yield lines(['', 'Not charted', ...skipped.map((s) => `  ${s.agentId} (${s.calls} call${s.calls === 1 ? '' : 's'}): ${s.skipped}`)]);
}

/**
 * The `--json` output in chunks: `JSON.stringify({ ...head, team, referenceTo,
 * agents }, null, 2)` and a newline, byte for byte, where each charted agent
 * is its full watch plus `alerts` (the shown ones), charted again one at a time.
 *
 * @example
 * ```ts
 * await writeChunks(alertsJson(outline, head), streamWriter(process.stdout));
 * ```
 */
export function* alertsJson(w: WatchSource, head: AlertsHead): Generator<string> {
  const top = JSON.stringify({ ...head, team: w.team, referenceTo: w.referenceTo }, null, 2);
  // `top` ends in "\n}": the agents go in as its last field.
  yield `${top.slice(0, -2)},\n  "agents": ${w.agents.length === 0 ? '[]' : '['}`;
  for (let i = 0; i < w.agents.length; i++) {
    const o = w.agents[i] as AgentOutline;
    const a = 'report' in o ? w.agent(i) : o;
    yield `${i === 0 ? '' : ','}\n    `;
    yield* jsonParts('report' in a ? { ...a, alerts: shownAlerts(a.report.alerts, head) } : a, '    ');
  }
  yield `${w.agents.length === 0 ? '' : '\n  ]'}\n}\n`;
}

/** A whole watch as a source: its agents' alerts are all at hand. */
function wholeSource(w: CentreWatch): WatchSource {
  return { ...w, agent: (i) => w.agents[i] as AgentWatch };
}

/**
 * The centre's early warning as readable tables, agents in alarm first: the
 * same text the command writes in parts, from a watch held whole.
 *
 * @example
 * ```ts
 * process.stdout.write(renderAlerts(watch, { detectors: ['ewma', 'cusum'], failThreshold: 60, baseline: 'Phase I' }));
 * ```
 */
export function renderAlerts(w: CentreWatch, head: AlertsHead): string {
  const t = new AlertTable(head);
  for (const a of w.agents) t.measure(a);
  return [...alertsText(wholeSource(w), t, head)].join('');
}

/**
 * The `--json` document from a watch held whole: what the command writes in parts.
 *
 * @example
 * ```ts
 * JSON.parse(renderAlertsJson(watch, head)).agents[0].alerts;
 * ```
 */
export function renderAlertsJson(w: CentreWatch, head: AlertsHead): string {
  return [...alertsJson(wholeSource(w), head)].join('');
}
