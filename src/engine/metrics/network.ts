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
  const pop = state.pop;
  const n = rows.length;
  const inScope = markScope(state, rows);
  if (parent.length < pop.n) {
    parent = new Int32Array(pop.capacity);
    size = new Int32Array(pop.capacity);
  }
  // Each pass is a function that ends with its loop (counts leave as the return value and a
  // module variable): with the passes inline, V8 compiled this function on-stack in one loop
  // before the next had run, threw that code away there, and did so again record after record
  // (a 25-45 ms compilation each time; docs/performance.md, item 16).
  singletons(rows);
  const internal = unionTies(state, rows, inScope); // tie ends inside the scope
  const touching = touchingEnds, inter = interEnds; // ties with at least one end in scope (counted per end in scope)
  const giant = largestComponent(rows);
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

/** Every row of the scope its own component. */
function singletons(rows: Int32Array): void {
  for (let q = 0; q < rows.length; q++) { parent[rows[q]] = rows[q]; size[rows[q]] = 1; }
}

/** Root of row a's component (path halving). */
function findRoot(a: number): number {
  while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; }
  return a;
}

/** Tie ends that unionTies saw with at least one end in the scope, and those reaching another region. */
let touchingEnds = 0, interEnds = 0;

/** Join the components of the scope's ties (union by size); returns the tie ends inside the scope. */
function unionTies(state: State, rows: Int32Array, inScope: Uint8Array): number {
  const pop = state.pop, ties = state.ties, K = ties.K;
  let internal = 0, touching = 0, inter = 0;
  for (let q = 0; q < rows.length; q++) {
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
          if (size[a] < size[b]) { const t = a; a = b; b = t; }
          parent[b] = a;
          size[a] += size[b];
        }
      }
    }
  }
  touchingEnds = touching;
  interEnds = inter;
  return internal;
}

/** Size of the largest component of the scope. */
function largestComponent(rows: Int32Array): number {
  let giant = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    if (parent[i] === i && size[i] > giant) giant = size[i];
  }
  return giant;
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
