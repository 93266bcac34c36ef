/**
 * Each agent's knowledge profile (proximity.ts profileInto: what cognitive distance compares),
 * its affinity for each domain (affinityInto: prior related knowledge) and its knowledge stock
 * (tacit + codified summed over domains, absolute units), assessed once a step, at the start of
 * the first phase that needs them. Spillovers, tie learning and partner search read them: an
 * agent sizes up others once a step, not after every exchange, and the work of the profiles
 * (a division per domain and a square root per agent) is done once instead of in each phase.
 * Rows added during the step (entrants, after the phases that read these) are not covered.
 */
import type { State } from './contract.js';
import { distanceOf } from './proximity.js';

export interface StepProfiles {
  /** The step they were made at, and the rows they cover. */
  t: number;
  n: number;
  /** n x D: centred unit profiles, affinities. */
  prof: Float64Array;
  aff: Float64Array;
  /** Knowledge stock of each row. */
  stock: Float64Array;
}

const cache = new WeakMap<State, StepProfiles>();

/** Forget this step's profiles (beginStep: a new step sizes up anew). */
export function invalidateProfiles(state: State): void {
  const c = cache.get(state);
  if (c) c.t = NaN;
}

/** The profiles of this step (made now if they are not yet). */
export function stepProfiles(state: State): StepProfiles {
  const pop = state.pop, n = pop.n, D = pop.D;
  let c = cache.get(state);
  if (c && c.t === state.t && c.n === n) return c;
  if (!c || c.stock.length < n) {
    const cap = pop.capacity;
    c = { t: state.t, n, prof: new Float64Array(cap * D), aff: new Float64Array(cap * D), stock: new Float64Array(cap) };
    cache.set(state, c);
  }
  fill(state, c);
  c.t = state.t;
  c.n = n;
  return c;
}

/**
 * The loop of stepProfiles, in a function of its own that ends with it (see state.ts
 * ageLiving): profileInto and affinityInto inlined, with the frontier's reciprocals per sector
 * (the same values: x / F and x * (1 / F) can differ in the last bit, so the reciprocal is
 * used for the profile only, where the later centring and scaling round anyway, and a test
 * checks the profiles against profileInto to 1e-12).
 */
function fill(state: State, c: StepProfiles): void {
  const pop = state.pop, n = pop.n, D = pop.D, T = pop.tacit, C = pop.codified, F = pop.frontier, w = pop.niche;
  const S = state.sectors.length;
  if (invF.length < S * D) invF = new Float64Array(S * D);
  const iF = invF;
  for (let q = 0; q < S * D; q++) iF[q] = 1 / F[q];
  const prof = c.prof, aff = c.aff, stock = c.stock, sector = pop.sector;
  for (let i = 0; i < n; i++) {
    const at = i * D, f = sector[i] * D;
    let mean = 0, st = 0, top = 0;
    for (let k = 0; k < D; k++) {
      const x = T[at + k] + C[at + k];
      st += x;
      const v = x * iF[f + k];
      prof[at + k] = v;
      mean += v;
      const a = w[at + k];
      if (a > top) top = a;
    }
    stock[i] = st;
    mean /= D;
    let ss = 0;
    for (let k = 0; k < D; k++) { const d = prof[at + k] - mean; prof[at + k] = d; ss += d * d; }
    const inv = ss > 1e-24 * (mean * mean + 1e-300) ? 1 / Math.sqrt(ss) : 0;
    const invTop = top > 0 ? 1 / top : 0;
    // The affinity written once, niche weight times 1 / top (the value a copy scaled in place had).
    for (let k = 0; k < D; k++) { prof[at + k] *= inv; aff[at + k] = w[at + k] * invTop; }
  }
}
let invF = new Float64Array(0);

/** Cognitive distance of rows i and j from this step's profiles (rows the profiles cover). */
export function stepDistance(p: StepProfiles, D: number, i: number, j: number): number {
  let dot = 0;
  for (let k = 0, a = i * D, b = j * D; k < D; k++) dot += p.prof[a + k] * p.prof[b + k];
  return distanceOf(dot);
}
