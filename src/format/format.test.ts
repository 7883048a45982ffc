import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../rubric/load.js';
import { scoreCall } from '../scoring/score.js';
import { formatCallScore } from './call-score.js';
import { formatRubric } from './rubric-doc.js';
import { displayWidth, table } from './text.js';

const rubric = loadRubric(JSON.parse(readFileSync(new URL('../../rubrics/callcenter-qc-7.zh-CN.json', import.meta.url), 'utf8')));
const calls = readFileSync(new URL('../../examples/data/calls.callcenter-qc-7.ndjson', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

describe('table layout', () => {
  it('counts a Chinese character as two columns', () => {
    expect(displayWidth('服务态度')).toBe(8);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('abc')).toBe(3);
    const t = table([['服务态度', '20'], ['Voice', '7']], { right: [1] }).split('\n');
    // both rows end at the same column: 8 + 2 + 2 = 12
    expect(t.map(displayWidth)).toEqual([12, 12]);
  });
});

describe('formatCallScore', () => {
  it('shows score, grade, the lost points, the deductions and where the phrases were said', () => {
    // C-1002: accurate "corrected" 4/8, enthusiasm "fair" 5/9 (attitude 5+6+4+4 = 19),
    // 喂/不清楚 (−2, capped at −2) and 啊/呀 (−2, capped at −2): 97 − 4 − 1 − 4 = 88 → 88/97 = 90.72.
    const text = formatCallScore(scoreCall(rubric, calls[1]), { rubric, locale: 'zh-CN' });
    expect(text).toContain('得分 90.72 / 100 · 等级 优秀 · 合格');
    expect(text).toMatch(/信息内容准确无误\s+4\/8/);
    expect(text).toMatch(/服务禁语\s+-2\s+2 次 × −2，最多扣 2（录音转写识别）/);
    expect(text).toMatch(/#2 0:07\s+服务禁语\s+「不清楚」/);
    // The level's own label from the rubric, not 'level "corrected": 4 of 8'.
    expect(text).toMatch(/信息内容准确无误\s+4\/8\s+档位「解释错误后及时更正，不影响客户感受」/);
    // Sections earn 97 in all (20 + 10 + 10 + 20 + 7 + 20 + 10), scaled to 100: the legend says so.
    expect(text).toContain('注：得分 = 实得 × 100 ÷ 97（97 为本通话应得分合计，不适用项不计入）');
  });

  it('writes zh-CN with no English words (ids and dates aside)', () => {
    for (const call of calls) {
      const score = scoreCall(rubric, call);
      const text = formatCallScore(score, { rubric, locale: 'zh-CN' })
        .replaceAll(score.id, '')
        .replaceAll(score.agentId, '')
        .replaceAll(`${score.rubric.id}@${score.rubric.version}`, '')
        .replaceAll(score.date, '')
        .replace(/\([a-z-]+\)/g, ''); // the fatal item's id, in brackets after its name
      expect(text).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('keeps the English reasons in English', () => {
    const text = formatCallScore(scoreCall(rubric, calls[1]), { rubric, locale: 'en' });
    expect(text).toMatch(/2 occurrences × −2, capped at −2 \[transcript\]/);
    expect(text).toContain('Note: score = earned × 100 ÷ 97');
  });

  it('names the fatal rule that failed a call, in the asked language', () => {
    const text = formatCallScore(scoreCall(rubric, calls[3]), { rubric, locale: 'en' });
    expect(text).toContain('Score 0 / 100 · Grade Fail · FAILED');
    expect(text).toContain("Auto-fail: Leaked the customer's private data (privacy-leak) — the whole call scores 0");
  });

  it('falls back to ids without a rubric', () => {
    const text = formatCallScore(scoreCall(rubric, calls[0]));
    expect(text).toContain('Call C-1001');
    expect(text).toMatch(/information\s+20\s+20/);
  });
});

describe('formatRubric', () => {
  it('publishes the scorecard in the agent’s language with levels, penalties, caps, auto-fail and bands', () => {
    const md = formatRubric(rubric, { locale: 'zh-CN' });
    expect(md.startsWith('# 联络中心质检标准 评分细则')).toBe(true);
    expect(md).toContain('## 服务态度 · 满分 20');
    expect(md).toContain('| 服务热情 | 9 |');
    expect(md).toMatch(/\| 服务禁语 \| −2 \|.*−2 每次 \(最多 −2\).*「喂」/);
    expect(md).toContain('**一票否决**: 整通电话计0分');
    expect(md).toContain('| 不合格 | `[0, 60)` | 否 |');
    const en = formatRubric(rubric, { locale: 'en' });
    expect(en).toContain('## Attitude · max 20');
    expect(en).toContain('| Fail | `[0, 60)` | no |');
  });
});
