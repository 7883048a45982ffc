/**
 * Phrase matching speed: callqa's matcher (`compilePhraseMatcher(rules).matchText`)
 * against the two obvious alternatives — a loop of indexOf over every phrase
 * (all occurrences) and one combined RegExp alternation — with 10, 100 and
 * 1,000 phrases on ~3 KB Chinese texts, plus text lengths of 1 KB, 10 KB and
 * 100 KB to show that the matcher's time grows linearly with the text, and
 * the hostile cases of issue 11: nested phrase lists (a, aa, …, a^K) over long
 * runs of a, and a megabyte of 喂 (a million hits) counted with tallyText.
 * The hostile cases run first, so the process's peak RSS after them is theirs
 * (plus the runtime's own ~100 MB).
 *
 * The alternatives get the easier job: they scan the raw text, with no NFKC,
 * case, whitespace or Traditional→Simplified folding and no per-rule
 * leftmost-longest bookkeeping, which the matcher does.
 *
 * The phrase-count rows run the three tasks in interleaved rounds and report
 * medians of CPU-time speeds and of per-round ratios, so load on the shared
 * machine hits all three alike. The matcher builds its RegExp prefilter after
 * 64 K units (PREFILTER_AFTER), inside the discarded warm-up rounds.
 *
 * Run alone: `npx tsx bench/phrases.bench.ts` (prints Markdown).
 */
import { compilePhraseMatcher } from '../src/phrases/index.js';
import { enablePhrasePrefilter } from '../src/phrases/enable-prefilter.js';
import { SMOKE, fmt, measure, table, target } from './lib.js';

// What the Node entry (src/node.ts) and the batch workers do: matchers get the RegExp prefilter.
enablePhrasePrefilter();

const CHARS =
  '的一是了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知使点业本意全两外工电话您请问帮办理账单套餐流量费用查询谢感再见嗯哦';
let seed = 42;
function rand(): number {
  // mulberry32: deterministic so that runs compare
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (s: string): string => s[Math.floor(rand() * s.length)] as string;
function word(min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  let w = '';
  for (let i = 0; i < n; i++) w += pick(CHARS);
  return w;
}
/** Chinese text of about `bytes` UTF-8 bytes (3 bytes a character), with the usual forbidden words and fillers sprinkled in. */
function text(bytes: number): string {
  const chars = Math.round(bytes / 3);
  let t = '';
  while (t.length < chars) t += word(4, 14) + (rand() < 0.15 ? pick('啊呀喂') : '') + (rand() < 0.05 ? '不知道' : '') + pick('，。？！');
  return t.slice(0, chars);
}
function phrases(count: number): string[] {
  const set = new Set(['喂', '不知道', '不清楚', '不明白', '啊', '呀', '嗯', '哦', '您好', '感谢来电']);
  while (set.size < count) set.add(word(2, 5));
  return [...set].slice(0, count);
}
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function indexOfAll(list: readonly string[], t: string): number {
  let hits = 0;
  for (const p of list) for (let at = t.indexOf(p); at !== -1; at = t.indexOf(p, at + p.length)) hits++;
  return hits;
}
function regexAll(re: RegExp, t: string): number {
  re.lastIndex = 0;
  let hits = 0;
  while (re.exec(t) !== null) hits++;
  return hits;
}

let sink = 0;

/**
 * Calls per CPU second of each task, measured in interleaved rounds (each
 * round runs every task for `sliceMs` of wall time), so a change in the
 * machine's load hits all of them alike: the median of each task's rounds, and
 * of the per-round ratios of the first task to each other. CPU time (user +
 * system, process.cpuUsage) rather than wall time, because on the shared
 * 2-core machine the process is often descheduled mid-slice. Warm-up rounds
 * are discarded.
 */
function interleaved(tasks: readonly (readonly [string, () => void])[], rounds: number, sliceMs: number): { hz: number[]; ratio: number[] } {
  const perRound: number[][] = [];
  for (let r = -2; r < rounds; r++) {
    const row = tasks.map(([, fn]) => {
      let calls = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      while (performance.now() - t0 < sliceMs) {
        fn();
        calls++;
      }
      const cpu = process.cpuUsage(cpu0);
      return (calls * 1e6) / Math.max(1, cpu.user + cpu.system);
    });
    if (r >= 0) perRound.push(row);
  }
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  return {
    hz: tasks.map((_, k) => median(perRound.map((row) => row[k] as number))),
    ratio: tasks.map((_, k) => median(perRound.map((row) => (row[0] as number) / (row[k] as number)))),
  };
}

// Hostile cases first (issue 11 item 4): target < 1 s and < 200 MB for K = 100 over 1 MB.
const hostileRows: (string | number)[][] = [];
const nested = (k: number): { id: string; phrases: string[] }[] => [{ id: 'r', phrases: Array.from({ length: k }, (_, i) => 'a'.repeat(i + 1)) }];
const hostile: [string, () => number, number | null][] = [
  [`K = 100 nested, ${SMOKE ? '10 KB' : '1 MB'} of a (matchText)`, () => compilePhraseMatcher(nested(100)).matchText('a'.repeat(SMOKE ? 10_000 : 1_000_000)).length, 1000],
  [`K = 1,000 nested, ${SMOKE ? '10 KB' : '100 KB'} of a (matchText)`, () => compilePhraseMatcher(nested(SMOKE ? 100 : 1000)).matchText('a'.repeat(SMOKE ? 10_000 : 100_000)).length, null],
  [`喂 × ${SMOKE ? '10,000' : '1,000,000'} (tallyText, ${SMOKE ? 10_000 : 1_000_000} hits counted)`, () => compilePhraseMatcher([{ id: 'f', phrases: ['喂'] }]).tallyText('喂'.repeat(SMOKE ? 10_000 : 1_000_000))[0]?.hits.length ?? 0, null],
];
// Load the Traditional→Simplified tables once, so no row pays for it.
compilePhraseMatcher([{ id: 'warm', phrases: ['喂'] }]).matchText('喂');
const rssBefore = process.resourceUsage().maxRSS / 1024;
for (const [name, run, limitMs] of hostile) {
  const times: number[] = [];
  let kept = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    kept = run();
    times.push(performance.now() - t0);
  }
  const rss = process.resourceUsage().maxRSS / 1024;
  const worst = Math.max(...times);
  hostileRows.push([name, fmt(kept), `${fmt(Math.min(...times))}–${fmt(worst)}`, fmt(rss), limitMs === null ? '' : target(worst < limitMs && rss < 200)]);
}

const TEXTS = SMOKE ? 2 : 20;
const texts = Array.from({ length: TEXTS }, () => text(3 * 1024));

const countRows: (string | number)[][] = [];
for (const count of SMOKE ? [10, 100] : [10, 100, 1000]) {
  const list = phrases(count);
  // Four rules like a real rubric (forbidden, fillers, casual, scripts).
  const rules = [0, 1, 2, 3].map((r) => ({ id: `rule${r}`, phrases: list.filter((_, i) => i % 4 === r) })).filter((r) => r.phrases.length > 0);
  const matcher = compilePhraseMatcher(rules);
  // Longest first so the alternation is leftmost-longest too.
  const re = new RegExp([...list].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
  const { hz, ratio } = interleaved(
    [
      ['callqa matcher', () => texts.forEach((t) => (sink += matcher.matchText(t).length))],
      ['indexOf loop', () => texts.forEach((t) => (sink += indexOfAll(list, t)))],
      ['RegExp alternation', () => texts.forEach((t) => (sink += regexAll(re, t)))],
    ],
    SMOKE ? 1 : 21,
    SMOKE ? 5 : 60,
  );
  countRows.push([count, ...hz.map((x) => fmt(x * TEXTS)), `${fmt(ratio[1] as number, 2)}×`, `${fmt(ratio[2] as number, 2)}×`]);
}

const lengthRows: (string | number)[][] = [];
const big = compilePhraseMatcher([{ id: 'all', phrases: phrases(SMOKE ? 100 : 1000) }]);
for (const kb of SMOKE ? [1, 10] : [1, 10, 100]) {
  const t = text(kb * 1024);
  const [r] = await measure([[`${kb} KB`, () => (sink += big.matchText(t).length)]], 800);
  const hz = r?.hz ?? 0;
  lengthRows.push([`${kb} KB (${fmt(t.length)} chars)`, fmt(hz), fmt((1e9 / hz / t.length), 1), fmt((hz * kb) / 1024, 1)]);
}

const out: string[] = [];
out.push('## Phrase matching (forbidden words, fillers, scripts)');
out.push('');
out.push(
  `Texts/s on ${TEXTS} Chinese texts of ~3 KB (≈1,000 characters), phrases split over 4 rules; ratios are the matcher's speed over the alternative's. ` +
    `Interleaved rounds (${SMOKE ? 1 : 21} × 60 ms per task after 2 warm-up rounds): medians of the speeds (per CPU second) and of the per-round ratios.`,
);
out.push('');
out.push(table(['phrases', 'callqa matcher', 'indexOf loop', 'RegExp alternation', 'vs indexOf', 'vs RegExp'], countRows));
out.push('');
out.push(`Linear time: the matcher with ${SMOKE ? 100 : 1000} phrases on growing texts (ns per character should stay flat).`);
out.push('');
out.push(table(['text', 'texts/s', 'ns/char', 'MB/s'], lengthRows));
out.push('');
out.push(
  `Hostile input (issue 11): nested phrase lists and a flood of hits. Time of three runs (compile included), min–max; peak RSS of the whole bench process so far (${fmt(rssBefore)} MB before the first case: the Node/tsx runtime and this script).`,
);
out.push('');
out.push(table(['case', 'hits kept', 'ms', 'peak RSS MB', 'target < 1 s, < 200 MB'], hostileRows));
out.push('');
out.push(
  'The matcher also normalises (NFKC, case, whitespace, Traditional→Simplified) and maps every hit back to offsets in the original text; ' +
    'the alternatives scan the raw text only. indexOf costs one pass per phrase, so it degrades with the phrase count; the matcher is one pass whatever the count.',
);
if (sink === -1) console.error(sink);
console.log(out.join('\n'));
