/**
 * Morris screening measures from elementary effects EE = (f(x + step e_i) - f(x)) / step,
 * computed in the unit cube so effects of factors with different ranges compare: mu* (mean
 * of |EE|, Campolongo et al. 2007) ranks importance, sigma (standard deviation of EE)
 * flags non-linearity or interactions, mu (mean of EE) gives the sign. Confidence interval
 * of mu* by percentile bootstrap over trajectories.
 */
import type { MorrisLayout } from '../designs/morris.js';
import { bootstrapInterval } from './bootstrap.js';
import type { IndexEstimate } from './sobol.js';

export function morrisIndices(
  y: ArrayLike<number>,
  layout: Pick<MorrisLayout, 'moves'>,
  k: number,
  opts: { bootstrap?: number; confidence?: number; seed?: string } = {},
): IndexEstimate[] {
  const r = layout.moves.length;
  // ee[i][t]: the elementary effect of factor i in trajectory t.
  const ee = Array.from({ length: k }, () => new Float64Array(r));
  layout.moves.forEach((moves, t) => {
    const o = t * (k + 1);
    moves.forEach((mv, m) => {
      ee[mv.factor]![t] = (y[o + m + 1]! - y[o + m]!) / mv.step;
    });
  });
  const measures = (idx: ArrayLike<number>): number[] => {
    const out: number[] = [];
    for (let i = 0; i < k; i++) {
      let abs = 0;
      let sum = 0;
      for (let t = 0; t < idx.length; t++) {
        const e = ee[i]![idx[t]!]!;
        abs += Math.abs(e);
        sum += e;
      }
      const mu = sum / idx.length;
      let ss = 0;
      for (let t = 0; t < idx.length; t++) ss += (ee[i]![idx[t]!]! - mu) ** 2;
      out.push(abs / idx.length, idx.length > 1 ? Math.sqrt(ss / (idx.length - 1)) : NaN, mu);
    }
    return out;
  };
  const point = measures(Int32Array.from({ length: r }, (_, t) => t));
  const ci = bootstrapInterval(r, opts.bootstrap ?? 1000, opts.confidence ?? 0.95, opts.seed ?? 'morris', measures);
  const out: IndexEstimate[] = [];
  for (let i = 0; i < k; i++) {
    (['mu_star', 'sigma', 'mu'] as const).forEach((index, m) => {
      out.push({ parameter: i, index, estimate: point[3 * i + m]!, ciLow: ci?.low[3 * i + m] ?? NaN, ciHigh: ci?.high[3 * i + m] ?? NaN });
    });
  }
  return out;
}
