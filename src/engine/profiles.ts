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
import { affinityInto, distanceOf, profileInto } from './proximity.js';

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

/** The loop of stepProfiles, in a function of its own that ends with it (see state.ts ageLiving). */
function fill(state: State, c: StepProfiles): void {
  const pop = state.pop, n = pop.n, D = pop.D, T = pop.tacit, C = pop.codified;
  for (let i = 0; i < n; i++) {
    profileInto(pop, i, c.prof, i * D);
    affinityInto(pop, i, c.aff, i * D);
    let st = 0;
    for (let q = i * D, e = q + D; q < e; q++) st += T[q] + C[q];
    c.stock[i] = st;
  }
}

/** Cognitive distance of rows i and j from this step's profiles (rows the profiles cover). */
export function stepDistance(p: StepProfiles, D: number, i: number, j: number): number {
  let dot = 0;
  for (let k = 0, a = i * D, b = j * D; k < D; k++) dot += p.prof[a + k] * p.prof[b + k];
  return distanceOf(dot);
}
