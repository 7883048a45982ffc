/**
 * A month's assessment as a readable table: one row per agent (rank, team,
 * each component's points, total, grade, tier, movement), then incomplete
 * agents with the reason, the roll-ups, and what was left out.
 */
import { localize, type Locale } from '../localize/localize.js';
import { table } from '../format/text.js';
import type { AssessmentResult } from './assess.js';

type Words = Record<
  | 'title' | 'period' | 'rank' | 'agent' | 'team' | 'total' | 'grade' | 'tier' | 'move' | 'incomplete'
  | 'centre' | 'mean' | 'median' | 'assessed' | 'distribution' | 'calls' | 'used' | 'excluded' | 'references' | 'pdca',
  string
>;

const WORDS: Record<Locale, Words> = {
  'zh-CN': {
    title: '月度考核', period: '考核期', rank: '排名', agent: '座席', team: '班组', total: '总分', grade: '等级', tier: '梯队', move: '变动',
    incomplete: '考核不完整', centre: '全中心', mean: '平均', median: '中位数', assessed: '已考核', distribution: '等级分布', calls: '质检通话',
    used: '采用', excluded: '未采用', references: '对比基准', pdca: '上月末位梯队上升',
  },
  'zh-TW': {
    title: '月度考核', period: '考核期', rank: '排名', agent: '座席', team: '班組', total: '總分', grade: '等級', tier: '梯隊', move: '變動',
    incomplete: '考核不完整', centre: '全中心', mean: '平均', median: '中位數', assessed: '已考核', distribution: '等級分佈', calls: '質檢通話',
    used: '採用', excluded: '未採用', references: '對比基準', pdca: '上月末位梯隊上升',
  },
  en: {
    title: 'Monthly assessment', period: 'Period', rank: 'Rank', agent: 'Agent', team: 'Team', total: 'Total', grade: 'Grade', tier: 'Tier', move: 'Move',
    incomplete: 'Incomplete', centre: 'Centre', mean: 'mean', median: 'median', assessed: 'assessed', distribution: 'grades', calls: 'Scored calls',
    used: 'used', excluded: 'left out', references: 'References', pdca: 'Lowest tier last month moved up',
  },
  ms: {
    title: 'Penilaian bulanan', period: 'Tempoh', rank: 'Kedudukan', agent: 'Ejen', team: 'Pasukan', total: 'Jumlah', grade: 'Gred', tier: 'Peringkat', move: 'Ubah',
    incomplete: 'Tidak lengkap', centre: 'Pusat', mean: 'purata', median: 'median', assessed: 'dinilai', distribution: 'gred', calls: 'Panggilan bermarkah',
    used: 'digunakan', excluded: 'diketepikan', references: 'Rujukan', pdca: 'Peringkat terbawah bulan lalu naik',
  },
};

const ARROW = { up: '↑', down: '↓', same: '=', new: '+', left: '−' } as const;

/**
 * Options of {@link formatAssessment}.
 *
 * @example
 * ```ts
 * const o: FormatAssessmentOptions = { locale: 'en', details: true };
 * ```
 */
export interface FormatAssessmentOptions {
  /** Headings and labels (default: the plan's locale). */
  readonly locale?: Locale;
  /** Also print each agent's component reasons. */
  readonly details?: boolean;
}

/**
 * Formats an assessment as aligned text (CJK-aware), with headings in zh-CN,
 * zh-TW, en or ms. Figures are the result's, already rounded once.
 *
 * @example
 * ```ts
 * console.log(formatAssessment(assessAgents(plan, input), { locale: 'zh-CN' }));
 * ```
 */
export function formatAssessment(result: AssessmentResult, options: FormatAssessmentOptions = {}): string {
  const locale = options.locale ?? result.plan.locale;
  const w = WORDS[locale];
  const fb = result.plan.locale;
  const d = result.plan.decimals;
  const n = (x: number | null): string => (x === null ? '—' : x.toFixed(d));
  const gradeLabel = new Map(result.plan.grades.map((g) => [g.id, localize(g.label, locale, fb)]));
  const tierLabel = new Map(result.plan.tiers.map((t) => [t.id, localize(t.label, locale, fb)]));
  const out: string[] = [];
  out.push(`${localize(result.plan.label, locale, fb)} — ${result.plan.id}@${result.plan.version}`);
  out.push(`${w.period}: ${result.period.id} (${result.period.firstDay} – ${result.period.lastDay}, ${result.period.timeZone})`);
  out.push('');

  const comps = result.plan.components;
  const head = [w.rank, w.agent, w.team, ...comps.map((c) => `${localize(c.label, locale, fb)} ${c.weight}%`), w.total, w.grade, w.tier, w.move];
  const rows: string[][] = [head];
  for (const a of result.agents) {
    if (a.status !== 'complete') continue;
    rows.push([
      String(a.rank ?? ''),
      a.agentId,
      a.team ?? '',
      ...a.components.map((c) => (c.status === 'excluded' ? '—' : n(c.points))),
      n(a.total),
      a.grade ? `${a.grade.id} ${gradeLabel.get(a.grade.id) ?? ''}` : '',
      a.tier ? (tierLabel.get(a.tier.id) ?? a.tier.id) : '',
      a.movement ? ARROW[a.movement.change] : '',
    ]);
  }
  const numeric = [0, ...comps.map((_, i) => 3 + i), 3 + comps.length];
  out.push(table(rows, { right: numeric }));

  const incomplete = result.agents.filter((a) => a.status !== 'complete');
  if (incomplete.length > 0) {
    out.push('', `${w.incomplete} (${incomplete.length}):`);
    for (const a of incomplete) out.push(`  ${a.agentId}${a.team ? ` [${a.team}]` : ''}: ${a.notes.join('; ')}`);
  }

  if (options.details) {
    for (const a of result.agents) {
      out.push('', `${a.agentId}:`);
      for (const c of a.components) out.push(`  ${c.id}: ${c.reason}`);
    }
  }

  out.push('');
  const rollRows: string[][] = [['', w.assessed, w.mean, w.median, `${w.distribution} (${result.plan.grades.map((g) => g.id).join('/')})`]];
  for (const r of [...result.teams, result.centre]) {
    rollRows.push([
      r === result.centre ? w.centre : `${w.team} ${r.id}`,
      `${r.assessed}/${r.agents}`,
      n(r.mean),
      n(r.median),
      result.plan.grades.map((g) => String(r.grades[g.id] ?? 0)).join('/'),
    ]);
  }
  out.push(table(rollRows, { right: [1, 2, 3] }));

  if (result.references.length > 0) {
    out.push('', `${w.references}: ${result.references.map((r) => `${r.component} ${r.scope} ${n(r.value)}`).join('; ')}`);
  }
  if (result.movement?.lowestTier) {
    const l = result.movement.lowestTier;
    out.push(`${w.pdca}: ${l.movedUp}/${l.previous}${l.share === null ? '' : ` (${l.share.toFixed(d)}%)`}`);
  }
  const u = result.usage.calls;
  const reasons = Object.entries(u.byReason).map(([k, v]) => `${k} ${v}`).join(', ');
  out.push(`${w.calls}: ${u.received}, ${w.used} ${u.used}, ${w.excluded} ${u.excluded}${reasons ? ` (${reasons})` : ''}`);
  return out.join('\n');
}
