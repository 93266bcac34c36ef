/**
 * Quantiles of a column without sorting it: Hoare's selection (quickselect, median-of-three
 * pivot), O(n) on average instead of the O(n log n) of a sort. The recorder takes a median of
 * tens of thousands of tie distances and three size quantiles at every recorded step.
 */

/** Rearrange a[0..m) so that a[k] holds the k-th smallest value (0-based), smaller ones before it, larger after; returns it. */
export function kth(a: Float64Array, m: number, k: number): number {
  let lo = 0, hi = m - 1;
  while (lo < hi) {
    const p = a[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

/**
 * Quantile q of a[0..m) with linear interpolation between order statistics (type 7, R's
 * default, what a sort would give), reordering a. 0 when m is 0.
 */
export function quantile7(a: Float64Array, m: number, q: number): number {
  if (m === 0) return 0;
  const h = (m - 1) * q, lo = Math.floor(h);
  const v = kth(a, m, lo);
  if (lo + 1 >= m || h === lo) return v;
  // The next order statistic: the smallest of what selection left above position lo.
  let next = a[lo + 1];
  for (let s = lo + 2; s < m; s++) if (a[s] < next) next = a[s];
  return v + (h - lo) * (next - v);
}
