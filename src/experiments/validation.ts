/**
 * Statistics for validating a simulation experiment (docs/validation.md): how long the
 * warm-up must be, how many replicates an outcome needs, and whether a paired difference
 * keeps its sign. Pure functions on plain arrays; no Node modules (runs in a browser).
 */
import { mean, sd } from './stats/describe.js';
import { tQuantile } from './stats/distributions.js';

/**
 * MSER-5 (White 1997; White, Cobb & Spratt 2000): the series is cut into batches of
 * `batch` steps (a trailing remainder is dropped), and the truncation point is the number
 * of leading batches d that minimises MSER(d) = sum_{i>d} (Y_i - mean_{>d})^2 / (m - d)^2
 * over the m batch means Y_i. d is searched in the first half of the batches only, as the
 * statistic is unstable when few batches remain. Returns the warm-up in steps (d * batch)
 * and the statistic at the optimum.
 */
export function mserWarmup(y: readonly number[], batch = 5): { warmup: number; statistic: number; batches: number } {
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`mserWarmup: batch must be a whole number >= 1, found ${batch}`);
  const m = Math.floor(y.length / batch);
  if (m < 4) return { warmup: NaN, statistic: NaN, batches: m };
  const means: number[] = [];
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < batch; j++) s += y[i * batch + j]!;
    means.push(s / batch);
  }
  let best = 0;
  let bestStat = Infinity;
  for (let d = 0; d <= Math.floor(m / 2); d++) {
    const rest = means.slice(d);
    const mu = mean(rest);
    let ss = 0;
    for (const v of rest) ss += (v - mu) ** 2;
    const stat = ss / (rest.length * rest.length);
    if (stat < bestStat) {
      bestStat = stat;
      best = d;
    }
  }
  return { warmup: best * batch, statistic: bestStat, batches: m };
}

export interface SettleOptions {
  /** Steps of the trailing rolling mean (default 50). */
  window?: number;
  /** Steps at the end of the series whose mean is the steady-state reference (default 200). */
  reference?: number;
  /** Allowed relative distance of the rolling mean from the reference (default 0.05). */
  band?: number;
}

/**
 * The first step t (an index into y, i.e. the step number when y starts at step 0) from
 * which the trailing rolling mean of `window` steps stays within ±band of the mean of the
 * last `reference` steps for every later step. null when even the last rolling mean lies
 * outside the band (the series has not settled), or the series is shorter than
 * window + reference.
 */
export function settleStep(y: readonly number[], opts: SettleOptions = {}): { step: number | null; reference: number } {
  const window = opts.window ?? 50;
  const reference = opts.reference ?? 200;
  const band = opts.band ?? 0.05;
  const n = y.length;
  if (n < window + reference) return { step: null, reference: NaN };
  const ref = mean(y.slice(n - reference));
  const tol = band * Math.abs(ref);
  let sum = 0;
  const roll: number[] = new Array<number>(n).fill(NaN);
  for (let t = 0; t < n; t++) {
    sum += y[t]!;
    if (t >= window) sum -= y[t - window]!;
    if (t >= window - 1) roll[t] = sum / window;
  }
  let step: number | null = null;
  for (let t = n - 1; t >= window - 1; t--) {
    if (Math.abs(roll[t]! - ref) <= tol) step = t;
    else break;
  }
  return { step, reference: ref };
}

/**
 * Replicates needed so that the 95 % (or `z`) confidence interval of the mean is within
 * ±rel of the mean: n = (z s / (rel |mean|))^2, rounded up (Lee et al. 2015 on the number
 * of runs of an agent-based model). Infinity when the mean is 0.
 */
export function replicatesNeeded(values: readonly number[], rel = 0.05, z = 1.96): { n: number; mean: number; sd: number; cv: number; needed: number; halfWidthNow: number } {
  const n = values.length;
  const mu = mean(values);
  const s = n > 1 ? sd(values) : NaN;
  const needed = mu === 0 ? Infinity : Math.max(1, Math.ceil(((z * s) / (rel * Math.abs(mu))) ** 2));
  const halfWidthNow = n > 1 ? (tQuantile(0.975, n - 1) * s) / Math.sqrt(n) / Math.abs(mu) : NaN;
  return { n, mean: mu, sd: s, cv: s / Math.abs(mu), needed, halfWidthNow };
}

/**
 * A paired difference b - a over replicates run with the same seeds: its mean, the t-based
 * 95 % interval and the verdict: +1 when the interval lies above 0, -1 below, 0 when it
 * includes 0 (the sign is not resolved at this number of replicates).
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): { n: number; diff: number; ciLow: number; ciHigh: number; sign: -1 | 0 | 1 } {
  if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} values against ${b.length}`);
  const d = a.map((v, i) => b[i]! - v);
  const n = d.length;
  const mu = mean(d);
  const half = n > 1 ? (tQuantile(0.975, n - 1) * sd(d)) / Math.sqrt(n) : NaN;
  const ciLow = mu - half;
  const ciHigh = mu + half;
  const sign = ciLow > 0 ? 1 : ciHigh < 0 ? -1 : 0;
  return { n, diff: mu, ciLow, ciHigh, sign };
}

/**
 * The dynamics check's drift statistic on y[from..to] (both ends included, steps of 1): the
 * least-squares slope times the window (to - from), over the window's mean. Signed; the
 * check judges its absolute value (docs/validation.md, "Drift of single runs").
 */
export function relativeDrift(y: readonly number[], from: number, to: number): number {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to < y.length && to - from >= 2)) {
    throw new Error(`relativeDrift: window ${from}..${to} must lie in 0..${y.length - 1} and hold at least 3 steps`);
  }
  const n = to - from + 1, mx = (from + to) / 2;
  let my = 0;
  for (let t = from; t <= to; t++) my += y[t]!;
  my /= n;
  let sxy = 0, sxx = 0;
  for (let t = from; t <= to; t++) { sxy += (t - mx) * (y[t]! - my); sxx += (t - mx) * (t - mx); }
  return ((sxy / sxx) * (to - from)) / Math.abs(my);
}

/**
 * Sample autocorrelation r(0..maxLag) of a series, averaged over several series of one
 * stationary process: each series centred on its own mean, lagged products and variances
 * pooled over all series (so short runs count for what they hold).
 */
export function pooledAutocorrelation(series: readonly (readonly number[])[], maxLag: number): number[] {
  const num = new Array<number>(maxLag + 1).fill(0);
  let den = 0;
  for (const y of series) {
    const n = y.length, m = mean(y);
    for (let t = 0; t < n; t++) den += (y[t]! - m) ** 2 / n;
    for (let L = 0; L <= maxLag && L < n; L++) {
      let s = 0;
      for (let t = 0; t + L < n; t++) s += (y[t]! - m) * (y[t + L]! - m);
      num[L]! += s / n;
    }
  }
  return num.map((v) => (den > 0 ? v / den : NaN));
}

/**
 * The autocorrelation cut at its first negative value (Geyer's initial positive sequence,
 * simplified to single lags: what follows is noise and is set to 0).
 */
export function truncatedAutocorrelation(r: readonly number[]): number[] {
  const out = r.map(() => 0);
  for (let L = 0; L < r.length; L++) {
    if (!(r[L]! > 0)) break;
    out[L] = r[L]!;
  }
  return out;
}

/** Integrated autocorrelation time 1 + 2 sum_{L >= 1} r(L) of a truncated autocorrelation. */
export function integratedTime(r: readonly number[]): number {
  let s = 1;
  for (let L = 1; L < r.length; L++) s += 2 * r[L]!;
  return s;
}

/**
 * Standard deviation of relativeDrift over a window of `window` steps for a stationary
 * process whose coefficient of variation is `cv` and whose autocorrelation is r (lags beyond
 * r.length - 1 taken as 0): the exact variance of a least-squares slope of correlated data,
 * Var(b) = sigma^2 sum_s sum_t w_s w_t r(|s - t|), w_t = (t - mean t) / S_xx, times the
 * window over the mean. What the drift statistic shows when nothing trends.
 */
export function stationaryDriftSd(r: readonly number[], cv: number, window: number): number {
  const n = window + 1, mx = window / 2;
  let sxx = 0;
  for (let t = 0; t < n; t++) sxx += (t - mx) ** 2;
  const w = Array.from({ length: n }, (_, t) => (t - mx) / sxx);
  let v = 0;
  for (let s = 0; s < n; s++) {
    v += w[s]! * w[s]! * r[0]!;
    for (let L = 1; L < r.length && s + L < n; L++) v += 2 * w[s]! * w[s + L]! * r[L]!;
  }
  return cv * window * Math.sqrt(Math.max(0, v));
}
