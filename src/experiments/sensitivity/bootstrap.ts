/** Percentile bootstrap over resampled row indices, with its own seeded random source. */
import seedrandom from 'seedrandom';

/**
 * Resamples `n` rows with replacement `resamples` times, evaluates `stat` on each index
 * set, and returns the (1-level)/2 and (1+level)/2 percentiles per statistic.
 */
export function bootstrapInterval(
  n: number,
  resamples: number,
  level: number,
  seed: string,
  stat: (idx: Int32Array) => number[],
): { low: number[]; high: number[] } | undefined {
  if (resamples <= 0 || n < 2) return undefined;
  const rng = seedrandom.alea(`bootstrap/${seed}`);
  const idx = new Int32Array(n);
  const draws: number[][] = [];
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rng() * n);
    const s = stat(idx);
    s.forEach((v, k) => (draws[k] ??= []).push(v));
  }
  const pick = (xs: number[], p: number) => {
    const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * (sorted[Math.min(sorted.length - 1, lo + 1)]! - sorted[lo]!);
  };
  return {
    low: draws.map((xs) => pick(xs, (1 - level) / 2)),
    high: draws.map((xs) => pick(xs, (1 + level) / 2)),
  };
}
