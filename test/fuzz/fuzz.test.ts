/**
 * The fuzz suite (issue 11): seeded fast-check properties feeding generated and
 * mutated inputs through every entry point that takes outside data —
 * safeLoadRubric, safeLoadPlan, safeScoreCall, the batch record reader (NDJSON
 * lines and CSV rows, through scoreUnit), computeKpis and assessAgents.
 *
 * Properties: a safe* function never throws and returns a well-formed result
 * whose issues never include `internal` (that code means an unforeseen defect
 * reached the last line of defence); a throwing form throws only CallqaError
 * subclasses; Object.prototype is untouched after every input. The seed is fixed
 * (FUZZ_SEED overrides it); each case is sized to stay well under 10 s on a
 * loaded 2-core machine, and the total count is printed at the end.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { assessAgents } from '../../src/assessment/assess.js';
import { loadPlan, safeLoadPlan } from '../../src/assessment/load.js';
import { ndjsonLines } from '../../src/batch/ndjson.js';
import { scoreUnit } from '../../src/batch/record.js';
import { RubricVersions } from '../../src/batch/versions.js';
import { generateEvaluations } from '../../src/generate/generate.js';
import { computeKpis } from '../../src/kpis/compute.js';
import { loadRubric, safeLoadRubric } from '../../src/rubric/load.js';
import { safeScoreCall } from '../../src/scoring/score.js';
import { validMetrics } from '../support/assessment.js';
import { bundled, counter, expectOnlyTyped, expectPrototypeUntouched, expectSafeResult, hostileString, hostileValue, mutated, SEED } from './mutate.js';

const RUBRIC_FILES = ['callcenter-qc-7.zh-CN.json', 'print-phone-service.zh-CN.json', 'qc-10-items.zh-CN.json', 'us-eu-contact-centre.en.json'];
const rubricDocs = RUBRIC_FILES.map(bundled);
const planDocs = ['monthly-assessment.zh-CN.json', 'monthly-assessment.us-eu.en.json'].map(bundled);
const rubrics = rubricDocs.map((d) => loadRubric(d));
const plans = planDocs.map((d) => loadPlan(d));
/** Valid evaluations of each bundled rubric (with transcripts), the seeds of the evaluation mutations. */
const evaluations = rubrics.map((r) => [...generateEvaluations(r, { agents: 3, calls: 6, seed: 7 })]);
const allEvaluations = evaluations.flat();

/** FUZZ_SCALE multiplies every count (e.g. 0.1 for a quick look, 10 to search harder). */
const SCALE = Number(process.env['FUZZ_SCALE'] ?? 1);

/** Runs a property for `runs` inputs with the suite's seed (plus `salt`, so split cases differ), counting them. */
function check<T>(arb: fc.Arbitrary<T>, runs: number, body: (x: T) => void, salt = 0): void {
  fc.assert(
    fc.property(arb, (x) => {
      counter.inputs++;
      body(x);
      expectPrototypeUntouched();
    }),
    { seed: SEED + salt, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true },
  );
}

const safeOk = expectSafeResult;

/** A value as one NDJSON line, whatever it is (JSON.stringify refuses bigints). */
function jsonLine(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return '{"unserialisable": true}';
  }
}

afterAll(() => {
  console.log(`fuzz: ${counter.inputs} inputs`);
});

describe('fuzz: rubrics', () => {
  it('mutated bundled rubrics → safeLoadRubric', () => {
    check(mutated(rubricDocs), 800, (doc) => safeOk(safeLoadRubric(doc)));
  });
  it('mutated bundled rubrics (second seed) → safeLoadRubric', () => {
    check(mutated(rubricDocs), 800, (doc) => safeOk(safeLoadRubric(doc)), 1);
  });
  it('any value at all → safeLoadRubric, safeLoadPlan', () => {
    check(fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 4 })), 8000, (v) => {
      safeOk(safeLoadRubric(v));
      safeOk(safeLoadPlan(v));
    });
  });
});

describe('fuzz: plans', () => {
  for (const part of [1, 2]) {
    it(`mutated bundled plans → safeLoadPlan (part ${part} of 2)`, () => {
      check(mutated(planDocs), 2500, (doc) => safeOk(safeLoadPlan(doc)), part);
    });
  }
});

describe('fuzz: evaluations', () => {
  // The bulk runs on the 10-item form (fast to score); the seven-section form, with transcripts and
  // phrase matching, and every other bundled rubric get their share.
  const qc10 = RUBRIC_FILES.indexOf('qc-10-items.zh-CN.json');
  for (const part of [1, 2, 3]) {
    it(`mutated evaluations of the 10-item form → safeScoreCall (part ${part} of 3)`, () => {
      check(mutated(evaluations[qc10]!), 15_000, (ev) => safeOk(safeScoreCall(rubrics[qc10]!, ev)), part);
    });
  }
  it('mutated evaluations with transcripts of the seven-section form → safeScoreCall', () => {
    check(mutated(evaluations[0]!), 5000, (ev) => safeOk(safeScoreCall(rubrics[0]!, ev)));
  });
  it('mutated evaluations of any bundled rubric → safeScoreCall on any bundled rubric', () => {
    const arb = fc.tuple(fc.integer({ min: 0, max: rubrics.length - 1 }), mutated(allEvaluations));
    check(arb, 3000, ([ri, ev]) => safeOk(safeScoreCall(rubrics[ri]!, ev)));
  });
  it('any value at all → safeScoreCall', () => {
    check(fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 4 })), 14_000, (v) => safeOk(safeScoreCall(rubrics[qc10]!, v)));
  });
});

describe('fuzz: the batch record reader', () => {
  const versions = new RubricVersions([rubrics[0]!]);
  const line = fc.oneof(mutated(evaluations[0]!).map(jsonLine), hostileString, fc.string({ unit: 'binary', maxLength: 200 }));
  it('NDJSON: lines of mutated evaluations and junk → ndjsonLines → scoreUnit, one record per line', () => {
    check(fc.array(line, { minLength: 1, maxLength: 4 }), 3000, (lines) => {
      const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n');
      const units = ndjsonLines(text, 1);
      counter.inputs += units.length - 1;
      for (const u of units) {
        const r = scoreUnit(versions, u);
        expect(r.line).toBe(u.line);
        if (!r.ok) safeOk({ success: false, issues: r.issues });
      }
    });
  });
  it('CSV: rows with hostile cells → scoreUnit', () => {
    // A full, valid row: the first generated evaluation of the seven-section form, answers as cells.
    const ev0 = [...generateEvaluations(rubrics[0]!, { agents: 1, calls: 1, seed: 3, transcripts: false })][0]!;
    const base: Record<string, string> = { id: String(ev0.id), agentId: ev0.agentId, date: ev0.date };
    for (const [k, v] of Object.entries(ev0.answers)) base[k] = v === null ? 'NA' : String(typeof v === 'object' ? v.value : v);
    expect(scoreUnit(versions, { line: 2, row: base }).ok).toBe(true);
    const columns = fc.constantFrom(...Object.keys(base), 'attr.channel', 'transcript', '__proto__', 'constructor', 'bogus');
    const cell = fc.oneof(hostileString, fc.constantFrom('1e20', '-1e20', '9007199254740993', 'NaN', 'Infinity', '0.30000000000000004', '1e-7', 'NA', '是', '否', 'true', '[]', '{}'));
    const row = fc.array(fc.tuple(columns, cell), { maxLength: 6 }).map((edits) => {
      const r: Record<string, string> = { ...base };
      for (const [k, v] of edits) Object.defineProperty(r, k, { value: v, enumerable: true, writable: true, configurable: true });
      return r;
    });
    check(row, 12_000, (r) => {
      const res = scoreUnit(versions, { line: 2, row: r });
      if (!res.ok) safeOk({ success: false, issues: res.issues });
    });
  });
});

describe('fuzz: KPIs and assessments (throwing forms: CallqaError only)', () => {
  const raw = {
    offered: 120, answered: 110, abandoned: 10, serviceLevelSeconds: 20, answeredWithinThreshold: 90, handled: 110,
    talkSeconds: 33_000, afterCallWorkSeconds: 6_600, resolvedFirstContact: 80, resolutionEligible: 100,
  };
  it('mutated raw KPI data → computeKpis', () => {
    check(mutated([raw]), 1000, (r) => expectOnlyTyped(() => computeKpis(r as never)));
  });
  const assessInput = {
    period: '2026-10', timeZone: 'Asia/Shanghai',
    calls: [1, 2, 3].map((d) => ({ id: `c${d}`, agentId: 'A001', date: `2026-10-0${d}`, score: 80 + d })),
    metrics: { A001: validMetrics(), A002: validMetrics() },
    team: { A001: 'T1', A002: 'T1' },
  };
  it('mutated assessment input → assessAgents on the seed plan', () => {
    // Every input must give a result or an AssessmentError.
    const arb = mutated([assessInput]);
    check(arb, 2000, (i) => expectOnlyTyped(() => assessAgents(plans[0]!, i as never)));
  });
  // Found by this fuzz: assessAgents(plan, null) threw "TypeError: Cannot read properties of null".
  it('assessAgents(plan, null | undefined | array) throws an AssessmentError, not a TypeError', () => {
    for (const input of [null, undefined, [], 7]) {
      expect(() => assessAgents(plans[0]!, input as never)).toThrow(expect.objectContaining({ name: 'AssessmentError' }));
    }
  });
});
