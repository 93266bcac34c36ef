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
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { mechanismParams, prob } from '../../scenario/common.js';
import {
  codifiedReach, cognitiveDistance, distanceKm, geographical, institutional, learningValue, organisational, tacitReach,
} from '../proximity.js';

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

/** Snapshots of tacit and codified knowledge at the start of the phase, and row norms of their sum. */
let snapT = new Float64Array(0);
let snapC = new Float64Array(0);
let norm = new Float64Array(0);

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
    if (snapT.length < n * D) {
      snapT = new Float64Array(pop.capacity * D);
      snapC = new Float64Array(pop.capacity * D);
      norm = new Float64Array(pop.capacity);
    }
    // Synchronous update: gains are computed from these snapshots, so stocks can be raised
    // in place as soon as a tie's exchange is known (no delta buffers to add afterwards).
    const T = pop.tacit, C = pop.codified, sT = snapT, sC = snapC;
    for (let i = 0, q = 0; i < n; i++) {
      let ss = 0;
      for (let k = 0; k < D; k++, q++) {
        const t = T[q], c = C[q];
        sT[q] = t;
        sC[q] = c;
        ss += (t + c) * (t + c);
      }
      norm[i] = Math.sqrt(ss);
    }
    const X = pop.x, Y = pop.y, alive = pop.alive, open = pop.openness, ac = pop.absorptive, ict = pop.ict, region = pop.region;
    const deg = ties.deg, partner = ties.partner, strength = ties.strength, trust = ties.trust, lastUsed = ties.lastUsed;
    const flow = state.acc.flowByRow;
    const invGeo = 1 / prox.geoScaleKm, invCod = 1 / prox.codifiedDistanceKm;
    const dLow = prox.optimalDistanceLow, dSpan = prox.optimalDistanceHigh - prox.optimalDistanceLow;
    const tow = prox.tacitOrgWeight, tiw = prox.tacitInstWeight;
    const t = state.t;
    let totalT = 0, totalC = 0;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const bi = i * D;
      for (let s = 0; s < deg[i]; s++) {
        const q = i * K + s;
        const j = partner[q];
        if (j < i || !alive[j]) continue; // each tie once, from its lower row
        const pUse = params.contactRate * 0.5 * (open[i] + open[j]) * (1 + 0.5 * (cut[i] + cut[j]));
        if (!rng.chance(pUse)) continue;
        const sj = ties.find(j, i);
        const qj = j * K + sj;
        const bj = j * D;
        // What the two directions share: distance, cognitive distance, organisational
        // proximity, geographical and codified reach (proximity.ts).
        const dx = X[i] - X[j], dy = Y[i] - Y[j];
        const km = Math.sqrt(dx * dx + dy * dy);
        let cd = 1;
        const norms = norm[i] * norm[j];
        if (norms > 0) {
          let dot = 0;
          for (let k = 0; k < D; k++) dot += (sT[bi + k] + sC[bi + k]) * (sT[bj + k] + sC[bj + k]);
          const cos = dot / norms;
          cd = cos >= 1 ? 0 : 1 - cos;
        }
        const geo = Math.exp(-km * invGeo);
        const org = tow * organisational(pop, i, j);
        const codReach = ict[i] * ict[j] * Math.exp(-km * invCod);
        // Receiver i from j (slot q), and j from i (slot qj), as in weightsInto.
        let wTi = 0, wCi = 0, wTj = 0, wCj = 0;
        const aci = ac[i];
        if (aci > 0) {
          const r = cd / (dLow + dSpan * aci);
          const base = aci * strength[q] * r * Math.exp(1 - r);
          wTi = params.rate * base * trust[q] * Math.max(geo, org, tiw * inst[region[i] * R + region[j]]);
          wCi = params.codifiedRate * base * codReach;
        }
        const acj = ac[j];
        if (sj >= 0 && acj > 0) {
          const r = cd / (dLow + dSpan * acj);
          const base = acj * strength[qj] * r * Math.exp(1 - r);
          wTj = params.rate * base * trust[qj] * Math.max(geo, org, tiw * inst[region[j] * R + region[i]]);
          wCj = params.codifiedRate * base * codReach;
        }
        // Half-weights: w * 0.5 * (gap + |gap|) = w * max(gap, 0), without a branch.
        wTi *= 0.5; wCi *= 0.5; wTj *= 0.5; wCj *= 0.5;
        let gTi = 0, gCi = 0, gTj = 0, gCj = 0;
        for (let k = 0; k < D; k++) {
          const gT = sT[bj + k] - sT[bi + k], aT = Math.abs(gT);
          const gC = sC[bj + k] - sC[bi + k], aC = Math.abs(gC);
          const ti = wTi * (gT + aT), tj = wTj * (aT - gT), ci = wCi * (gC + aC), cj = wCj * (aC - gC);
          T[bi + k] += ti; T[bj + k] += tj; C[bi + k] += ci; C[bj + k] += cj;
          gTi += ti; gTj += tj; gCi += ci; gCj += cj;
        }
        totalT += gTi + gTj;
        totalC += gCi + gCj;
        flow[i * 4 + 1] += gTi; flow[i * 4 + 3] += gCi;
        flow[j * 4 + 1] += gTj; flow[j * 4 + 3] += gCj;
        const moved = gTi + gCi + gTj + gCj;
        const st = strength[q] + params.strengthGain * (1 - strength[q]);
        const tr = moved > 0 ? trust[q] + params.trustGain * (1 - trust[q]) : trust[q];
        strength[q] = st; trust[q] = tr; lastUsed[q] = t;
        if (sj >= 0) { strength[qj] = st; trust[qj] = tr; lastUsed[qj] = t; }
      }
    }
    state.acc.flow.tie += totalT;
    state.acc.flow.codified += totalC;
  },
};
