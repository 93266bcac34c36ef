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

let deltaT = new Float64Array(0);
let deltaC = new Float64Array(0);

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

/** Add what i learns from j (weights wt, wc) to the delta buffers; what it gained into out[0] (tacit), out[1] (codified). */
function learn(state: State, i: number, j: number, wt: number, wc: number, out: Float64Array): void {
  const pop = state.pop, D = pop.D;
  const T = pop.tacit, C = pop.codified;
  let gt = 0, gc = 0;
  for (let k = 0; k < D; k++) {
    const gapT = T[j * D + k] - T[i * D + k];
    if (gapT > 0 && wt > 0) { deltaT[i * D + k] += wt * gapT; gt += wt * gapT; }
    const gapC = C[j * D + k] - C[i * D + k];
    if (gapC > 0 && wc > 0) { deltaC[i * D + k] += wc * gapC; gc += wc * gapC; }
  }
  out[0] = gt;
  out[1] = gc;
}

const gained = new Float64Array(2);
const weights = new Float64Array(2);

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
    if (deltaT.length < n * D) {
      deltaT = new Float64Array(pop.capacity * D);
      deltaC = new Float64Array(pop.capacity * D);
    }
    deltaT.fill(0, 0, n * D);
    deltaC.fill(0, 0, n * D);
    const flow = state.acc.flowByRow;
    let totalT = 0, totalC = 0;
    for (let i = 0; i < n; i++) {
      if (!pop.alive[i]) continue;
      for (let s = 0; s < ties.deg[i]; s++) {
        const j = ties.partner[i * K + s];
        if (j < i || !pop.alive[j]) continue; // each tie once, from its lower row
        const pUse = params.contactRate * 0.5 * (pop.openness[i] + pop.openness[j]) * (1 + 0.5 * (cut[i] + cut[j]));
        if (!rng.chance(pUse)) continue;
        const sj = ties.find(j, i);
        weightsInto(state, params, i, j, s, weights);
        learn(state, i, j, weights[0], weights[1], gained);
        let moved = gained[0] + gained[1];
        totalT += gained[0]; totalC += gained[1];
        flow[i * 4 + 1] += gained[0]; flow[i * 4 + 3] += gained[1];
        if (sj >= 0) {
          weightsInto(state, params, j, i, sj, weights);
          learn(state, j, i, weights[0], weights[1], gained);
          moved += gained[0] + gained[1];
          totalT += gained[0]; totalC += gained[1];
          flow[j * 4 + 1] += gained[0]; flow[j * 4 + 3] += gained[1];
        }
        const q = i * K + s;
        const strength = ties.strength[q] + params.strengthGain * (1 - ties.strength[q]);
        const trust = moved > 0 ? ties.trust[q] + params.trustGain * (1 - ties.trust[q]) : ties.trust[q];
        ties.update(i, s, strength, trust, state.t);
      }
    }
    const T = pop.tacit, C = pop.codified;
    for (let q = 0; q < n * D; q++) { T[q] += deltaT[q]; C[q] += deltaC[q]; }
    state.acc.flow.tie += totalT;
    state.acc.flow.codified += totalC;
  },
};
