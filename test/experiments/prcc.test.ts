/** PRCC against a reference computed by residual regression (numpy, scipy), and the reliability warnings. */
import { describe, expect, it } from 'vitest';
import { invert, prcc } from '../../src/experiments/sensitivity/prcc.js';
import { morrisWarnings, sobolWarnings } from '../../src/experiments/sensitivity/warnings.js';

describe('prcc', () => {
  const n = 20;
  const i = Array.from({ length: n }, (_, k) => k);
  const x1 = i.map((k) => ((k * 7) % 20) / 20);
  const x2 = i.map((k) => ((k * 3) % 20) / 20);
  const x3 = i.map((k) => ((k * 11) % 20) / 20);
  const y = i.map((k) => x1[k]! ** 3 + 0.5 * x2[k]! + 0.1 * Math.sin(k));
  it('matches the correlation of rank-regression residuals, with Fisher intervals', () => {
    // numpy: residuals of ranks on the other ranks, scipy.stats.pearsonr; tanh(atanh(r) +- 1.96 / sqrt(n - 3 - 2))
    const ref = [
      [0.8860888689635713, 0.7150102058396878, 0.957041853105364],
      [0.6936180544080504, 0.3353414335947006, 0.8766144865436007],
      [-0.14790707481672408, -0.5750668357639813, 0.3426222238297267],
    ];
    const est = prcc([x1, x2, x3], y);
    est.forEach((e, j) => {
      expect(e.estimate).toBeCloseTo(ref[j]![0]!, 10);
      expect(e.ciLow).toBeCloseTo(ref[j]![1]!, 6);
      expect(e.ciHigh).toBeCloseTo(ref[j]![2]!, 6);
    });
    expect(est[0]!.pValue).toBeLessThan(0.001);
    expect(est[2]!.pValue).toBeGreaterThan(0.3);
  });
  it('gives NaN for an input that does not vary, and ignores samples with no output', () => {
    const est = prcc([x1, i.map(() => 3)], y.map((v, k) => (k === 4 ? NaN : v)));
    expect(est[1]!.estimate).toBeNaN();
    expect(est[0]!.estimate).toBeGreaterThan(0.8);
  });
  it('inverts a matrix, and refuses a singular one', () => {
    const inv = invert([[2, 1], [1, 3]])!;
    expect(inv[0]![0]).toBeCloseTo(0.6, 12);
    expect(inv[0]![1]).toBeCloseTo(-0.2, 12);
    expect(invert([[1, 2], [2, 4]])).toBeUndefined();
  });
});

describe('sensitivity warnings', () => {
  const est = (index: 'S1' | 'ST' | 'mu_star', values: [number, number, number][]) => values.map(([estimate, ciLow, ciHigh], parameter) => ({ parameter, index, estimate, ciLow, ciHigh }));
  it('flag Sobol indices negative beyond their interval or summing far above 1, and suggest a sample size', () => {
    const bad = [...est('S1', [[-0.17, -0.3, -0.05], [0.3, 0.1, 0.5]]), ...est('ST', [[1.2, 0.5, 1.9], [0.9, 0.4, 1.3]])];
    const w = sobolWarnings('knowledge.mean', bad, ['a', 'b'], 64);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/negative indices beyond their interval \(S1 of a = -0\.17\)/);
    expect(w[0]).toMatch(/total indices sum to 2\.10, far above 1/);
    expect(w[0]).toMatch(/About samples: 4096 \(now 64\)/); // width 1.4 -> 64 (1.4 / 0.2)^2 = 3136 -> 4096
    const good = [...est('S1', [[0.6, 0.55, 0.65], [0.3, 0.25, 0.35]]), ...est('ST', [[0.65, 0.6, 0.7], [0.35, 0.3, 0.4]])];
    expect(sobolWarnings('knowledge.mean', good, ['a', 'b'], 64)).toEqual([]);
  });
  it('flag Morris mu* whose intervals are wide against the estimate', () => {
    expect(morrisWarnings('ict.mean', est('mu_star', [[1, 0.1, 2.5], [0.5, 0.4, 0.6]]), ['a', 'b'], 10)[0]).toMatch(/interval of a is 2\.4 times its estimate\. About trajectories: 231 \(now 10\)/);
    expect(morrisWarnings('ict.mean', est('mu_star', [[1, 0.9, 1.1], [0.5, 0.4, 0.6]]), ['a', 'b'], 10)).toEqual([]);
  });
});
