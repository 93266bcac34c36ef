/** Sobol indices on the Ishigami function and Morris screening on a function with a known ranking. */
import { describe, expect, it } from 'vitest';
import { morrisTrajectories } from '../../src/experiments/designs/morris.js';
import { saltelliUnit } from '../../src/experiments/designs/saltelli.js';
import { morrisIndices } from '../../src/experiments/sensitivity/morris.js';
import { sobolIndices } from '../../src/experiments/sensitivity/sobol.js';

/** Ishigami & Homma (1990), a = 7, b = 0.1, inputs uniform on [-pi, pi]. */
const ishigami = (u: number[]) => {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
};
// Analytical values (Sobol' & Levitan 1999).
const S1 = [0.3139, 0.4424, 0];
const ST = [0.5576, 0.4424, 0.2437];

describe('sobol indices', () => {
  const est = sobolIndices(saltelliUnit(4096, 3, 11).map(ishigami), 3, { bootstrap: 300, seed: 'test' });
  it('match the Ishigami function within 0.03', () => {
    for (let i = 0; i < 3; i++) {
      expect(est.find((e) => e.parameter === i && e.index === 'S1')!.estimate).toBeCloseTo(S1[i]!, 1);
      expect(Math.abs(est.find((e) => e.parameter === i && e.index === 'S1')!.estimate - S1[i]!)).toBeLessThan(0.03);
      expect(Math.abs(est.find((e) => e.parameter === i && e.index === 'ST')!.estimate - ST[i]!)).toBeLessThan(0.03);
    }
  });
  it('give bootstrap intervals around the estimates that cover the true values', () => {
    for (const e of est) {
      expect(e.ciLow).toBeLessThanOrEqual(e.estimate);
      expect(e.ciHigh).toBeGreaterThanOrEqual(e.estimate);
      const truth = (e.index === 'S1' ? S1 : ST)[e.parameter]!;
      expect(truth).toBeGreaterThan(e.ciLow - 0.02);
      expect(truth).toBeLessThan(e.ciHigh + 0.02);
    }
  });
});

describe('morris', () => {
  // Known ranking x0 > x1 > x2 > x3 (x3 inert); x0 and x1 interact, x2 is linear.
  const f = (x: number[]) => 10 * x[0]! + 5 * x[1]! + 1 * x[2]! + 0 * x[3]! + 4 * x[0]! * x[1]!;
  const layout = morrisTrajectories(20, 4, 4, 5);
  const est = morrisIndices(layout.unit.map(f), layout, 4, { bootstrap: 100 });
  const get = (i: number, index: string) => est.find((e) => e.parameter === i && e.index === index)!.estimate;
  it('ranks the factors by mu*', () => {
    const ranking = [0, 1, 2, 3].sort((a, b) => get(b, 'mu_star') - get(a, 'mu_star'));
    expect(ranking).toEqual([0, 1, 2, 3]);
    expect(get(3, 'mu_star')).toBe(0);
    expect(get(2, 'mu_star')).toBeCloseTo(1, 10);
  });
  it('gives sigma > 0 only to the interacting factors', () => {
    expect(get(0, 'sigma')).toBeGreaterThan(0.5);
    expect(get(1, 'sigma')).toBeGreaterThan(0.5);
    expect(get(2, 'sigma')).toBeCloseTo(0, 10);
  });
});
