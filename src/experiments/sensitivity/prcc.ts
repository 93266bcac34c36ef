/**
 * Partial rank correlation coefficients (PRCC; Marino et al. 2008, "A methodology for
 * performing global uncertainty and sensitivity analysis in systems biology"): for each
 * input, the correlation between the ranks of the input and of the output once the linear
 * effect of the ranks of every other input is removed. It measures a monotone influence and
 * suits any sampled design (Latin hypercube above all).
 *
 * Computed from the inverse P of the correlation matrix of the ranks (inputs and output):
 * PRCC_j = -P_jy / sqrt(P_jj P_yy), which equals the correlation of the two regression
 * residuals. Ranks are average ranks for ties (stdlib-js `ranks`). Interval: Fisher's z,
 * atanh(r) +- z_(1+level)/2 / sqrt(n - 3 - q) with q = k - 1 inputs held fixed; p-value from
 * t = r sqrt((n - 2 - q) / (1 - r^2)) with n - 2 - q degrees of freedom.
 */
import ranks from '@stdlib/stats-ranks';
import { normalQuantile, tCdf } from '../stats/distributions.js';

export interface PrccEstimate {
  parameter: number;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
}

/** Inverse of a small symmetric matrix by Gauss-Jordan elimination with partial pivoting; undefined when singular. */
export function invert(m: number[][]): number[][] | undefined {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (Math.abs(a[pivot]![c]!) < 1e-12) return undefined;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const p = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * PRCC of each input column (`x[j][i]`: input j of sample i) with `y`. Samples with a
 * non-finite output are dropped. An input that does not vary gets NaN.
 */
export function prcc(x: readonly ArrayLike<number>[], y: ArrayLike<number>, level = 0.95): PrccEstimate[] {
  const keep = Array.from({ length: y.length }, (_, i) => i).filter((i) => Number.isFinite(y[i]!) && x.every((col) => Number.isFinite(col[i]!)));
  const n = keep.length;
  const varies = x.map((col) => keep.some((i) => col[i] !== col[keep[0]!]));
  const used = x.map((_, j) => j).filter((j) => varies[j]);
  const nan = (j: number): PrccEstimate => ({ parameter: j, estimate: NaN, ciLow: NaN, ciHigh: NaN, pValue: NaN });
  const yVaries = keep.some((i) => y[i] !== y[keep[0]!]);
  if (used.length === 0 || !yVaries || n < 3) return x.map((_, j) => nan(j));
  const ranked = [...used.map((j) => ranks(keep.map((i) => x[j]![i]!)) as number[]), ranks(keep.map((i) => y[i]!)) as number[]];
  const m = ranked.length;
  const corr = ranked.map((a, r) => ranked.map((b, c) => (r === c ? 1 : correlation(a, b))));
  const p = invert(corr);
  const q = used.length - 1;
  const z = normalQuantile(0.5 + level / 2);
  return x.map((_, j) => {
    const u = used.indexOf(j);
    if (u < 0 || !p) return nan(j);
    const r = Math.max(-1, Math.min(1, -p[u]![m - 1]! / Math.sqrt(p[u]![u]! * p[m - 1]![m - 1]!)));
    const dfCi = n - 3 - q;
    const half = dfCi > 0 ? z / Math.sqrt(dfCi) : NaN;
    const fz = Math.atanh(r);
    const dfT = n - 2 - q;
    const t = Math.abs(r) < 1 ? r * Math.sqrt(dfT / (1 - r * r)) : Math.sign(r) * Infinity;
    return {
      parameter: j,
      estimate: r,
      ciLow: Math.tanh(fz - half),
      ciHigh: Math.tanh(fz + half),
      pValue: dfT > 0 ? 2 * (1 - tCdf(Math.abs(t), dfT)) : NaN,
    };
  });
}
