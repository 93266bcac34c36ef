/**
 * A lever's budget or intensity, compiled once per run: a number stays a number, an
 * expression goes through the parser of expr.ts. That parser (mathjs, about 0.5 s to import)
 * is not imported here: expr.ts registers it when it is loaded, which the scenario loaders do
 * when a scenario has expressions, and engine/simulate.ts always. A sweep worker imports engine/simulation.ts, which reaches only this
 * module, and loads expr.ts only for a batch that has expressions (src/sweep/worker.ts), so
 * the common sweep of numeric settings never pays for the parser (docs/performance.md).
 */
import type { Policy } from '../scenario/schema.js';

export interface CompiledExpr {
  source: string;
  evaluate(scope: Record<string, number>): number;
}

type ExprCompiler = (source: string) => CompiledExpr;
type ExprChecker = (source: string, symbols: ReadonlySet<string>) => string | null;

let compiler: ExprCompiler | undefined;
let checker: ExprChecker | undefined;

/** Called by expr.ts when it loads. */
export function setExprChecker(check: ExprChecker): void {
  checker = check;
}

/**
 * Check an expression with the registered parser (expr.ts): a problem, or null. Whoever
 * validates a scenario with expressions loads expr.ts first (io/scenario-file.ts,
 * sweep/load.ts); a missing parser is a bug, not an expression that passes.
 */
export function checkSetting(source: string, symbols: ReadonlySet<string>): string | null {
  if (!checker) throw new Error(`checking the lever expression '${source}' needs the expression parser: import engine/expr.js first`);
  return checker(source, symbols);
}

/** Called by expr.ts when it loads. */
export function setExprCompiler(compile: ExprCompiler): void {
  compiler = compile;
}

/** Compile a validated setting: a number as it is, an expression with the registered parser. */
export function compileSetting(value: number | string): CompiledExpr {
  if (typeof value === 'number') return { source: String(value), evaluate: () => value };
  if (!compiler) throw new Error(`the lever expression '${value}' needs the expression parser: import engine/expr.js (or engine/simulate.js) before running`);
  return compiler(value);
}

/** Whether any lever setting of these policies is an expression (not a plain number). */
export function hasExpressions(policies: readonly Pick<Policy, 'budget' | 'intensity'>[]): boolean {
  return policies.some((p) => typeof p.budget === 'string' || typeof p.intensity === 'string');
}
