/**
 * Interactive learning on ties (identity / community networks, 002 §82): partners exchange
 * knowledge along existing ties. A tie is used in a step with probability
 *   p_use = contactRate * (openness_i + openness_j) / 2 * (1 + coopCost_ij)
 * (openness: willingness to cooperate, 002 §123; coopCost_ij: the mean of the two ends'
 * `coopCostCut` policy modifier, an integrated service network making cooperation cheaper,
 * 000 §5.4). On a used tie both sides learn (002 §47), each from the other, per domain k
 * where the partner knows more (Cowan & Jonard 2004: a share of the gap):
 *   tacit:    rate         * A_i * s_ij * trust_ij * tacitReach(geo, org, inst) * f(d_ij, A_i) * (T_jk - T_ik)
 *   codified: codifiedRate * A_i * s_ij * codifiedReach(ict_i, ict_j, km)       * f(d_ij, A_i) * (C_jk - C_ik)
 * A_i absorptive capacity (Cohen & Levinthal: zero capacity gains nothing), s_ij tie
 * strength, f the inverted U of cognitive distance (Nooteboom). Tacit knowledge needs trust
 * and closeness or an organisational / institutional stand-in for it (002 §51, §62, §72);
 * codified knowledge travels with ICT (002 §42). Tacit gains go to the receiver's tacit stock
 * (recorded as the `tie` channel), codified gains to its codified stock (`codified` channel).
 *
 * A used tie is marked (lastUsed = t) and strengthens a little; when something was learned
 * its trust grows a little too (social proximity is trust built by successful interaction,
 * 002 §58), so the network mechanism can let unused ties decay. Partners are the tie slots
 * only (bounded degree), each tie is visited once a step from its lower row, and updates are
 * synchronous (gains computed from the state at the start of the phase, then applied).
 * This file picks the used ties (drawing from the mechanism's stream) and writes the new
 * strength, trust and last use into the tie table; the WebAssembly kernel
 * (src/engine/wasm/kernel.as.ts, `tieLearn`) computes the weights from the population's
 * columns (copied in once a phase), distances, cognitive distance, the gains (SIMD), each
 * row's flows, and the ties' new strength and trust.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { mechanismParams, prob } from '../../scenario/common.js';
import {
  codifiedReach, cognitiveDistance, distanceKm, geographical, institutional, learningValue, organisational, tacitReach,
} from '../proximity.js';
import { kernel, type KernelExports, type Views } from '../wasm/kernel.js';
import type { TieTable } from '../ties.js';

export const TieLearningParams = mechanismParams({
  rate: prob().default(0.2).describe(
    'Share of the tacit knowledge gap learned per step from one partner at full absorptive capacity, tie strength, trust and reach (Cowan & Jonard alpha; 002 §82, §47).'),
  codifiedRate: prob().default(0.08).describe(
    'Share of the codified knowledge gap learned per step through one partner at full absorptive capacity, strength and ICT on both sides (002 §42, §72).'),
  contactRate: z.number().min(0).max(10).default(1).describe(
    'Chance a tie is used in a step, times the mean openness of its two ends (capped at 1); 1 = a partner pair of openness 0.5 meets every other step (002 §82, §123).'),
  strengthGain: prob().default(0.05).describe('Share of the way to strength 1 a tie gains each step it is used (ties strengthen with use, 002 §79).'),
  trustGain: prob().default(0.02).describe('Share of the way to trust 1 a used tie gains when knowledge moved on it (trust from successful interaction, 002 §58).'),
});
export type TieLearningParams = z.infer<typeof TieLearningParams>;

/** Used ties handed to the kernel at a time: bounds the tie buffers at any size. */
const CHUNK = 1 << 10;

/** The phase's buffers in the kernel's memory (src/engine/wasm/kernel.ts). */
const spec = (capacity: number, D: number, R: number) => ({
  /** Snapshots of tacit and codified knowledge at the start of the phase, n x D. */
  sT: ['f64', capacity * D],
  sC: ['f64', capacity * D],
  /** The stocks being raised (copied in, then back). */
  T: ['f64', capacity * D],
  C: ['f64', capacity * D],
  /** Row norms of the snapshots' sum (for the cosine of cognitive distance). */
  norm: ['f64', capacity],
  /** 1 / optimal cognitive distance d* of each row. */
  invDs: ['f64', capacity],
  x: ['f64', capacity],
  y: ['f64', capacity],
  /** The population's columns the weights need (copied in once a phase). */
  ac: ['f64', capacity],
  ict: ['f64', capacity],
  region: ['i32', capacity],
  group: ['i32', capacity],
  project: ['i32', capacity],
  centre: ['i32', capacity],
  inst: ['f64', R * R],
  /** Each row's tacit and codified gains in the phase. */
  gT: ['f64', capacity],
  gC: ['f64', capacity],
  /** The used ties (i, j), and their strength and trust: see kernel.as.ts `tieLearn`. */
  pairs: ['i32', 2 * CHUNK],
  rec: ['f64', 2 * CHUNK],
  /** The parameters in, the chunk's sums of gains out. */
  par: ['f64', 10],
}) as const;
let views: Views<ReturnType<typeof spec>> | undefined;

/** Tie slot (in the lower row) of each used tie of a chunk. */
const slots = new Int32Array(CHUNK);

/**
 * Weights (share of the gap per step) with which receiver i learns from partner j over
 * their tie in slot s of row i: tacit into out[0], codified into out[1].
 */
function weightsInto(state: State, params: TieLearningParams, i: number, j: number, s: number, out: Float64Array): void {
  const pop = state.pop;
  const prox = state.scenario.parameters.proximity;
  const ac = pop.absorptive[i];
  out[0] = out[1] = 0;
  if (ac <= 0) return;
  const ties = state.ties;
  const k = i * ties.K + s;
  const km = distanceKm(pop, i, j);
  const base = ac * ties.strength[k] * learningValue(cognitiveDistance(pop, i, j), ac, prox);
  const reach = tacitReach(geographical(km, prox), organisational(pop, i, j), institutional(state, i, j), prox);
  out[0] = params.rate * base * ties.trust[k] * reach;
  out[1] = params.codifiedRate * base * codifiedReach(pop.ict[i], pop.ict[j], km, prox);
}

/**
 * After the kernel: each used tie of the chunk is marked used and takes the strength and trust
 * the kernel computed, on both halves (the other one through the mirror index). A plain
 * function, not a closure made each step, so the optimiser keeps its compiled code.
 */
function writeBack(m: number, pairs: Int32Array, rec: Float64Array, ties: TieTable, t: number): void {
  const K = ties.K, strength = ties.strength, trust = ties.trust, lastUsed = ties.lastUsed, mirror = ties.mirror;
  for (let p = 0; p < m; p++) {
    const q = slots[p], qj = pairs[2 * p + 1] * K + mirror[q];
    const st = rec[2 * p], tr = rec[2 * p + 1];
    strength[q] = st; trust[q] = tr; lastUsed[q] = t;
    strength[qj] = st; trust[qj] = tr; lastUsed[qj] = t;
  }
}

/** The kernel over the m used ties of a chunk (kernel.as.ts `tieLearn`). */
function learn(fn: KernelExports, v: Views<ReturnType<typeof spec>>, m: number, D: number, R: number): void {
  fn.tieLearn(v.pairs.byteOffset, v.rec.byteOffset, m, v.sT.byteOffset, v.sC.byteOffset, v.T.byteOffset, v.C.byteOffset,
    v.norm.byteOffset, v.invDs.byteOffset, v.x.byteOffset, v.y.byteOffset, v.ac.byteOffset, v.ict.byteOffset,
    v.region.byteOffset, v.group.byteOffset, v.project.byteOffset, v.centre.byteOffset, v.inst.byteOffset, R,
    v.gT.byteOffset, v.gC.byteOffset, v.par.byteOffset, D);
}

/** Exposed for tests and docs: the tacit and codified weights of i learning from j over slot s. */
export function tieWeights(state: State, params: TieLearningParams, i: number, j: number, s: number): { tacit: number; codified: number } {
  const w = new Float64Array(2);
  weightsInto(state, params, i, j, s, w);
  return { tacit: w[0], codified: w[1] };
}

export const tieLearning: Mechanism<TieLearningParams> = {
  id: 'tieLearning',
  doc: 'Interactive learning along ties, weighted by strength, trust and proximities; both partners learn (002 §82, §47, §51).',
  params: TieLearningParams,
  reads: ['tacit', 'codified', 'absorptive', 'ict', 'openness', 'x', 'y', 'region', 'group', 'project', 'centre', 'alive', 'ties', 'policy.coopCostCut'],
  writes: ['tacit', 'codified', 'ties.strength', 'ties.trust', 'ties.lastUsed', 'acc.flow.tie', 'acc.flow.codified'],
  step({ state, params, rng }) {
    const pop = state.pop;
    const n = pop.n, D = pop.D;
    const ties = state.ties, K = ties.K;
    const cut = state.policy.coopCostCut;
    const prox = state.scenario.parameters.proximity;
    const R = state.regions.length;
    const v = (views = kernel().reuse(views, spec(pop.capacity, D, R)));
    const fn = kernel().fn;
    // Synchronous update: gains are computed from the snapshots sT, sC, so the stocks T, C
    // can be raised in place as soon as a tie's exchange is known.
    const nD = n * D, T = pop.tacit, C = pop.codified, invDs = v.invDs, ac = pop.absorptive;
    v.sT.set(T.subarray(0, nD));
    v.sC.set(C.subarray(0, nD));
    v.T.set(T.subarray(0, nD));
    v.C.set(C.subarray(0, nD));
    fn.sumRows(v.sT.byteOffset, v.sC.byteOffset, v.norm.byteOffset, n, D, false);
    const dLow = prox.optimalDistanceLow, dSpan = prox.optimalDistanceHigh - prox.optimalDistanceLow;
    for (let i = 0; i < n; i++) invDs[i] = 1 / (dLow + dSpan * ac[i]);
    v.x.set(pop.x.subarray(0, n));
    v.y.set(pop.y.subarray(0, n));
    v.ac.set(ac.subarray(0, n));
    v.ict.set(pop.ict.subarray(0, n));
    v.region.set(pop.region.subarray(0, n));
    v.group.set(pop.group.subarray(0, n));
    v.project.set(pop.project.subarray(0, n));
    v.centre.set(pop.centre.subarray(0, n));
    v.inst.set(state.institutional.subarray(0, R * R));
    v.gT.fill(0, 0, n);
    v.gC.fill(0, 0, n);
    const par = v.par;
    par[0] = params.rate; par[1] = params.codifiedRate; par[2] = prox.tacitOrgWeight; par[3] = prox.tacitInstWeight;
    par[4] = 1 / prox.geoScaleKm; par[5] = 1 / prox.codifiedDistanceKm; par[6] = params.strengthGain; par[7] = params.trustGain;
    const alive = pop.alive, open = pop.openness;
    const deg = ties.deg, partner = ties.partner, strength = ties.strength, trust = ties.trust;
    const pairs = v.pairs, rec = v.rec;
    const halfRate = params.contactRate * 0.5;
    const t = state.t;
    let sumT = 0, sumC = 0, m = 0;
    // Which ties are used (in TypeScript: the draws come from the mechanism's stream), a
    // chunk at a time; the kernel computes the chunk's gains, new strengths and trust, then
    // `writeBack` puts those into the tie table.
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const oi = open[i], ci = cut[i];
      for (let q = i * K, e = q + deg[i]; q < e; q++) {
        const j = partner[q];
        if (j < i || !alive[j]) continue; // each tie once, from its lower row
        const pUse = halfRate * (oi + open[j]) * (1 + 0.5 * (ci + cut[j]));
        if (pUse < 1 && !rng.chance(pUse)) continue; // no draw when the use is certain
        if (m === CHUNK) {
          learn(fn, v, m, D, R);
          sumT += par[8]; sumC += par[9];
          writeBack(m, pairs, rec, ties, t);
          m = 0;
        }
        // Both halves of a tie hold the same strength and trust (ties.ts), so i's slot serves both.
        pairs[2 * m] = i; pairs[2 * m + 1] = j;
        rec[2 * m] = strength[q]; rec[2 * m + 1] = trust[q];
        slots[m] = q;
        m++;
      }
    }
    learn(fn, v, m, D, R);
    sumT += par[8]; sumC += par[9];
    writeBack(m, pairs, rec, ties, t);
    T.set(v.T.subarray(0, nD));
    C.set(v.C.subarray(0, nD));
    const flow = state.acc.flowByRow, gT = v.gT, gC = v.gC;
    for (let i = 0; i < n; i++) { flow[i * 4 + 1] += gT[i]; flow[i * 4 + 3] += gC[i]; }
    state.acc.flow.tie += sumT;
    state.acc.flow.codified += sumC;
  },
};
