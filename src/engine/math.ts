/**
 * The elementary functions the engine uses, with the same bits on every JavaScript engine.
 *
 * `Math.log`, `Math.exp`, `Math.pow`, `Math.sin` and `Math.cos` are each engine's own code
 * and may differ in the last bit: on 200,000 arguments, Node 20's V8 and Chromium 156's V8
 * disagree on 5-6% of the values of log, exp and pow and 2% of sin and cos. One differing
 * bit in a knowledge entropy or a firm's position grows into a different run, so the same
 * scenario and seed would give other numbers in the browser explorer than in the CLI (or
 * in another Node version). These are stdlib's pure-JavaScript ports of FreeBSD's msun
 * (fdlibm): only IEEE-754 arithmetic, which every engine rounds alike. (ln and exp give
 * exactly Node 20's Math.log and Math.exp.) Operations JavaScript specifies exactly
 * (+ - * /, Math.sqrt, floor, ceil, round, abs, min, max) need no replacement.
 *
 * Use these, never the Math ones, in src/engine (test/engine/browser-safe.test.ts checks).
 */
import ln from '@stdlib/math-base-special-ln';
import exp from '@stdlib/math-base-special-exp';
import pow from '@stdlib/math-base-special-pow';
import sin from '@stdlib/math-base-special-sin';
import cos from '@stdlib/math-base-special-cos';

export { ln as log, exp, pow, sin, cos };
