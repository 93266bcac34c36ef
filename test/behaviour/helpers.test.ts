/** The statistics the behaviour tests assert with (helpers.ts): known values, and that each assertion can fail. */
import { describe, expect, it } from 'vitest';
import { expectEquivalent, expectMostlyPositive, expectPositiveMean, meanCI, seedCount, signTestP, LONG } from './helpers.js';

describe('behaviour test statistics', () => {
  it('gives the t-based 95 % interval of a mean', () => {
    const c = meanCI([1, 2, 3, 4, 5]);
    // t(0.975, 4) = 2.776445; sd = sqrt(2.5).
    expect(c.mean).toBe(3);
    expect(c.low).toBeCloseTo(3 - 2.776445 * Math.sqrt(2.5 / 5), 5);
    expect(c.high).toBeCloseTo(3 + 2.776445 * Math.sqrt(2.5 / 5), 5);
  });

  it('gives the exact two-sided sign-test P, ignoring ties', () => {
    const d = [...Array(13).fill(1), ...Array(3).fill(-1), 0, 0];
    expect(signTestP(d)).toBeCloseTo((2 * (1 + 16 + 120 + 560)) / 2 ** 16, 15);
    expect(signTestP(Array(16).fill(-0.1))).toBeCloseTo(2 / 2 ** 16, 15);
    expect(signTestP([1, -1, 1, -1])).toBe(1);
  });

  it('fails when the interval reaches 0, the split is not significant or the interval leaves the bounds', () => {
    expect(() => expectPositiveMean([-1, 1, 2], 'd')).toThrow(/d: mean/);
    expect(() => expectPositiveMean([1, 1.1, 0.9], 'd')).not.toThrow();
    expect(() => expectMostlyPositive([...Array(12).fill(1), ...Array(4).fill(-1)], 'd')).toThrow(/12 positive, 4 negative/);
    expect(() => expectMostlyPositive(Array(8).fill(1), 'd')).not.toThrow();
    expect(() => expectEquivalent([0.1, 0.2, 0.15], 0.05, 'd')).toThrow(/bound/);
    expect(() => expectEquivalent([0.01, -0.01, 0.005], 0.05, 'd')).not.toThrow();
  });

  it('runs four times the seeds with CLUSTERSIM_LONG=1', () => {
    expect(seedCount(16)).toBe(process.env.CLUSTERSIM_LONG === '1' ? 64 : 16);
    expect(LONG).toBe(process.env.CLUSTERSIM_LONG === '1');
  });
});
