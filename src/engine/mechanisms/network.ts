/**
 * Network dynamics (002 §75, §78, §79, §94, §29; docs/model/network.md): each node searches "for the
 * most appropriate level and form of integration or co-operation" (§75); rewiring is
 * "creative destruction", "the integration of new nodes and the exclusion of others" (§94);
 * networks have "switching costs" (§78) and transaction costs fall as routines build (§79).
 *
 * Upkeep. A tie unused (ties.lastUsed, set by tie learning when a tie pays off and by
 * projects) for more than `graceSteps` steps loses strength and, more slowly, trust each step:
 *   strength <- strength * (1 - decay * kb_ij * (1 - cut_ij)),  trust <- trust * (1 - trustDecay)
 * (cut_ij: mean coopCostCut of the two ends, an integrated service network making ties
 * cheaper to keep, 000 §5.4; kb_ij: the mean tieDecay factor of the two ends' knowledge
 * bases: long supplier-user ties in engineering, short project ties in creative industries).
 * A tie whose strength falls below `dropBelow` is dropped. Ties strengthen with use and gain
 * trust with success in the tie-learning and projects phases.
 *
 * Search. An agent searches with chance searchRate * openness_i * (1 + searchBoost_i)
 * (openness gates the willingness to cooperate, 002 §123; value-chain studies give more
 * information, 000 §5.3). It draws candidates = round(candidates * (1 + searchBoost_i))
 * agents, each from
 *   - afar, with chance remoteSearch * ict_i * international_i (ICT-enabled remote search,
 *     000 §5.1 ¶4; interregional links come from internationally oriented firms, 002 §29):
 *     a uniformly random agent, usually of another region;
 *   - partners of partners, with chance friendOfFriend (gatekeepers, 002 §29);
 *   - otherwise the spatial neighbourhood within radiusKm (at most `pool` neighbours looked
 *     at, from the spatial index; never all pairs).
 * A candidate's match with i is
 *   m_ij = reach_ij * fit_ij * (1 + openness_j) / 2 * (1 + social_ij) / 2
 *   reach_ij = max(tacitReach(geo, org, inst), codifiedReach(ict_i, ict_j, km))
 *   fit_ij   = learningValue(cognitive distance, A_i)   for a progressive search (complementary
 *              knowledge, chance progressiveShare), or 1 - cognitive distance for a
 *              conservative one (similar knowledge) (SKIN; Nooteboom)
 * seen with an information error: m_ij * (1 + noise * (1 - min(1, searchBoost_i)) * (2u - 1)), and
 * weighed against its cost: a distant partner costs more to reach and to build trust with,
 * cost_ij = tieCost * (1 - cut_i) * (1 + remoteCost * (1 - geo_ij)), so i ranks candidates by
 * m_ij / (1 + remoteCost (1 - geo_ij)): novelty from afar must outweigh the effort. The best
 * candidate j accepts with chance openness_j, and i pays cost_ij (a firm short of capital
 * does not search). A full agent (bounded degree) replaces its
 * weakest tie only when the candidate is clearly better (switching costs, §78):
 *   m_ij * newStrength > (1 + switchingCost) * m'_iw * strength_iw,
 * w its weakest tie by strength and m'_iw that tie's conservative match (1 - cognitive distance).
 * A new tie has strength newStrength and trust = the region's social capital (same region)
 * or institutional proximity x the mean social capital of the two regions; its type is
 * interRegional across regions, horizontal in one sector, vertical otherwise.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { isFirmKind } from '../population.js';
import { TieType } from '../ties.js';
import type { Rng } from '../rng.js';
import { mechanismParams, nonneg, positive, prob } from '../../scenario/common.js';
import { codifiedReach, distanceKm, institutional, learningValue, organisational, social, tacitReach } from '../proximity.js';
import { stepDistance, stepProfiles, type StepProfiles } from '../profiles.js';
import { knowledgeBaseTables, type KnowledgeBaseTables } from '../knowledgeBase.js';
import { exp } from '../math.js';

export const NetworkParams = mechanismParams({
  graceSteps: z.number().int().min(0).max(1000).default(4).describe('Steps a tie can go unused before it starts to decay (assumption: a year with quarterly steps).'),
  decay: prob().default(0.1).describe('Share of strength an unused tie loses per step (ties decay without use, 002 §79).'),
  trustDecay: prob().default(0.01).describe('Share of trust an unused tie loses per step. Assumption.'),
  dropBelow: prob().default(0.05).describe('A tie weaker than this is dropped (002 §94: exclusion of nodes).'),
  searchRate: prob().default(0.1).describe('Chance per step that an agent of openness 1 searches for a new partner (002 §75: continuous search).'),
  candidates: z.number().int().min(1).max(64).default(6).describe('Candidates an agent looks at per search (bounded); times 1 + searchBoost. Assumption.'),
  radiusKm: positive().default(20).describe('Radius (km) of the neighbourhood searched for local candidates. Assumption.'),
  pool: z.number().int().min(1).max(1024).default(48).describe('Neighbours taken from the spatial index per search, among which local candidates are drawn. Assumption.'),
  remoteSearch: prob().default(0.3).describe('Chance a candidate comes from afar for an agent with ICT and international orientation 1 (000 §5.1 ¶4; 002 §29).'),
  remoteCost: nonneg().default(1).describe(
    'Extra cost of forming a tie with a distant partner, as a share of tieCost, times 1 - geographical proximity: meeting, negotiating and building trust at a distance takes more effort (Boschma 2005). A firm weighs it against what the partner offers. Assumption: up to double.'),
  friendOfFriend: prob().default(0.3).describe('Chance a candidate is a partner of a partner (002 §29: gatekeepers).'),
  progressiveShare: prob().default(0.5).describe('Share of searches that look for complementary (progressive) rather than similar (conservative) partners (SKIN).'),
  noise: prob().default(0.5).describe('Relative error in judging a candidate without information; shrinks with searchBoost (000 §5.3: value-chain studies).'),
  newStrength: prob().default(0.2).describe('Strength of a new tie. Assumption.'),
  tieCost: nonneg().default(0.5).describe('Money a firm pays to form a tie (search, negotiation), cut by coopCostCut (000 §5.4).'),
  switchingCost: nonneg().default(0.5).describe('How much better (relative) a candidate must be than the weakest tie of a full agent to replace it (002 §78: switching costs).'),
});
export type NetworkParams = z.infer<typeof NetworkParams>;

// Per-run scratch buffers (no allocation inside the step).
let near = new Int32Array(64);

/** Tie type for a new tie between rows i and j. */
export function tieTypeOf(state: State, i: number, j: number): number {
  const pop = state.pop;
  if (pop.region[i] !== pop.region[j]) return TieType.interRegional;
  return pop.sector[i] === pop.sector[j] ? TieType.horizontal : TieType.vertical;
}

/** Initial trust of a new tie between rows i and j (see the header). */
export function initialTrust(state: State, i: number, j: number): number {
  const pop = state.pop, ri = pop.region[i], rj = pop.region[j];
  const si = state.regions[ri].socialCapital;
  if (ri === rj) return si;
  return institutional(state, i, j) * 0.5 * (si + state.regions[rj].socialCapital);
}

/** Match value of j as a partner for i (see the header): conservative or progressive fit. */
export function matchValue(state: State, i: number, j: number, progressive: boolean): number {
  const km = distanceKm(state.pop, i, j);
  return matchAt(state, i, j, progressive, km, geoOf(state, i, j, km), knowledgeBaseTables(state), stepProfiles(state));
}

/**
 * matchValue with the distance and the geographical proximity already known. A search passes
 * the step's knowledge-base tables and profiles it looked up once (each lookup is a WeakMap
 * get, and a search rates several candidates). No default parameters: the lookups of a
 * default were compiled into matchAt without type feedback (search always passes them), and
 * the first rating of a full row's weakest tie (weakest) threw matchAt's and matchValue's
 * optimised code away.
 */
function matchAt(state: State, i: number, j: number, progressive: boolean, km: number, geo: number,
  kb: KnowledgeBaseTables, sp: StepProfiles): number {
  const pop = state.pop;
  const prox = state.scenario.parameters.proximity;
  const reach = Math.max(tacitReach(geo, organisational(pop, i, j), institutional(state, i, j), prox),
    codifiedReach(pop.ict[i], pop.ict[j], km, prox, codScaleOf(kb, pop.sector, i, j)));
  const cd = stepDistance(sp, pop.D, i, j);
  const fit = progressive ? learningValue(cd, pop.absorptive[i], prox) : 1 - cd;
  return reach * fit * 0.5 * (1 + pop.openness[j]) * 0.5 * (1 + social(state, i, j));
}

/** Geographical proximity of rows i and j at km, on the mean scale of their knowledge bases (as the kernel: the mean of 1 / scale). */
export function geoOf(state: State, i: number, j: number, km: number): number {
  return geoAt(knowledgeBaseTables(state), state.pop.sector, i, j, km);
}

/** geoOf from the step's knowledge-base tables. */
function geoAt(t: KnowledgeBaseTables, s: Uint16Array, i: number, j: number, km: number): number {
  return exp(-km * 0.5 * (t.invGeo[s[i]] + t.invGeo[s[j]]));
}

/** Codified distance scale of a pair (the harmonic mean of their knowledge bases'). */
function codScaleOf(t: KnowledgeBaseTables, s: Uint16Array, i: number, j: number): number {
  return 2 / (t.invCod[s[i]] + t.invCod[s[j]]);
}

/**
 * Drop the tie in slot s of row i and count it; nothing for s < 0. One function for upkeep, which
 * drops weak ties every step, and for search, where a full row gives up its weakest tie only
 * now and then: search's compiled code then finds the drop's type feedback already there
 * (upkeep's), instead of being thrown away and compiled again the first time a row switches
 * partners (twice in the bench's 60 timed steps; docs/performance.md, item 16).
 */
function dropTie(state: State, i: number, s: number): void {
  if (s < 0) return;
  state.ties.removeSlot(i, s);
  state.acc.tiesDropped++;
}

/** Decay unused ties and drop the weak ones. Each tie is visited once, from its lower row. */
function upkeep(state: State, p: NetworkParams): void {
  const pop = state.pop, ties = state.ties, K = ties.K, t = state.t;
  const cut = state.policy.coopCostCut, decay = knowledgeBaseTables(state).tieDecay, sector = pop.sector;
  // Columns and parameters in locals (removeSlot and update change slots, never the arrays):
  // read as fields, they were loaded again at every tie after those calls.
  const n = pop.n, alive = pop.alive, deg = ties.deg, partner = ties.partner, lastUsed = ties.lastUsed;
  const strengths = ties.strength, trust = ties.trust;
  const grace = p.graceSteps, rate = p.decay, dropBelow = p.dropBelow, trustKept = 1 - p.trustDecay;
  for (let i = 0; i < n; i++) {
    if (!alive[i]) continue;
    for (let s = deg[i] - 1; s >= 0; s--) {
      const q = i * K + s;
      const j = partner[q];
      if (j < i || t - lastUsed[q] <= grace) continue;
      const kb = 0.5 * (decay[sector[i]] + decay[sector[j]]);
      const strength = strengths[q] * (1 - Math.min(1, rate * kb) * (1 - 0.5 * (cut[i] + cut[j])));
      if (strength < dropBelow) dropTie(state, i, s);
      else ties.update(i, s, strength, trust[q] * trustKept, lastUsed[q]);
    }
  }
}

/** Slot of i's weakest tie by strength x match, and that value (into out). */
function weakest(state: State, i: number, out: Float64Array): number {
  const ties = state.ties, K = ties.K;
  let w = -1;
  for (let s = 0; s < ties.deg[i]; s++) if (w < 0 || ties.strength[i * K + s] < ties.strength[i * K + w]) w = s;
  out[0] = w < 0 ? 0 : ties.strength[i * K + w] * matchValue(state, i, ties.partner[i * K + w], false);
  return w;
}
const weakValue = new Float64Array(1);
/** This step's searchers (row numbers), shuffled. */
let searchers = new Int32Array(0);

/**
 * Whether row i can take a new tie of value `value`: -1 when it has a free slot, the slot of
 * the weakest tie it would give up for it (switching costs), or -2 when it would not.
 */
function room(state: State, i: number, value: number, p: NetworkParams): number {
  if (!state.ties.full(i)) return -1;
  const w = weakest(state, i, weakValue);
  return w >= 0 && value > (1 + p.switchingCost) * weakValue[0] ? w : -2;
}

/** Draw one candidate for i (or -1): remote, partner of a partner, or neighbour. */
function candidate(state: State, i: number, found: number, pRemote: number, p: NetworkParams, rng: Rng): number {
  const pop = state.pop, ties = state.ties, K = ties.K;
  const u = rng.next();
  if (u < pRemote) return rng.int(pop.n);
  if (u < pRemote + p.friendOfFriend && ties.deg[i] > 0) {
    const a = ties.partner[i * K + rng.int(ties.deg[i])];
    return ties.deg[a] > 0 ? ties.partner[a * K + rng.int(ties.deg[a])] : -1;
  }
  return found > 0 ? near[rng.int(found)] : -1;
}

function search(state: State, i: number, p: NetworkParams, rng: Rng): void {
  const pop = state.pop, ties = state.ties;
  const boost = state.policy.searchBoost[i], cut = state.policy.coopCostCut[i];
  const firm = isFirmKind(pop.kind[i]);
  const base = p.tieCost * (1 - cut);
  if (firm && pop.capital[i] < base) return;
  const pool = Math.min(p.pool, near.length);
  const found = state.grid.query(pop.x[i], pop.y[i], p.radiusKm, pop.x, pop.y, i, near, pool);
  const pRemote = p.remoteSearch * pop.ict[i] * pop.international[i];
  const m = Math.round(p.candidates * (1 + boost));
  const progressive = rng.chance(p.progressiveShare);
  const err = p.noise * (1 - Math.min(1, boost));
  let best = -1, bestSeen = 0, bestCost = base;
  const kb = knowledgeBaseTables(state), sp = stepProfiles(state);
  for (let c = 0; c < m; c++) {
    const j = candidate(state, i, found, pRemote, p, rng);
    if (j < 0 || j === i || !pop.alive[j] || ties.has(i, j)) continue;
    const km = distanceKm(pop, i, j), geo = geoAt(kb, pop.sector, i, j, km);
    const effort = 1 + p.remoteCost * (1 - geo);
    const seen = (matchAt(state, i, j, progressive, km, geo, kb, sp) * (1 + err * (2 * rng.next() - 1))) / effort;
    if (seen > bestSeen) { bestSeen = seen; best = j; bestCost = base * effort; }
  }
  if (best < 0 || (firm && pop.capital[i] < bestCost) || !rng.chance(pop.openness[best])) return;
  // Both ends need a free slot, or a weakest tie clearly worse than the new one.
  const wi = room(state, i, matchValue(state, i, best, false) * p.newStrength, p);
  if (wi === -2) return;
  const wb = room(state, best, matchValue(state, best, i, false) * p.newStrength, p);
  if (wb === -2) return;
  dropTie(state, i, wi);
  dropTie(state, best, wb);
  if (!ties.add(i, best, tieTypeOf(state, i, best), p.newStrength, initialTrust(state, i, best), state.t)) return;
  state.acc.tiesFormed++;
  if (firm) pop.capital[i] -= bestCost;
}

export const network: Mechanism<NetworkParams> = {
  id: 'network',
  doc: 'Partner search by proximities and complementarity (neighbours, partners of partners, ICT-enabled remote search), tie decay without use, dropping of weak ties, switching costs (002 §75, §78, §94).',
  params: NetworkParams,
  reads: ['alive', 'kind', 'x', 'y', 'region', 'sector', 'openness', 'ict', 'international', 'absorptive', 'capital', 'tacit', 'codified', 'group', 'project', 'centre',
    'ties', 'grid', 'policy.searchBoost', 'policy.coopCostCut'],
  writes: ['ties', 'capital', 'acc.tiesFormed', 'acc.tiesDropped'],
  init(_state, params) {
    if (near.length < params.pool) near = new Int32Array(params.pool);
  },
  step({ state, params: p, rng }) {
    if (near.length < p.pool) near = new Int32Array(p.pool);
    upkeep(state, p);
    // This step's searchers, then searched in a random order: rows are kept in a spatial
    // (Hilbert) order, and in row order the first searchers would take the free slots of
    // their region of the map first, a directional bias in degree (random asynchronous
    // updating avoids such order artefacts: Huberman & Glance 1993).
    const m = drawSearchers(state, p, rng);
    shuffleSearchers(m, rng);
    for (let k = 0; k < m; k++) search(state, searchers[k], p, rng);
  },
};

// The passes over the rows are functions of their own, so that none is compiled on-stack inside
// the step, whose later code has no type feedback yet (docs/performance.md, item 16).

/** This step's searchers into searchers[0..m), in row order; returns m. */
function drawSearchers(state: State, p: NetworkParams, rng: Rng): number {
  const pop = state.pop, boost = state.policy.searchBoost;
  if (searchers.length < pop.n) searchers = new Int32Array(pop.capacity);
  let m = 0;
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i]) continue;
    if (rng.chance(p.searchRate * pop.openness[i] * (1 + boost[i]))) searchers[m++] = i;
  }
  return m;
}

/** Fisher-Yates shuffle of searchers[0..m). */
function shuffleSearchers(m: number, rng: Rng): void {
  for (let k = m - 1; k > 0; k--) { const r = rng.int(k + 1), t = searchers[k]; searchers[k] = searchers[r]; searchers[r] = t; }
}
