import { describe, expect, it } from 'vitest';
import { sampleCentre } from '../../examples/sample-centre.js';
import { assessAgents } from './assess.js';
import { formatAssessment } from './format.js';

const { plan, calls, metrics, team } = sampleCentre();
const result = assessAgents(plan, { period: '2026-10', timeZone: 'Asia/Shanghai', calls, metrics, ...(team ? { team } : {}) });

/** The agent rows of the table: rank, agent, team, then per component "points (raw)", then the total. */
function rows(text: string): { agent: string; points: number[]; total: number }[] {
  return text
    .split('\n')
    .filter((l) => /^\s+\d+\s+A\d{3}\s/.test(l))
    .map((l) => {
      const cells = l.trim().split(/\s{2,}/);
      const points = cells.slice(3, 3 + plan.components.length).map((c) => Number(c.split(' ')[0]));
      return { agent: cells[1] ?? '', points, total: Number(cells[3 + plan.components.length]) };
    });
}

describe('formatAssessment', () => {
  it('shows each component’s points in the total, so that every row adds up on its face', () => {
    const text = formatAssessment(result, { locale: 'zh-CN', plan });
    const r = rows(text);
    expect(r).toHaveLength(8);
    for (const row of r) expect(Math.round(row.points.reduce((s, x) => s + x, 0) * 100) / 100).toBe(row.total);
    // A005 by hand: not-ready 10, missed 5, AHT 0, satisfaction 5, exam 4, QA 89.73 × 70/100 = 62.811 → 62.81;
    // 10 + 5 + 0 + 5 + 4 + 62.81 = 86.81 (the example: the old table showed the raw QA mean in the QA column).
    // (The sample's calls are timed since the generator writes timed transcripts: pace and pauses come from measures.)
    expect(text).toMatch(/A005\s+T1\s+10\.00 \(0\.00\)\s+5\.00 \(2\.19\)\s+0\.00 \(439\.00\)\s+5\.00 \(0\.00\)\s+4\.00 \(86\.00\)\s+62\.81 \(89\.73\)\s+86\.81/);
  });

  it('labels the raw values and the scaling in a legend', () => {
    const zh = formatAssessment(result, { locale: 'zh-CN', plan });
    expect(zh).toContain('说明：各项为计入总分的得分，相加即总分；括号内为原始值：');
    expect(zh).toContain('示忙率 10%：示忙超30分钟天数');
    expect(zh).toContain('质检 70%：括号内为当月质检平均分（满分 100），计入总分 = 当月质检平均分 × 70 ÷ 100');
    const en = formatAssessment(result, { locale: 'en', plan });
    expect(en).toContain("QA score 70%: in brackets the month's mean call score (out of 100); points in the total = month's mean call score × 70 ÷ 100");
  });

  it('writes zh-CN with no English words (ids, the plan id and the time zone aside)', () => {
    const zh = formatAssessment(result, { locale: 'zh-CN', plan })
      .replaceAll(`${plan.id}@${plan.version}`, '')
      .replaceAll('Asia/Shanghai', '');
    // Before: "对比基准: aht centre 333.89". Now: "对比基准: 通话均长 全中心 333.89".
    expect(zh).toContain('对比基准: 通话均长 全中心 333.89');
    expect(zh.replace(/\b[AT]\d+\b/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });
});
