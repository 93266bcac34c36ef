/**
 * The little statistics the builders need: mean and 95% interval of the mean over
 * replicates (Student's t, since replicate counts are small).
 */

// Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101,
  2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tQuantile975(df: number): number {
  if (df < 1) return NaN;
  if (df <= 30) return T975[Math.floor(df) - 1];
  // Beyond 30 the normal quantile with a first-order correction is within 0.1%.
  return 1.96 + 2.4 / df;
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
