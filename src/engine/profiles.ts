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
import { kernel, type Views } from './wasm/kernel.js';

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
 * What stepProfiles computes, in the WebAssembly kernel (kernel.as.ts `profilesEach`, two
 * rows at a time in the lanes of SIMD operations, each lane in the order of the scalar loop:
 * the same bits as that loop, which took ~5 % of a step at 10,000 agents), with the
 * frontier's reciprocals per sector (the same values: x / F and x * (1 / F) can differ in
 * the last bit, so the reciprocal is used for the profile only, where the later centring and
 * scaling round anyway, and a test checks the profiles against profileInto to 1e-12). The
 * kernel's memory is scratch: callers make the profiles before laying out their own buffers there.
 */
function fill(state: State, c: StepProfiles): void {
  const pop = state.pop, n = pop.n, D = pop.D, F = pop.frontier;
  const S = state.sectors.length;
  const k = kernel();
  const v = (views = k.reuse(views, spec(pop.capacity, D, S)));
  for (let q = 0; q < S * D; q++) v.iF[q] = 1 / F[q];
  v.T.set(pop.tacit.subarray(0, n * D));
  v.C.set(pop.codified.subarray(0, n * D));
  v.w.set(pop.niche.subarray(0, n * D));
  v.sector.set(pop.sector.subarray(0, n));
  k.fn.profilesEach(v.T.byteOffset, v.C.byteOffset, v.w.byteOffset, v.iF.byteOffset, v.sector.byteOffset, n, D,
    v.prof.byteOffset, v.aff.byteOffset, v.stock.byteOffset);
  c.prof.set(v.prof.subarray(0, n * D));
  c.aff.set(v.aff.subarray(0, n * D));
  c.stock.set(v.stock.subarray(0, n));
}

/** The kernel buffers of `fill`, for a capacity of rows, D domains and S sectors. */
const spec = (capacity: number, D: number, S: number) => ({
  T: ['f64', capacity * D],
  C: ['f64', capacity * D],
  w: ['f64', capacity * D],
  iF: ['f64', S * D],
  sector: ['i32', capacity],
  prof: ['f64', capacity * D],
  aff: ['f64', capacity * D],
  stock: ['f64', capacity],
}) as const;
let views: Views<ReturnType<typeof spec>> | undefined;

/** Cognitive distance of rows i and j from this step's profiles (rows the profiles cover). */
export function stepDistance(p: StepProfiles, D: number, i: number, j: number): number {
  let dot = 0;
  for (let k = 0, a = i * D, b = j * D; k < D; k++) dot += p.prof[a + k] * p.prof[b + k];
  return distanceOf(dot);
}
