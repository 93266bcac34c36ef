/**
 * The little statistics the builders need: mean and 95% interval of the mean over
 * replicates (Student's t, since replicate counts are small).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** The 0.975 quantile of Student's t (stdlib-js), for two-sided 95% intervals. */
export function tQuantile975(df: number): number {
  return df < 1 ? NaN : tQuantile(0.975, df);
}

export interface Summary {
  n: number;
  mean: number;
  sd: number;
  lo: number;
  hi: number;
}

export function summarise(values: readonly number[]): Summary {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { n: 0, mean: NaN, sd: NaN, lo: NaN, hi: NaN };
  let sum = 0;
  for (const v of finite) sum += v;
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: 0, lo: mean, hi: mean };
  let ss = 0;
  for (const v of finite) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, lo: mean - half, hi: mean + half };
}

/** Sorted distinct values, numbers ascending before strings. */
export function distinct<T extends string | number>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true }),
  );
}
