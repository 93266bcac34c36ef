/**
 * Descriptive statistics across replicates: mean, standard deviation (n - 1), a t-based
 * confidence interval for the mean, and quantiles by linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of R and numpy).
 */
import { tQuantile } from './distributions.js';

export interface Description {
  n: number;
  mean: number;
  sd: number;
  ciLow: number;
  ciHigh: number;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length > 0 ? s / xs.length : NaN;
}

/** Sample variance (n - 1 in the denominator); NaN below two values. */
export function variance(xs: ArrayLike<number>): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) ** 2;
  return s / (xs.length - 1);
}

export function sd(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/** Type-7 quantile of already sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Half-width of the t confidence interval of the mean. */
export function ciHalfWidth(sdValue: number, n: number, level = 0.95): number {
  if (n < 2) return NaN;
  return tQuantile(0.5 + level / 2, n - 1) * (sdValue / Math.sqrt(n));
}

/** All summary statistics of the finite values in `xs` (NaN values are dropped). */
export function describeValues(xs: ArrayLike<number>, level = 0.95): Description {
  const vals = Float64Array.from(Array.from(xs).filter((x) => !Number.isNaN(x)));
  const n = vals.length;
  const m = mean(vals);
  const s = sd(vals);
  const half = ciHalfWidth(s, n, level);
  const sorted = vals.slice().sort();
  return {
    n,
    mean: m,
    sd: s,
    ciLow: m - half,
    ciHigh: m + half,
    q05: quantileSorted(sorted, 0.05),
    q25: quantileSorted(sorted, 0.25),
    q50: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    q95: quantileSorted(sorted, 0.95),
  };
}
