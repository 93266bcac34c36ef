/**
 * Cumulative distribution and quantile functions of the normal and Student t laws, from
 * stdlib-js (well-tested, browser-safe); test/experiments/stats.test.ts pins a few values.
 */
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';

export function normalCdf(z: number): number {
  return normalCdfImpl(z, 0, 1);
}

export function normalQuantile(p: number): number {
  return normalQuantileImpl(p, 0, 1);
}

/** P(T <= t) for Student's t with `df` degrees of freedom (df may be fractional: Welch). */
export function tCdf(t: number, df: number): number {
  return tCdfImpl(t, df);
}

/** The p-quantile of Student's t. */
export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df);
}
