/**
 * Each agent's knowledge profile (proximity.ts profileInto: what cognitive distance compares),
 * its affinity for each domain (affinityInto: prior related knowledge) and its knowledge stock
 * (tacit + codified summed over domains, absolute units), assessed once a step, at the start of
 * the first phase that needs them. Spillovers, tie learning and partner search read them: an
 * agent sizes up others once a step, not after every exchange, and the work of the profiles
 * (a division per domain and a square root per agent) is done once instead of in each phase.
 * Rows added during the step (entrants, after the phases that read these) are not covered.
 *
 * They are made in the population's WebAssembly kernel (population.ts `kernel`), from the
 * knowledge matrices where they live, and stay in its memory, in the resident area (kernel.ts
 * `reserve`): the phases hand them to their kernel loops by byte offset, and JavaScript reads
 * them through views, instead of a copy out and one into each phase (six copies of an n x D
 * matrix a step). A view is detached when the kernel's memory grows (a
 * phase's layout may grow it): ask stepProfiles again after laying out buffers, and it
 * makes the views anew (same bytes).
 */
import type { State } from './contract.js';
import { distanceOf } from './proximity.js';
import type { Kernel, Views } from './wasm/kernel.js';

export interface StepProfiles {
  /** The step they were made at, and the rows they cover. */
  t: number;
  n: number;
  /** n x D: centred unit profiles, affinities (views into the kernel's memory). */
  prof: Float64Array;
  aff: Float64Array;
  /** Knowledge stock of each row (a view into the kernel's memory). */
  stock: Float64Array;
  /**
   * Byte offset in the kernel's memory of tacit + codified as the profiles were made, n x D
   * (kernel.as.ts profilesEach writes it): spillover's snapshot, when the profiles were made at
   * the start of its own phase (`fillCount`).
   */
  knowAt: number;
  /** Rows of room in the resident area when they were made, and its byte offset. */
  cap: number;
  at: number;
}

const cache = new WeakMap<State, StepProfiles>();

/** Forget this step's profiles (beginStep: a new step sizes up anew). */
export function invalidateProfiles(state: State): void {
  const c = cache.get(state);
  if (c) c.t = NaN;
}

/**
 * The profiles of this step (made now if they are not yet, or if another simulation has since
 * made its own in the kernel's resident area: that happens only between whole steps).
 */
export function stepProfiles(state: State): StepProfiles {
  const pop = state.pop, n = pop.n;
  const k = pop.kernel;
  let c = cache.get(state);
  if (c && c.t === state.t && c.n === n && k.residentOwner === c) {
    if (!k.fresh(c.stock)) bind(k, c, pop.D);
    return c;
  }
  if (!c) {
    const none = new Float64Array(0);
    c = { t: NaN, n: 0, prof: none, aff: none, stock: none, knowAt: 0, cap: 0, at: 0 };
    cache.set(state, c);
  }
  fill(state, c);
  c.t = state.t;
  c.n = n;
  return c;
}

/**
 * A phase's kernel buffers and the step's profiles: the profiles first (the kernel's memory is
 * their scratch too), then `layout` (the phase's `pop.kernel.reuse`), then the profiles again,
 * since the layout may have grown the memory, which makes their views anew (same bytes).
 */
export function profilesAndLayout<V>(state: State, layout: () => V): { v: V; sp: StepProfiles } {
  stepProfiles(state);
  const v = layout();
  return { v, sp: stepProfiles(state) };
}

/** Bytes of an n x D matrix of doubles in the resident area (whole 64-byte lines). */
const matrixBytes = (cap: number, D: number) => Math.ceil((cap * D * 8) / 64) * 64;

/** Views of the resident area: prof, aff (cap x D each), then stock (cap); then know (cap x D, by offset only). */
function bind(k: Kernel, c: StepProfiles, D: number): void {
  const m = matrixBytes(c.cap, D);
  c.prof = k.view('f64', c.at, c.cap * D);
  c.aff = k.view('f64', c.at + m, c.cap * D);
  c.stock = k.view('f64', c.at + 2 * m, c.cap);
  c.knowAt = c.at + 2 * m + matrixBytes(c.cap, 1);
}

/** Profiles made so far (by any simulation): a phase that sees it change across its own profilesAndLayout made them at its start. */
let fills = 0;
export function fillCount(): number {
  return fills;
}

/**
 * What stepProfiles computes, in the WebAssembly kernel (kernel.as.ts `profilesEach`, two
 * rows at a time in the lanes of SIMD operations, each lane in the order of the scalar loop:
 * the same bits as that loop, which took ~5 % of a step at 10,000 agents), with the
 * frontier's reciprocals per sector (the same values: x / F and x * (1 / F) can differ in
 * the last bit, so the reciprocal is used for the profile only, where the later centring and
 * scaling round anyway, and a test checks the profiles against profileInto to 1e-12). The
 * kernel reads the knowledge matrices in place (population.ts) and the sectors and reciprocals
 * from its scratch (callers make the profiles before laying out their own buffers there); the
 * results go to the resident area.
 */
function fill(state: State, c: StepProfiles): void {
  const pop = state.pop, n = pop.n, D = pop.D, F = pop.frontier;
  const S = state.sectors.length;
  const k = pop.kernel;
  c.cap = pop.capacity;
  c.at = k.reserve(3 * matrixBytes(c.cap, D) + matrixBytes(c.cap, 1));
  fills++;
  k.residentOwner = c;
  const v = (views = k.reuse(views, spec(pop.capacity, D, S)));
  bind(k, c, D);
  for (let q = 0; q < S * D; q++) v.iF[q] = 1 / F[q];
  v.sector.set(pop.sector.subarray(0, n));
  // The knowledge matrices where they live, in the kernel's knowledge area (population.ts):
  // read after the layout, which may have grown the memory and so made their views anew.
  k.fn.profilesEach(pop.tacit.byteOffset, pop.codified.byteOffset, pop.niche.byteOffset, v.iF.byteOffset, v.sector.byteOffset, n, D,
    c.prof.byteOffset, c.aff.byteOffset, c.stock.byteOffset, c.knowAt);
}

/** The kernel buffers of `fill` (inputs besides the knowledge matrices), for a capacity of rows, D domains and S sectors. */
const spec = (capacity: number, D: number, S: number) => ({
  iF: ['f64', S * D],
  sector: ['i32', capacity],
}) as const;
let views: Views<ReturnType<typeof spec>> | undefined;

/** Cognitive distance of rows i and j from this step's profiles (rows the profiles cover). */
export function stepDistance(p: StepProfiles, D: number, i: number, j: number): number {
  let dot = 0;
  for (let k = 0, a = i * D, b = j * D; k < D; k++) dot += p.prof[a + k] * p.prof[b + k];
  return distanceOf(dot);
}
