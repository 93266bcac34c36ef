/**
 * Two-sample tests across replicates, each with the difference of means and an effect
 * size, both with a confidence interval.
 * - Welch's t-test (unequal variances, Welch-Satterthwaite degrees of freedom; stdlib-js
 *   `ttest2`), with Cohen's d (difference of means over the pooled standard deviation).
 *   The interval of d is the large-sample normal one of Hedges & Olkin (1985), eq. 5.14:
 *   var(d) = (nA + nB) / (nA nB) + d^2 / (2 (nA + nB)).
 * - Mann-Whitney U (two-sided, normal approximation with tie and continuity corrections),
 *   with the rank-biserial correlation r = 2U / (nA nB) - 1 as effect size; its interval
 *   comes from the normal approximation of U (sd of r = 2 sd(U) / (nA nB)), clipped to
 *   [-1, 1]. It assumes nothing about the shape of the distributions: use it for skewed
 *   metrics or outliers.
 * Both report the difference of means B - A with Welch's t interval.
 *
 * When neither sample varies, a difference of means is certain (p = 0, or 1 when the means
 * are equal) and an effect size in units of spread does not exist: it is NaN (an empty
 * cell), never an infinity.
 */
import ttest2 from '@stdlib/stats-ttest2';
import padjust from '@stdlib/stats-padjust';
import ranks from '@stdlib/stats-ranks';
import { normalCdf, normalQuantile, tQuantile } from './distributions.js';
import { mean, variance } from './describe.js';

export type TestName = 'welch' | 'mann-whitney';

export interface TestResult {
  test: TestName;
  statistic: number;
  df: number;
  pValue: number;
  effect: 'cohens_d' | 'rank_biserial';
  effectSize: number;
  effectLow: number;
  effectHigh: number;
  /** mean B - mean A, and its confidence interval (Welch). */
  diff: number;
  diffLow: number;
  diffHigh: number;
  nA: number;
  nB: number;
  meanA: number;
  meanB: number;
}

/** Welch's confidence interval of mean(b) - mean(a); both ends equal the difference when neither varies. */
export function welchInterval(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): { diff: number; low: number; high: number; df: number; se: number } {
  const nA = a.length;
  const nB = b.length;
  const diff = mean(b) - mean(a);
  const vA = variance(a);
  const vB = variance(b);
  const se2 = vA / nA + vB / nB;
  if (!(se2 > 0)) return { diff, low: diff, high: diff, df: nA + nB - 2, se: 0 };
  const df = se2 ** 2 / ((vA / nA) ** 2 / (nA - 1) + (vB / nB) ** 2 / (nB - 1));
  const half = tQuantile(0.5 + level / 2, df) * Math.sqrt(se2);
  return { diff, low: diff - half, high: diff + half, df, se: Math.sqrt(se2) };
}

export function welchTest(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): TestResult {
  const nA = a.length;
  const nB = b.length;
  const vA = variance(a);
  const vB = variance(b);
  const w = welchInterval(a, b, level);
  let t: number;
  let p: number;
  if (w.se === 0) {
    // Neither sample varies: equal means cannot differ, unequal ones differ surely.
    t = w.diff === 0 ? 0 : Math.sign(w.diff) * Infinity;
    p = w.diff === 0 ? 1 : 0;
  } else {
    const r = ttest2(Array.from(b), Array.from(a), { variance: 'unequal', alpha: 1 - level });
    t = r.statistic;
    p = r.pValue;
  }
  const pooled = Math.sqrt(((nA - 1) * vA + (nB - 1) * vB) / (nA + nB - 2));
  const d = pooled > 0 ? w.diff / pooled : NaN;
  const seD = Math.sqrt((nA + nB) / (nA * nB) + (d * d) / (2 * (nA + nB)));
  const z = normalQuantile(0.5 + level / 2);
  return {
    test: 'welch',
    statistic: t,
    df: w.df,
    pValue: p,
    effect: 'cohens_d',
    effectSize: d,
    effectLow: d - z * seD,
    effectHigh: d + z * seD,
    diff: w.diff,
    diffLow: w.low,
    diffHigh: w.high,
    nA,
    nB,
    meanA: mean(a),
    meanB: mean(b),
  };
}

export function mannWhitneyTest(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): TestResult {
  const nA = a.length;
  const nB = b.length;
  const n = nA + nB;
  const all = [...Array.from(a), ...Array.from(b)];
  const r = ranks(all) as number[]; // average ranks for ties
  let rankSumB = 0;
  for (let i = nA; i < n; i++) rankSumB += r[i]!;
  const counts = new Map<number, number>();
  for (const v of all) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t ** 3 - t;
  const uB = rankSumB - (nB * (nB + 1)) / 2;
  const mu = (nA * nB) / 2;
  const sigma = Math.sqrt(((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = sigma === 0 ? 0 : (uB - mu - Math.sign(uB - mu) * 0.5) / sigma;
  const p = sigma === 0 ? 1 : Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  const rb = (2 * uB) / (nA * nB) - 1;
  const half = normalQuantile(0.5 + level / 2) * ((2 * sigma) / (nA * nB));
  const w = welchInterval(a, b, level);
  return {
    test: 'mann-whitney',
    statistic: uB,
    df: NaN,
    pValue: p,
    effect: 'rank_biserial',
    effectSize: rb,
    effectLow: Math.max(-1, rb - half),
    effectHigh: Math.min(1, rb + half),
    diff: w.diff,
    diffLow: w.low,
    diffHigh: w.high,
    nA,
    nB,
    meanA: mean(a),
    meanB: mean(b),
  };
}

/**
 * Holm's step-down adjustment of a family of p-values (controls the family-wise error),
 * stdlib-js `padjust`. NaN p-values stay NaN and do not count in the family.
 */
export function holm(pValues: number[]): number[] {
  const idx = pValues.map((p, i) => (Number.isNaN(p) ? -1 : i)).filter((i) => i >= 0);
  const out = pValues.map(() => NaN);
  if (idx.length === 0) return out;
  const adjusted = padjust(idx.map((i) => pValues[i]!), 'holm');
  idx.forEach((i, k) => (out[i] = adjusted[k]!));
  return out;
}
