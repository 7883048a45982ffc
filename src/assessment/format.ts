/**
 * A month's assessment as a readable table: one row per agent (rank, team,
 * each component's points in the total with its raw value in brackets, total,
 * grade, tier, movement) — every row adds up on its face — then a legend that
 * says what each bracket holds and how each component is scaled, incomplete
 * agents with the reason, the roll-ups, and what was left out. Every word is
 * in the chosen language (component reasons excepted: `details` prints the
 * result's English audit lines).
 */
import { fill } from '../localize/fill.js';
import { localize, type Locale } from '../localize/localize.js';
import { table } from '../format/text.js';
import type { AgentAssessment, AssessmentResult } from './assess.js';
import type { Plan } from './load.js';

type Words = Record<
  | 'title' | 'period' | 'rank' | 'agent' | 'team' | 'total' | 'grade' | 'tier' | 'move' | 'incomplete'
  | 'centre' | 'mean' | 'median' | 'assessed' | 'distribution' | 'calls' | 'used' | 'excluded' | 'references' | 'pdca'
  | 'legend' | 'legendRaw' | 'legendScaled' | 'qaRaw' | 'scopeCentre' | 'scopeTeam' | 'insufficient' | 'missing' | 'noData' | 'invalid'
  | 'outside_period' | 'unknown_agent' | 'other_rubric' | 'invalidRecord' | 'duplicate_agent' | 'scale_mismatch',
  string
>;

const WORDS: Record<Locale, Words> = {
  'zh-CN': {
    title: '月度考核', period: '考核期', rank: '排名', agent: '座席', team: '班组', total: '总分', grade: '等级', tier: '梯队', move: '变动',
    incomplete: '考核不完整', centre: '全中心', mean: '平均', median: '中位数', assessed: '已考核', distribution: '等级分布', calls: '质检通话',
    used: '采用', excluded: '未采用', references: '对比基准', pdca: '上月末位梯队上升',
    legend: '说明：各项为计入总分的得分，相加即总分；括号内为原始值：', legendRaw: '{label} {weight}%：{raw}', legendScaled: '{label} {weight}%：括号内为{raw}（满分 {max}），计入总分 = {raw} × {weight} ÷ {max}',
    qaRaw: '当月质检平均分', scopeCentre: '全中心', scopeTeam: '班组', insufficient: '质检通话不足（{n} 通）', missing: '缺少运营指标', noData: '无数据', invalid: '数据无效',
    outside_period: '不在考核期内', unknown_agent: '座席不在名单中', other_rubric: '评分表不符', invalidRecord: '记录无效', duplicate_agent: '座席重复', scale_mismatch: '满分不符',
  },
  'zh-TW': {
    title: '月度考核', period: '考核期', rank: '排名', agent: '座席', team: '班組', total: '總分', grade: '等級', tier: '梯隊', move: '變動',
    incomplete: '考核不完整', centre: '全中心', mean: '平均', median: '中位數', assessed: '已考核', distribution: '等級分佈', calls: '質檢通話',
    used: '採用', excluded: '未採用', references: '對比基準', pdca: '上月末位梯隊上升',
    legend: '說明：各項為計入總分的得分，相加即總分；括號內為原始值：', legendRaw: '{label} {weight}%：{raw}', legendScaled: '{label} {weight}%：括號內為{raw}（滿分 {max}），計入總分 = {raw} × {weight} ÷ {max}',
    qaRaw: '當月質檢平均分', scopeCentre: '全中心', scopeTeam: '班組', insufficient: '質檢通話不足（{n} 通）', missing: '缺少運營指標', noData: '無數據', invalid: '數據無效',
    outside_period: '不在考核期內', unknown_agent: '座席不在名單中', other_rubric: '評分表不符', invalidRecord: '記錄無效', duplicate_agent: '座席重複', scale_mismatch: '滿分不符',
  },
  en: {
    title: 'Monthly assessment', period: 'Period', rank: 'Rank', agent: 'Agent', team: 'Team', total: 'Total', grade: 'Grade', tier: 'Tier', move: 'Move',
    incomplete: 'Incomplete', centre: 'Centre', mean: 'mean', median: 'median', assessed: 'assessed', distribution: 'grades', calls: 'Scored calls',
    used: 'used', excluded: 'left out', references: 'References', pdca: 'Lowest tier last month moved up',
    legend: 'Each column is the points the component adds to the total; a row\'s points add up to its total. In brackets, the raw value:', legendRaw: '{label} {weight}%: {raw}', legendScaled: '{label} {weight}%: in brackets the {raw} (out of {max}); points in the total = {raw} × {weight} ÷ {max}',
    qaRaw: 'month\'s mean call score', scopeCentre: 'centre', scopeTeam: 'team', insufficient: 'too few evaluated calls ({n})', missing: 'no KPI record', noData: 'no data', invalid: 'invalid data',
    outside_period: 'outside the period', unknown_agent: 'agent not on the roster', other_rubric: 'another rubric', invalidRecord: 'invalid record', duplicate_agent: 'duplicate agent', scale_mismatch: 'different maximum',
  },
  ms: {
    title: 'Penilaian bulanan', period: 'Tempoh', rank: 'Kedudukan', agent: 'Ejen', team: 'Pasukan', total: 'Jumlah', grade: 'Gred', tier: 'Peringkat', move: 'Ubah',
    incomplete: 'Tidak lengkap', centre: 'Pusat', mean: 'purata', median: 'median', assessed: 'dinilai', distribution: 'gred', calls: 'Panggilan bermarkah',
    used: 'digunakan', excluded: 'diketepikan', references: 'Rujukan', pdca: 'Peringkat terbawah bulan lalu naik',
    legend: 'Setiap lajur ialah mata yang ditambah kepada jumlah; mata satu baris menjadi jumlahnya. Dalam kurungan, nilai asal:', legendRaw: '{label} {weight}%: {raw}', legendScaled: '{label} {weight}%: dalam kurungan {raw} (daripada {max}); mata dalam jumlah = {raw} × {weight} ÷ {max}',
    qaRaw: 'purata markah panggilan bulan ini', scopeCentre: 'pusat', scopeTeam: 'pasukan', insufficient: 'panggilan dinilai tidak mencukupi ({n})', missing: 'tiada rekod KPI', noData: 'tiada data', invalid: 'data tidak sah',
    outside_period: 'di luar tempoh', unknown_agent: 'ejen tiada dalam senarai', other_rubric: 'rubrik lain', invalidRecord: 'rekod tidak sah', duplicate_agent: 'ejen berulang', scale_mismatch: 'maksimum berbeza',
  },
};

const ARROW = { up: '↑', down: '↓', same: '=', new: '+', left: '−' } as const;

/**
 * Options of {@link formatAssessment}.
 *
 * @example
 * ```ts
 * const o: FormatAssessmentOptions = { locale: 'en', details: true, plan };
 * ```
 */
export interface FormatAssessmentOptions {
  /** Headings and labels (default: the plan's locale). */
  readonly locale?: Locale;
  /** Also print each agent's component reasons (the result's English audit lines). */
  readonly details?: boolean;
  /** The plan, for the names of the raw values in the legend (the metric labels); without it the component names are used. */
  readonly plan?: Plan;
}


/**
 * What each component's raw value is, in words: the plan's metric label (the
 * QA component: the month's mean call score), else the component's label.
 *
 * @example
 * ```ts
 * rawLabels(result, 'zh-CN', plan).get('notReady'); // '示忙超30分钟天数'
 * ```
 */
export function rawLabels(result: AssessmentResult, locale: Locale, plan?: Plan): Map<string, string> {
  const w = WORDS[locale];
  const fb = result.plan.locale;
  const out = new Map<string, string>();
  for (const c of result.plan.components) {
    if (c.type === 'qa') {
      out.set(c.id, w.qaRaw);
      continue;
    }
    const def = plan?.definition.components.find((d) => d.id === c.id) as { metric?: string; zeroWhen?: { metric?: string } } | undefined;
    const metric = def?.metric ?? def?.zeroWhen?.metric;
    const m = metric !== undefined ? (plan?.definition.metrics?.[metric] as { label?: Parameters<typeof localize>[0] } | undefined) : undefined;
    out.set(c.id, m?.label ? localize(m.label, locale, fb) : localize(c.label, locale, fb));
  }
  return out;
}

/**
 * Why an agent's month is incomplete, in words (from the components' status, not the English notes).
 *
 * @example
 * ```ts
 * incompleteReason(agent, result, 'zh-CN'); // '质检：质检通话不足（3 通）'
 * ```
 */
export function incompleteReason(a: AgentAssessment, result: AssessmentResult, locale: Locale): string {
  const w = WORDS[locale];
  const label = new Map(result.plan.components.map((c) => [c.id, localize(c.label, locale, result.plan.locale)]));
  const why = a.components
    .filter((c) => c.status !== 'scored' && c.status !== 'excluded')
    .map((c) => {
      const text =
        c.status === 'insufficient' ? fill(w.insufficient, { n: c.calls ?? 0 }) : c.status === 'missing' ? w.missing : c.status === 'no_data' ? w.noData : w.invalid;
      return `${label.get(c.id) ?? c.id}: ${text}`;
    });
  return why.join(locale === 'en' || locale === 'ms' ? '; ' : '；') || w.invalid;
}

/**
 * Formats an assessment as aligned text (CJK-aware), with headings in zh-CN,
 * zh-TW, en or ms. Each component column shows the points it adds to the total
 * (so a row adds up to its total) and, in brackets, its raw value; the legend
 * under the table names each raw value and the scaling. Figures are the
 * result's, already rounded once.
 *
 * @example
 * ```ts
 * console.log(formatAssessment(assessAgents(plan, input), { locale: 'zh-CN', plan }));
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
  const raw = rawLabels(result, locale, options.plan);
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
      ...a.components.map((c) => (c.status === 'excluded' ? '—' : `${n(c.contribution)}${c.raw === null ? '' : ` (${n(c.raw)})`}`)),
      n(a.total),
      a.grade ? `${a.grade.id} ${gradeLabel.get(a.grade.id) ?? ''}` : '',
      a.tier ? (tierLabel.get(a.tier.id) ?? a.tier.id) : '',
      a.movement ? ARROW[a.movement.change] : '',
    ]);
  }
  const numeric = [0, ...comps.map((_, i) => 3 + i), 3 + comps.length];
  out.push(table(rows, { right: numeric }));
  out.push(w.legend);
  for (const c of comps) {
    const label = localize(c.label, locale, fb);
    const template = c.max === c.weight ? w.legendRaw : w.legendScaled;
    out.push(`  ${fill(template, { label, weight: c.weight, max: c.max, raw: raw.get(c.id) ?? c.id })}`);
  }

  const incomplete = result.agents.filter((a) => a.status !== 'complete');
  if (incomplete.length > 0) {
    out.push('', `${w.incomplete} (${incomplete.length}):`);
    for (const a of incomplete) out.push(`  ${a.agentId}${a.team ? ` [${a.team}]` : ''}: ${incompleteReason(a, result, locale)}`);
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

  const compLabel = new Map(comps.map((c) => [c.id, localize(c.label, locale, fb)]));
  if (result.references.length > 0) {
    const scope = (s: string): string => (s === 'centre' ? w.scopeCentre : `${w.scopeTeam} ${s.replace(/^team:?\s*/, '')}`);
    out.push('', `${w.references}: ${result.references.map((r) => `${compLabel.get(r.component) ?? r.component} ${scope(r.scope)} ${n(r.value)}`).join('; ')}`);
  }
  if (result.movement?.lowestTier) {
    const l = result.movement.lowestTier;
    out.push(`${w.pdca}: ${l.movedUp}/${l.previous}${l.share === null ? '' : ` (${l.share.toFixed(d)}%)`}`);
  }
  const u = result.usage.calls;
  const reasonWord = (k: string): string => (k === 'invalid' ? w.invalidRecord : k in w ? w[k as keyof Words] : k);
  const reasons = Object.entries(u.byReason).map(([k, v]) => `${reasonWord(k)} ${v}`).join(', ');
  out.push(`${w.calls}: ${u.received}, ${w.used} ${u.used}, ${w.excluded} ${u.excluded}${reasons ? ` (${reasons})` : ''}`);
  return out.join('\n');
}
