/**
 * The quality-programme commands, run as a user would: `callqa sample`,
 * `calibrate`, `alerts` and `problems` on generated and hand-written files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { watchCentre } from '../../src/early-warning/index.js';
import { MINI_RUBRIC_JSON } from '../../src/problems/fixtures.js';
import { RUBRIC, callqa, ensureCli, readNdjson, tempDir } from './helpers.js';

let dir: string;
let calls: string;
let mini: string;
let evals: string;

/** A mini-rubric evaluation; the greeting and penalties come from the transcript. */
function ev(id: string, agentId: string, date: string, o: { greet?: boolean; accurate?: unknown; empathy?: boolean | null; says?: string; privacy?: boolean } = {}): string {
  const transcript = [{ speaker: 'agent', text: o.greet === false ? '请讲。' : '您好，请讲。', start: 0 }];
  if (o.says) transcript.push({ speaker: 'agent', text: o.says, start: 75 });
  const answers: Record<string, unknown> = { accurate: o.accurate ?? 'accurate', empathy: o.empathy === undefined ? true : o.empathy };
  if (o.privacy !== undefined) answers['privacy'] = o.privacy;
  return JSON.stringify({ id, agentId, date, answers, transcript });
}

beforeAll(async () => {
  await ensureCli();
  dir = tempDir();
  calls = join(dir, 'calls.ndjson');
  const g = callqa(['generate', '--agents', '6', '--calls', '300', '--seed', '11', '-o', calls]);
  expect(g.code, g.stderr).toBe(0);
  mini = join(dir, 'mini.json');
  writeFileSync(mini, JSON.stringify(MINI_RUBRIC_JSON));
  // The scenario of src/problems/analyze.test.ts, plus one broken line:
  // greet failed by A and B (common); A: corrected (training) and a filler; C: 不知道 and a privacy leak.
  evals = join(dir, 'evals.ndjson');
  writeFileSync(
    evals,
    [
      ev('a1', 'A', '2026-10-01', { greet: false, says: '啊，好的。' }),
      JSON.stringify({ id: 'a2', agentId: 'A', date: '2026-10-02', answers: { accurate: { value: 'corrected', causes: ['training'], note: 'wrong fee' }, empathy: true }, transcript: [{ speaker: 'agent', text: '您好，请讲。', start: 0 }] }),
      ev('b1', 'B', '2026-10-01', { greet: false }),
      ev('b2', 'B', '2026-10-03', { empathy: null }),
      ev('c1', 'C', '2026-10-02', { says: '这个我不知道。' }),
      ev('c2', 'C', '2026-10-04', { privacy: true }),
      'not json',
    ].join('\n') + '\n',
  );
});

describe('callqa --help', () => {
  it('lists the quality commands', () => {
    const r = callqa(['--help']);
    for (const c of ['sample', 'calibrate', 'alerts', 'problems']) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });
});

describe('callqa problems', () => {
  it('prints the Pareto table, training needs and coaching with evidence; rejected lines exit 1', () => {
    const r = callqa(['problems', evals, '-r', mini, '--owner', 'greet=scripts team']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${evals}:7: (root):`);
    expect(r.stdout).toContain('6 call(s), 3 agent(s)');
    expect(r.stdout).toMatch(/1\s+greet\s+Greeting\s+2\s+33\.3%\s+33\.3%\s+33\.3%\s+2\/3\s+common \*/);
    expect(r.stdout).toMatch(/greet\s+Greeting\s+scripts team\s+2\/3\s+66\.7%\s+2\s+A, B/);
    expect(r.stdout).toContain('a2  2026-10-02  score 66.67  item 4/8  causes: training; note: wrong fee');
    expect(r.stdout).toContain('turn 1 @1:15  「不知道」  这个我不知道。');
    expect(r.stdout).toContain('c2  2026-10-04  score 0  fatal');
    expect(r.stdout).toMatch(/training\s+1\s+4/);
  });

  it('gives the same JSON for evaluations and for `score --full` output, whatever the order', () => {
    const scores = join(dir, 'scores.ndjson');
    expect(callqa(['score', calls, '-r', RUBRIC, '--full', '-o', scores, '-q']).code).toBe(0);
    const shuffled = join(dir, 'scores-reversed.ndjson');
    writeFileSync(shuffled, readFileSync(scores, 'utf8').trim().split('\n').reverse().join('\n') + '\n');
    const a = callqa(['problems', calls, '-r', RUBRIC, '--json']);
    const b = callqa(['problems', shuffled, '-r', RUBRIC, '--json']);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const report = JSON.parse(a.stdout);
    expect(report.calls).toBe(300);
    expect(report.pareto.at(-1).cumulativeShare).toBe(1);
  });

  it('filters a period and applies failure rules', () => {
    const r = JSON.parse(callqa(['problems', evals, '-r', mini, '--json', '-q', '--from', '2026-10-02', '--fail-when', 'accurate=at-most:0']).stdout);
    // a2, b2, c1, c2 remain; accurate "corrected" (4) is not a failure at "at most 0"
    expect(r.calls).toBe(4);
    expect(r.items.find((i: { itemId: string }) => i.itemId === 'accurate').failures).toBe(0);
  });

  it('rejects bad options with exit 2', () => {
    expect(callqa(['problems', evals, '-r', mini, '--fail-when', 'accurate']).code).toBe(2);
    const r = callqa(['problems', evals, '-r', mini, '--owner', 'ghost=x', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('owners.ghost');
  });
});

describe('callqa alerts', () => {
  it('charts every agent and gives the margin to the failing band', () => {
    const r = callqa(['alerts', calls, '-r', RUBRIC, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.failThreshold).toBe(60); // the bundled rubric fails below 60
    expect(out.agents).toHaveLength(6);
    expect(out.team.source).toBe('phase1');
    for (const a of out.agents) {
      expect(a.report.marginToFail).toBeCloseTo(a.report.level - 60, 9);
      for (const al of a.alerts) expect(al.direction).toBe('down');
    }
  });

  it('warns of a decline while calls still pass, on the Phase I baseline; agents in alarm first; a new agent is watched on the team baseline', () => {
    const lines: string[] = [];
    for (let i = 0; i < 20; i++) {
      const day = `2026-10-${String(i + 1).padStart(2, '0')}`;
      lines.push(ev(`A-${i}`, 'A', day, { greet: i % 3 !== 0 }));
      // B: the first 10 like A (100 / 83.33), then "corrected": 66.67, still passing (fail < 60)
      lines.push(i < 10 ? ev(`B-${i}`, 'B', day, { greet: i % 3 !== 0 }) : ev(`B-${i}`, 'B', day, { accurate: 'corrected' }));
    }
    lines.push(ev('C-0', 'C', '2026-10-01'), ev('C-1', 'C', '2026-10-02'));
    const file = join(dir, 'series.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = callqa(['alerts', file, '-r', mini]);
    expect(r.code, r.stderr).toBe(0);
    // Reference period: October (the first month). Team Phase I over all 42 calls:
    // mean (A 7·83.33 + 13·100 = 1883.33; B 4·83.33 + 6·100 + 10·66.67 = 1600; C 200) / 42 = 87.70;
    // within-agent moving ranges: A 13 × 16.67, B 7 × 16.67, C one 0 → 333.33 / 39 = 8.547, σ̂ = 8.547/1.128 = 7.58;
    // nothing beyond 87.70 ± 22.73, so nothing set aside. No agent has 100 evaluations: all on the team's.
    expect(r.stdout).toContain('Team Phase I baseline (reference period to 2026-10-31): 87.70 ± 7.58 from 42 evaluation(s), 0 set aside as out of control');
    // Lower CUSUM against 87.70 − K 7.58 = 80.12, H = 3.5 × 7.58 = 26.52: 0 through B-9, then 13.45, 26.90 > 26.52 at B-11 —
    // the second call at 66.67, which still passes (fail < 60). B is in alarm and listed first.
    expect(r.stdout).toMatch(/In alarm now: 1 of 3\n.*\nB\s+20\s+team 87\.70 ± 7\.58\s+ALARM\s+#12 2026-10-12\s+cusum,ewma\s/);
    expect(r.stdout).toMatch(/B\s+#12\s+B-11\s+2026-10-12\s+cusum\s+cusum\s+down\s+#11–#12\s+26\.90\s+26\.52\s+the lower CUSUM 26\.9 exceeds H = 26\.52/);
    expect(r.stdout).toMatch(/^A\s+20\s+team 87\.70 ± 7\.58\s+ok\s/m);
    expect(r.stdout).toMatch(/^C\s+2\s+team 87\.70 ± 7\.58\s+ok\s/m);
    // In Chinese, and only what is new since 2026-10-19 (the status still uses the whole history).
    const zh = callqa(['alerts', file, '-r', mini, '--locale', 'zh-CN', '--since', '2026-10-19']);
    expect(zh.stdout).toContain('Alerts since 2026-10-19');
    expect(zh.stdout).toMatch(/B\s+#20\s+B-19\s+2026-10-20\s+cusum\s+cusum\s+down.*下侧累积和（CUSUM）26\.9 超过决策限 H = 26\.52/);
    expect(zh.stdout).not.toContain('B-11  2026-10-12');
  });

  it('reads its own compact `score` output (CSV and --full rows: src/cli/commands/alerts.test.ts)', () => {
    const compact = join(dir, 'alerts-compact.ndjson');
    expect(callqa(['score', calls, '-r', RUBRIC, '-o', compact, '-q']).code).toBe(0);
    const r = callqa(['alerts', compact, '--fail-below', '60', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const cli = JSON.parse(r.stdout) as { agents: { agentId: string; report: unknown }[] };
    // The same records through the library: the CLI read every one of them, as they are.
    const records = readNdjson(compact).map((o) => ({ id: o['id'] as string, agentId: o['agentId'] as string, date: o['date'] as string, score: o['score'] as number }));
    const lib = watchCentre(records, { failThreshold: 60 });
    expect(cli.agents.map((a) => [a.agentId, a.report])).toEqual(JSON.parse(JSON.stringify(lib.agents.map((a) => [a.agentId, 'report' in a ? a.report : null]))));
  });

  it('needs a rubric for evaluations', () => {
    const r = callqa(['alerts', evals]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(needs_rubric)');
  });
});

describe('callqa calibrate', () => {
  // Two sessions, three raters; the expert is "lead". wang: +4, +6, +5, +8 over lead → +5.75, lenient.
  // Consensus (mean of wang and li) − lead: s1 (81 − 80, 62 − 60) → +1.5; s2 (93.5 − 90, 76 − 70) → +4.75.
  const rows = [
    ['c1', 'lead', 80, true, 8, 's1', '2026-09-01'],
    ['c1', 'wang', 84, true, 8, 's1', '2026-09-01'],
    ['c1', 'li', 78, false, 4, 's1', '2026-09-01'],
    ['c2', 'lead', 60, false, 4, 's1', '2026-09-01'],
    ['c2', 'wang', 66, false, 4, 's1', '2026-09-01'],
    ['c2', 'li', 58, true, 4, 's1', '2026-09-01'],
    ['c3', 'lead', 90, true, 8, 's2', '2026-10-01'],
    ['c3', 'wang', 95, true, 8, 's2', '2026-10-01'],
    ['c3', 'li', 92, true, 8, 's2', '2026-10-01'],
    ['c4', 'lead', 70, true, 4, 's2', '2026-10-01'],
    ['c4', 'wang', 78, true, 8, 's2', '2026-10-01'],
    ['c4', 'li', 74, false, 4, 's2', '2026-10-01'],
  ] as const;
  const write = (name: string, extra: string[] = []): string => {
    const file = join(dir, name);
    const text = rows.map(([callId, evaluatorId, score, greet, accurate, sessionId, sessionDate]) => JSON.stringify({ callId, evaluatorId, score, items: { greet, accurate }, sessionId, sessionDate }));
    writeFileSync(file, `${[...text, ...extra].join('\n')}\n`);
    return file;
  };

  it('reports bias, agreement and drift', () => {
    const r = callqa(['calibrate', write('ratings.ndjson'), '--expert', 'lead']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wang\s+4\s+\+5\.75\s+5\.75\s+lenient/);
    expect(r.stdout).toMatch(/s1\s+2026-09-01\s+\+1\.50/);
    expect(r.stdout).toMatch(/s2\s+2026-10-01\s+\+4\.75/);
    expect(r.stdout).toContain('slope +3.25 per session → drifting lenient');
    const json = JSON.parse(callqa(['calibrate', write('ratings.ndjson'), '--expert', 'lead', '--json']).stdout);
    expect(json.drift.drifting).toBe('lenient');
    expect(json.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual(['accurate', 'greet']);
  });

  it('calibrates evaluations scored with a rubric', () => {
    const file = join(dir, 'panel.ndjson');
    const panel = ['lead', 'wang', 'li'].flatMap((evaluatorId, k) =>
      ['p1', 'p2', 'p3'].map((id, j) => JSON.stringify({ ...JSON.parse(ev(id, 'A', '2026-10-05', { greet: j !== 1, accurate: k === 1 && j === 2 ? 'corrected' : 'accurate' })), evaluatorId, sessionId: 's', sessionDate: '2026-10-06' })),
    );
    writeFileSync(file, `${panel.join('\n')}\n`);
    const r = JSON.parse(callqa(['calibrate', file, '-r', mini, '--expert', 'lead', '--json']).stdout);
    // wang scored p3 "corrected": 66.67 against lead's 100 → mean bias −33.33/3 = −11.11, harsh
    const wang = r.evaluators.find((e: { evaluatorId: string }) => e.evaluatorId === 'wang');
    expect(wang.meanBias).toBeCloseTo(-100 / 9, 1);
    expect(wang.label).toBe('harsh');
  });

  it('rejects malformed ratings with their paths (exit 2)', () => {
    const r = callqa(['calibrate', write('bad.ndjson', [JSON.stringify({ callId: 'c9', evaluatorId: 'li', score: 'x' })])]);
    expect(r.code).toBe(2);
    // The 13th line, as the stream reads it: one count, then each problem with its line.
    expect(r.stderr).toContain('1 of 13 rating(s) have invalid values');
    expect(r.stderr).toContain('bad.ndjson:13: score: score must be a finite number, got x (invalid_score)');
  });
});

describe('callqa sample', () => {
  it('computes sample sizes (the issue’s golden values)', () => {
    const p = JSON.parse(callqa(['sample', '--margin', '0.05', '--z', '1.96', '--population', '1000', '--json']).stdout);
    expect(p.size.n).toBe(278);
    const m = JSON.parse(callqa(['sample', '--margin', '2', '--sigma', '10', '--z', '1.96', '--json']).stdout);
    expect(m.size.n).toBe(97);
    expect(callqa(['sample', '--margin', '2', '--sigma', '10', '--z', '1.96']).stdout).toContain('n = 97');
  });

  it('selects a reproducible sample with quotas and checks its balance', () => {
    const out1 = join(dir, 'sample1.ndjson');
    const out2 = join(dir, 'sample2.ndjson');
    const args = ['sample', calls, '--seed', '2026-10', '--rate', '0.1', '--per-agent-min', '5', '--stratify', 'type'];
    const r = callqa([...args, '-o', out1, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(callqa([...args, '-o', out2]).code).toBe(0);
    expect(readFileSync(out2, 'utf8')).toBe(readFileSync(out1, 'utf8'));
    const res = JSON.parse(r.stdout);
    expect(res.selection.n).toBe(30);
    for (const a of res.selection.agents) expect(a.selected).toBeGreaterThanOrEqual(5);
    expect(res.balance.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual(['hour', 'day', 'length', 'type']);
    expect(readNdjson(out1)).toHaveLength(30);
    // the same sample, checked as an existing one, gives the same balance report
    const checked = JSON.parse(callqa(['sample', calls, '--check', out1, '--json']).stdout);
    expect(checked.balance).toEqual(res.balance);
    const table = callqa(['sample', calls, '--check', out1]).stdout;
    expect(table).toMatch(/Balance \(MITLA\): sample of 30 against 300 call\(s\)/);
  });

  it('says what is missing', () => {
    expect(callqa(['sample']).code).toBe(2);
    expect(callqa(['sample', calls, '--seed', 'x']).stderr).toContain('--size, --rate, or --margin');
    expect(callqa(['sample', calls, '--seed', 'x', '--size', '5', '--rate', '0.1']).code).toBe(2);
  });
});
