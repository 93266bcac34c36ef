/**
 * Time-varying lever settings: a number, or a mathjs expression of the step `t` and of the
 * previous recorded step's system metrics (by their expression symbols, e.g. `ictAdoption`).
 * Expressions are parsed and checked when the scenario loads and evaluated once per step,
 * never per agent. Only arithmetic, comparisons, conditionals and a short list of math
 * functions are allowed: no assignment, no property or index access, no function
 * definitions, so an expression reaches nothing but `t` and the metrics.
 */
// The number-only build of mathjs: the same parser and functions on plain numbers, and half
// the load time of the full build. Still ~0.5 s, so the engine's run loop does not import this
// module: it registers its compiler with leverSetting.ts when loaded (docs/performance.md).
import { parse, type MathNode } from 'mathjs/number';
import { compileSetting, setExprCompiler, type CompiledExpr } from './leverSetting.js';

export type { CompiledExpr };

export const EXPR_FUNCTIONS = ['min', 'max', 'abs', 'sqrt', 'exp', 'log', 'floor', 'ceil', 'round', 'pow', 'sin', 'cos'] as const;

const ALLOWED_NODES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'FunctionNode', 'ConditionalNode']);

/** Check an expression; returns a problem description, or null when it is acceptable. */
export function checkExpr(source: string, symbols: ReadonlySet<string>): string | null {
  let node: MathNode;
  try {
    node = parse(source);
  } catch (e) {
    return `syntax error: ${(e as Error).message}`;
  }
  let problem: string | null = null;
  node.traverse((n, path, parent) => {
    if (problem) return;
    if (!ALLOWED_NODES.has(n.type)) {
      problem = `'${n.toString()}' is not allowed (only arithmetic, comparisons, ?: and ${EXPR_FUNCTIONS.join(', ')})`;
      return;
    }
    if (n.type === 'ConstantNode') {
      const v = (n as unknown as { value: unknown }).value;
      if (typeof v !== 'number' && typeof v !== 'boolean') problem = `'${n.toString()}' is not allowed: constants must be numbers (or true/false)`;
      return;
    }
    if (n.type === 'FunctionNode') {
      const fn = (n as unknown as { fn: MathNode }).fn;
      const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
      if (!(EXPR_FUNCTIONS as readonly string[]).includes(name)) problem = `unknown function '${fn.toString()}'; allowed: ${EXPR_FUNCTIONS.join(', ')}`;
      return;
    }
    if (n.type === 'SymbolNode') {
      const isCallee = parent?.type === 'FunctionNode' && path === 'fn';
      const name = (n as unknown as { name: string }).name;
      if (!isCallee && !symbols.has(name)) problem = `unknown symbol '${name}'; allowed: t and the metric symbols listed in docs/levers.md`;
    }
  });
  return problem;
}

/** Compile a checked expression (or wrap a number). */
export function compileExpr(value: number | string): CompiledExpr {
  if (typeof value === 'number') return compileSetting(value);
  const code = parse(value).compile();
  return {
    source: value,
    evaluate(scope) {
      const v = code.evaluate({ ...scope });
      const num = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
      return Number.isFinite(num) ? num : 0;
    },
  };
}

setExprCompiler(compileExpr);
