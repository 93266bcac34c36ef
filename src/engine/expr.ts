/**
 * Time-varying lever settings: a number, or a mathjs expression of the step `t` and of the
 * previous recorded step's system metrics (by their expression symbols, e.g. `ictAdoption`).
 * Expressions are checked completely when the scenario is validated and evaluated once per
 * step, never per agent.
 *
 * The check, in order: size (characters) and nesting of parentheses, before parsing (a deep
 * nesting would overflow the parser's stack); the parse; every node against explicit lists:
 * node types (no assignment, property or index access, function definitions, arrays,
 * strings), operators (no postfix `!` or `'`, no unit conversion `to`/`in`, no bit
 * operations) and functions with their number of arguments; the depth of the tree; last, a
 * compile and an evaluation on sample values of every symbol. Every allowed operator and
 * function is total on numbers (none throws, whatever the values), so an expression that
 * passes cannot fail while a run is under way; a result that is not a finite number counts
 * as 0. An expression reaches nothing but `t` and the metrics.
 */
// The number-only build of mathjs: the same parser and functions on plain numbers, and half
// the load time of the full build. Still ~0.5 s, so the engine's run loop does not import this
// module: it registers its compiler and checker with leverSetting.ts when loaded
// (docs/performance.md).
import { parse, type MathNode } from 'mathjs/number';
import { msgExpr } from '../messages.js';
import { compileSetting, setExprChecker, setExprCompiler, type CompiledExpr } from './leverSetting.js';

export type { CompiledExpr };

/** Allowed functions and their number of arguments [min, max]. round(x, n) and factorial throw on some numbers: left out. */
export const EXPR_FUNCTION_ARITY = {
  min: [1, 32],
  max: [1, 32],
  abs: [1, 1],
  sqrt: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  floor: [1, 1],
  ceil: [1, 1],
  round: [1, 1],
  pow: [2, 2],
  sin: [1, 1],
  cos: [1, 1],
} as const satisfies Record<string, readonly [number, number]>;
export const EXPR_FUNCTIONS = Object.keys(EXPR_FUNCTION_ARITY) as (keyof typeof EXPR_FUNCTION_ARITY)[];

/** Allowed operators: mathjs's function name -> how it is written. */
export const EXPR_OPERATORS: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  mod: '% mod',
  unaryMinus: '-x',
  unaryPlus: '+x',
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
};

export const EXPR_LIMITS = {
  /** Characters of one expression: the longest useful ones are about 100. */
  length: 1000,
  /** Nesting of parentheses (the parser recurses about 20 frames a level). */
  nesting: 32,
  /** Depth of the parsed tree (operators, calls, conditionals). */
  depth: 256,
} as const;

const ALLOWED_NODES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'FunctionNode', 'ConditionalNode']);

/** Values every symbol takes in the evaluation check: zero, one, a fraction, a large and a negative number. */
const SAMPLE_VALUES = [0, 1, 0.5, 1e6, -3];

/** Check an expression; returns a problem description, or null when it is acceptable. */
export function checkExpr(source: string, symbols: ReadonlySet<string>): string | null {
  if (source.length > EXPR_LIMITS.length) return msgExpr.tooLong(source.length, EXPR_LIMITS.length);
  const nesting = maxNesting(source);
  if (nesting > EXPR_LIMITS.nesting) return msgExpr.tooNested(nesting, EXPR_LIMITS.nesting);
  let node: MathNode;
  try {
    node = parse(source);
  } catch (e) {
    return msgExpr.syntax((e as Error).message);
  }
  const problem = nodeProblem(node, symbols);
  if (problem) return problem;
  return evaluationProblem(source, symbols);
}

/** Deepest nesting of ( [ { in the text, found without parsing. */
function maxNesting(source: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of source) {
    if (ch === '(' || ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return max;
}

interface Visit {
  node: MathNode;
  depth: number;
  /** The node is the name of a called function. */
  callee: boolean;
}

/** The first node that is not allowed; an explicit stack, so a deep tree cannot overflow. */
function nodeProblem(root: MathNode, symbols: ReadonlySet<string>): string | null {
  const stack: Visit[] = [{ node: root, depth: 1, callee: false }];
  while (stack.length > 0) {
    const { node: n, depth, callee } = stack.pop()!;
    if (depth > EXPR_LIMITS.depth) return msgExpr.tooDeep(EXPR_LIMITS.depth);
    const any = n as unknown as { type: string; value?: unknown; fn?: unknown; name?: string; args?: MathNode[]; content?: MathNode; condition?: MathNode; trueExpr?: MathNode; falseExpr?: MathNode };
    if (!ALLOWED_NODES.has(any.type)) return msgExpr.notAllowed(n.toString(), Object.values(EXPR_OPERATORS).join(' '), EXPR_FUNCTIONS.join(', '));
    const push = (child: MathNode | undefined, isCallee = false) => {
      if (child) stack.push({ node: child, depth: depth + 1, callee: isCallee });
    };
    switch (any.type) {
      case 'ConstantNode':
        if (typeof any.value !== 'number' && typeof any.value !== 'boolean') return msgExpr.notANumber(n.toString());
        break;
      case 'SymbolNode':
        if (!callee && !symbols.has(any.name!)) return msgExpr.unknownSymbol(any.name!);
        break;
      case 'OperatorNode': {
        const fn = any.fn as string;
        if (!Object.hasOwn(EXPR_OPERATORS, fn)) return msgExpr.badOperator((n as unknown as { op: string }).op, fn, Object.values(EXPR_OPERATORS).join(' '));
        any.args?.forEach((a) => push(a));
        break;
      }
      case 'FunctionNode': {
        const fn = any.fn as MathNode;
        const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
        if (!Object.hasOwn(EXPR_FUNCTION_ARITY, name)) return msgExpr.unknownFunction(fn.toString(), EXPR_FUNCTIONS.join(', '));
        const [lo, hi] = EXPR_FUNCTION_ARITY[name as keyof typeof EXPR_FUNCTION_ARITY];
        const count = any.args?.length ?? 0;
        if (count < lo || count > hi) return msgExpr.arity(name, count, lo, hi);
        push(fn, true);
        any.args?.forEach((a) => push(a));
        break;
      }
      case 'ParenthesisNode':
        push(any.content);
        break;
      case 'ConditionalNode':
        push(any.condition);
        push(any.trueExpr);
        push(any.falseExpr);
        break;
    }
  }
  return null;
}

/** Compiles and evaluates on sample scopes; the problem if any evaluation throws or gives a non-number. */
function evaluationProblem(source: string, symbols: ReadonlySet<string>): string | null {
  let code: { evaluate(scope: Record<string, number>): unknown };
  try {
    code = parse(source).compile();
  } catch (e) {
    return msgExpr.cannotCompile((e as Error).message);
  }
  for (const v of SAMPLE_VALUES) {
    // A plain object: mathjs refuses a null-prototype scope. The keys are the engine's symbols.
    const scope: Record<string, number> = {};
    for (const s of symbols) scope[s] = v;
    try {
      const out = code.evaluate(scope);
      if (typeof out !== 'number' && typeof out !== 'boolean') return msgExpr.notNumeric(typeof out);
    } catch (e) {
      return msgExpr.cannotEvaluate(v, (e as Error).message);
    }
  }
  return null;
}

/** Compile a checked expression (or wrap a number). */
export function compileExpr(value: number | string): CompiledExpr {
  if (typeof value === 'number') return compileSetting(value);
  const code = parse(value).compile();
  return {
    source: value,
    evaluate(scope) {
      let v: unknown;
      try {
        v = code.evaluate({ ...scope });
      } catch (e) {
        // Not reachable for a checked expression (every allowed function is total); named, should it happen.
        throw new Error(msgExpr.failedInRun(value, scope.t ?? NaN, (e as Error).message));
      }
      const num = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
      return Number.isFinite(num) ? num : 0;
    },
  };
}

setExprCompiler(compileExpr);
setExprChecker(checkExpr);
