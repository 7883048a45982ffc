/**
 * `callqa alerts` writes its output an agent at a time (charting each agent
 * twice: once to order and measure, once to write); these tests hold it to
 * the in-memory API on the same records, byte for byte: the JSON against
 * `JSON.stringify({ ...head, team, referenceTo, agents }, null, 2)` — the
 * command's output before it streamed; the text against
 * `renderAlerts(watchCentre(records))`, the same writer fed a watch held
 * whole (so it checks the streamed data, not the layout), and its alert
 * table against the layout itself: one row per shown alert of the in-memory
 * watch, every row in the header's columns although the rows are written an
 * agent at a time. (Writing in parts is tested in src/cli/json-stream.test.ts.)
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CentreRecord, type CentreWatch, type WatchCentreOptions, watchCentre } from '../../src/early-warning/index.js';
import { type AlertsHead, renderAlerts, shownAlerts } from '../../src/cli/commands/alerts-render.js';
import { RUBRIC, callqa, ensureCli, readNdjson, tempDir } from './helpers.js';

let file: string;
let records: CentreRecord[];
const PHASE1 = 'Phase I (own from the reference period when long enough, else team)';
const DETECTORS = ['ewma', 'cusum'] as const;

beforeAll(async () => {
  await ensureCli();
  const dir = tempDir();
  file = join(dir, 'scores.ndjson');
  for (const s of [['generate', '--agents', '20', '--calls', '2000', '--seed', '1', '--no-transcripts', '-o', join(dir, 'evals.ndjson')], ['score', '-q', '-r', RUBRIC, join(dir, 'evals.ndjson'), '-o', file]]) {
    const r = callqa(s);
    expect(r.code, r.stderr).toBe(0);
  }
  // An agent with two calls: charted on the team's baseline by default, not charted with --baseline 30.
  appendFileSync(file, `${JSON.stringify({ id: 'Z-1', agentId: 'Z', date: '2026-10-02', score: 71.5 })}\n${JSON.stringify({ id: 'Z-2', agentId: 'Z', date: '2026-10-03', score: 64 })}\n`);
  records = readNdjson(file).map((r) => ({ id: r['id'] as string, agentId: r['agentId'] as string, date: r['date'] as string, score: r['score'] as number }));
});

/** What the command printed before it streamed: one JSON.stringify of the whole document. */
function wholeJson(w: CentreWatch, head: AlertsHead): string {
  const agents = w.agents.map((a) => ('report' in a ? { ...a, alerts: shownAlerts(a.report.alerts, head) } : a));
  return `${JSON.stringify({ ...head, team: w.team, referenceTo: w.referenceTo, agents }, null, 2)}\n`;
}

const cases: { name: string; args: string[]; options: WatchCentreOptions; head: AlertsHead }[] = [
  { name: 'defaults', args: [], options: {}, head: { detectors: [...DETECTORS], baseline: PHASE1, all: false } },
  { name: '--all --fail-below 70', args: ['--all', '--fail-below', '70'], options: { failThreshold: 70 }, head: { detectors: [...DETECTORS], baseline: PHASE1, failThreshold: 70, all: true } },
  { name: '--since 2026-10-20 --detectors ewma,cusum,nelson', args: ['--since', '2026-10-20', '--detectors', 'ewma,cusum,nelson'], options: { detectors: ['ewma', 'cusum', 'nelson'] }, head: { detectors: ['ewma', 'cusum', 'nelson'], baseline: PHASE1, since: '2026-10-20', all: false } },
  { name: '--baseline 30 (agent Z not charted)', args: ['--baseline', '30'], options: { baseline: { points: 30 } }, head: { detectors: [...DETECTORS], baseline: 'own first 30 (raw)', all: false } },
];

describe('callqa alerts, streamed, against the in-memory API', () => {
  it('the sample raises many alerts over many agents (so the streaming is exercised)', () => {
    const w = watchCentre(records);
    const shown = w.agents.reduce((s, a) => s + ('report' in a ? shownAlerts(a.report.alerts, {}).length : 0), 0);
    expect(records).toHaveLength(2002);
    expect(w.agents).toHaveLength(21);
    expect(w.agents.filter((a) => 'report' in a && a.report.status.inAlarm).length).toBeGreaterThan(5);
    expect(shown).toBeGreaterThan(100);
  });

  for (const c of cases) {
    it(`${c.name}: text and --json byte for byte`, () => {
      const w = watchCentre(records, { ...c.options, locale: 'en' });
      const text = callqa(['alerts', '-q', file, ...c.args]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toBe(renderAlerts(w, c.head));
      // The alert table, written an agent at a time, is one table: a row per shown alert, each date
      // and direction under its header (the widths were measured over every agent before writing).
      const lines = text.stdout.split('\n');
      const at = lines.findIndex((l) => /^ {2}agent +eval +call +date /.test(l));
      const shown = w.agents.reduce((n, a) => n + ('report' in a ? shownAlerts(a.report.alerts, c.head).length : 0), 0);
      if (shown === 0) expect(at).toBe(-1);
      else {
        const header = lines[at] as string;
        const rows = lines.slice(at + 1, at + 1 + shown);
        expect(lines[at + 1 + shown] ?? '').toBe(''); // exactly `shown` rows
        for (const r of rows) {
          expect(r.slice(header.indexOf(' date ') + 1, header.indexOf(' date ') + 11)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(r.slice(header.indexOf(' dir ') + 1)).toMatch(/^(down|up) /);
        }
      }
      const json = callqa(['alerts', '-q', '--json', file, ...c.args]);
      expect(json.code, json.stderr).toBe(0);
      expect(json.stdout).toBe(wholeJson(w, c.head));
    });
  }

  it('--baseline 30 lists Z as not charted, after the alerts', () => {
    const text = callqa(['alerts', '-q', file, '--baseline', '30']);
    expect(text.stdout).toMatch(/\n {2}A\S* +#\d+ [^\n]*\n\nNot charted\n {2}Z \(2 calls\): [^\n]+\n$/);
  });
});
