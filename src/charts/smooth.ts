/**
 * A smoothed trend through scattered points with its 95% band: LOWESS (Cleveland 1979;
 * stdlib-js `lowess`, f = 2/3, 3 robustness iterations) evaluated on a grid of x values,
 * and a percentile bootstrap band (the points resampled with replacement, the trend fitted
 * again each time). The resampling uses its own fixed-seed generator, so the same points
 * always give the same band.
 */
import lowess from '@stdlib/stats-lowess';

export interface TrendPoint {
  x: number;
  fit: number;
  lo: number;
  hi: number;
}

export interface TrendOptions {
  /** Grid points the trend is evaluated at (default 40). */
  grid?: number;
  /** Bootstrap resamples (default: 200, fewer for many points so a chart stays fast). */
  resamples?: number;
  /** Smoothing span: the share of the points each local fit uses (default 2/3). */
  span?: number;
  /** Evaluate on a log-spaced grid (a parameter sampled on a log scale). */
  log?: boolean;
}

/** mulberry32: a small seeded generator, enough for resampling a chart's points. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Linear interpolation of sorted (xs, ys) at x; NaN outside their range. */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (xs.length === 0 || x < xs[0]! || x > xs[xs.length - 1]!) return NaN;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  if (xs[hi] === xs[lo]) return ys[lo]!;
  const t = (x - xs[lo]!) / (xs[hi]! - xs[lo]!);
  return ys[lo]! + t * (ys[hi]! - ys[lo]!);
}

function fitAt(x: readonly number[], y: readonly number[], grid: readonly number[], span: number): number[] {
  const order = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const sx = order.map((i) => x[i]!);
  const sy = order.map((i) => y[i]!);
  const fit = lowess(sx, sy, { f: span, nsteps: 3, sorted: true });
  return grid.map((g) => interpolate(fit.x, fit.y, g));
}

function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * (sorted[Math.min(sorted.length - 1, lo + 1)]! - sorted[lo]!);
}

/** The trend of y against x with its 95% bootstrap band; empty below 4 distinct x values. */
export function smoothTrend(x: readonly number[], y: readonly number[], opts: TrendOptions = {}): TrendPoint[] {
  const ok = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]!) && Number.isFinite(y[i]!) && (!opts.log || x[i]! > 0));
  const xs = ok.map((i) => x[i]!);
  const ys = ok.map((i) => y[i]!);
  if (new Set(xs).size < 4) return [];
  const span = opts.span ?? 2 / 3;
  const n = xs.length;
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const g = opts.grid ?? 40;
  const grid = Array.from({ length: g }, (_, k) => (opts.log ? min * (max / min) ** (k / (g - 1)) : min + ((max - min) * k) / (g - 1)));
  const fit = fitAt(xs, ys, grid, span);
  // Keep the work of a chart bounded: LOWESS costs ~ span * n^2 per fit.
  const resamples = opts.resamples ?? Math.max(30, Math.min(200, Math.floor(2e7 / (span * n * n))));
  const rng = generator(n * 7919 + g);
  const draws: number[][] = grid.map(() => []);
  for (let b = 0; b < resamples; b++) {
    const pick = Array.from({ length: n }, () => Math.floor(rng() * n));
    const bx = pick.map((i) => xs[i]!);
    if (new Set(bx).size < 4) continue;
    const by = pick.map((i) => ys[i]!);
    fitAt(bx, by, grid, span).forEach((v, k) => {
      if (Number.isFinite(v)) draws[k]!.push(v);
    });
  }
  return grid.map((gx, k) => {
    const d = draws[k]!.sort((a, b) => a - b);
    return { x: gx, fit: fit[k]!, lo: quantile(d, 0.025), hi: quantile(d, 0.975) };
  });
}
