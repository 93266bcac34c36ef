/**
 * Two-sample tests across replicates.
 * - Welch's t-test (unequal variances, Welch-Satterthwaite degrees of freedom), with
 *   Cohen's d (difference of means over the pooled standard deviation) as effect size.
 * - Mann-Whitney U (two-sided, normal approximation with tie correction and continuity
 *   correction), with the rank-biserial correlation as effect size. It assumes nothing
 *   about the shape of the distributions; use it for skewed metrics or few replicates
 *   with outliers.
 */
import { normalCdf, tCdf } from './distributions.js';
import { mean, variance } from './describe.js';

export type TestName = 'welch' | 'mann-whitney';

export interface TestResult {
  test: TestName;
  statistic: number;
  df: number;
  pValue: number;
  effect: 'cohens_d' | 'rank_biserial';
  effectSize: number;
  nA: number;
  nB: number;
  meanA: number;
  meanB: number;
}

export function welchTest(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  const nA = a.length;
  const nB = b.length;
  const mA = mean(a);
  const mB = mean(b);
  const vA = variance(a);
  const vB = variance(b);
  const se2 = vA / nA + vB / nB;
  const diff = mB - mA;
  let t: number;
  let df: number;
  let p: number;
  if (se2 === 0) {
    // Both samples constant: equal means cannot differ, unequal ones differ surely.
    t = diff === 0 ? 0 : Math.sign(diff) * Infinity;
    df = nA + nB - 2;
    p = diff === 0 ? 1 : 0;
  } else {
    t = diff / Math.sqrt(se2);
    df = se2 ** 2 / ((vA / nA) ** 2 / (nA - 1) + (vB / nB) ** 2 / (nB - 1));
    p = 2 * (1 - tCdf(Math.abs(t), df));
  }
  const pooled = Math.sqrt(((nA - 1) * vA + (nB - 1) * vB) / (nA + nB - 2));
  const d = pooled === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : diff / pooled;
  return { test: 'welch', statistic: t, df, pValue: p, effect: 'cohens_d', effectSize: d, nA, nB, meanA: mA, meanB: mB };
}

export function mannWhitneyTest(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  const nA = a.length;
  const nB = b.length;
  const all = [...Array.from(a, (v) => ({ v, g: 0 })), ...Array.from(b, (v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Float64Array(all.length);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[k] = r;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  let rankSumB = 0;
  for (let i = 0; i < all.length; i++) if (all[i]!.g === 1) rankSumB += ranks[i]!;
  const uB = rankSumB - (nB * (nB + 1)) / 2;
  const mu = (nA * nB) / 2;
  const n = nA + nB;
  const sigma = Math.sqrt(((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = sigma === 0 ? 0 : (uB - mu - Math.sign(uB - mu) * 0.5) / sigma;
  const p = sigma === 0 ? 1 : Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return {
    test: 'mann-whitney',
    statistic: uB,
    df: NaN,
    pValue: p,
    effect: 'rank_biserial',
    effectSize: (2 * uB) / (nA * nB) - 1,
    nA,
    nB,
    meanA: mean(a),
    meanB: mean(b),
  };
}

/** Holm's step-down adjustment of a family of p-values (controls the family-wise error). */
export function holm(pValues: number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const out = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    out[i] = Number.isNaN(p) ? NaN : running;
  });
  return out;
}
