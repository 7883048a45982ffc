/**
 * Property tests for call scoring. Random valid rubrics (points-sum,
 * section-weighted, item-weighted; decimal points, levels, numeric ranges,
 * scales, caps, floors, penalties, fatal items, N/A, conditions, bonus, custom
 * scale) and random valid evaluations are scored by `scoreCall` and by an
 * independent reference written here with BigInt fractions, following the
 * order of operations in score.ts's header:
 *   1. each item's answer (evaluator's, else a default: penalty 0, fatal false, optional → N/A);
 *   2. section: Σ item points → cap → − penalties → floor; N/A leaves earned and possible
 *      (full-marks policy: N/A earns the item's points);
 *   3. total by mode, renormalised over what applied;
 *   4. + bonus (capped); fatal: call → 0, section → that section 0, flag → marked only;
 *   5. final floor; one rounding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeLoadRubric } from '../../src/rubric/load.js';
import { safeScoreCall, scoreCall } from '../../src/scoring/score.js';

// ───────────────────────── a tiny exact fraction (BigInt) ─────────────────────────

class Frac {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new Error('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = bgcd(n < 0n ? -n : n, d);
    this.n = n / g;
    this.d = d / g;
  }
  static dec(x: number): Frac {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(x));
    if (!m) throw new Error(`not a plain decimal: ${x}`);
    const frac = m[3] ?? '';
    const n = BigInt((m[2] ?? '0') + frac) * (m[1] === '-' ? -1n : 1n);
    return new Frac(n, 10n ** BigInt(frac.length));
  }
  static parse(s: string): Frac {
    const [a, b] = s.split('/');
    return new Frac(BigInt(a as string), BigInt(b ?? '1'));
  }
  add(o: Frac): Frac {
    return new Frac(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Frac): Frac {
    return new Frac(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Frac): Frac {
    return new Frac(this.n * o.n, this.d * o.d);
  }
  div(o: Frac): Frac {
    return new Frac(this.n * o.d, this.d * o.n);
  }
  cmp(o: Frac): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  min(o: Frac): Frac {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Frac): Frac {
    return this.cmp(o) >= 0 ? this : o;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  toString(): string {
    return this.d === 1n ? String(this.n) : `${this.n}/${this.d}`;
  }
}
function bgcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
const F0 = new Frac(0n);
const F100 = new Frac(100n);

/** Rounds to `decimals` places; half-up goes away from zero, half-even to the even digit. */
function roundFrac(x: Frac, decimals: number, mode: 'half-up' | 'half-even'): number {
  const scale = 10n ** BigInt(decimals);
  const neg = x.n < 0n;
  const num = (neg ? -x.n : x.n) * scale;
  let q = num / x.d;
  const rem2 = (num % x.d) * 2n;
  if (rem2 > x.d || (rem2 === x.d && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  const s = q.toString().padStart(decimals + 1, '0');
  const txt = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return Number(neg && q !== 0n ? `-${txt}` : txt);
}

// ───────────────────────── rubric specs ─────────────────────────

type Scope = 'call' | 'section' | 'flag';
type Mode = 'points-sum' | 'section-weighted' | 'item-weighted';
type Cond = { attribute: 'channel'; equals: 'phone' } | { not: { attribute: 'channel'; equals: 'phone' } };

interface BaseItem {
  points: number;
  na: boolean;
  critical: boolean;
  when?: Cond;
  weight?: number;
}
type ScoringItem =
  | (BaseItem & { kind: 'yes-no'; noPoints?: number; autoFail?: Scope })
  | (BaseItem & { kind: 'levels'; levels: number[]; autoFail?: Scope })
  | (BaseItem & { kind: 'numeric'; cut: number; low: number; high: number })
  | (BaseItem & { kind: 'scale'; min: number; max: number });

interface SectionSpec {
  items: ScoringItem[];
  cap?: number;
  floor?: number;
  when?: Cond;
  weight?: number;
  penalty?: { per: number; maxOcc?: number; maxDed?: number };
  fatal?: Scope;
  comment: boolean;
  bonus?: number;
}

interface RubricSpec {
  mode: Mode;
  naPolicy: 'exclude' | 'full-marks';
  decimals: number;
  rounding: 'half-up' | 'half-even';
  scale?: number;
  floor?: number;
  bonusCap?: number;
  sections: SectionSpec[];
}

const half = (n: number): number => n / 2; // 0.5 steps keep the decimals exact as written
const pointsArb = fc.integer({ min: 1, max: 20 }).map(half); // 0.5 … 10
const scopeArb = fc.constantFrom<Scope>('call', 'section', 'flag');
const condArb: fc.Arbitrary<Cond> = fc.constantFrom<Cond>({ attribute: 'channel', equals: 'phone' }, { not: { attribute: 'channel', equals: 'phone' } });

function optional<T>(arb: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq });
}

const baseArb = (points: number) =>
  fc.record({ na: fc.boolean(), critical: fc.boolean(), when: optional(condArb, 6) }).map((b) => {
    const o: BaseItem = { points, na: b.na, critical: b.critical };
    if (b.when) o.when = b.when;
    return o;
  });

const yesNoArb: fc.Arbitrary<ScoringItem> = pointsArb.chain((points) =>
  fc
    .tuple(baseArb(points), fc.constantFrom<'none' | 'zero' | 'neg' | 'half'>('none', 'zero', 'neg', 'half'), optional(scopeArb))
    .map(([b, np, af]) => {
      const it: ScoringItem = { ...b, kind: 'yes-no' };
      if (np === 'zero') it.noPoints = 0;
      else if (np === 'neg') it.noPoints = -1;
      else if (np === 'half') it.noPoints = points / 2;
      if (af) it.autoFail = af;
      return it;
    }),
);

const levelsArb: fc.Arbitrary<ScoringItem> = pointsArb.chain((points) =>
  fc
    .tuple(
      baseArb(points),
      fc.array(fc.integer({ min: -2, max: points * 2 }).map(half), { minLength: 1, maxLength: 3 }),
      optional(scopeArb),
    )
    .map(([b, others, af]) => {
      const it: ScoringItem = { ...b, kind: 'levels', levels: [points, ...others] };
      if (af) it.autoFail = af;
      return it;
    }),
);

const numericArb: fc.Arbitrary<ScoringItem> = pointsArb.chain((points) =>
  fc
    .tuple(baseArb(points), fc.constantFrom(10, 20, 30, 45), fc.integer({ min: -2, max: points * 2 }).map(half))
    .map(([b, cut, high]) => ({ ...b, kind: 'numeric' as const, cut, low: points, high })),
);

const scaleArb: fc.Arbitrary<ScoringItem> = pointsArb.chain((points) =>
  fc
    .tuple(baseArb(points), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 9 }))
    .map(([b, min, span]) => ({ ...b, kind: 'scale' as const, min, max: min + span })),
);

const itemArb = fc.oneof(yesNoArb, levelsArb, numericArb, scaleArb);

/** Positive tenths summing to exactly 100 (e.g. 33.3 + 33.3 + 33.4). */
function weightsArb(k: number): fc.Arbitrary<number[]> {
  if (k === 1) return fc.constant([100]);
  return fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: k - 1, maxLength: k - 1 }).map((cuts) => {
    const s = [0, ...cuts.sort((a, b) => a - b), 1000];
    return s.slice(1).map((c, i) => (c - (s[i] as number)) / 10);
  });
}

interface GenOptions {
  /** Allow negative section/rubric floors (fatal zeroing can then beat a negative score). */
  negativeFloors: boolean;
  /** Allow positive section floors. */
  positiveFloors: boolean;
  /** Allow caps in item-weighted mode. */
  itemWeightedCaps: boolean;
}

function sectionArb(opts: GenOptions): fc.Arbitrary<SectionSpec> {
  return fc
    .record({
      items: fc.array(itemArb, { minLength: 1, maxLength: 4 }),
      capFrac: optional(fc.integer({ min: 1, max: 12 }), 2),
      floor: optional(
        fc.constantFrom(...[0, ...(opts.negativeFloors ? [-1, -3.5, -10] : []), ...(opts.positiveFloors ? [0.5, 2, 6] : [])]),
        2,
      ),
      when: optional(condArb, 8),
      penalty: optional(fc.record({ per: pointsArb, maxOcc: optional(fc.integer({ min: 1, max: 3 })), maxDed: optional(pointsArb) })),
      fatal: optional(scopeArb),
      comment: fc.boolean(),
      bonus: optional(pointsArb),
    })
    .map((r) => {
      const total = r.items.reduce((a, i) => a + i.points, 0);
      const s: SectionSpec = { items: r.items, comment: r.comment };
      // A cap between 1/12 and the whole of the section's points, in 0.5 steps, at least 0.5.
      if (r.capFrac !== undefined) s.cap = Math.max(0.5, Math.round((total * r.capFrac) / 10) / 2);
      if (r.floor !== undefined && (s.cap === undefined || r.floor <= s.cap)) s.floor = r.floor;
      if (r.when) s.when = r.when;
      if (r.penalty) {
        s.penalty = { per: r.penalty.per };
        if (r.penalty.maxOcc !== undefined) s.penalty.maxOcc = r.penalty.maxOcc;
        if (r.penalty.maxDed !== undefined) s.penalty.maxDed = r.penalty.maxDed;
      }
      if (r.fatal) s.fatal = r.fatal;
      if (r.bonus !== undefined) s.bonus = r.bonus;
      return s;
    });
}

function rubricSpecArb(opts: GenOptions): fc.Arbitrary<RubricSpec> {
  return fc
    .record({
      mode: fc.constantFrom<Mode>('points-sum', 'section-weighted', 'item-weighted'),
      naPolicy: fc.constantFrom<'exclude' | 'full-marks'>('exclude', 'full-marks'),
      decimals: fc.integer({ min: 0, max: 4 }),
      rounding: fc.constantFrom<'half-up' | 'half-even'>('half-up', 'half-even'),
      scale: optional(fc.constantFrom(100, 10, 7.5, 150, 40), 2),
      // Positive final floors are generated too, with call-scope fatals, so "0 over the floor" is exercised.
      floor: optional(fc.constantFrom(...(opts.negativeFloors ? [0, -10] : [0]), ...(opts.positiveFloors ? [3] : [])), 3),
      bonusCap: optional(fc.constantFrom(0, 1, 2.5, 5), 2),
      sections: fc.array(sectionArb(opts), { minLength: 1, maxLength: 3 }),
    })
    .chain((r) => {
      const spec: RubricSpec = { mode: r.mode, naPolicy: r.naPolicy, decimals: r.decimals, rounding: r.rounding, sections: r.sections };
      if (r.scale !== undefined) spec.scale = r.scale;
      if (r.floor !== undefined) spec.floor = r.floor;
      if (r.bonusCap !== undefined) spec.bonusCap = r.bonusCap;
      if (spec.mode === 'item-weighted' && !opts.itemWeightedCaps) for (const s of spec.sections) delete s.cap;
      const k = spec.mode === 'section-weighted' ? spec.sections.length : spec.mode === 'item-weighted' ? spec.sections.reduce((a, s) => a + s.items.length, 0) : 0;
      if (k === 0) return fc.constant(spec);
      return weightsArb(k).map((ws) => {
        const out: RubricSpec = structuredClone(spec);
        if (out.mode === 'section-weighted') out.sections.forEach((s, i) => (s.weight = ws[i] as number));
        else {
          let j = 0;
          for (const s of out.sections) for (const it of s.items) it.weight = ws[j++] as number;
        }
        return out;
      });
    });
}

// Ids: section s<i>, scoring items s<i>i<j>, extras s<i>pen / s<i>fat / s<i>com / s<i>bon.
const itemId = (si: number, ii: number): string => `s${si}i${ii}`;
const levelId = (li: number): string => `L${li}`;

function toJson(spec: RubricSpec): unknown {
  const scoring: Record<string, unknown> = { mode: spec.mode, na: spec.naPolicy, rounding: { decimals: spec.decimals, mode: spec.rounding } };
  if (spec.scale !== undefined) scoring.scale = spec.scale;
  if (spec.floor !== undefined) scoring.floor = spec.floor;
  if (spec.bonusCap !== undefined) scoring.bonusCap = spec.bonusCap;
  return {
    id: 'prop',
    version: '1',
    name: 'Property rubric',
    scoring,
    sections: spec.sections.map((s, si) => {
      const items: Record<string, unknown>[] = s.items.map((it, ii) => {
        const o: Record<string, unknown> = { id: itemId(si, ii), kind: it.kind, label: `Item ${si}.${ii}`, points: it.points };
        if (it.na) o.na = true;
        if (it.critical) o.critical = true;
        if (it.when) o.when = it.when;
        if (it.weight !== undefined) o.weight = it.weight;
        if (it.kind === 'yes-no') {
          if (it.noPoints !== undefined) o.noPoints = it.noPoints;
          if (it.autoFail) o.autoFail = { scope: it.autoFail };
        } else if (it.kind === 'levels') {
          o.levels = it.levels.map((p, li) => ({ id: levelId(li), label: `Level ${li}`, points: p }));
          const low = lowestLevel(it.levels);
          if (it.autoFail && low !== null) o.autoFail = { scope: it.autoFail, when: [levelId(low)] };
        } else if (it.kind === 'numeric') {
          o.ranges = [
            { range: `[0, ${it.cut}]`, points: it.low },
            { range: `(${it.cut}, 60]`, points: it.high },
          ];
        } else {
          o.scale = { min: it.min, max: it.max };
        }
        return o;
      });
      if (s.penalty) {
        const p: Record<string, unknown> = { id: `s${si}pen`, kind: 'penalty', label: 'Penalty', perOccurrence: s.penalty.per };
        if (s.penalty.maxOcc !== undefined) p.maxOccurrences = s.penalty.maxOcc;
        if (s.penalty.maxDed !== undefined) p.maxDeduction = s.penalty.maxDed;
        items.push(p);
      }
      if (s.fatal) items.push({ id: `s${si}fat`, kind: 'fatal', label: 'Fatal', scope: s.fatal });
      if (s.comment) items.push({ id: `s${si}com`, kind: 'comment', label: 'Comment' });
      if (s.bonus !== undefined) items.push({ id: `s${si}bon`, kind: 'yes-no', label: 'Bonus', points: s.bonus, bonus: true });
      const o: Record<string, unknown> = { id: `s${si}`, label: `Section ${si}`, items };
      if (s.cap !== undefined) o.max = s.cap;
      if (s.floor !== undefined) o.floor = s.floor;
      if (s.when) o.when = s.when;
      if (s.weight !== undefined) o.weight = s.weight;
      return o;
    }),
  };
}

/** The index of the strictly lowest level, or null when the lowest is shared (autoFail only on a unique worst level). */
function lowestLevel(levels: number[]): number | null {
  const m = Math.min(...levels);
  const at = levels.flatMap((p, i) => (p === m ? [i] : []));
  return at.length === 1 && m < (levels[0] as number) ? (at[0] as number) : null;
}

// ───────────────────────── evaluations ─────────────────────────

type Raw = boolean | number | string | null;
interface EvalSpec {
  channel: 'phone' | 'web' | undefined;
  answers: Record<string, Raw | { value: Raw; note: string }>;
}

function answerArb(it: ScoringItem): fc.Arbitrary<Raw> {
  const na = it.na ? [fc.constant(null)] : [];
  switch (it.kind) {
    case 'yes-no':
      return fc.oneof(fc.boolean(), ...na);
    case 'levels':
      return fc.oneof(fc.integer({ min: 0, max: it.levels.length - 1 }).map(levelId), ...na);
    case 'numeric':
      return fc.oneof(fc.constantFrom(0, it.cut, it.cut + 0.5, 60), fc.integer({ min: 0, max: 60 }), ...na);
    case 'scale':
      return fc.oneof(fc.integer({ min: it.min, max: it.max }), ...na);
  }
}

function evalArb(spec: RubricSpec): fc.Arbitrary<EvalSpec> {
  const parts: Record<string, fc.Arbitrary<Raw | undefined>> = {};
  spec.sections.forEach((s, si) => {
    s.items.forEach((it, ii) => (parts[itemId(si, ii)] = answerArb(it)));
    if (s.penalty) parts[`s${si}pen`] = optional(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.boolean()), 4);
    if (s.fatal) parts[`s${si}fat`] = optional(fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), 4);
    if (s.comment) parts[`s${si}com`] = optional(fc.constantFrom('ok', '需要改进', null), 2);
    if (s.bonus !== undefined) parts[`s${si}bon`] = optional(fc.boolean(), 2);
  });
  return fc
    .record({
      channel: fc.constantFrom<'phone' | 'web' | undefined>('phone', 'web', undefined),
      answers: fc.record(parts),
      wrap: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
    })
    .map(({ channel, answers, wrap }) => {
      const out: EvalSpec['answers'] = {};
      let k = 0;
      for (const [key, v] of Object.entries(answers)) {
        if (v === undefined) continue;
        out[key] = wrap[k++ % 64] ? { value: v, note: 'n' } : v;
      }
      return { channel, answers: out };
    });
}

function toEvaluation(e: EvalSpec): Record<string, unknown> {
  const ev: Record<string, unknown> = { id: 'call-1', agentId: 'agent-1', date: '2024-05-06', answers: e.answers };
  if (e.channel !== undefined) ev.attributes = { channel: e.channel };
  return ev;
}

// ───────────────────────── the reference scorer ─────────────────────────

function condHolds(c: Cond | undefined, channel: string | undefined): boolean {
  if (c === undefined) return true;
  return 'not' in c ? channel !== 'phone' : channel === 'phone';
}

function unwrap(a: Raw | { value: Raw; note: string } | undefined): Raw | undefined {
  return a !== null && typeof a === 'object' ? a.value : a;
}

/** The points a (non-null) answer earns on a scoring item. */
function earnedBy(it: ScoringItem, v: Raw): Frac {
  const P = Frac.dec(it.points);
  switch (it.kind) {
    case 'yes-no':
      return v === true ? P : Frac.dec(it.noPoints ?? 0);
    case 'levels':
      return Frac.dec(it.levels[Number(String(v).slice(1))] as number);
    case 'numeric':
      return (v as number) <= it.cut ? Frac.dec(it.low) : Frac.dec(it.high);
    case 'scale':
      return new Frac(BigInt((v as number) - it.min), BigInt(it.max - it.min)).mul(P);
  }
}

function isAutoFail(it: ScoringItem, v: Raw): boolean {
  if (it.kind === 'yes-no') return it.autoFail !== undefined && v === false;
  if (it.kind === 'levels') {
    const low = lowestLevel(it.levels);
    return it.autoFail !== undefined && low !== null && v === levelId(low);
  }
  return false;
}

type RefResult = { ok: true; exact: Frac; rounded: number; maxScore: Frac; bonusTop: Frac } | { ok: false; nothingApplicable: true };

function reference(spec: RubricSpec, e: EvalSpec): RefResult {
  const fullMarks = spec.naPolicy === 'full-marks';
  const itemWeighted = spec.mode === 'item-weighted';
  let callFatal = false;
  let bonus = F0;
  let totalE = F0;
  let totalP = F0;
  let sumFullPossible = F0;
  let bonusMaxSum = F0;

  spec.sections.forEach((s, si) => {
    const secApplies = condHolds(s.when, e.channel);
    let pos = F0;
    let possible = F0;
    let fullPossible = F0;
    let failed = false;
    const fail = (scope: Scope): void => {
      if (scope === 'call') callFatal = true;
      else if (scope === 'section') failed = true;
    };

    s.items.forEach((it, ii) => {
      const P = Frac.dec(it.points);
      const unit = itemWeighted ? Frac.dec(it.weight as number) : P;
      fullPossible = fullPossible.add(unit);
      const applies = secApplies && condHolds(it.when, e.channel);
      const v = unwrap(e.answers[itemId(si, ii)]);
      let earned: Frac | null;
      if (!applies || v === null || v === undefined) earned = fullMarks ? P : null;
      else {
        earned = earnedBy(it, v);
        if (isAutoFail(it, v)) fail((it as { autoFail?: Scope }).autoFail as Scope);
      }
      if (earned === null) return;
      pos = pos.add(itemWeighted ? earned.mul(unit).div(P) : earned);
      possible = possible.add(unit);
    });

    // The bonus item: its points add to the final score when it is met ("yes"). A bonus left blank
    // (or in a section that does not apply) earns nothing: the full-marks policy keeps N/A from
    // costing points; it does not hand out extra points nobody earned.
    if (s.bonus !== undefined) {
      bonusMaxSum = bonusMaxSum.add(Frac.dec(s.bonus));
      if (secApplies && unwrap(e.answers[`s${si}bon`]) === true) bonus = bonus.add(Frac.dec(s.bonus));
    }

    let deducted = F0;
    if (s.penalty && secApplies) {
      const v = unwrap(e.answers[`s${si}pen`]);
      const count = v === true ? 1 : v === false || v === undefined ? 0 : (v as number);
      const counted = s.penalty.maxOcc !== undefined ? Math.min(count, s.penalty.maxOcc) : count;
      let d = Frac.dec(s.penalty.per).mul(new Frac(BigInt(counted)));
      if (s.penalty.maxDed !== undefined) d = d.min(Frac.dec(s.penalty.maxDed));
      deducted = d;
    }
    if (s.fatal && secApplies && unwrap(e.answers[`s${si}fat`]) === true) fail(s.fatal);

    if (s.cap !== undefined) {
      const cap = Frac.dec(s.cap);
      pos = pos.min(cap);
      possible = possible.min(cap);
      fullPossible = fullPossible.min(cap);
    }
    let earned = pos.sub(deducted);
    // README: a section's floor never lifts it above what it could earn.
    const floor = Frac.dec(s.floor ?? 0).min(possible);
    if (earned.cmp(floor) < 0) earned = floor;
    if (failed) {
      earned = F0;
      if (possible.isZero()) possible = fullPossible;
    }
    sumFullPossible = sumFullPossible.add(fullPossible);
    if (possible.isZero()) return;
    if (spec.mode === 'section-weighted') {
      const w = Frac.dec(s.weight as number);
      totalE = totalE.add(earned.div(possible).mul(w));
      totalP = totalP.add(w);
    } else {
      totalE = totalE.add(earned);
      totalP = totalP.add(possible);
    }
  });

  if (totalP.isZero()) return { ok: false, nothingApplicable: true };
  const maxScore = spec.scale !== undefined ? Frac.dec(spec.scale) : spec.mode === 'points-sum' ? sumFullPossible : F100;
  let raw = totalE.mul(maxScore).div(totalP);
  if (spec.bonusCap !== undefined) bonus = bonus.min(Frac.dec(spec.bonusCap));
  raw = raw.add(bonus);
  // README: the final floor never lifts a score above the maximum either.
  const floor = Frac.dec(spec.floor ?? 0).min(maxScore);
  if (raw.cmp(floor) < 0) raw = floor;
  const exact = callFatal ? F0 : raw;
  const bonusTop = spec.bonusCap !== undefined ? Frac.dec(spec.bonusCap) : bonusMaxSum;
  return { ok: true, exact, rounded: roundFrac(exact, spec.decimals, spec.rounding), maxScore, bonusTop };
}

// ───────────────────────── properties ─────────────────────────

const DEFAULT_OPTS: GenOptions = { negativeFloors: true, positiveFloors: false, itemWeightedCaps: false };
const caseArb = (opts: GenOptions = DEFAULT_OPTS) => rubricSpecArb(opts).chain((spec) => evalArb(spec).map((ev) => ({ spec, ev })));

/** A replayable description of a failing case. */
function show(spec: RubricSpec, ev: EvalSpec): string {
  return JSON.stringify({ rubric: toJson(spec), evaluation: toEvaluation(ev) });
}

describe('scoring properties', () => {
  it('every generated rubric loads', () => {
    fc.assert(
      fc.property(rubricSpecArb({ negativeFloors: true, positiveFloors: true, itemWeightedCaps: false }), (spec) => {
        const res = loadRubric(toJson(spec));
        expect(res.mode).toBe(spec.mode);
      }),
      { numRuns: 300 },
    );
  });

  it('the score equals an independent BigInt reference (exact and rounded)', () => {
    let scored = 0;
    fc.assert(
      fc.property(caseArb({ negativeFloors: true, positiveFloors: true, itemWeightedCaps: false }), ({ spec, ev }) => {
        const rubric = loadRubric(toJson(spec));
        const ref = reference(spec, ev);
        const res = safeScoreCall(rubric, toEvaluation(ev));
        if (!ref.ok) {
          expect(res.success, show(spec, ev)).toBe(false);
          if (!res.success) expect(res.issues.map((i) => i.code)).toEqual(['nothing_applicable']);
          return;
        }
        expect(res.success, show(spec, ev)).toBe(true);
        if (!res.success) return;
        scored++;
        expect(res.score.exactScore, show(spec, ev)).toBe(ref.exact.toString());
        expect(res.score.score, show(spec, ev)).toBe(ref.rounded);
        expect(res.score.maxScore).toBe(roundFrac(ref.maxScore, spec.decimals, spec.rounding));
      }),
      { numRuns: 2500 },
    );
    expect(scored).toBeGreaterThan(1500);
  });

  it('the score lies within [floor, max + bonus cap]', () => {
    fc.assert(
      fc.property(caseArb({ negativeFloors: true, positiveFloors: true, itemWeightedCaps: false }), ({ spec, ev }) => {
        const res = safeScoreCall(loadRubric(toJson(spec)), toEvaluation(ev));
        if (!res.success) return;
        const ref = reference(spec, ev);
        if (!ref.ok) return;
        const x = Frac.parse(res.score.exactScore);
        // The floor is held at the maximum when declared above it; a call-scope fatal scores 0 under any floor.
        const callFatal = res.score.fatal.some((f) => f.scope === 'call');
        const floor = callFatal ? F0 : Frac.dec(spec.floor ?? 0).min(ref.maxScore);
        expect(x.cmp(floor), show(spec, ev)).toBeGreaterThanOrEqual(0);
        if (callFatal) expect(x.isZero(), show(spec, ev)).toBe(true);
        expect(x.cmp(ref.maxScore.add(ref.bonusTop)), show(spec, ev)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1500 },
    );
  });

  it('improving one answer never lowers the score', () => {
    // Non-negative floors: with a negative floor, a fatal item's "score 0" can beat a call that is
    // genuinely below zero, so clearing the fatal answer could lower the score by design.
    const opts: GenOptions = { negativeFloors: false, positiveFloors: true, itemWeightedCaps: false };
    fc.assert(
      fc.property(caseArb(opts), fc.nat(), fc.nat(), ({ spec, ev }, pick, lvl) => {
        // Candidate improvements: yes/no false → true, a level → a higher-point level, one fewer penalty.
        const improvements: [string, Raw][] = [];
        spec.sections.forEach((s, si) => {
          s.items.forEach((it, ii) => {
            const v = unwrap(ev.answers[itemId(si, ii)]);
            if (it.kind === 'yes-no' && v === false) improvements.push([itemId(si, ii), true]);
            if (it.kind === 'levels' && typeof v === 'string') {
              const cur = it.levels[Number(v.slice(1))] as number;
              const better = it.levels.flatMap((p, li) => (p > cur ? [li] : []));
              if (better.length > 0) improvements.push([itemId(si, ii), levelId(better[lvl % better.length] as number)]);
            }
          });
          const pv = unwrap(ev.answers[`s${si}pen`]);
          if (typeof pv === 'number' && pv > 0) improvements.push([`s${si}pen`, pv - 1]);
          if (pv === true) improvements.push([`s${si}pen`, 0]);
        });
        if (improvements.length === 0) return;
        const [key, value] = improvements[pick % improvements.length] as [string, Raw];
        const better: EvalSpec = { channel: ev.channel, answers: { ...ev.answers, [key]: value } };
        const rubric = loadRubric(toJson(spec));
        const a = safeScoreCall(rubric, toEvaluation(ev));
        const b = safeScoreCall(rubric, toEvaluation(better));
        expect(b.success).toBe(a.success);
        if (!a.success || !b.success) return;
        const before = Frac.parse(a.score.exactScore);
        const after = Frac.parse(b.score.exactScore);
        expect(after.cmp(before), `${key}: ${JSON.stringify(value)}\n${show(spec, ev)}`).toBeGreaterThanOrEqual(0);
        expect(b.score.score).toBeGreaterThanOrEqual(a.score.score);
      }),
      { numRuns: 1500 },
    );
  });

  it('N/A never changes a call whose other answers are all full marks (score = max)', () => {
    // Positive section floors are left to the bounds property above.
    const opts: GenOptions = { negativeFloors: true, positiveFloors: false, itemWeightedCaps: false };
    fc.assert(
      fc.property(rubricSpecArb(opts), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), fc.constantFrom<'phone' | 'web' | undefined>('phone', 'web', undefined), (spec, naMask, channel) => {
        const answers: EvalSpec['answers'] = {};
        let k = 0;
        spec.sections.forEach((s, si) => {
          s.items.forEach((it, ii) => {
            const id = itemId(si, ii);
            if (it.na && naMask[k++ % 16]) answers[id] = null;
            else answers[id] = it.kind === 'yes-no' ? true : it.kind === 'levels' ? levelId(0) : it.kind === 'numeric' ? 0 : it.max;
          });
          if (s.penalty) answers[`s${si}pen`] = 0;
          if (s.fatal) answers[`s${si}fat`] = false;
          if (s.bonus !== undefined) answers[`s${si}bon`] = false; // no bonus earned
        });
        const ev: EvalSpec = { channel, answers };
        const res = safeScoreCall(loadRubric(toJson(spec)), toEvaluation(ev));
        if (!res.success) {
          expect(res.issues.map((i) => i.code)).toEqual(['nothing_applicable']);
          return;
        }
        const ref = reference(spec, ev);
        if (!ref.ok) return;
        expect(res.score.exactScore, show(spec, ev)).toBe(ref.maxScore.toString());
        expect(res.score.score).toBe(res.score.maxScore);
        if (spec.mode !== 'points-sum' && spec.scale === undefined) expect(res.score.score).toBe(100);
      }),
      { numRuns: 1500 },
    );
  });

  it('is deterministic: same inputs, and answers in another key order, give deep-equal output', () => {
    fc.assert(
      fc.property(caseArb(), fc.nat(), ({ spec, ev }, seed) => {
        const rubric = loadRubric(toJson(spec));
        const a = safeScoreCall(rubric, toEvaluation(ev));
        const b = safeScoreCall(rubric, toEvaluation(ev));
        expect(b).toEqual(a);
        // Shuffle the answers' key order (a seeded rotation + reversal).
        const keys = Object.keys(ev.answers);
        const r = keys.length === 0 ? 0 : seed % keys.length;
        const order = [...keys.slice(r), ...keys.slice(0, r)];
        if (seed % 2 === 1) order.reverse();
        const shuffled: EvalSpec = { channel: ev.channel, answers: Object.fromEntries(order.map((k2) => [k2, ev.answers[k2] as Raw])) };
        const c = safeScoreCall(rubric, toEvaluation(shuffled));
        expect(c).toEqual(a);
        // A rubric loaded twice scores alike, too.
        expect(safeScoreCall(loadRubric(toJson(spec)), toEvaluation(ev))).toEqual(a);
      }),
      { numRuns: 400 },
    );
  });

  it('__proto__ / constructor keys in attributes do nothing', () => {
    fc.assert(
      fc.property(caseArb(), fc.constantFrom('"x"', '1', 'true', '"phone"'), ({ spec, ev }, val) => {
        const rubric = loadRubric(toJson(spec));
        const plain = safeScoreCall(rubric, toEvaluation(ev));
        const base = JSON.stringify(toEvaluation(ev));
        const attrs = ev.channel === undefined ? '' : `,"channel":"${ev.channel}"`;
        const text = base.replace(/,"attributes":\{[^}]*\}/, '').replace(/\}$/, `,"attributes":{"__proto__":${val},"constructor":${val},"toString":${val}${attrs}}}`);
        const withProto = JSON.parse(text);
        expect(Object.hasOwn(withProto.attributes, '__proto__')).toBe(true);
        const res = safeScoreCall(rubric, withProto);
        expect(res).toEqual(plain);
        expect(({} as Record<string, unknown>)['channel']).toBeUndefined();
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      }),
      { numRuns: 300 },
    );
  });

  it('a condition on an inherited name ("constructor", "__proto__") does not see Object.prototype', () => {
    const rubric = loadRubric({
      id: 'cond',
      version: '1',
      name: 'Conditions',
      scoring: { mode: 'points-sum' },
      sections: [
        {
          id: 's',
          label: 'S',
          items: [
            { id: 'a', kind: 'yes-no', label: 'A', points: 2 },
            { id: 'b', kind: 'yes-no', label: 'B', points: 2, when: { attribute: 'constructor', exists: true } },
            { id: 'c', kind: 'yes-no', label: 'C', points: 2, when: { attribute: '__proto__', exists: true } },
          ],
        },
      ],
    });
    // b and c do not apply (no such own attributes): a alone decides, 2 of 2 → 6 of 6.
    const s = scoreCall(rubric, { id: '1', agentId: 'a', date: '2024-01-01', answers: { a: true, b: false, c: false }, attributes: {} });
    expect(s.score).toBe(6);
    expect(s.items.map((i) => i.status)).toEqual(['scored', 'not-applicable', 'not-applicable']);
  });
});

// Shrunk counterexamples found by the properties above, as plain examples. Each asserts what
// the rules say; they fail while the scorer disagrees (see the report that came with them).
describe('scoring: shrunk counterexamples', () => {
  const ev = (answers: Record<string, unknown>) => ({ id: 'c', agentId: 'a', date: '2024-01-01', answers });

  it('a section floor above what the section can earn does not lift the score above the max', () => {
    // Found by "the score lies within [floor, max + bonus cap]": floor 2 on a 1-point section.
    const rubric = loadRubric({
      id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum' },
      sections: [{ id: 'A', label: 'A', floor: 2, items: [{ id: 'a', kind: 'yes-no', label: 'a', points: 1 }] }],
    });
    const s = scoreCall(rubric, ev({ a: false }));
    expect(s.maxScore).toBe(1);
    expect(s.score).toBeLessThanOrEqual(s.maxScore);
  });

  it('a section floor does not exceed what is possible after N/A', () => {
    const rubric = loadRubric({
      id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum' },
      sections: [{ id: 'A', label: 'A', floor: 2, items: [
        { id: 'big', kind: 'yes-no', label: 'big', points: 5, na: true },
        { id: 'small', kind: 'yes-no', label: 'small', points: 1 },
      ] }],
    });
    // 2 ≤ 6 points, so the floor is legal; with `big` N/A only 1 point is possible.
    const s = scoreCall(rubric, ev({ big: null, small: false }));
    expect(s.score).toBeLessThanOrEqual(s.maxScore);
  });

  it('full-marks N/A policy: a bonus item left blank adds no bonus', () => {
    // Found by the reference property: blank optional bonus → N/A → "full marks" → +bonus.
    const rubric = loadRubric({
      id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum', na: 'full-marks' },
      sections: [{ id: 'A', label: 'A', items: [
        { id: 'a', kind: 'yes-no', label: 'a', points: 10 },
        { id: 'x', kind: 'yes-no', label: 'x', points: 2, bonus: true },
      ] }],
    });
    const s = scoreCall(rubric, ev({ a: true }));
    expect(s.bonus).toBe(0);
    expect(s.score).toBe(10);
  });

  it('full-marks N/A policy: a bonus answered "no" in a section that does not apply adds no bonus', () => {
    // Found by the N/A property.
    const rubric = loadRubric({
      id: 'r', version: '1', name: 'R', scoring: { mode: 'points-sum', na: 'full-marks' },
      sections: [{ id: 'A', label: 'A', when: { attribute: 'channel', equals: 'phone' }, items: [
        { id: 'a', kind: 'yes-no', label: 'a', points: 10 },
        { id: 'x', kind: 'yes-no', label: 'x', points: 2, bonus: true },
      ] }],
    });
    const s = scoreCall(rubric, { ...ev({ a: true, x: false }), attributes: { channel: 'web' } });
    expect(s.bonus).toBe(0);
    expect(s.score).toBe(10);
  });

  it('item-weighted: a section cap is refused at load (it made a failed section count differently when N/A)', () => {
    // A capped section (max 10 of its 60 weight units) zeroed by a section-scope fatal item counted
    // with possible = min(60, 10) when answered but 60 when all N/A. Caps are a points-form notion,
    // so item-weighted rubrics may no longer declare them.
    const res = safeLoadRubric({
      id: 'r', version: '1', name: 'R', scoring: { mode: 'item-weighted' },
      sections: [
        { id: 'A', label: 'A', max: 10, items: [
          { id: 'a', kind: 'yes-no', label: 'a', points: 5, weight: 60, na: true },
          { id: 'f', kind: 'fatal', label: 'f', scope: 'section' },
        ] },
        { id: 'B', label: 'B', items: [{ id: 'b', kind: 'yes-no', label: 'b', points: 5, weight: 40 }] },
      ],
    });
    expect(res.success).toBe(false);
    if (!res.success) expect(res.issues.map((i) => [i.code, i.path])).toEqual([['unexpected_option', ['sections', 0, 'max']]]);
  });
});
