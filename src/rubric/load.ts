/**
 * Loading a rubric: schema validation (zod), then the semantic checks no schema
 * can express, then compilation. All problems are collected and reported
 * together with their JSON paths.
 */
import { checkTiling, hullOf, parseInterval, type Interval } from '../bands/interval.js';
import { Ratio, sum } from '../exact/rational.js';
import { checkBounds, DOCUMENT_LIMITS } from '../issues/bounds.js';
import { CallqaError, type Issue, type PathSegment } from '../issues/issues.js';
import { guard, parseStaged } from '../issues/safe.js';
import { fromZodIssues } from '../issues/zod-issues.js';
import { compilePhraseMatcher, type PhraseRuleInput } from '../phrases/index.js';
import type { CompiledGrade, CompiledItem, CompiledSection, FatalScope, Rubric } from './compiled.js';
import { rubricSchema, type RubricDefinition } from './schema.js';
import { normalizeText } from '../phrases/index.js';
import { localize } from '../localize/localize.js';
import { checkMeasureRule } from './measure-rule.js';
import type { RubricIssueCode } from './issue-codes.js';

/**
 * Thrown by {@link loadRubric}; `issues` lists every problem in the rubric.
 *
 * @example
 * ```ts
 * try { loadRubric({}); } catch (e) {
 *   if (e instanceof RubricError) for (const i of e.issues) console.log(i.path, i.message);
 * }
 * ```
 */
export class RubricError extends CallqaError<RubricIssueCode> {
  constructor(issues: readonly Issue<RubricIssueCode>[]) {
    super('Invalid rubric', issues);
    this.name = 'RubricError';
  }
}

/** The result of {@link safeLoadRubric}. */
export type SafeRubricResult =
  | { readonly success: true; readonly rubric: Rubric }
  | { readonly success: false; readonly issues: readonly Issue<RubricIssueCode>[] };

export { fromZodIssues } from '../issues/zod-issues.js';

const ZERO = Ratio.ZERO;
const HUNDRED = Ratio.HUNDRED;

function r(x: number | undefined, dflt: Ratio): Ratio {
  return x === undefined ? dflt : Ratio.from(x);
}

function checkSemantics(def: RubricDefinition): Issue<RubricIssueCode>[] {
  const issues: Issue<RubricIssueCode>[] = [];
  const push = (code: RubricIssueCode, path: PathSegment[], message: string): void => {
    issues.push({ code, path, message });
  };
  const mode = def.scoring.mode;

  if (def.effectiveFrom && def.effectiveTo && def.effectiveTo < def.effectiveFrom) {
    push('invalid_dates', ['effectiveTo'], `effectiveTo ${def.effectiveTo} is before effectiveFrom ${def.effectiveFrom}`);
  }

  const sectionIds = new Map<string, number>();
  const itemIds = new Map<string, PathSegment[]>();
  const declaredCauses = def.rootCauses ? new Set(def.rootCauses) : null;
  let sectionWeights = ZERO;
  let itemWeights = ZERO;

  def.sections.forEach((s, si) => {
    const sp: PathSegment[] = ['sections', si];
    if (sectionIds.has(s.id)) push('duplicate_id', [...sp, 'id'], `section id "${s.id}" is used twice (first at sections[${sectionIds.get(s.id)}])`);
    else sectionIds.set(s.id, si);

    if (mode === 'section-weighted') {
      if (s.weight === undefined) push('missing_weight', [...sp, 'weight'], `section "${s.id}" needs a weight in section-weighted mode`);
      else sectionWeights = sectionWeights.add(Ratio.from(s.weight));
    } else if (s.weight !== undefined) {
      push('unexpected_weight', [...sp, 'weight'], `section weights are only used in section-weighted mode (this rubric is ${mode})`);
    }
    if (mode === 'item-weighted' && s.max !== undefined) {
      push('unexpected_option', [...sp, 'max'], 'section caps are for points forms; in item-weighted mode the item weights already fix each section’s share');
    }
    if (s.max !== undefined && s.floor !== undefined && s.floor > s.max) {
      push('floor_above_cap', [...sp, 'floor'], `floor ${s.floor} is above the section cap ${s.max}`);
    }

    let sectionPossible = ZERO;
    s.items.forEach((item, ii) => {
      const ip: PathSegment[] = [...sp, 'items', ii];
      const seen = itemIds.get(item.id);
      if (seen) push('duplicate_id', [...ip, 'id'], `item id "${item.id}" is used twice`);
      else if (sectionIds.has(item.id) && sectionIds.get(item.id) !== si) push('duplicate_id', [...ip, 'id'], `item id "${item.id}" is also a section id`);
      else itemIds.set(item.id, ip);

      if (declaredCauses && item.rootCauses) {
        item.rootCauses.forEach((c, ci) => {
          if (!declaredCauses.has(c)) push('unknown_root_cause', [...ip, 'rootCauses', ci], `root cause "${c}" is not declared in the rubric's rootCauses`);
        });
      }

      const isScoring = 'points' in item; // yes-no, levels, numeric and scale items
      if (isScoring) {
        const bonus = item.bonus === true;
        if (item.points <= 0) push('non_positive_points', [...ip, 'points'], `an item's maximum must be above 0 (got ${item.points}); use levels or noPoints for negative points`);
        if (!bonus) sectionPossible = sectionPossible.add(Ratio.from(item.points));
        if (mode === 'item-weighted' && !bonus) {
          if (item.weight === undefined) push('missing_weight', [...ip, 'weight'], `item "${item.id}" needs a weight in item-weighted mode`);
          else itemWeights = itemWeights.add(Ratio.from(item.weight));
        } else if (item.weight !== undefined) {
          push('unexpected_weight', [...ip, 'weight'], bonus ? 'bonus items carry points, not weights' : `item weights are only used in item-weighted mode (this rubric is ${mode})`);
        }
        if (bonus && item.critical) push('bonus_critical', [...ip, 'critical'], 'a bonus item cannot be critical');
      }

      if (item.kind === 'yes-no' && item.bonus === true && item.noPoints !== undefined && item.noPoints < 0) {
        push('negative_bonus', [...ip, 'noPoints'], 'a bonus item only adds: its noPoints cannot be negative');
      }
      if (item.kind === 'yes-no' && item.phrases?.match === 'all') {
        // With "all", each phrase must be found on its own; a phrase inside another would be
        // swallowed by the longer hit (matching is leftmost-longest), so it could never be found.
        const norm = item.phrases.phrases.map((ph) => normalizeText(ph).text);
        norm.forEach((a, i) => {
          const j = norm.findIndex((b, k) => k !== i && b.includes(a) && (b !== a || k < i));
          if (j !== -1) push('overlapping_phrases', [...ip, 'phrases', 'phrases', i], `with match "all", "${item.phrases?.phrases[i]}" is contained in "${item.phrases?.phrases[j]}" and could never be found on its own`);
        });
      }
      if ((item.kind === 'numeric' || item.kind === 'scale') && item.autoFail?.when) {
        item.autoFail.when.forEach((w, wi) => {
          const ok = typeof w === 'number' && (item.kind === 'numeric' || (Number.isInteger(w) && w >= item.scale.min && w <= item.scale.max));
          if (!ok) push('invalid_answer_kind', [...ip, 'autoFail', 'when', wi], item.kind === 'scale' ? `a scale item auto-fails on integers from ${item.scale.min} to ${item.scale.max}` : 'a numeric item auto-fails on numbers');
        });
      }
      if (item.kind === 'yes-no' && item.noPoints !== undefined && item.noPoints > item.points) {
        push('level_above_max', [...ip, 'noPoints'], `noPoints ${item.noPoints} is above the item's points ${item.points}`);
      }
      if (item.kind === 'levels') {
        const lids = new Set<string>();
        item.levels.forEach((lv, li) => {
          if (lids.has(lv.id)) push('duplicate_id', [...ip, 'levels', li, 'id'], `level id "${lv.id}" is used twice in item "${item.id}"`);
          lids.add(lv.id);
          if (lv.points > item.points) push('level_above_max', [...ip, 'levels', li, 'points'], `level "${lv.id}" gives ${lv.points} points, above the item's maximum ${item.points}`);
        });
        if (item.autoFail?.when) {
          item.autoFail.when.forEach((w, wi) => {
            if (typeof w !== 'string' || !lids.has(w)) push('unknown_level', [...ip, 'autoFail', 'when', wi], `autoFail.when names "${String(w)}", which is not a level of item "${item.id}"`);
          });
        } else if (item.autoFail) {
          push('required', [...ip, 'autoFail', 'when'], 'autoFail on a levels item must name the levels that fail in `when`');
        }
      }
      if (item.kind === 'numeric') {
        const ranges = item.ranges.map((x) => parseInterval(x.range)).filter((x): x is Interval => x !== null);
        item.ranges.forEach((rg, ri) => {
          if (rg.points > item.points) push('level_above_max', [...ip, 'ranges', ri, 'points'], `range ${rg.range} gives ${rg.points} points, above the item's maximum ${item.points}`);
        });
        if (ranges.length === item.ranges.length) {
          const domain = item.domain ? parseInterval(item.domain) : hullOf(ranges);
          if (domain) issues.push(...checkTiling(ranges, domain, (i) => [...ip, 'ranges', i, 'range']));
        }
      }
      if (item.kind === 'scale' && item.scale.max <= item.scale.min) {
        push('invalid_scale', [...ip, 'scale', 'max'], `scale max ${item.scale.max} must be above min ${item.scale.min}`);
      }
      if (item.kind === 'yes-no' && item.autoFail?.when) {
        item.autoFail.when.forEach((w, wi) => {
          if (typeof w !== 'boolean') push('invalid_answer_kind', [...ip, 'autoFail', 'when', wi], 'a yes/no item auto-fails on true or false');
        });
      }
      if ((item.kind === 'numeric' || item.kind === 'scale') && item.autoFail && !item.autoFail.when) {
        push('required', [...ip, 'autoFail', 'when'], `autoFail on a ${item.kind} item must name the failing answers in \`when\``);
      }
      issues.push(...checkMeasureRule(item, ip));
      if ('phrases' in item && item.phrases && item.kind !== 'yes-no' && item.phrases.match !== undefined) {
        push('invalid_option', [...ip, 'phrases', 'match'], '`match` applies to required phrases on yes/no items only');
      }
    });

    if (s.max !== undefined) sectionPossible = sectionPossible.min(Ratio.from(s.max));
    if (sectionPossible.isZero()) {
      // Penalties deduct from their section and a section-scope fatal zeroes it: both need a section that can earn.
      s.items.forEach((item, ii) => {
        if (item.kind === 'penalty') push('penalty_without_points', ['sections', si, 'items', ii], `penalty "${item.id}" is in a section with no item that earns points, so it would have nothing to deduct from`);
        if (item.kind === 'fatal' && item.scope === 'section') push('fatal_without_points', ['sections', si, 'items', ii, 'scope'], `fatal item "${item.id}" would zero a section that earns no points; use scope "call" or "flag", or move it`);
      });
    }
    if (mode === 'section-weighted' && sectionPossible.isZero()) {
      push('section_without_points', [...sp, 'items'], `section "${s.id}" carries a weight but no item that earns points`);
    }
  });

  // Section weights in section-weighted mode, item weights in item-weighted mode: 100 in all.
  const weights = mode === 'section-weighted' ? sectionWeights : itemWeights;
  if (mode !== 'points-sum' && !weights.eq(HUNDRED) && !issues.some((i) => i.code === 'missing_weight')) {
    push('weights_sum', ['sections'], `${mode === 'section-weighted' ? 'section' : 'item'} weights sum to ${weights.toFixed(6).replace(/\.?0+$/, '')}, not 100`);
  }

  if (def.grades) {
    const gids = new Set<string>();
    def.grades.forEach((g, gi) => {
      if (gids.has(g.id)) push('duplicate_id', ['grades', gi, 'id'], `grade id "${g.id}" is used twice`);
      gids.add(g.id);
    });
  }
  return issues;
}

function compile(def: RubricDefinition): { rubric: Rubric } | { issues: Issue<RubricIssueCode>[] } {
  const issues: Issue<RubricIssueCode>[] = [];
  const mode = def.scoring.mode;
  const items = new Map<string, CompiledItem>();
  const phraseRules: PhraseRuleInput[] = [];
  const phrasePaths: PathSegment[][] = [];

  const sections: CompiledSection[] = def.sections.map((s, si) => {
    const compiledItems = s.items.map((item, ii): CompiledItem => {
      // Scoring items (yes-no, levels, numeric, scale) declare their maximum as points.
      const scoringKind = 'points' in item;
      const max = scoringKind ? Ratio.from(item.points) : ZERO;
      const bonus = scoringKind && item.bonus === true;
      const phrases = 'phrases' in item && item.phrases ? item.phrases : null;
      if (phrases) {
        phraseRules.push({ id: item.id, phrases: phrases.phrases });
        phrasePaths.push(['sections', si, 'items', ii, 'phrases', 'phrases']);
      }
      let fatalScope: FatalScope | null = null;
      let autoFailWhen: (string | number | boolean)[] = [];
      if (item.kind === 'fatal') {
        fatalScope = item.scope;
        autoFailWhen = [true];
      } else if (scoringKind && item.autoFail) {
        fatalScope = item.autoFail.scope;
        autoFailWhen = item.autoFail.when ?? [false];
      }
      const c: CompiledItem = {
        id: item.id,
        kind: item.kind,
        def: item,
        sectionIndex: si,
        index: ii,
        max,
        scoring: scoringKind && !bonus,
        bonus,
        critical: scoringKind && item.critical === true,
        required: item.required ?? (scoringKind && !bonus),
        naAllowed: scoringKind && item.na === true,
        weight: scoringKind && item.weight !== undefined && mode === 'item-weighted' ? Ratio.from(item.weight) : null,
        when: item.when,
        levels: item.kind === 'levels' ? new Map(item.levels.map((l) => [l.id, Ratio.from(l.points)])) : null,
        levelReasons: item.kind === 'levels' ? new Map(item.levels.map((l) => [l.id, `level "${l.id}": ${l.points} of ${item.points}`])) : null,
        ranges:
          item.kind === 'numeric'
            ? item.ranges.map((x) => ({ range: parseInterval(x.range) as Interval, points: Ratio.from(x.points) }))
            : null,
        domain: item.kind === 'numeric' && item.domain ? parseInterval(item.domain) : null,
        yes: item.kind === 'yes-no' ? max : ZERO,
        no: item.kind === 'yes-no' ? r(item.noPoints, ZERO) : ZERO,
        perOccurrence: item.kind === 'penalty' ? Ratio.from(item.perOccurrence) : ZERO,
        maxOccurrences: item.kind === 'penalty' ? (item.maxOccurrences ?? null) : null,
        maxDeduction: item.kind === 'penalty' && item.maxDeduction !== undefined ? Ratio.from(item.maxDeduction) : null,
        fatalScope,
        autoFailWhen,
        phrases,
        rootCauses: item.rootCauses ? new Set(item.rootCauses) : null,
      };
      items.set(item.id, Object.freeze(c));
      return c;
    });
    const possible = sum(compiledItems.filter((i) => i.scoring).map((i) => (i.weight !== null ? i.weight : i.max)));
    const cap = s.max !== undefined ? Ratio.from(s.max) : null;
    return Object.freeze({
      id: s.id,
      def: s,
      index: si,
      weight: mode === 'section-weighted' && s.weight !== undefined ? Ratio.from(s.weight) : null,
      cap,
      floor: r(s.floor, ZERO),
      when: s.when,
      items: compiledItems,
      fullPossible: cap ? possible.min(cap) : possible,
    });
  });

  const scale = r(def.scoring.scale, HUNDRED);
  const maxScore = mode === 'points-sum' && def.scoring.scale === undefined ? sum(sections.map((s) => s.fullPossible)) : scale;
  // Like a section's floor, the final floor never lifts a score above the maximum.
  const floor = r(def.scoring.floor, ZERO).min(maxScore);
  const bonusCap = def.scoring.bonusCap !== undefined ? Ratio.from(def.scoring.bonusCap) : null;
  const bonusMax = bonusCap ?? sum([...items.values()].filter((i) => i.bonus).map((i) => i.max));


  const grades: CompiledGrade[] = (def.grades ?? []).map((g) => ({
    id: g.id,
    def: g,
    range: parseInterval(g.range) as Interval,
    passing: g.passing ?? true,
    label: localize(g.label, def.locale ?? 'zh-CN'),
  }));
  if (grades.length > 0) {
    const top = maxScore.add(bonusMax);
    // A call-scope fatal scores 0 whatever the floor, so 0 must have a grade too.
    const hasCallFatal = [...items.values()].some((i) => i.fatalScope === 'call');
    const low = hasCallFatal ? floor.min(ZERO) : floor;
    const domain: Interval = { min: low, minInclusive: true, max: top, maxInclusive: true, text: `[${low.toNumber()}, ${top.toNumber()}]` };
    issues.push(...checkTiling(grades.map((g) => g.range), domain, (i) => ['grades', i, 'range']));
  }

  let matcher = null;
  if (phraseRules.length > 0) {
    const pm = def.phraseMatching;
    try {
      matcher = compilePhraseMatcher(phraseRules, {
        ...(pm?.variants !== undefined ? { variants: pm.variants } : {}),
        ...(pm?.ignoreWhitespace !== undefined ? { ignoreWhitespace: pm.ignoreWhitespace } : {}),
        ...(pm?.caseFold !== undefined ? { caseFold: pm.caseFold } : {}),
      });
    } catch (e) {
      if (e instanceof CallqaError) {
        // The matcher's paths are [ruleIndex, 'phrases', phraseIndex]; map them to the item.
        for (const i of e.issues) {
          const ri = typeof i.path[0] === 'number' ? i.path[0] : -1;
          const base = phrasePaths[ri] ?? [];
          issues.push({ ...i, path: [...base, ...i.path.slice(2)] });
        }
      } else throw e;
    }
  }

  if (issues.length > 0) return { issues };
  const rubric: Rubric = {
    id: def.id,
    version: def.version,
    definition: def,
    mode,
    naPolicy: def.scoring.na ?? 'exclude',
    decimals: def.scoring.rounding?.decimals ?? 2,
    roundingMode: def.scoring.rounding?.mode ?? 'half-up',
    maxScore,
    floor,
    bonusCap,
    locale: def.locale ?? 'zh-CN',
    sections,
    items,
    grades,
    matcher,
    speakers: def.phraseMatching?.speakers ?? ['agent'],
    rootCauses: def.rootCauses ? new Set(def.rootCauses) : null,
  };
  return { rubric: Object.freeze(rubric) };
}

/**
 * Validates and compiles a rubric, returning every problem instead of throwing.
 *
 * @example
 * ```ts
 * const res = safeLoadRubric(JSON.parse(text));
 * if (res.success) scoreCall(res.rubric, evaluation);
 * else console.error(prettifyIssues(res.issues));
 * ```
 */
export function safeLoadRubric(json: unknown): SafeRubricResult {
  return guard<SafeRubricResult, RubricIssueCode>((): SafeRubricResult => {
    const bounds = checkBounds(json, DOCUMENT_LIMITS);
    if (bounds.length > 0) return { success: false, issues: bounds };
    // Unknown keys alone do not stop the cross-field checks: every problem in one round.
    const { data, issues } = parseStaged(rubricSchema, json, fromZodIssues<RubricIssueCode>);
    if (data === null) return { success: false, issues };
    // Compile even when the semantic checks found problems, so that band and phrase
    // problems are reported in the same round as the others.
    issues.push(...checkSemantics(data));
    const compiled = compile(data);
    if ('issues' in compiled) issues.push(...compiled.issues);
    if (issues.length > 0 || 'issues' in compiled) return { success: false, issues };
    return { success: true, rubric: compiled.rubric };
  });
}

/**
 * Validates a rubric (the parsed JSON) and compiles it once into a frozen,
 * reusable object. Throws {@link RubricError} listing every problem.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const rubric = loadRubric(JSON.parse(readFileSync('rubrics/callcenter-qc-7.zh-CN.json', 'utf8')));
 * ```
 */
export function loadRubric(json: unknown): Rubric {
  const res = safeLoadRubric(json);
  if (!res.success) throw new RubricError(res.issues);
  return res.rubric;
}
