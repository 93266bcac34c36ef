/**
 * Interactive learning on ties (identity / community networks, 002 §82; docs/model/tie-learning.md):
 * partners exchange knowledge along existing ties. A tie is used in a step with probability
 *   p_use = contactRate * (openness_i + openness_j) / 2 * (1 + coopCost_ij)
 * (openness: willingness to cooperate, 002 §123; coopCost_ij: the mean of the two ends'
 * `coopCostCut` policy modifier, an integrated service network making cooperation cheaper,
 * 000 §5.4). On a used tie both sides learn (002 §47), each from the other, per domain k
 * where the partner knows more (Cowan & Jonard 2004: a share of the gap), in proportion to the
 * learner's affinity a_ik for the domain (its prior related knowledge, Cohen & Levinthal 1990):
 *   tacit:    rate_i         * A_i * s_ij * trust_ij * L_ij * reach_ij * f(d_ij, A_i) * lock_ij * a_ik (T_jk - T_ik)
 *   codified: codifiedRate_i * A_i * s_ij * L_ij * codifiedReach_ij    * f(d_ij, A_i) * lock_ij * a_ik (C_jk - C_ik)
 * A_i absorptive capacity (Cohen & Levinthal: zero capacity gains nothing), s_ij tie
 * strength, f the inverted U of cognitive distance (Nooteboom), reach the Boschma
 * combination of geographical, organisational and institutional proximity and lock the
 * cut when every proximity is high (proximity.ts tacitReach, lockInFactor). Rates, the
 * distance scales and L_ij (researchLinks when the partner is a research institution, else
 * 1) are those of the learner's knowledge base (knowledgeBase.ts). Tacit gains go to the
 * receiver's tacit stock (`tie` channel), codified gains to its codified stock (`codified`).
 *
 * Trust follows outcomes against expectations (social proximity is trust built by
 * successful interaction, 002 §58; trust builds slowly and breaks fast, Slovic 1993). The
 * outcome of a used tie is what moved on it relative to the two partners' stocks; the
 * expectation is what ties paid on average the step before (adaptive expectations). A tie that paid at least payoffShare
 * of that counts as used (lastUsed = t), strengthens by strengthGain and gains trust by
 * trustGain (times remoteEnable + (1 - remoteEnable) geo: trust builds more slowly at a
 * distance); one that paid less loses trustLoss of its trust and is not marked used, so the
 * network mechanism lets it decay and drops it: a tie that stops paying off, because the
 * partners have learned what they could from each other, fades.
 *
 * Partners are the tie slots only (bounded degree), each tie is visited once a step from its
 * lower row, and updates are synchronous (gains computed from the state at the start of the
 * phase, then applied). This file picks the used ties (drawing from the mechanism's stream),
 * prepares the per-row tables, and updates strength, trust and last use from the outcomes;
 * the WebAssembly kernel (src/engine/wasm/kernel.as.ts, `tieLearn`) computes the weights,
 * distances, cognitive distance and the gains (SIMD) and each row's flows.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { mechanismParams, prob } from '../../scenario/common.js';
import {
  codifiedReach, cognitiveDistance, distanceKm, geographical, institutional, learningValue, lockInFactor, organisational, tacitReach,
} from '../proximity.js';
import type { KernelExports, Views } from '../wasm/kernel.js';
import { Kind } from '../population.js';
import { bySector, knowledgeBaseOfRow } from '../knowledgeBase.js';
import { profilesAndLayout, type StepProfiles } from '../profiles.js';
import { frontierRatios } from '../frontier.js';
import { addChannelFlow } from '../state.js';
import type { Rng } from '../rng.js';

export const TieLearningParams = mechanismParams({
  rate: prob().default(0.2).describe(
    'Share of the tacit knowledge gap learned per step from one partner at full absorptive capacity, tie strength, trust and reach, in the learner\'s strongest domain (Cowan & Jonard alpha; 002 §82, §47), times the knowledge base\'s interaction factor.'),
  codifiedRate: prob().default(0.08).describe(
    'Share of the codified knowledge gap learned per step through one partner at full absorptive capacity, strength and ICT on both sides (002 §42, §72).'),
  contactRate: z.number().min(0).max(10).default(1).describe(
    'Chance a tie is used in a step, times the mean openness of its two ends (capped at 1); 1 = a partner pair of openness 0.5 meets every other step (002 §82, §123).'),
  strengthGain: prob().default(0.05).describe('Share of the way to strength 1 a tie that paid off gains (ties strengthen with use, 002 §79).'),
  trustGain: prob().default(0.02).describe('Share of the way to trust 1 a tie that paid off gains (trust from successful interaction, 002 §58).'),
  trustLoss: prob().default(0.05).describe('Share of its trust a tie that did not pay off loses: more than a success adds (trust asymmetry, Slovic 1993; assumption).'),
  payoffShare: prob().default(0.5).describe(
    'A used tie pays off when what moved on it, relative to the partners\' stocks, is at least this share of what used ties moved on average the step before (the expectation). Assumption: half.'),
});
export type TieLearningParams = z.infer<typeof TieLearningParams>;

/** Used ties handed to the kernel at a time: bounds the tie buffers at any size. */
const CHUNK = 1 << 10;

/** The phase's buffers in the kernel's memory (src/engine/wasm/kernel.ts). */
const spec = (capacity: number, D: number, R: number, S: number) => ({
  /** Snapshots of tacit and codified knowledge at the start of the phase, n x D. */
  sT: ['f64', capacity * D],
  sC: ['f64', capacity * D],
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
  /** By sector, from its knowledge base: tacit and codified rates, factor with a research partner, 1 / distance scales; per row, 1 for a research institution. */
  kT: ['f64', S],
  kC: ['f64', S],
  lab: ['f64', S],
  res: ['i32', capacity],
  invGeo: ['f64', S],
  invCod: ['f64', S],
  /** Each row's sector, and the frontier ratios of every pair of sectors (frontier.ts frontierRatios): gaps across sectors in the learner's units. */
  sector: ['i32', capacity],
  ratio: ['f64', S * S * D],
  /** Each row's tacit and codified gains in the phase. */
  gT: ['f64', capacity],
  gC: ['f64', capacity],
  /** The used ties (i, j), and their [strength, trust, cd, gain, geo]: see kernel.as.ts `tieLearn`. */
  pairs: ['i32', 2 * CHUNK],
  rec: ['f64', 5 * CHUNK],
  /** The parameters in, the chunk's sums of gains out. */
  par: ['f64', 10],
}) as const;
let views: Views<ReturnType<typeof spec>> | undefined;

const tieSlots = new Int32Array(CHUNK);
/** Byte offsets of the step's profiles and affinities in the kernel's memory (profiles.ts). */
let profOffset = 0, affOffset = 0;
/** Byte offsets of the population's tacit and codified knowledge in the kernel's memory (population.ts). */
let tacitOffset = 0, codifiedOffset = 0;
let stock: Float64Array = new Float64Array(0);

/** Per-sector scratch tables. */
let tabT = new Float64Array(0), tabC = new Float64Array(0), tabL = new Float64Array(0), tabG = new Float64Array(0), tabK = new Float64Array(0);

/**
 * Weights (share of the gap per step) with which receiver i learns from partner j over
 * their tie in slot s of row i: tacit into out[0], codified into out[1] (the kernel's maths).
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
  const fi = knowledgeBaseOfRow(state, i), fj = knowledgeBaseOfRow(state, j);
  const geo = geographical(km, prox, 2 / (1 / (prox.geoScaleKm * fi.geoScale) + 1 / (prox.geoScaleKm * fj.geoScale)));
  const cod = codifiedReach(pop.ict[i], pop.ict[j], km, prox, 2 / (1 / (prox.codifiedDistanceKm * fi.codifiedReach) + 1 / (prox.codifiedDistanceKm * fj.codifiedReach)));
  const cd = cognitiveDistance(pop, i, j);
  const org = organisational(pop, i, j), inst = institutional(state, i, j), instBack = institutional(state, j, i);
  const trust = ties.trust[k];
  const lock = lockInFactor(geo, org, Math.min(inst, instBack), trust, cd, prox);
  const lab = pop.kind[j] === Kind.research ? fi.researchLinks : 1;
  const base = ac * ties.strength[k] * lab * learningValue(cd, ac, prox) * lock;
  out[0] = params.rate * fi.interaction * base * trust * tacitReach(geo, org, inst, prox);
  out[1] = params.codifiedRate * base * cod;
}

/** The kernel over the m used ties of a chunk (kernel.as.ts `tieLearn`). */
function learn(fn: KernelExports, v: Views<ReturnType<typeof spec>>, m: number, D: number, R: number, S: number): void {
  fn.tieLearn(v.pairs.byteOffset, v.rec.byteOffset, m, v.sT.byteOffset, v.sC.byteOffset, tacitOffset, codifiedOffset,
    profOffset, v.invDs.byteOffset, v.x.byteOffset, v.y.byteOffset, v.ac.byteOffset, v.ict.byteOffset,
    v.region.byteOffset, v.group.byteOffset, v.project.byteOffset, v.centre.byteOffset, v.inst.byteOffset, R,
    v.gT.byteOffset, v.gC.byteOffset, v.par.byteOffset, D,
    v.kT.byteOffset, v.kC.byteOffset, v.lab.byteOffset, v.res.byteOffset, v.invGeo.byteOffset, v.invCod.byteOffset, affOffset,
    v.sector.byteOffset, v.ratio.byteOffset, S);
}

/**
 * After the kernel, while the chunk is in cache: each used tie's outcome (what moved on it,
 * relative to the partners' stocks) against the expectation (what ties paid on average the
 * step before); its strength, trust and last use (see the header); and, per learner, the
 * exchanges and those beyond its optimal distance (learning.pastOptimumShare).
 */
function settle(state: State, p: TieLearningParams, m: number, pairs: Int32Array, rec: Float64Array, invDs: Float64Array, bar: number): void {
  const ties = state.ties, K = ties.K, t = state.t, pop = state.pop;
  const strength = ties.strength, trust = ties.trust, lastUsed = ties.lastUsed, mirror = ties.mirror;
  const ex = state.acc.exchanges, past = state.acc.pastOptimum, ac = pop.absorptive;
  const near = state.scenario.parameters.proximity.remoteEnable;
  // The module's stock table, the running sum of outcomes (added to in the same order) and the
  // parameters in locals: as module bindings and fields they were loaded (and the sum stored)
  // at every tie.
  const stk = stock, slots = tieSlots, strengthGain = p.strengthGain, trustGain = p.trustGain, trustLoss = p.trustLoss;
  let sum = outcomes;
  for (let u = 0; u < m; u++) {
    const i = pairs[2 * u], j = pairs[2 * u + 1], q = slots[u], qj = j * K + mirror[q];
    const st0 = stk[i] + stk[j];
    const outcome = st0 > 0 ? rec[5 * u + 3] / st0 : 0;
    sum += outcome;
    const cd = rec[5 * u + 2];
    if (ac[i] > 0) { ex[i]++; if (cd * invDs[i] > 1) past[i]++; }
    if (ac[j] > 0) { ex[j]++; if (cd * invDs[j] > 1) past[j]++; }
    let st = strength[q], tr = trust[q], last = lastUsed[q];
    if (outcome >= bar && outcome > 0) {
      st += strengthGain * (1 - st);
      // Trust grows more slowly at a distance (Boschma 2005: geographical proximity
      // strengthens social proximity), as the other proximities' stand-in does.
      tr += (near + (1 - near) * rec[5 * u + 4]) * trustGain * (1 - tr);
      last = t;
    } else tr -= trustLoss * tr;
    strength[q] = st; trust[q] = tr; lastUsed[q] = last;
    strength[qj] = st; trust[qj] = tr; lastUsed[qj] = last;
  }
  outcomes = sum;
}

/** What the chunks learned before the last one: knowledge moved (tacit, codified) and ties used. */
let chunkT = 0, chunkC = 0, chunkUsed = 0;

/**
 * Which ties are used this step (the draws come from the mechanism's stream), gathered a chunk
 * at a time; a full chunk goes to the kernel (`learn`), then `settle` keeps each tie's
 * outcome. Returns the size of the last, partial chunk, which the caller learns from. A
 * function whose loop is its last statement: with the loop inline in `step`, V8 compiled
 * `step` on-stack during its first call and threw that code out again at every later step
 * (docs/performance.md, item 16).
 */
function useTies(state: State, params: TieLearningParams, rng: Rng, v: Views<ReturnType<typeof spec>>, fn: KernelExports, bar: number): number {
  const pop = state.pop, n = pop.n, D = pop.D, R = state.regions.length, S = state.sectors.length;
  const ties = state.ties, K = ties.K, cut = state.policy.coopCostCut;
  const alive = pop.alive, open = pop.openness;
  const deg = ties.deg, partner = ties.partner, strength = ties.strength, trust = ties.trust;
  const pairs = v.pairs, rec = v.rec, par = v.par, invDs = v.invDs;
  const halfRate = params.contactRate * 0.5;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (!alive[i]) continue;
    const oi = open[i], ci = cut[i];
    for (let q = i * K, e = q + deg[i]; q < e; q++) {
      const j = partner[q];
      if (j < i || !alive[j]) continue; // each tie once, from its lower row
      const pUse = halfRate * (oi + open[j]) * (1 + 0.5 * (ci + cut[j]));
      if (pUse < 1 && !rng.chance(pUse)) continue; // no draw when the use is certain
      if (m === CHUNK) {
        learn(fn, v, m, D, R, S);
        chunkT += par[8]; chunkC += par[9];
        settle(state, params, m, pairs, rec, invDs, bar);
        chunkUsed += m;
        m = 0;
      }
      // Both halves of a tie hold the same strength and trust (ties.ts), so i's slot serves both.
      pairs[2 * m] = i; pairs[2 * m + 1] = j;
      rec[5 * m] = strength[q]; rec[5 * m + 1] = trust[q];
      tieSlots[m] = q;
      m++;
    }
  }
  return m;
}

/** The sum of this step's outcomes (settle adds to it), and each run's mean outcome of its last step. */
let outcomes = 0;
const expectation = new WeakMap<State, number>();

/** Exposed for tests and docs: the tacit and codified weights of i learning from j over slot s. */
export function tieWeights(state: State, params: TieLearningParams, i: number, j: number, s: number): { tacit: number; codified: number } {
  const w = new Float64Array(2);
  weightsInto(state, params, i, j, s, w);
  return { tacit: w[0], codified: w[1] };
}

export const tieLearning: Mechanism<TieLearningParams> = {
  id: 'tieLearning',
  doc: 'Interactive learning along ties, weighted by strength, trust and the proximities (Boschma combination, lock-in); both partners learn; trust and strength follow outcomes against expectations (002 §82, §47, §51, §58).',
  params: TieLearningParams,
  reads: ['tacit', 'codified', 'absorptive', 'ict', 'openness', 'x', 'y', 'region', 'sector', 'kind', 'group', 'project', 'centre', 'alive', 'ties', 'policy.coopCostCut'],
  writes: ['tacit', 'codified', 'ties.strength', 'ties.trust', 'ties.lastUsed', 'acc.flow.tie', 'acc.flow.codified', 'acc.exchanges', 'acc.pastOptimum'],
  step({ state, params, rng }) {
    const pop = state.pop;
    const n = pop.n, D = pop.D;
    const prox = state.scenario.parameters.proximity;
    const R = state.regions.length, S = state.sectors.length;
    // The step's profiles around this phase's buffers (profiles.ts); the kernel reads the
    // profiles and affinities in its resident area.
    const { v, sp } = profilesAndLayout(state, () => (views = pop.kernel.reuse(views, spec(pop.capacity, D, R, S))));
    profOffset = sp.prof.byteOffset;
    affOffset = sp.aff.byteOffset;
    const fn = pop.kernel.fn;
    // Synchronous update: gains are computed from the snapshots sT, sC, so the stocks can be
    // raised in place as soon as a tie's exchange is known: where they live, in the kernel's
    // knowledge area (population.ts; read after the layout).
    const nD = n * D, T = pop.tacit, C = pop.codified, invDs = v.invDs, ac = pop.absorptive;
    tacitOffset = T.byteOffset;
    codifiedOffset = C.byteOffset;
    v.sT.set(T.subarray(0, nD));
    v.sC.set(C.subarray(0, nD));
    if (tabT.length < S) { tabT = new Float64Array(S); tabC = new Float64Array(S); tabL = new Float64Array(S); tabG = new Float64Array(S); tabK = new Float64Array(S); }
    bySector(state, (f) => params.rate * f.interaction, tabT);
    bySector(state, () => params.codifiedRate, tabC);
    bySector(state, (f) => f.researchLinks, tabL);
    bySector(state, (f) => 1 / (prox.geoScaleKm * f.geoScale), tabG);
    bySector(state, (f) => 1 / (prox.codifiedDistanceKm * f.codifiedReach), tabK);
    prepare(state, v, sp, tabT, tabC, tabL, tabG, tabK);
    v.x.set(pop.x.subarray(0, n));
    v.y.set(pop.y.subarray(0, n));
    v.ac.set(ac.subarray(0, n));
    v.ict.set(pop.ict.subarray(0, n));
    v.region.set(pop.region.subarray(0, n));
    v.group.set(pop.group.subarray(0, n));
    v.project.set(pop.project.subarray(0, n));
    v.centre.set(pop.centre.subarray(0, n));
    v.sector.set(pop.sector.subarray(0, n));
    frontierRatios(state, v.ratio);
    v.inst.set(state.institutional.subarray(0, R * R));
    v.gT.fill(0, 0, n);
    v.gC.fill(0, 0, n);
    const par = v.par;
    par[0] = prox.tacitOrgWeight; par[1] = prox.tacitInstWeight; par[2] = prox.remoteEnable; par[3] = prox.lockIn;
    const pairs = v.pairs, rec = v.rec;
    // A tie pays off when it moves at least payoffShare of what ties moved on average the step before.
    const bar = params.payoffShare * (expectation.get(state) ?? 0);
    outcomes = 0;
    chunkT = chunkC = 0;
    chunkUsed = 0;
    const m = useTies(state, params, rng, v, fn, bar);
    learn(fn, v, m, D, R, S);
    const sumT = chunkT + par[8], sumC = chunkC + par[9];
    settle(state, params, m, pairs, rec, invDs, bar);
    const used = chunkUsed + m;
    expectation.set(state, used > 0 ? outcomes / used : 0);
    addChannelFlow(state.acc.flowByRow, 'tie', v.gT, n);
    addChannelFlow(state.acc.flowByRow, 'codified', v.gC, n);
    state.acc.flow.tie += sumT;
    state.acc.flow.codified += sumC;
  },
};

/**
 * The phase's tables: the stocks (profiles.ts); per row d* and whether it is a research
 * institution; by sector the knowledge base's rates and scales (the kernel reads them at each
 * side's sector: per row, five more columns were written here and read at random rows there).
 */
function prepare(state: State, v: Views<ReturnType<typeof spec>>, sp: StepProfiles, kT: Float64Array, kC: Float64Array, lab: Float64Array, g: Float64Array, c: Float64Array): void {
  const pop = state.pop, n = pop.n, S = state.sectors.length, prox = state.scenario.parameters.proximity;
  const dLow = prox.optimalDistanceLow, dSpan = prox.optimalDistanceHigh - prox.optimalDistanceLow;
  stock = sp.stock;
  for (let s = 0; s < S; s++) { v.kT[s] = kT[s]; v.kC[s] = kC[s]; v.lab[s] = lab[s]; v.invGeo[s] = g[s]; v.invCod[s] = c[s]; }
  const kind = pop.kind, ac = pop.absorptive;
  // The views in locals: read from `v`, each was loaded again for every row.
  const invDs = v.invDs, res = v.res;
  for (let i = 0; i < n; i++) {
    invDs[i] = 1 / (dLow + dSpan * ac[i]); // 1 / optimalDistance(ac)
    res[i] = kind[i] === Kind.research ? 1 : 0;
  }
}

