/**
 * The statistics of the stylised facts (src/experiments/facts/stats.ts) and their
 * measurement on a firm panel (measure.ts), on data with known answers: each test fails if
 * its statistic is computed wrongly. Samples are large and seeded, so the tolerances are
 * several standard errors of the estimate (given with each) and the tests are deterministic.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { excessKurtosis, hillIndex, hillTail, ksNormal, laplaceVsGaussian, lillieforsCritical, olsSlope, pearson, skewness } from '../../src/experiments/facts/stats.js';
import { measurePanel, DEFAULT_MEASURE } from '../../src/experiments/facts/measure.js';
import type { FirmPanel } from '../../src/experiments/facts/panel.js';
import { judge } from '../../src/experiments/facts/facts.js';

const rng = (seed: string) => seedrandom.alea(seed);
/** u in (0, 1), never 0. */
const open01 = (r: () => number) => {
  let u = r();
  while (u === 0) u = r();
  return u;
};
function gaussian(n: number, seed: string): Float64Array {
  const r = rng(seed), out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const a = Math.sqrt(-2 * Math.log(open01(r))), t = 2 * Math.PI * r();
    out[i] = a * Math.cos(t);
    if (i + 1 < n) out[i + 1] = a * Math.sin(t);
  }
  return out;
}
/** Laplace with scale b (variance 2 b^2), by inverting its distribution function. */
function laplace(n: number, b: number, seed: string): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => {
    const u = open01(r) - 0.5;
    return -b * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  });
}
/** Pareto with x_min = 1 and P(X > x) = x^-alpha. */
function pareto(n: number, alpha: number, seed: string): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => open01(r) ** (-1 / alpha));
}
function exponential(n: number, seed: string): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => -Math.log(open01(r)));
}

describe('moments', () => {
  it('match a hand computation', () => {
    // numpy: x = [1, 2, 3, 10]; m2 = 12.5, m3 = 45, m4 = 278.125 (population moments)
    expect(skewness([1, 2, 3, 10])).toBeCloseTo(1.0182338, 6);
    expect(excessKurtosis([1, 2, 3, 10])).toBeCloseTo(-0.7696, 6);
    expect(skewness([1, 1, 1])).toBeNaN();
  });
  it('give 0 and 0 for a Gaussian, 0 and 3 for a Laplace, 2 and 6 for an exponential', () => {
    // n = 400,000: se of the skewness ~ sqrt(6/n) = 0.004, of the Gaussian kurtosis
    // sqrt(24/n) = 0.008; the Laplace's and exponential's kurtosis have larger se (~0.05 and 0.1).
    const g = gaussian(400_000, 'g'), l = laplace(400_000, 0.7, 'l'), e = exponential(400_000, 'e');
    expect(Math.abs(skewness(g))).toBeLessThan(0.02);
    expect(Math.abs(excessKurtosis(g))).toBeLessThan(0.04);
    expect(Math.abs(skewness(l))).toBeLessThan(0.03);
    expect(excessKurtosis(l)).toBeGreaterThan(2.8);
    expect(excessKurtosis(l)).toBeLessThan(3.2);
    expect(skewness(e)).toBeGreaterThan(1.9);
    expect(skewness(e)).toBeLessThan(2.1);
    expect(excessKurtosis(e)).toBeGreaterThan(5.5);
    expect(excessKurtosis(e)).toBeLessThan(6.5);
  });
});

describe('Hill index', () => {
  it('matches a hand computation', () => {
    // k = 2 of [8, 4, 2, 1]: threshold 2; mean(ln 4, ln 2) = 1.5 ln 2; alpha = 1 / (1.5 ln 2)
    expect(hillIndex([1, 8, 2, 4], 2)).toBeCloseTo(1 / (1.5 * Math.LN2), 10);
    expect(hillIndex([1, 2], 2)).toBeNaN();
  });
  it.each([1.06, 1.5, 2.5])('recovers alpha = %s of a Pareto sample', (alpha) => {
    // top 5 % of 100,000: k = 5,000, se = alpha / sqrt(k) = 0.015-0.035; a Pareto sample has no Hill bias.
    const x = pareto(100_000, alpha, `p${alpha}`);
    expect(hillTail(x, 0.05)).toBeGreaterThan(alpha - 0.1);
    expect(hillTail(x, 0.05)).toBeLessThan(alpha + 0.1);
  });
  it('is finite and above 2 for a thin-tailed (exponential) sample', () => {
    expect(hillTail(exponential(100_000, 'e2'), 0.05)).toBeGreaterThan(2);
  });
});

describe('Lilliefors distance', () => {
  it('is below the 5 % critical value for a Gaussian sample and far above it for an exponential one', () => {
    expect(ksNormal(gaussian(2_000, 'ks'))).toBeLessThan(lillieforsCritical(2_000));
    // An exponential's distance to its fitted normal is about 0.08-0.1 in large samples.
    expect(ksNormal(exponential(2_000, 'ks-e'))).toBeGreaterThan(2 * lillieforsCritical(2_000));
  });
  it('is exact for a tiny sample', () => {
    // -1, 0, 1: mean 0, sd (n - 1) 1. The gaps: at -1, 1/3 - Phi(-1) = 0.17468 and Phi(-1) - 0;
    // at 0, 2/3 - 1/2 and 1/2 - 1/3; at 1, 1 - Phi(1) and Phi(1) - 2/3 = 0.17468. The largest: 0.17468.
    expect(ksNormal([-1, 0, 1])).toBeCloseTo(1 / 3 - 0.158655254, 6);
  });
});

describe('Laplace against Gaussian likelihood', () => {
  it('tends to ln(pi/2) - 1/2 for Gaussian data and ln(pi)/2 - 1/2 for Laplace data', () => {
    // The per-observation log-likelihoods have sd ~ 0.7-1, so the mean has se ~ 0.002 at n = 200,000.
    expect(laplaceVsGaussian(gaussian(200_000, 'll-g'))).toBeCloseTo(Math.log(Math.PI / 2) - 0.5, 2);
    expect(laplaceVsGaussian(laplace(200_000, 2, 'll-l'))).toBeCloseTo(Math.log(Math.PI) / 2 - 0.5, 2);
  });
});

describe('slope and correlation', () => {
  it('are exact on a line and a reversed line', () => {
    const x = [1, 2, 3, 4, 5];
    const fit = olsSlope(x, x.map((v) => 2 * v + 1));
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
    expect(fit.se).toBeCloseTo(0, 12);
    expect(pearson(x, x.map((v) => -v))).toBeCloseTo(-1, 12);
    // numpy.corrcoef([1,2,3,4,5],[2,1,4,3,5]) = 0.8
    expect(pearson(x, [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });
});

describe('judge', () => {
  it('asks the whole interval to lie within the band', () => {
    expect(judge(1.1, 1.9, 1, 2)).toBe(true);
    expect(judge(0.9, 1.9, 1, 2)).toBe(false);
    expect(judge(1.1, 2.1, 1, null)).toBe(true);
    expect(judge(-0.3, -0.1, null, 0)).toBe(true);
    expect(judge(NaN, 1, null, null)).toBe(false);
  });
});

describe('measurePanel', () => {
  /**
   * Two years of quarters (steps 0..8). Firms alive at step 0: A (age 40 steps = 10 years,
   * 100 employees all along), B (age 1, 1 employee; exits during step 3), C (age 20, 10
   * employees; exits during step 6), D (age 8, 4 -> 8 employees in year 1, then 8).
   * E enters during step 2 (age 0 when first seen) and stays with 2 employees.
   */
  const panel: FirmPanel = {
    seed: 1,
    steps: 8,
    stepsPerYear: 4,
    alive: [4, 4, 5, 4, 4, 4, 3, 3, 3],
    firms: [
      { id: 1, first: 0, ageAtFirst: 40, exit: -1, sizes: Array(9).fill(100), parent: -1 },
      { id: 2, first: 0, ageAtFirst: 1, exit: 3, sizes: [1, 1, 1], parent: -1 },
      { id: 3, first: 0, ageAtFirst: 20, exit: 6, sizes: [10, 10, 10, 10, 10, 10], parent: -1 },
      { id: 4, first: 0, ageAtFirst: 8, exit: -1, sizes: [4, 5, 6, 7, 8, 8, 8, 8, 8], parent: -1 },
      { id: 5, first: 2, ageAtFirst: 0, exit: -1, sizes: [2, 2, 2, 2, 2, 2, 2], parent: -1 },
    ],
  };
  const m = measurePanel(panel, { ...DEFAULT_MEASURE, sizeClasses: 1, varianceBins: 3, ageClasses: [0, 1, 5, 10], youngYears: 1, oldYears: 5 });

  it('counts entry and exit per year over the firms alive at its start', () => {
    // Year 0 (steps 0-4): 4 firms at the start; E entered, B exited. Year 1 (4-8): 4 firms; C exited.
    expect(m.turnover).toEqual([
      { year: 0, entry: 1 / 4, exit: 1 / 4 },
      { year: 1, entry: 0, exit: 1 / 4 },
    ]);
    expect(m.stats.entryRate).toBeCloseTo(1 / 8, 12);
    expect(m.stats.exitRate).toBeCloseTo(1 / 4, 12);
  });

  it('computes the hazard from firm-steps at risk by age', () => {
    // Age classes [0,1), [1,5), [5,10), [10,inf) years. Exposure (steps):
    //   A: steps 1..8 at ages 40..47 -> 8 steps in [10, inf), no exit;
    //   B: steps 1..3 at ages 1..3 -> 3 steps in [0, 1), exit at age 3 steps (< 1 year);
    //   C: steps 1..6 at ages 20..25 -> 6 steps in [5, 10), exit;
    //   D: steps 1..8 at ages 8..15 -> 8 steps in [1, 5);
    //   E: steps 3..8 at ages 0..5 -> 4 steps in [0, 1), 2 in [1, 5).
    const h = m.hazard.map((r) => [r.exposureYears * 4, r.exits]);
    expect(h).toEqual([[7, 1], [10, 0], [6, 1], [8, 0]]);
    expect(m.hazard[0]!.hazard).toBeCloseTo(4 / 7, 12); // per year: 1 exit in 7/4 years
    // young (< 1 year): 1 exit in 7 steps; old (>= 5 years): 1 exit in 14 steps; between: 0 in 10.
    expect(m.stats.hazardRatio).toBeCloseTo(2, 12);
    expect(m.stats.hazardRatioMid).toBeNaN();
  });

  it('compares the young hazard of spin-offs of firms with that of entrants without a parent', () => {
    // Three years of quarters; firms born in the run are first seen at age 1 (step). P (id 10)
    // is an incumbent; id 11, a research institution, is not in the panel (no firm).
    //   spin-offs of P: S1 seen at steps 1-2, exits during 3 (2 steps at risk, 1 exit);
    //                   S2 seen at steps 2-12, at risk at ages 1..10, of which 1..7 are under
    //                   2 years (7 steps);
    //   entrants:       E1 seen at 1-4, exits during 5 (4 steps, 1 exit); E2 seen at 3, exits
    //                   during 4 (1 step, 1 exit);
    //   a spin-off of the research institution (X) and the incumbent are in neither group.
    const spin: FirmPanel = {
      seed: 1,
      steps: 12,
      stepsPerYear: 4,
      alive: Array(13).fill(3),
      firms: [
        { id: 10, first: 0, ageAtFirst: 40, exit: -1, sizes: Array(13).fill(50), parent: -1 },
        { id: 20, first: 1, ageAtFirst: 1, exit: 3, sizes: [1, 1], parent: 10 },
        { id: 21, first: 2, ageAtFirst: 1, exit: -1, sizes: Array(11).fill(2), parent: 10 },
        { id: 30, first: 1, ageAtFirst: 1, exit: 5, sizes: [2, 2, 2, 2], parent: -1 },
        { id: 31, first: 3, ageAtFirst: 1, exit: 4, sizes: [1], parent: -1 },
        { id: 40, first: 2, ageAtFirst: 1, exit: 3, sizes: [1], parent: 11 },
      ],
    };
    const s = measurePanel(spin, { ...DEFAULT_MEASURE, youngYears: 2, oldYears: 5 }).stats;
    expect(s.spinoffs).toBe(2);
    expect(s.entrants).toBe(2);
    expect(s.spinoffHazardYoung).toBeCloseTo((1 * 4) / 9, 12); // 1 exit in 9 steps, per year
    expect(s.entrantHazardYoung).toBeCloseTo((2 * 4) / 5, 12);
    expect(s.spinoffHazardRatio).toBeCloseTo(4 / 9 / 1.6, 12);
    // The panel above: its one entrant (E) never exits, so there is no ratio.
    expect(m.stats.spinoffHazardRatio).toBeNaN();
  });

  it('takes annual growth rates of the firms alive at both ends of a year', () => {
    // Year 0: A 100->100, C 10->10, D 4->8 (B exited; E was not there at step 0). Year 1: A, D 8->8, E 2->2.
    const g = [...m.growth.g].sort((a, b) => a - b);
    expect(g.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(g[5]).toBeCloseTo(Math.log(2), 14);
    expect(g).toHaveLength(6);
  });
});
