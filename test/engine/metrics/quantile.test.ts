/** Quantiles by selection (src/engine/metrics/quantile.ts) against a full sort. */
import { describe, expect, it } from 'vitest';
import { kth, quantile7 } from '../../../src/engine/metrics/quantile.js';
import { stream } from '../../../src/engine/rng.js';

/** Type-7 quantile of a sorted copy (R's default). */
function bySort(values: Float64Array, q: number): number {
  const v = Float64Array.from(values).sort();
  if (v.length === 0) return 0;
  const h = (v.length - 1) * q, lo = Math.floor(h);
  return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
}

describe('quantiles by selection', () => {
  it('equal those of a sort, with ties, for every size and quantile', () => {
    const rng = stream(7, 'quantile');
    for (const m of [0, 1, 2, 3, 10, 101, 1000]) {
      for (const distinct of [3, 1e9]) {
        const v = new Float64Array(m);
        for (let i = 0; i < m; i++) v[i] = Math.floor(rng.next() * distinct);
        for (const q of [0, 0.1, 0.5, 0.9, 0.99, 1]) expect(quantile7(Float64Array.from(v), m, q)).toBe(bySort(v, q));
      }
    }
  });

  it('kth puts the k-th smallest at k, nothing larger before it and nothing smaller after', () => {
    const rng = stream(8, 'kth');
    const v = Float64Array.from({ length: 500 }, () => rng.next());
    const sorted = Float64Array.from(v).sort();
    for (const k of [0, 17, 250, 499]) {
      const a = Float64Array.from(v);
      expect(kth(a, a.length, k)).toBe(sorted[k]);
      for (let s = 0; s < k; s++) expect(a[s]).toBeLessThanOrEqual(a[k]);
      for (let s = k + 1; s < a.length; s++) expect(a[s]).toBeGreaterThanOrEqual(a[k]);
    }
  });
});
