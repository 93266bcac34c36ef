/**
 * Network indicators over the tie table, restricted to a scope's rows (docs/model/indicators.md).
 * All are O(N * K) except clustering, which is estimated on a systematic sample of at most
 * CLUSTERING_SAMPLE rows (every k-th row of the scope) to keep recording near O(N).
 */
import type { State } from '../contract.js';

export const CLUSTERING_SAMPLE = 2000;

/** Mark rows of the scope: member[i] = 1. Reused buffer. */
let member = new Uint8Array(0);
let parent = new Int32Array(0);
let size = new Int32Array(0);

function markScope(state: State, rows: Int32Array): Uint8Array {
  const n = state.pop.n;
  if (member.length < n) member = new Uint8Array(state.pop.capacity);
  member.fill(0, 0, n);
  for (let q = 0; q < rows.length; q++) member[rows[q]] = 1;
  return member;
}

export interface NetworkStats {
  ties: number;
  meanDegree: number;
  density: number;
  giantShare: number;
  interRegionalShare: number;
  clustering: number;
}

export function networkStats(state: State, rows: Int32Array): NetworkStats {
  const pop = state.pop, ties = state.ties, K = ties.K;
  const n = rows.length;
  const inScope = markScope(state, rows);
  if (parent.length < pop.n) {
    parent = new Int32Array(pop.capacity);
    size = new Int32Array(pop.capacity);
  }
  for (let q = 0; q < n; q++) { parent[rows[q]] = rows[q]; size[rows[q]] = 1; }
  const findRoot = (a: number): number => {
    while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; }
    return a;
  };
  let internal = 0; // tie ends inside the scope
  let touching = 0, inter = 0; // ties with at least one end in scope (counted per end in scope)
  for (let q = 0; q < n; q++) {
    const i = rows[q];
    for (let s = 0, d = ties.deg[i]; s < d; s++) {
      const j = ties.partner[i * K + s];
      touching++;
      if (pop.region[j] !== pop.region[i]) inter++;
      if (!inScope[j]) continue;
      internal++;
      if (j > i) {
        let a = findRoot(i), b = findRoot(j);
        if (a !== b) {
          if (size[a] < size[b]) [a, b] = [b, a];
          parent[b] = a;
          size[a] += size[b];
        }
      }
    }
  }
  let giant = 0;
  for (let q = 0; q < n; q++) {
    const i = rows[q];
    if (parent[i] === i && size[i] > giant) giant = size[i];
  }
  const tieCount = internal / 2;
  return {
    ties: tieCount,
    meanDegree: n > 0 ? internal / n : 0,
    density: n > 1 ? tieCount / ((n * (n - 1)) / 2) : 0,
    giantShare: n > 0 ? giant / n : 0,
    interRegionalShare: touching > 0 ? inter / touching : 0,
    clustering: clustering(state, rows, inScope),
  };
}

/** Mean local clustering coefficient (Watts-Strogatz) over a systematic sample of rows. */
function clustering(state: State, rows: Int32Array, inScope: Uint8Array): number {
  const ties = state.ties, K = ties.K;
  const stride = Math.max(1, Math.floor(rows.length / CLUSTERING_SAMPLE));
  let sum = 0, counted = 0;
  for (let q = 0; q < rows.length; q += stride) {
    const i = rows[q];
    const d = ties.deg[i];
    let k = 0;
    for (let s = 0; s < d; s++) if (inScope[ties.partner[i * K + s]]) k++;
    counted++;
    if (k < 2) continue;
    let links = 0;
    for (let a = 0; a < d; a++) {
      const ja = ties.partner[i * K + a];
      if (!inScope[ja]) continue;
      for (let b = a + 1; b < d; b++) {
        const jb = ties.partner[i * K + b];
        if (inScope[jb] && ties.has(ja, jb)) links++;
      }
    }
    sum += (2 * links) / (k * (k - 1));
  }
  return counted > 0 ? sum / counted : 0;
}
