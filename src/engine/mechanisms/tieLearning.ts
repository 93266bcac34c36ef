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
 * This file picks the used ties and prepares what does not depend on cognitive distance;
 * the WebAssembly kernel (src/engine/wasm/kernel.as.ts, `tieLearn`) computes distances,
 * cognitive distance, weights and gains with SIMD.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { mechanismParams, prob } from '../../scenario/common.js';
import {
  codifiedReach, cognitiveDistance, distanceKm, geographical, institutional, learningValue, organisational, tacitReach,
} from '../proximity.js';
import { kernel, type Views } from '../wasm/kernel.js';
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
const spec = (capacity: number, D: number) => ({
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
  /** The used ties (i, j), and 8 numbers each: see kernel.as.ts `tieLearn`. */
  pairs: ['i32', 2 * CHUNK],
  rec: ['f64', 8 * CHUNK],
}) as const;
let views: Views<ReturnType<typeof spec>> | undefined;

/** The phase's totals of tacit and codified gains. */
const TOTALS = new Float64Array(2);

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
 * After the kernel: each used tie of the chunk records its gains (flows and totals), is
 * marked used, strengthens, and gains trust if knowledge moved on it; both halves (the other
 * one through the mirror index). A plain function, not a closure made each step, so the
 * optimiser keeps its compiled code and its doubles unboxed.
 */
function writeBack(m: number, pairs: Int32Array, rec: Float64Array, ties: TieTable, flow: Float64Array,
  totals: Float64Array, strengthGain: number, trustGain: number, t: number): void {
  const K = ties.K, strength = ties.strength, trust = ties.trust, lastUsed = ties.lastUsed, mirror = ties.mirror;
  let sumT = 0, sumC = 0;
  for (let p = 0; p < m; p++) {
    const i = pairs[2 * p], j = pairs[2 * p + 1], o = 8 * p;
    const gTi = rec[o], gCi = rec[o + 1], gTj = rec[o + 2], gCj = rec[o + 3];
    sumT += gTi + gTj;
    sumC += gCi + gCj;
    flow[i * 4 + 1] += gTi; flow[i * 4 + 3] += gCi;
    flow[j * 4 + 1] += gTj; flow[j * 4 + 3] += gCj;
    const q = slots[p];
    const st = strength[q] + strengthGain * (1 - strength[q]);
    const tr = gTi + gCi + gTj + gCj > 0 ? trust[q] + trustGain * (1 - trust[q]) : trust[q];
    const qj = j * K + mirror[q];
    strength[q] = st; trust[q] = tr; lastUsed[q] = t;
    strength[qj] = st; trust[qj] = tr; lastUsed[qj] = t;
  }
  totals[0] += sumT;
  totals[1] += sumC;
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
    const R = state.regions.length, inst = state.institutional;
    const v = (views = kernel().reuse(views, spec(pop.capacity, D)));
    const fn = kernel().fn;
    // Synchronous update: gains are computed from the snapshots sT, sC, so the stocks T, C
    // can be raised in place as soon as a tie's exchange is known.
    const nD = n * D, T = pop.tacit, C = pop.codified, norm = v.norm, invDs = v.invDs, ac = pop.absorptive;
    v.sT.set(T.subarray(0, nD));
    v.sC.set(C.subarray(0, nD));
    v.T.set(T.subarray(0, nD));
    v.C.set(C.subarray(0, nD));
    fn.sumRows(v.sT.byteOffset, v.sC.byteOffset, norm.byteOffset, n, D, false);
    const dLow = prox.optimalDistanceLow, dSpan = prox.optimalDistanceHigh - prox.optimalDistanceLow;
    for (let i = 0; i < n; i++) invDs[i] = 1 / (dLow + dSpan * ac[i]);
    v.x.set(pop.x.subarray(0, n));
    v.y.set(pop.y.subarray(0, n));
    const alive = pop.alive, open = pop.openness, ict = pop.ict, region = pop.region;
    const deg = ties.deg, partner = ties.partner, strength = ties.strength, trust = ties.trust;
    const flow = state.acc.flowByRow;
    const pairs = v.pairs, rec = v.rec;
    const invGeo = 1 / prox.geoScaleKm, invCod = 1 / prox.codifiedDistanceKm;
    const tow = prox.tacitOrgWeight, tiw = prox.tacitInstWeight;
    const rate = params.rate, codRate = params.codifiedRate;
    const t = state.t;
    // Totals in a typed array: doubles captured and updated by the closure below would each be
    // boxed (one allocation per tie).
    const totals = TOTALS.fill(0);
    let m = 0;
    // The kernel computes the gains of a chunk's ties, then `writeBack` applies them.
    const flush = () => {
      fn.tieLearn(pairs.byteOffset, rec.byteOffset, m, v.sT.byteOffset, v.sC.byteOffset, v.T.byteOffset, v.C.byteOffset,
        norm.byteOffset, invDs.byteOffset, v.x.byteOffset, v.y.byteOffset, D, invGeo, invCod);
      writeBack(m, pairs, rec, ties, flow, totals, params.strengthGain, params.trustGain, t);
      m = 0;
    };
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let s = 0; s < deg[i]; s++) {
        const q = i * K + s;
        const j = partner[q];
        if (j < i || !alive[j]) continue; // each tie once, from its lower row
        const pUse = params.contactRate * 0.5 * (open[i] + open[j]) * (1 + 0.5 * (cut[i] + cut[j]));
        if (pUse < 1 && !rng.chance(pUse)) continue; // no draw when the use is certain
        if (m === CHUNK) flush();
        // What does not depend on cognitive distance (the kernel computes that, and distance):
        // each side's rate x absorptive capacity x strength (x trust for tacit), the
        // organisational / institutional stand-ins for closeness, the product of ICT levels.
        // Both halves of a tie hold the same strength and trust (ties.ts), so i's slot serves both.
        const o = 8 * m;
        const aci = ac[i], acj = ac[j], st = strength[q], tt = st * trust[q];
        rec[o] = aci > 0 ? rate * aci * tt : 0;
        rec[o + 1] = aci > 0 ? codRate * aci * st : 0;
        rec[o + 2] = acj > 0 ? rate * acj * tt : 0;
        rec[o + 3] = acj > 0 ? codRate * acj * st : 0;
        const org = tow * organisational(pop, i, j);
        rec[o + 4] = Math.max(org, tiw * inst[region[i] * R + region[j]]);
        rec[o + 5] = Math.max(org, tiw * inst[region[j] * R + region[i]]);
        rec[o + 6] = ict[i] * ict[j];
        pairs[2 * m] = i; pairs[2 * m + 1] = j;
        slots[m] = q;
        m++;
      }
    }
    flush();
    T.set(v.T.subarray(0, nD));
    C.set(v.C.subarray(0, nD));
    state.acc.flow.tie += totals[0];
    state.acc.flow.codified += totals[1];
  },
};
