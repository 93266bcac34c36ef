/**
 * Statistics of the stylised facts of industrial dynamics (docs/model/stylised-facts.md),
 * each a plain function of an array, tested on samples with known answers
 * (test/experiments/facts-stats.test.ts):
 *   - moment skewness and excess kurtosis (the population moments g1 and g2: a Gaussian
 *     has 0 and 0, a Laplace 0 and 3, an exponential 2 and 6);
 *   - the Hill estimator of a Pareto tail index from the k largest values (Hill 1975);
 *   - the Kolmogorov-Smirnov distance to the normal law with mean and sd estimated from the
 *     sample (Lilliefors' statistic);
 *   - the mean log-likelihood ratio of a Laplace against a Gaussian, both fitted by maximum
 *     likelihood (Laplace: the median and the mean absolute deviation from it);
 *   - least-squares slope and Pearson's correlation.
 * Means, variances and t intervals come from ../stats/describe.ts; the normal law from
 * ../stats/distributions.ts (stdlib-js). Logarithms from the engine's math.ts, so results
 * are the same bits in every JavaScript engine.
 */
import { mean } from '../stats/describe.js';
import { normalCdf } from '../stats/distributions.js';
import { log } from '../../engine/math.js';

/** Central moments 2, 3 and 4 (divided by n). */
function moments(xs: ArrayLike<number>): { m2: number; m3: number; m4: number } {
  const m = mean(xs);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = xs.length;
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/** Moment skewness g1 = m3 / m2^1.5; NaN below three values or with no spread. */
export function skewness(xs: ArrayLike<number>): number {
  if (xs.length < 3) return NaN;
  const { m2, m3 } = moments(xs);
  return m2 > 0 ? m3 / (m2 * Math.sqrt(m2)) : NaN;
}

/** Excess kurtosis g2 = m4 / m2^2 - 3 (Gaussian 0, Laplace 3); NaN below four values or with no spread. */
export function excessKurtosis(xs: ArrayLike<number>): number {
  if (xs.length < 4) return NaN;
  const { m2, m4 } = moments(xs);
  return m2 > 0 ? m4 / (m2 * m2) - 3 : NaN;
}

/**
 * Hill's estimate of the tail index alpha of P(X > x) ~ x^-alpha from the k largest of the
 * positive values: 1 / (mean of ln X_(i) over the k largest - ln X_(k+1)). NaN when fewer
 * than k + 1 values or when the threshold X_(k+1) is not positive.
 */
export function hillIndex(xs: ArrayLike<number>, k: number): number {
  const sorted = Float64Array.from(xs).sort().reverse();
  if (k < 1 || sorted.length < k + 1 || !(sorted[k]! > 0)) return NaN;
  const lnThreshold = log(sorted[k]!);
  let s = 0;
  for (let i = 0; i < k; i++) s += log(sorted[i]!) - lnThreshold;
  return s > 0 ? k / s : NaN;
}

/** Hill's estimate on the top `share` of the values (k = floor(share n), at least 2). */
export function hillTail(xs: ArrayLike<number>, share: number): number {
  return hillIndex(xs, Math.max(2, Math.floor(share * xs.length)));
}

/**
 * Kolmogorov-Smirnov distance sup |F_n(x) - Phi((x - mean) / sd)| of the sample to the normal
 * law fitted to it (Lilliefors' statistic; its 5 % critical value is about 0.886 / sqrt(n)
 * for n > 30, Lilliefors 1967).
 */
export function ksNormal(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 3) return NaN;
  const m = mean(xs);
  const { m2 } = moments(xs);
  const s = Math.sqrt((m2 * n) / (n - 1));
  if (!(s > 0)) return NaN;
  const sorted = Float64Array.from(xs).sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = normalCdf((sorted[i]! - m) / s);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** The 5 % critical value of Lilliefors' test for n values (large-sample form, Lilliefors 1967). */
export function lillieforsCritical(n: number): number {
  return 0.886 / Math.sqrt(n);
}

const LN_2PI = 1.8378770664093453;
const LN_2 = 0.6931471805599453;

/**
 * Mean log-likelihood per observation of the Laplace fitted by maximum likelihood
 * (location = median, scale b = mean |x - median|) minus that of the fitted Gaussian:
 *   ll_L = -ln(2 b) - 1,  ll_G = -ln(2 pi sigma^2) / 2 - 1 / 2  (sigma^2 = m2).
 * Positive when the Laplace fits better. In large samples it tends to ln(pi / 2) - 1/2 =
 * -0.0484 for Gaussian data and to ln(pi) / 2 - 1/2 = +0.0724 for Laplace data.
 */
export function laplaceVsGaussian(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const sorted = Float64Array.from(xs).sort();
  const med = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  let b = 0;
  for (let i = 0; i < n; i++) b += Math.abs(sorted[i]! - med);
  b /= n;
  const { m2 } = moments(xs);
  if (!(b > 0) || !(m2 > 0)) return NaN;
  const llLaplace = -(LN_2 + log(b)) - 1;
  const llGauss = -(LN_2PI + log(m2)) / 2 - 0.5;
  return llLaplace - llGauss;
}

/** Least-squares slope of y on x, with its standard error; NaN below three points or with no spread in x. */
export function olsSlope(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number; se: number } {
  const n = x.length;
  if (n < 3 || y.length !== n) return { slope: NaN, intercept: NaN, se: NaN };
  const mx = mean(x), my = mean(y);
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  if (!(sxx > 0)) return { slope: NaN, intercept: NaN, se: NaN };
  const slope = sxy / sxx, intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i]! - intercept - slope * x[i]!) ** 2;
  return { slope, intercept, se: Math.sqrt(rss / (n - 2) / sxx) };
}

/** Pearson's correlation; NaN with fewer than three pairs or no spread. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 3 || y.length !== n) return NaN;
  const mx = mean(x), my = mean(y);
  let sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx, dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
