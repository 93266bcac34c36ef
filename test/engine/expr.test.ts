/**
 * Lever expressions are checked completely at validation (issue 19): operators and
 * functions from explicit lists, function arity, size and nesting limits, and a compile and
 * evaluation on sample values. Every allowed operator and function is total on numbers, so
 * an expression that passes cannot fail during a run.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs/number';
import { EXPR_FUNCTION_ARITY, EXPR_LIMITS, EXPR_OPERATORS, checkExpr, compileExpr } from '../../src/engine/expr.js';
import { METRIC_SYMBOLS } from '../../src/engine/metrics/index.js';

const check = (src: string) => checkExpr(src, METRIC_SYMBOLS);

describe('checkExpr refuses what would fail in a run', () => {
  const cases: [string, RegExp][] = [
    ['sqrt(t, 2)', /^sqrt\(\) takes 1 argument, found 2$/],
    ['pow(t)', /^pow\(\) takes 2 arguments, found 1$/],
    ['round(t, 2)', /^round\(\) takes 1 argument, found 2$/],
    ['log(t, 2, 3)', /^log\(\) takes 1 to 2 arguments, found 3$/],
    ['max()', /^max\(\) takes 1 to 32 arguments, found 0$/],
    ['t!', /the operator '!' \(factorial\) is not allowed/],
    ["t'", /the operator ''' \(ctranspose\) is not allowed/],
    ['t to t', /the operator 'to' \(to\) is not allowed/],
    ['t in t', /the operator 'in' \(to\) is not allowed/],
    ['t .* 2', /the operator '\.\*' \(dotMultiply\) is not allowed/],
    ['t & 1', /the operator '&' \(bitAnd\) is not allowed/],
    ['~t', /the operator '~' \(bitNot\) is not allowed/],
    ['t << 1', /the operator '<<' \(leftShift\) is not allowed/],
    ['5 cm', /unknown symbol 'cm'/],
  ];
  for (const [src, why] of cases) it(`refuses ${src}`, () => expect(check(src)).toMatch(why));

  it('refuses a 24 KB expression and deep nesting at once, with the limit', () => {
    const t0 = performance.now();
    expect(check(`${'('.repeat(12_000)}t${')'.repeat(12_000)}`)).toBe('too long: 24,001 characters, at most 1,000');
    expect(check(`${'('.repeat(200)}t${')'.repeat(200)}`)).toBe(`parentheses nested 200 deep, at most ${EXPR_LIMITS.nesting}`);
    expect(check(`${'-'.repeat(900)}t`)).toBe(`nested too deeply: more than ${EXPR_LIMITS.depth} levels of operators, calls and conditionals`);
    expect(check(Array.from({ length: 300 }, () => 't').join('+'))).toMatch(/nested too deeply/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('accepts what it documents', () => {
    for (const src of ['50000 * (t >= 20) * (t < 80)', '2t + 1', '50%', 't % 4 == 0 and not (t > 10) or t xor 1', 't > 3 ? min(t, 5) : sqrt(-1)', 'log(t, 10) + round(ictAdoption) - floor(t / 4) * ceil(1.5)', 'max(1, 2, 3, t) ^ 2 + pow(t, 0.5) + abs(-t) + exp(-t) + sin(t) + cos(t) + +t']) {
      expect(check(src), src).toBeNull();
    }
  });
});

describe('every allowed operator and function is total on numbers', () => {
  const values = [0, -0, 1, -1, 0.5, -1.5, 3, 171, 1e9, -1e9, 1e300, Infinity, -Infinity, NaN];
  const forms: string[] = [
    ...Object.entries(EXPR_FUNCTION_ARITY).flatMap(([name, [lo, hi]]) => Array.from({ length: hi - lo + 1 }, (_, k) => `${name}(${['a', 'b', 'a'].concat(Array(32).fill('b')).slice(0, lo + k).join(', ')})`).slice(0, 3)),
    ...Object.keys(EXPR_OPERATORS).map((fn) => {
      const op = { add: 'a + b', subtract: 'a - b', multiply: 'a * b', divide: 'a / b', pow: 'a ^ b', mod: 'a % b', unaryMinus: '-a', unaryPlus: '+a', smaller: 'a < b', smallerEq: 'a <= b', larger: 'a > b', largerEq: 'a >= b', equal: 'a == b', unequal: 'a != b', and: 'a and b', or: 'a or b', xor: 'a xor b', not: 'not a' }[fn];
      if (!op) throw new Error(`no test form for the operator ${fn}`);
      return op;
    }),
    'a ? b : a',
  ];
  it(`${forms.length} forms never throw and always give a number or a boolean`, () => {
    for (const form of forms) {
      const code = parse(form).compile();
      for (const a of values) {
        for (const b of values) {
          const out = code.evaluate({ a, b });
          expect(typeof out === 'number' || typeof out === 'boolean', `${form} with a=${a}, b=${b} gave ${String(out)}`).toBe(true);
        }
      }
    }
  });
  it('a run-time evaluation gives a finite number: non-finite results count as 0', () => {
    expect(compileExpr('1 / t').evaluate({ t: 0 })).toBe(0);
    expect(compileExpr('sqrt(t)').evaluate({ t: -4 })).toBe(0);
    expect(compileExpr('t > 2').evaluate({ t: 3 })).toBe(1);
  });
});
