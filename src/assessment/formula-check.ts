/**
 * What a formula may contain, checked on its syntax tree before anything is
 * compiled: the whitelisted functions with their arities, the operators, the
 * reserved names, numeric literals that are safe exact decimals, at most
 * {@link MAX_NODES} parts and a bounded total exponent. Every node outside
 * the whitelist is an issue at the expression's path.
 */
import type { MathNode } from 'mathjs';
import type { Issue, PathSegment } from '../issues/issues.js';
import { MAX_ROUND_DIGITS } from './formula-eval.js';
import type { PlanIssueCode } from './issue-codes.js';

/** mathjs Fraction values as the library hands them out (Fraction.js, bigint parts). */
interface Frac {
  readonly s: bigint;
  readonly n: bigint;
  readonly d: bigint;
}

/** A mathjs Fraction constant as a number (literals are checked to be safe before this is trusted). */
const fracNumber = (f: Frac): number => Number(f.s * f.n) / Number(f.d);

/**
 * The functions a formula may call, with their arities.
 *
 * @example
 * ```ts
 * Object.keys(FORMULA_FUNCTIONS); // ['min', 'max', 'abs', …]
 * ```
 */
export const FORMULA_FUNCTIONS: Readonly<Record<string, { readonly min: number; readonly max: number }>> = {
  min: { min: 1, max: 64 },
  max: { min: 1, max: 64 },
  abs: { min: 1, max: 1 },
  sign: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  floor: { min: 1, max: 1 },
  ceil: { min: 1, max: 1 },
  sqrt: { min: 1, max: 1 },
  mean: { min: 1, max: 64 },
  median: { min: 1, max: 64 },
  clamp: { min: 3, max: 3 },
};


/** Operators by mathjs function name: arithmetic, comparison, logic. `^` is checked separately. */
const OPERATORS = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'unaryMinus',
  'unaryPlus',
  'pow',
  'mod',
  'equal',
  'unequal',
  'smaller',
  'smallerEq',
  'larger',
  'largerEq',
  'and',
  'or',
  'xor',
  'not',
]);

/**
 * Names a metric may not take: formula keywords and whitelisted functions.
 *
 * @example
 * ```ts
 * RESERVED_NAMES.has('max'); // true
 * ```
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(FORMULA_FUNCTIONS),
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
  'true',
  'false',
  'null',
  'undefined',
  'Infinity',
  'NaN',
  'pi',
  'e',
  'i',
  '__proto__',
  'constructor',
  'prototype',
]);

const MAX_NODES = 500;
const MAX_EXPONENT = 8;
/** Significant digits a literal may have: more than a double holds exactly. */
const MAX_SIGNIFICANT_DIGITS = 15;

function describeNode(node: MathNode): string {
  return node.type.replace(/Node$/, '').toLowerCase();
}

/** A literal's significant digits, from its exact decimal value (`1.50` → 2, `1200` → 2). */
function significantDigits(f: Frac): number {
  let k = 0n;
  let scale = 1n;
  // A decimal literal's denominator divides some 10^k; stop if it is not a decimal.
  while (f.d !== 0n && scale % f.d !== 0n && k < 400n) {
    scale *= 10n;
    k++;
  }
  let m = (f.n * scale) / f.d;
  if (m === 0n) return 1;
  while (m % 10n === 0n) m /= 10n;
  return m.toString().length;
}

/** Unwraps parentheses and one unary minus around a numeric literal: its value, or NaN. */
function literalValue(node: MathNode | undefined): number {
  let e = node;
  while (e?.type === 'ParenthesisNode') e = (e as unknown as { content: MathNode }).content;
  let sign = 1;
  if (e?.type === 'OperatorNode' && (e as unknown as { fn: string }).fn === 'unaryMinus') {
    sign = -1;
    e = (e as unknown as { args: MathNode[] }).args[0];
  }
  while (e?.type === 'ParenthesisNode') e = (e as unknown as { content: MathNode }).content;
  if (e?.type !== 'ConstantNode') return NaN;
  const v = (e as unknown as { value: unknown }).value;
  if (typeof v === 'boolean') return NaN;
  return Number(typeof v === 'object' && v !== null ? fracNumber(v as Frac) : v) * sign;
}

/**
 * The largest total exponent anywhere in the tree: nested powers multiply,
 * (x^8)^8 is x^64, and other operators and functions pass their largest
 * argument's exponent on, since (x^2 + 1)^5 is as large as x^10. Sums and
 * products only add sizes, bounded by the node count, so they take the max.
 */
function totalExponent(node: MathNode, onTooLarge: (total: number) => void): number {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ParenthesisNode':
      return totalExponent(n.content as MathNode, onTooLarge);
    case 'OperatorNode': {
      const args = n.args as MathNode[];
      if (n.fn === 'pow') {
        const base = totalExponent(args[0]!, onTooLarge);
        const total = base * Math.max(1, Math.abs(literalValue(args[1])));
        if (total > MAX_EXPONENT && base <= MAX_EXPONENT) onTooLarge(total);
        return total;
      }
      return Math.max(1, ...args.map((a) => totalExponent(a, onTooLarge)));
    }
    case 'FunctionNode':
      return Math.max(1, ...(n.args as MathNode[]).map((a) => totalExponent(a, onTooLarge)));
    case 'ConditionalNode':
      return Math.max(
        totalExponent(n.condition as MathNode, onTooLarge),
        totalExponent(n.trueExpr as MathNode, onTooLarge),
        totalExponent(n.falseExpr as MathNode, onTooLarge),
      );
    default:
      return 1;
  }
}

/**
 * The issues of a parsed formula (none: it may be compiled); the metric names
 * it reads are added to `used`.
 *
 * @example
 * ```ts
 * checkTree(parse('exam / 20'), new Set(['exam']), ['expression'], used); // [] and used = {'exam'}
 * ```
 */
// Longer than 80 lines on purpose: one switch over every mathjs node type, each case the whitelist
// rule for that node, so that what a formula may contain is read in one place.
export function checkTree(root: MathNode, allowed: ReadonlySet<string>, path: readonly PathSegment[], used: Set<string>): Issue<PlanIssueCode>[] {
  const issues: Issue<PlanIssueCode>[] = [];
  const bad = (code: PlanIssueCode, message: string): void => {
    issues.push({ code, path: [...path], message });
  };
  let count = 0;
  const visit = (node: MathNode, parent: MathNode | null): void => {
    if (++count > MAX_NODES) {
      if (count === MAX_NODES + 1) bad('formula_too_complex', `the expression has more than ${MAX_NODES} parts`);
      return;
    }
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v === 'string') bad('formula_forbidden', `text constants (${JSON.stringify(v)}) are not allowed; formulas work on numbers`);
        else if (v === null || v === undefined) bad('formula_forbidden', 'null and undefined are not allowed');
        else if (typeof v === 'number' && !Number.isFinite(v)) bad('formula_forbidden', `${v} is not a finite number; formulas work on finite numbers`);
        else if (typeof v === 'object') {
          // Fraction literals: the exact value must survive the safe-integer arithmetic of Ratio.
          const f = v as Frac;
          const digits = significantDigits(f);
          if (digits > MAX_SIGNIFICANT_DIGITS) {
            bad('too_precise', `a number has ${digits} significant digits; at most ${MAX_SIGNIFICANT_DIGITS} are held exactly`);
          } else if (!Number.isSafeInteger(Number(f.n)) || !Number.isSafeInteger(Number(f.d))) {
            bad('too_precise', 'a number is too small or too large to be held exactly');
          }
        }
        return;
      }
      case 'SymbolNode': {
        const name = String(n.name);
        // A symbol directly called as a function is checked by the FunctionNode case.
        if (parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node) return;
        if (!allowed.has(name)) {
          bad('formula_unknown_symbol', `"${name}" is not a declared metric (declared: ${[...allowed].sort().join(', ') || 'none'})`);
        } else used.add(name);
        return;
      }
      case 'ParenthesisNode':
        visit(n.content as MathNode, node);
        return;
      case 'OperatorNode': {
        const fn = String(n.fn);
        const args = n.args as MathNode[];
        // "%" is both mathjs's percentage (100 + 5% = 105) and modulo; only "mod" is listed.
        if (n.isPercentage === true || n.op === '%') {
          bad('formula_forbidden', 'the operator "%" is not allowed; write percentages as / 100 and remainders with mod');
          return;
        }
        if (!OPERATORS.has(fn)) {
          bad('formula_forbidden', `the operator "${String(n.op)}" (${fn}) is not allowed; use + - * / ^ mod, comparisons, and/or/not/xor`);
          return;
        }
        if (fn === 'pow') {
          // Exact powers of huge exponents never finish: only small literal exponents.
          const v = literalValue(args[1]);
          if (!Number.isInteger(v) || Math.abs(v) > MAX_EXPONENT) {
            bad('formula_forbidden', `"^" needs a whole-number literal exponent from -${MAX_EXPONENT} to ${MAX_EXPONENT}; use sqrt for roots`);
            return;
          }
        }
        for (const a of args) visit(a, node);
        return;
      }
      case 'ConditionalNode':
        visit(n.condition as MathNode, node);
        visit(n.trueExpr as MathNode, node);
        visit(n.falseExpr as MathNode, node);
        return;
      case 'FunctionNode': {
        const fnNode = n.fn as MathNode & { name?: string };
        const args = n.args as MathNode[];
        if (fnNode.type !== 'SymbolNode' || typeof fnNode.name !== 'string') {
          bad('formula_forbidden', 'only the whitelisted functions may be called, by name');
          return;
        }
        const arity = FORMULA_FUNCTIONS[fnNode.name];
        if (!arity || !Object.hasOwn(FORMULA_FUNCTIONS, fnNode.name)) {
          bad(
            'formula_forbidden_function',
            `the function "${fnNode.name}" is not allowed; allowed: ${Object.keys(FORMULA_FUNCTIONS).join(', ')}`,
          );
          return;
        }
        if (args.length < arity.min || args.length > arity.max) {
          bad('formula_arity', `${fnNode.name} takes ${arity.min === arity.max ? arity.min : `${arity.min} to ${arity.max}`} arguments, not ${args.length}`);
        }
        if (fnNode.name === 'round' && args.length === 2) {
          // A literal digits argument is checked now; a computed one when it runs.
          const d = literalValue(args[1]);
          const literal = !Number.isNaN(d);
          if (literal && (!Number.isInteger(d) || d < 0 || d > MAX_ROUND_DIGITS)) {
            bad('formula_argument', `round's digits must be a whole number from 0 to ${MAX_ROUND_DIGITS}, not ${d}`);
          }
        }
        for (const a of args) visit(a, node);
        return;
      }
      case 'AccessorNode':
      case 'IndexNode':
        bad('formula_forbidden', 'property and index access (a.b, a[b]) are not allowed');
        return;
      case 'AssignmentNode':
        bad('formula_forbidden', 'assignments (a = …) are not allowed');
        return;
      case 'FunctionAssignmentNode':
        bad('formula_forbidden', 'function definitions (f(x) = …) are not allowed');
        return;
      default:
        bad('formula_forbidden', `${describeNode(node)} expressions are not allowed (only arithmetic, comparisons, conditionals and whitelisted functions)`);
    }
  };
  visit(root, null);
  if (issues.length === 0) {
    totalExponent(root, (total) =>
      bad('formula_forbidden', `nested powers reach a total exponent of ${total}; at most ${MAX_EXPONENT} in all (exact powers grow without bound)`),
    );
  }
  return issues;
}
