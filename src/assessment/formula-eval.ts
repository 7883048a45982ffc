/**
 * Runs a checked formula: the syntax tree (already limited by formula.ts to
 * constants, metric names, + - * / ^ mod, comparisons, and/or/not/xor,
 * `c ? a : b` and the whitelisted functions) is turned once into nested
 * closures over exact big fractions (bigint numerator and denominator), so
 * intermediate values never overflow and the result is converted to a
 * {@link Ratio} once, at the end.
 *
 * Truthiness is one rule: a value is true when it is not zero. Comparisons and
 * logic give 1 (true) or 0 (false), so `(fcr > 80) * 5`, `fcr ? 1 : 0`,
 * `not fcr` and `fcr and exam` all evaluate. mathjs only parses: it never
 * evaluates a formula, so no mathjs type rule (a Fraction as a condition,
 * Fraction against BigNumber) can fail at evaluation. What can still fail is a
 * value: division or mod by zero, sqrt of a negative number, a computed
 * round-digits argument out of range, a result too large to hold as a Ratio.
 */
import type { MathNode } from 'mathjs';
import { bigFraction, roundedUnits, type BigFraction } from '../exact/big.js';
import { ArithmeticOverflowError, Ratio } from '../exact/rational.js';

/** An exact fraction n/d with d > 0, reduced. */
export type Big = BigFraction;

const big = bigFraction;

const ZERO = big(0n);
const ONE = big(1n);
const bool = (b: boolean): Big => (b ? ONE : ZERO);
const truthy = (x: Big): boolean => x.n !== 0n;
const add = (a: Big, b: Big): Big => big(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Big, b: Big): Big => big(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Big, b: Big): Big => big(a.n * b.n, a.d * b.d);
const div = (a: Big, b: Big): Big => big(a.n * b.d, a.d * b.n);
const cmp = (a: Big, b: Big): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
/** ⌊n/d⌋ (d > 0). */
const floorDiv = (n: bigint, d: bigint): bigint => (n >= 0n ? n / d : -((-n + d - 1n) / d));

/**
 * The exact fraction of a Ratio.
 *
 * @example
 * ```ts
 * fromRatio(Ratio.of(3, 4)); // { n: 3n, d: 4n }
 * ```
 */
export function fromRatio(r: Ratio): Big {
  return { n: BigInt(r.n), d: BigInt(r.d) };
}

/**
 * The Ratio of an exact fraction; throws {@link ArithmeticOverflowError} when
 * either part is beyond the safe-integer range.
 *
 * @example
 * ```ts
 * toRatio({ n: 3n, d: 4n }).toString(); // '3/4'
 * ```
 */
export function toRatio(x: Big): Ratio {
  const n = Number(x.n);
  const d = Number(x.d);
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) throw new ArithmeticOverflowError('the formula’s result');
  return Ratio.of(n, d);
}

/** x rounded half away from zero to `digits` decimals, exactly. */
function roundHalfUp(x: Big, digits: number): Big {
  const q = roundedUnits(x.n, x.d, digits, 'half-up');
  return big(x.n < 0n ? -q : q, 10n ** BigInt(digits));
}

/** The largest digits argument of round (a literal one is checked at load). */
export const MAX_ROUND_DIGITS = 10;

const extreme = (xs: Big[], want: number): Big => xs.reduce((m, x) => (cmp(x, m) === want ? x : m));

/** The whitelisted functions, over exact fractions. formula.ts checks arities at load. */
const FUNCTIONS: Readonly<Record<string, (xs: Big[]) => Big>> = {
  min: (xs) => extreme(xs, -1),
  max: (xs) => extreme(xs, 1),
  abs: ([x]) => (x!.n < 0n ? big(-x!.n, x!.d) : x!),
  sign: ([x]) => big(x!.n > 0n ? 1n : x!.n < 0n ? -1n : 0n),
  round: ([x, digits]) => {
    const d = digits === undefined ? 0 : Number(digits.n) / Number(digits.d);
    if (!Number.isInteger(d) || d < 0 || d > MAX_ROUND_DIGITS) {
      throw new RangeError(`round: digits must be a whole number from 0 to ${MAX_ROUND_DIGITS}, not ${d}`);
    }
    return roundHalfUp(x!, d);
  },
  // x − y·⌊x/y⌋ (mathjs's sign convention); mathjs would give x for x mod 0, a formula fails like x / 0.
  mod: ([x, y]) => {
    if (y!.n === 0n) throw new RangeError('mod by zero');
    const q = div(x!, y!);
    return sub(x!, mul(y!, big(floorDiv(q.n, q.d))));
  },
  floor: ([x]) => big(floorDiv(x!.n, x!.d)),
  ceil: ([x]) => big(-floorDiv(-x!.n, x!.d)),
  sqrt: ([x]) => {
    if (x!.n < 0n) throw new RangeError('sqrt of a negative number');
    const r = toRatio(x!);
    const n = Math.round(Math.sqrt(r.n));
    const d = Math.round(Math.sqrt(r.d));
    // Exact for perfect squares; otherwise the nearest 9-decimal value.
    if (n * n === r.n && d * d === r.d) return big(BigInt(n), BigInt(d));
    return fromRatio(Ratio.from(Math.sqrt(r.toNumber()).toFixed(9)));
  },
  mean: (xs) => div(xs.reduce(add), big(BigInt(xs.length))),
  median: (xs) => {
    const s = [...xs].sort(cmp);
    const mid = s.length >> 1;
    return s.length % 2 === 1 ? s[mid]! : div(add(s[mid - 1]!, s[mid]!), big(2n));
  },
  clamp: ([x, lo, hi]) => extreme([extreme([x!, lo!], 1), hi!], -1),
};

/** Binary and unary operators by mathjs function name. `and`/`or` are lazy below. */
const OPS: Readonly<Record<string, (a: Big, b: Big) => Big>> = {
  add,
  subtract: sub,
  multiply: mul,
  divide: div,
  mod: (a, b) => FUNCTIONS.mod!([a, b]),
  equal: (a, b) => bool(cmp(a, b) === 0),
  unequal: (a, b) => bool(cmp(a, b) !== 0),
  smaller: (a, b) => bool(cmp(a, b) < 0),
  smallerEq: (a, b) => bool(cmp(a, b) <= 0),
  larger: (a, b) => bool(cmp(a, b) > 0),
  largerEq: (a, b) => bool(cmp(a, b) >= 0),
  xor: (a, b) => bool(truthy(a) !== truthy(b)),
};

/** The value of a ConstantNode: mathjs (Fraction mode) gives Fractions with bigint parts, or booleans. */
function constant(v: unknown): Big {
  if (typeof v === 'boolean') return bool(v);
  const f = v as { s: bigint; n: bigint; d: bigint };
  return big(f.s * f.n, f.d);
}

/** A compiled node: its value in a scope of metric values. */
export type Evaluator = (scope: ReadonlyMap<string, Big>) => Big;

/** An integer power by repeated multiplication (formula.ts bounds the exponent to ±8). */
function power(base: Big, k: number): Big {
  let r = ONE;
  for (let i = 0; i < Math.abs(k); i++) r = mul(r, base);
  return k < 0 ? div(ONE, r) : r;
}

/**
 * Compiles a tree that formula.ts has checked into an evaluator over exact
 * fractions. Throws on a node outside the whitelist (formula.ts never passes one).
 *
 * @example
 * ```ts
 * const f = compileTree(parse('fcr ? 1 : 0'));
 * f(new Map([['fcr', { n: 0n, d: 1n }]])); // { n: 0n, d: 1n }
 * ```
 */
export function compileTree(node: MathNode): Evaluator {
  const n = node as MathNode & Record<string, any>;
  switch (node.type) {
    case 'ConstantNode': {
      const v = constant(n.value);
      return () => v;
    }
    case 'SymbolNode': {
      const name = String(n.name);
      return (scope) => {
        const v = scope.get(name);
        if (v === undefined) throw new TypeError(`no value for ${name}`);
        return v;
      };
    }
    case 'ParenthesisNode':
      return compileTree(n.content);
    case 'ConditionalNode': {
      const [c, t, f] = [compileTree(n.condition), compileTree(n.trueExpr), compileTree(n.falseExpr)];
      return (s) => (truthy(c(s)) ? t(s) : f(s));
    }
    case 'FunctionNode': {
      const fn = FUNCTIONS[String(n.fn.name)]!;
      const args = (n.args as MathNode[]).map(compileTree);
      return (s) => fn(args.map((a) => a(s)));
    }
    case 'OperatorNode':
      return operator(String(n.fn), (n.args as MathNode[]).map(compileTree), n.args as MathNode[]);
    default:
      throw new TypeError(`${node.type} is not a formula node`);
  }
}

function operator(fn: string, args: Evaluator[], nodes: MathNode[]): Evaluator {
  const [a, b] = args as [Evaluator, Evaluator];
  switch (fn) {
    case 'unaryMinus':
      return (s) => sub(ZERO, a(s));
    case 'unaryPlus':
      return a;
    case 'not':
      return (s) => bool(!truthy(a(s)));
    case 'and':
      return (s) => bool(truthy(a(s)) && truthy(b(s)));
    case 'or':
      return (s) => bool(truthy(a(s)) || truthy(b(s)));
    case 'pow': {
      // formula.ts admits only a literal whole exponent in [−8, 8].
      const k = toRatio(compileTree(nodes[1]!)(new Map())).toNumber();
      return (s) => power(a(s), k);
    }
    default: {
      const op = OPS[fn];
      if (!op) throw new TypeError(`the operator ${fn} is not a formula operator`);
      return (s) => op(a(s), b(s));
    }
  }
}
