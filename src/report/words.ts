/**
 * Every word the report prints, in Simplified Chinese and English. The zh-CN
 * set has no English in it (ids the centre chose — agent ids, rubric ids — are
 * data, not words). A `{n}`-style placeholder is filled by {@link fill}.
 */

/**
 * The report's languages.
 *
 * @example
 * ```ts
 * const l: ReportLocale = 'zh-CN';
 * ```
 */
export type ReportLocale = 'zh-CN' | 'en';

const ZH = {
  title: '质检月报',
  centreMonth: '{centre} · {period}',
  contents: '目录',
  generatedFrom: '数据：{calls} 通质检通话，{agents} 名座席；评分表 {rubric}；考核方案 {plan}；考核期 {first} 至 {last}（{tz}）。',
  headline: '本月概况',
  callsEvaluated: '质检通话',
  meanScore: '平均得分',
  passRate: '合格率',
  fatalCount: '一票否决',
  vsLast: '较上月 {d}',
  noPrevious: '未提供上月数据',
  assessment: '月度考核',
  assessmentIntro: '每列为该项计入总分的得分（按权重折算），小字为原始值；各项相加即总分。',
  rank: '排名',
  agent: '座席',
  team: '班组',
  total: '总分',
  grade: '等级',
  tier: '梯队',
  move: '变动',
  moveUp: '上升',
  moveDown: '下降',
  moveSame: '持平',
  moveNew: '新进',
  moveLeft: '离开',
  raw: '原始值',
  incomplete: '考核不完整',
  excludedComponent: '不计',
  centreRow: '全中心',
  teamRow: '班组 {id}',
  mean: '平均',
  median: '中位数',
  assessed: '已考核',
  legend: '图例与折算说明',
  legendComponent: '{label}：满分 {max}，权重 {weight}%，计入总分 = 得分 × {weight} ÷ {max}',
  legendQa: '{label}：原始值为当月质检平均分（满分 {max}），计入总分 = 平均分 × {weight}%',
  legendSection: '热力图中每格为该类别实得分占应得分的比例（不适用的通话不计入应得分）；通话得分按评分表满分 {max} 折算：得分 = 实得 ÷ 本通话应得合计 × {max}。',
  trend: '得分趋势与预警',
  trendIntro: '单值控制图：中心线为全中心本月通话平均分，控制限 = 中心线 ± 3σ̂（σ̂ = 平均移动极差 ÷ 1.128）；红色向下三角形为触发下降预警的通话，绿色向上三角形为得分异常升高的通话。触发下降预警的座席排在前面。',
  centreTrend: '全中心（按日平均）',
  alarm: '预警',
  noAlarm: '无预警',
  centreLine: '中心线',
  ucl: '上控制限',
  lcl: '下控制限',
  limits: '控制限',
  heatmap: '座席 × 类别得分率',
  distribution: '通话得分分布',
  distributionIntro: '柱高为落入该分数段的通话数；底色为评分表的等级区间。',
  calls: '通话数',
  scoreRange: '分数段',
  problems: '失分分析',
  paretoItems: '失分项排列图（按失分）',
  paretoCauses: '失分原因排列图',
  common: '共性问题',
  individual: '个性问题',
  none: '—',
  commonIntro: '共性问题（多数座席出错）交培训与流程负责人；个性问题进入座席辅导。',
  item: '项目',
  section: '类别',
  pointsLost: '失分',
  cumulative: '累计占比',
  failures: '出错次数',
  agentsFailed: '出错座席',
  classification: '性质',
  cause: '原因',
  training: '培训需求',
  coaching: '辅导清单',
  owner: '负责人',
  noCauses: '本月失分未标注原因。',
  calibration: '评估员校准',
  calibrationIntro: '每位评估员对同一批通话的评分与{ref}的平均偏差；灰色带为 ±{tol} 分的容差。',
  refExpert: '专家评分',
  refConsensus: '其他评估员共识',
  evaluator: '评估员',
  meanBias: '平均偏差',
  meanAbs: '平均绝对偏差',
  ratedCalls: '评分通话',
  harsh: '偏严',
  lenient: '偏松',
  aligned: '一致',
  noCalibration: '本月未提供校准数据。',
  bestWorst: '最佳与最差通话',
  bestWorstIntro: '每位座席得分最高与最低的通话，附决定得分的证据（关键话术与扣分）。',
  best: '最佳',
  worst: '最差',
  call: '通话',
  date: '日期',
  score: '得分',
  evidence: '证据',
  noEvidence: '无扣分、无失分项',
  dataTable: '查看数据表',
  allAgentsTable: '全部座席数据表',
  lowest: '最低分',
  topOf: '显示失分最多的 {shown} 项，共 {total} 项。',
  notes: '数据说明',
  noCalls: '本月（{period}）没有质检通话，无法绘制图表。',
  outsidePeriod: '{n} 通通话不在考核期 {period} 内（日期 {from} 至 {to}），已剔除；请确认考核方案与通话属于同一月份。',
  excludedCalls: '{n} 通通话未采用：{reasons}',
  missingKpi: '{n} 名座席缺少运营指标记录（{agents}），相关考核项无法计分。',
  oneCall: '{n} 名座席本月只有 1 通质检通话（{agents}），无法绘制趋势，也无法判断波动。',
  fewPoints: '通话不足 2 通，无法绘制控制图。',
  noVariation: '得分没有波动，无法计算控制限。',
  noAgents: '没有可考核的座席。',
  shownOf: '图中显示 {shown} 名，共 {total} 名；完整数据见数据表。',
  agentsInAlarm: '{n} 名座席触发下降预警',
  fatal: '一票否决',
  lostItems: '失分项',
  deductions: '扣分',
  occurrences: '{n} 次',
  earnedOf: '{p}/{max}',
  share: '得分率',
  planPeriodMismatch: '考核方案生效于 {from}，晚于考核期 {period}。',
  incompleteNote: '{agent}：{reason}',
  insufficientCalls: '质检通话 {n} 通，少于 {min} 通',
  missingMetrics: '缺少运营指标',
  grades: '等级',
  scoreAxis: '得分',
  evalAxis: '通话序号',
  day: '日',
} as const;

type Key = keyof typeof ZH;

const EN: Record<Key, string> = {
  title: 'Monthly QA report',
  centreMonth: '{centre} · {period}',
  contents: 'Contents',
  generatedFrom: 'Data: {calls} evaluated calls, {agents} agents; rubric {rubric}; plan {plan}; period {first} to {last} ({tz}).',
  headline: 'The month at a glance',
  callsEvaluated: 'Calls evaluated',
  meanScore: 'Mean score',
  passRate: 'Pass rate',
  fatalCount: 'Auto-fails',
  vsLast: '{d} on last month',
  noPrevious: 'no last month given',
  assessment: 'Monthly assessment',
  assessmentIntro: 'Each column shows the points the component adds to the total (after its weight); the small figure is the raw value. The points of a row add up to its total.',
  rank: 'Rank',
  agent: 'Agent',
  team: 'Team',
  total: 'Total',
  grade: 'Grade',
  tier: 'Tier',
  move: 'Move',
  moveUp: 'up',
  moveDown: 'down',
  moveSame: 'same',
  moveNew: 'new',
  moveLeft: 'left',
  raw: 'raw',
  incomplete: 'Incomplete assessments',
  excludedComponent: 'not counted',
  centreRow: 'Centre',
  teamRow: 'Team {id}',
  mean: 'Mean',
  median: 'Median',
  assessed: 'Assessed',
  legend: 'Legend: how the figures are scaled',
  legendComponent: '{label}: out of {max}, weight {weight}%; points in the total = points × {weight} ÷ {max}',
  legendQa: '{label}: the raw value is the month’s mean call score (out of {max}); points in the total = mean × {weight}%',
  legendSection: 'Each heat-map cell is the share of the section’s possible points earned (calls where it did not apply are left out). A call’s score is scaled to the rubric’s {max}: score = earned ÷ the call’s possible total × {max}.',
  trend: 'Score trend and early warning',
  trendIntro: 'Individuals (XmR) charts: the centre line is the centre’s mean call score this month, the limits centre ± 3σ̂ (σ̂ = mean moving range ÷ 1.128); a red downward triangle marks a call where a falling-score rule fired, a green upward one a call where scores rose unusually. Agents with a downward alarm come first.',
  centreTrend: 'Centre (daily mean)',
  alarm: 'alarm',
  noAlarm: 'no alarm',
  centreLine: 'centre line',
  ucl: 'UCL',
  lcl: 'LCL',
  limits: 'limits',
  heatmap: 'Agent × section: share of points earned',
  distribution: 'Call score distribution',
  distributionIntro: 'Bar height is the number of calls in the score range; the background shows the rubric’s grade bands.',
  calls: 'Calls',
  scoreRange: 'Score range',
  problems: 'Where points are lost',
  paretoItems: 'Pareto of points lost by item',
  paretoCauses: 'Pareto of points lost by root cause',
  common: 'common',
  individual: 'individual',
  none: '—',
  commonIntro: 'Common problems (many agents fail the item) go to training and the process owner; individual ones go to the agent’s coaching.',
  item: 'Item',
  section: 'Section',
  pointsLost: 'Points lost',
  cumulative: 'Cumulative',
  failures: 'Failures',
  agentsFailed: 'Agents failing',
  classification: 'Kind',
  cause: 'Cause',
  training: 'Training needs',
  coaching: 'Coaching list',
  owner: 'Owner',
  noCauses: 'No root causes were tagged this month.',
  calibration: 'Evaluator calibration',
  calibrationIntro: 'Each evaluator’s mean deviation from the {ref} on the same calls; the grey band is the ±{tol}-point tolerance.',
  refExpert: 'expert’s score',
  refConsensus: 'other evaluators’ consensus',
  evaluator: 'Evaluator',
  meanBias: 'Mean deviation',
  meanAbs: 'Mean absolute deviation',
  ratedCalls: 'Calls rated',
  harsh: 'harsh',
  lenient: 'lenient',
  aligned: 'aligned',
  noCalibration: 'No calibration sessions were given for this month.',
  bestWorst: 'Best and worst calls',
  bestWorstIntro: 'Each agent’s highest- and lowest-scoring calls, with the evidence that decided them (phrases said, points deducted).',
  best: 'Best',
  worst: 'Worst',
  call: 'Call',
  date: 'Date',
  score: 'Score',
  evidence: 'Evidence',
  noEvidence: 'nothing lost, nothing deducted',
  dataTable: 'Data table',
  allAgentsTable: 'All agents (table)',
  lowest: 'Lowest',
  topOf: 'The {shown} items losing the most points, of {total}.',
  notes: 'About the data',
  noCalls: 'There are no evaluated calls in {period}; no chart can be drawn.',
  outsidePeriod: '{n} calls fall outside the period {period} (dated {from} to {to}) and were left out; check that the plan and the calls are for the same month.',
  excludedCalls: '{n} calls were not used: {reasons}',
  missingKpi: '{n} agents have no KPI record ({agents}); their KPI components cannot be scored.',
  oneCall: '{n} agents have a single evaluated call this month ({agents}): no trend and no variation can be shown.',
  fewPoints: 'Fewer than 2 calls: no control chart can be drawn.',
  noVariation: 'The scores do not vary: no control limits can be computed.',
  noAgents: 'No agent could be assessed.',
  shownOf: 'The chart shows {shown} of {total} agents; the data table has them all.',
  agentsInAlarm: '{n} agents with a downward alarm',
  fatal: 'Auto-fail',
  lostItems: 'Points lost',
  deductions: 'Deductions',
  occurrences: '{n}×',
  earnedOf: '{p}/{max}',
  share: 'Share earned',
  planPeriodMismatch: 'The plan takes effect on {from}, after the period {period}.',
  incompleteNote: '{agent}: {reason}',
  insufficientCalls: '{n} evaluated calls, fewer than {min}',
  missingMetrics: 'no KPI record',
  grades: 'Grades',
  scoreAxis: 'Score',
  evalAxis: 'Call number',
  day: 'day',
};

/** The words of one language. */
export type Words = Readonly<Record<Key, string>>;

/**
 * The report's words in a language.
 *
 * @example
 * ```ts
 * wordsFor('en').headline; // 'The month at a glance'
 * ```
 */
export function wordsFor(locale: ReportLocale): Words {
  return locale === 'en' ? EN : ZH;
}

export { fill } from '../localize/fill.js';

const CAUSES: Record<string, { 'zh-CN': string; en: string }> = {
  training: { 'zh-CN': '培训', en: 'training' },
  'knowledge-base': { 'zh-CN': '知识库', en: 'knowledge base' },
  coaching: { 'zh-CN': '辅导', en: 'coaching' },
  process: { 'zh-CN': '流程', en: 'process' },
  system: { 'zh-CN': '系统', en: 'system' },
  standard: { 'zh-CN': '标准', en: 'standard' },
  untagged: { 'zh-CN': '未标注', en: 'untagged' },
};

/**
 * A root-cause id as a word (the rubric declares ids only); unknown ids print as they are.
 *
 * @example
 * ```ts
 * causeLabel('knowledge-base', 'zh-CN'); // '知识库'
 * ```
 */
export function causeLabel(id: string, locale: ReportLocale): string {
  return lookup(CAUSES, id, locale);
}

const RULES: Record<string, { 'zh-CN': string; en: string }> = {
  'xmr-beyond-limits': { 'zh-CN': '超出控制限', en: 'beyond a limit' },
  'beyond-3sigma': { 'zh-CN': '超出 3σ', en: 'beyond 3σ' },
  'two-of-three-beyond-2sigma': { 'zh-CN': '3 点中 2 点超出 2σ', en: '2 of 3 beyond 2σ' },
  'four-of-five-beyond-1sigma': { 'zh-CN': '5 点中 4 点超出 1σ', en: '4 of 5 beyond 1σ' },
  'run-same-side': { 'zh-CN': '连续多点在中心线同侧', en: 'run on one side' },
  trend: { 'zh-CN': '连续下降或上升', en: 'steady trend' },
  alternating: { 'zh-CN': '交替升降', en: 'alternating' },
  'within-1sigma': { 'zh-CN': '连续在 1σ 内', en: 'within 1σ' },
  'outside-1sigma-both-sides': { 'zh-CN': '两侧连续超出 1σ', en: 'beyond 1σ on both sides' },
  ewma: { 'zh-CN': '指数加权移动平均', en: 'EWMA' },
  cusum: { 'zh-CN': '累积和', en: 'CUSUM' },
};

/**
 * An early-warning rule's name in words.
 *
 * @example
 * ```ts
 * ruleLabel('run-same-side', 'zh-CN'); // '连续多点在中心线同侧'
 * ```
 */
export function ruleLabel(rule: string, locale: ReportLocale): string {
  return lookup(RULES, rule, locale);
}

function lookup(table: Record<string, { 'zh-CN': string; en: string }>, id: string, locale: ReportLocale): string {
  return table[id]?.[locale] ?? id;
}

const EXCLUSIONS: Record<string, { 'zh-CN': string; en: string }> = {
  outside_period: { 'zh-CN': '不在考核期内', en: 'outside the period' },
  unknown_agent: { 'zh-CN': '座席不在名单中', en: 'agent not on the roster' },
  other_rubric: { 'zh-CN': '评分表不符', en: 'another rubric' },
  invalid: { 'zh-CN': '记录无效', en: 'invalid record' },
  duplicate_agent: { 'zh-CN': '座席重复', en: 'duplicate agent' },
  scale_mismatch: { 'zh-CN': '满分不符', en: 'different maximum' },
};

/**
 * Why a record was left out, in words.
 *
 * @example
 * ```ts
 * exclusionLabel('unknown_agent', 'en'); // 'agent not on the roster'
 * ```
 */
export function exclusionLabel(code: string, locale: ReportLocale): string {
  return lookup(EXCLUSIONS, code, locale);
}
