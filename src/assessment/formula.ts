/**
 * Formula components: a mathjs expression parsed once, when the plan loads
 * (in Fraction mode, so that the literal 0.1 is exactly 1/10), its syntax tree
 * walked and everything outside a small whitelist refused with an issue at the
 * expression's path (formula-check.ts), then compiled by formula-eval.ts into closures over exact
 * fractions that see only the declared metrics. mathjs never evaluates.
 */
import type { MathJsInstance, MathNode } from 'mathjs';
import type { Ratio } from '../exact/rational.js';
import { compileTree, fromRatio, toRatio, type Big } from './formula-eval.js';
import { checkTree } from './formula-check.js';
import type { Issue, PathSegment } from '../issues/issues.js';
import type { PlanIssueCode } from './issue-codes.js';

export { FORMULA_FUNCTIONS, RESERVED_NAMES } from './formula-check.js';

/** What formulas need of mathjs (its parser): the module as `import * as mathjs from 'mathjs'` gives it. */
export type MathjsModule = Pick<typeof import('mathjs'), 'create' | 'all'>;

let provided: MathjsModule | (() => MathjsModule) | undefined;
let parser: MathJsInstance['parse'] | undefined;

/**
 * Enables formula components by giving callqa the mathjs module (or a function
 * that returns it, called on the first formula). callqa uses only mathjs's parser
 * (formula-eval.ts evaluates the checked tree), and the pure core does not import
 * mathjs itself: it is ~170 KB gzip in a browser bundle and ~80 MB and seconds to
 * load in Node, which every plan without a formula would pay. `callqa/node` (and
 * so the CLI) provides it, loading it on the first formula.
 *
 * @example
 * ```ts
 * import * as mathjs from 'mathjs';
 * import { provideMathjs, loadPlan } from 'callqa';
 * provideMathjs(mathjs);
 * loadPlan(planWithAFormula);
 * ```
 */
export function provideMathjs(mathjs: MathjsModule | (() => MathjsModule)): void {
  if (parser === undefined) provided = mathjs;
}

/** mathjs's parser in Fraction mode (the literal 0.1 is exactly 1/10), or undefined when none was provided. */
function fractionParser(): MathJsInstance['parse'] | undefined {
  if (!parser && provided !== undefined) {
    const m = typeof provided === 'function' ? provided() : provided;
    parser = m.create(m.all!, { number: 'Fraction' }).parse;
  }
  return parser;
}

/**
 * A compiled formula: evaluate it with the metric values in a Map.
 *
 * @example
 * ```ts
 * const f = compileFormula('min(exam / 20, 5)', new Set(['exam']), ['expression']);
 * if ('evaluate' in f) f.evaluate(new Map([['exam', Ratio.of(93)]])).toString(); // '93/20'
 * ```
 */
export interface CompiledFormula {
  /** The expression as written. */
  readonly expression: string;
  /** The metric names the expression reads. */
  readonly symbols: ReadonlySet<string>;
  /** Evaluates exactly; throws RangeError/TypeError on division by zero or a non-number. */
  evaluate(values: ReadonlyMap<string, Ratio>): Ratio;
}

/**
 * Parses, checks and compiles a formula once. Returns the issues (with `path`)
 * when the expression does not parse or uses anything outside the whitelist:
 * arithmetic (+ - * / mod, ^ with a small literal exponent), comparisons,
 * and/or/not/xor, `c ? a : b`, numeric constants, the declared metric names,
 * and {@link FORMULA_FUNCTIONS}.
 *
 * @example
 * ```ts
 * compileFormula('import({}, {})', new Set(), ['components', 3, 'expression']);
 * // [{ code: 'formula_forbidden_function', path: ['components', 3, 'expression'], message: 'the function "import" is not allowed; …' }]
 * ```
 */
export function compileFormula(
  expression: string,
  metrics: ReadonlySet<string>,
  path: readonly PathSegment[],
): CompiledFormula | Issue<PlanIssueCode>[] {
  const parse = fractionParser();
  if (parse === undefined) {
    return [
      {
        code: 'formula_needs_mathjs',
        path: [...path],
        message: "formula components need mathjs: call provideMathjs(mathjs) once (import * as mathjs from 'mathjs'), or import from 'callqa/node', which provides it",
      },
    ];
  }
  let root: MathNode;
  try {
    root = parse(expression);
  } catch (e) {
    return [{ code: 'formula_syntax', path: [...path], message: `the expression does not parse: ${(e as Error).message}` }];
  }
  const used = new Set<string>();
  const issues = checkTree(root, metrics, path, used);
  if (issues.length > 0) return issues;
  const run = compileTree(root);
  return {
    expression,
    symbols: used,
    evaluate(values: ReadonlyMap<string, Ratio>): Ratio {
      const scope = new Map<string, Big>();
      for (const name of used) {
        const v = values.get(name);
        if (v === undefined) throw new TypeError(`no value for ${name}`);
        scope.set(name, fromRatio(v));
      }
      return toRatio(run(scope));
    },
  };
}
