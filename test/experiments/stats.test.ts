/** Descriptive statistics, t distribution, Welch and Mann-Whitney tests, Holm. */
import { describe, expect, it } from 'vitest';
import { describeValues, quantileSorted } from '../../src/experiments/stats/describe.js';
import { tCdf, tQuantile } from '../../src/experiments/stats/distributions.js';
import { holm, mannWhitneyTest, welchTest } from '../../src/experiments/stats/tests.js';

describe('distributions', () => {
  it('t quantiles match tables', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764, 3);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0423, 3);
    expect(tCdf(2.0423, 30)).toBeCloseTo(0.975, 4);
    // scipy.stats.t.ppf(0.975, 7.5): a fractional df, as Welch's test gives
    expect(tQuantile(0.975, 7.5)).toBeCloseTo(2.333040, 5);
  });
});

describe('describe', () => {
  it('computes mean, sd, a t interval and type-7 quantiles', () => {
    const d = describeValues([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(d.n).toBe(8);
    expect(d.mean).toBe(5);
    expect(d.sd).toBeCloseTo(2.13809, 4);
    expect(d.ciHigh - d.mean).toBeCloseTo(2.3646 * (2.13809 / Math.sqrt(8)), 3);
    expect(d.q50).toBe(4.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
  });
  it('drops NaN and leaves sd and the interval empty below two values', () => {
    const d = describeValues([NaN, 3]);
    expect(d.n).toBe(1);
    expect(d.mean).toBe(3);
    expect(d.sd).toBeNaN();
    expect(d.ciLow).toBeNaN();
  });
});

describe('tests', () => {
  it("Welch's t matches a reference computation", () => {
    // scipy.stats.ttest_ind(b, a, equal_var=False): t = 2.225512, df = 24.524635, p = 0.035485
    const a = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
    const b = [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 23.9, 13.3];
    const r = welchTest(a, b);
    expect(r.statistic).toBeCloseTo(2.225512, 5); // B - A
    expect(r.df).toBeCloseTo(24.524635, 5);
    expect(r.pValue).toBeCloseTo(0.035485, 5);
    // ... its confidence_interval(0.95) of mean(b) - mean(a): [0.163541, 4.276459]
    expect(r.diff).toBeCloseTo(2.22, 9);
    expect(r.diffLow).toBeCloseTo(0.163541, 5);
    expect(r.diffHigh).toBeCloseTo(4.276459, 5);
    expect(r.effectSize).toBeGreaterThan(0);
    expect(r.effectLow).toBeLessThan(r.effectSize);
    expect(r.effectHigh).toBeGreaterThan(r.effectSize);
  });
  it('gives no infinite effect size when neither sample varies', () => {
    const r = welchTest([2, 2, 2], [3, 3, 3]);
    expect(r.pValue).toBe(0);
    expect(r.diff).toBe(1);
    expect([r.diffLow, r.diffHigh]).toEqual([1, 1]);
    expect(r.effectSize).toBeNaN();
    expect(r.effectLow).toBeNaN();
    const same = welchTest([2, 2], [2, 2]);
    expect(same.pValue).toBe(1);
  });
  it('Mann-Whitney matches a reference computation', () => {
    // scipy.stats.mannwhitneyu(b, a, method='asymptotic', use_continuity=True): U = 144.5, p = 0.052794
    const a = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
    const b = [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 23.9, 13.3];
    const r = mannWhitneyTest(a, b);
    expect(r.statistic).toBe(144.5);
    expect(r.pValue).toBeCloseTo(0.052794, 5);
    expect(r.effectSize).toBeCloseTo((2 * 144.5) / 200 - 1, 12);
    expect(r.effectLow).toBeLessThan(r.effectSize);
  });
  it('Mann-Whitney separates shifted samples and not identical ones', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const shifted = mannWhitneyTest(a, a.map((x) => x + 10));
    expect(shifted.pValue).toBeLessThan(0.01);
    expect(shifted.effectSize).toBe(1);
    const same = mannWhitneyTest(a, a);
    expect(same.pValue).toBeGreaterThan(0.9);
    expect(same.effectSize).toBe(0);
  });
  it('Holm adjusts step-down and keeps order', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(holm([0.01, NaN, 0.03])).toEqual([0.02, NaN, 0.03]);
  });
});
