/**
 * The five proximities between two agents (002 §51, §56, §61-64; Boschma 2005), each in
 * [0, 1], and the two transfer channels built from them. See docs/model/proximity.md.
 */
import type { Population } from './population.js';
import type { State } from './contract.js';
import type { Scenario } from '../scenario/schema.js';
import { exp } from './math.js';

export type ProximityParams = Scenario['parameters']['proximity'];

export function distanceKm(pop: Population, i: number, j: number): number {
  const dx = pop.x[i] - pop.x[j];
  const dy = pop.y[i] - pop.y[j];
  return Math.sqrt(dx * dx + dy * dy);
}

/** Geographical proximity: exp(-distance / scaleKm) (the scale of the pair's knowledge bases, default geoScaleKm). */
export function geographical(dKm: number, p: ProximityParams, scaleKm = p.geoScaleKm): number {
  return exp(-dKm / scaleKm);
}

/**
 * Row i's knowledge profile as cognitive distance sees it, into out[at..at+D): its relative
 * levels (tacit + codified over its sector's frontier) in each domain, centred on their
 * mean and scaled to unit length, or all zero when the levels are all equal. What a firm
 * specialises in, not how much it knows, makes it cognitively close to another (Nooteboom
 * 2000); the profile of a firm that knows the same in every domain has no direction.
 */
export function profileInto(pop: Population, i: number, out: Float64Array, at: number): void {
  profileFrom(pop.tacit, pop.codified, pop.frontier, pop.sector[i] * pop.D, i * pop.D, pop.D, out, at);
}

/**
 * profileInto on the columns themselves: the row's levels start at q, its sector's frontier
 * at f. For callers that profile many rows and keep the columns in locals.
 */
export function profileFrom(T: Float64Array, C: Float64Array, F: Float64Array, f: number, q: number, D: number, out: Float64Array, at: number): void {
  let mean = 0;
  for (let k = 0; k < D; k++) { const v = (T[q + k] + C[q + k]) / F[f + k]; out[at + k] = v; mean += v; }
  mean /= D;
  let ss = 0;
  for (let k = 0; k < D; k++) { const c = out[at + k] - mean; out[at + k] = c; ss += c * c; }
  const inv = ss > 1e-24 * (mean * mean + 1e-300) ? 1 / Math.sqrt(ss) : 0;
  for (let k = 0; k < D; k++) out[at + k] *= inv;
}

/**
 * Row i's affinity for each domain, into out[at..at+D): the weight of the domain in its
 * niche over that of its main domain (1 there). Absorptive capacity rests on prior related
 * knowledge (Cohen & Levinthal 1990): what an agent learns from others or from outside in a
 * domain is in proportion to how much the domain counts in what it does.
 */
export function affinityInto(pop: Population, i: number, out: Float64Array, at: number): void {
  const D = pop.D, w = pop.niche;
  let top = 0;
  for (let k = 0; k < D; k++) { const v = w[i * D + k]; out[at + k] = v; if (v > top) top = v; }
  const inv = top > 0 ? 1 / top : 0;
  for (let k = 0; k < D; k++) out[at + k] *= inv;
}

/** Cognitive distance from the dot product of two profiles (their Pearson correlation rho): (1 - rho) / 2. */
export function distanceOf(rho: number): number {
  const d = 0.5 * (1 - rho);
  return d < 0 ? 0 : d > 1 ? 1 : d;
}

const pi = new Float64Array(64), pj = new Float64Array(64);

/**
 * Cognitive distance in [0, 1]: (1 - rho) / 2, rho the Pearson correlation of the two agents'
 * relative knowledge profiles across domains (`profileInto`): 0 for the same specialisation,
 * 1/2 for unrelated ones (or a flat profile), 1 for opposite ones. Cognitive proximity is
 * 1 - distance.
 */
export function cognitiveDistance(pop: Population, i: number, j: number): number {
  const D = pop.D;
  const a = D <= 64 ? pi : new Float64Array(D), b = D <= 64 ? pj : new Float64Array(D);
  profileInto(pop, i, a, 0);
  profileInto(pop, j, b, 0);
  let dot = 0;
  for (let k = 0; k < D; k++) dot += a[k] * b[k];
  return distanceOf(dot);
}

/** Optimal cognitive distance d* for a learner of absorptive capacity `ac` (Nooteboom). */
export function optimalDistance(ac: number, p: ProximityParams): number {
  return p.optimalDistanceLow + (p.optimalDistanceHigh - p.optimalDistanceLow) * ac;
}

/**
 * Learning value of cognitive distance d: novelty x understandability, an inverted U that
 * is 0 at d = 0, peaks at 1 when d = d*, and falls beyond (Nooteboom 2000):
 *   f(d) = (d / d*) * exp(1 - d / d*).
 * The peak moves right as absorptive capacity grows.
 */
export function learningValue(d: number, ac: number, p: ProximityParams): number {
  const ds = optimalDistance(ac, p);
  const r = d / ds;
  return r * exp(1 - r);
}

/**
 * Organisational proximity: 1 in the same business group or the same joint project, 0.7
 * as members of the same competence centre (002 §135-152), else 0.
 */
export function organisational(pop: Population, i: number, j: number): number {
  if (pop.group[i] >= 0 && pop.group[i] === pop.group[j]) return 1;
  if (pop.project[i] >= 0 && pop.project[i] === pop.project[j]) return 1;
  if (pop.centre[i] >= 0 && pop.centre[i] === pop.centre[j]) return 0.7;
  return 0;
}

/** Institutional proximity of the two agents' regions (the state's R x R matrix). */
export function institutional(state: State, i: number, j: number): number {
  const R = state.regions.length;
  return state.institutional[state.pop.region[i] * R + state.pop.region[j]];
}

/**
 * Social proximity: the trust of their tie if they have one, otherwise a stranger's share
 * (a third) of the region's social capital when they share a region, else 0.
 */
export function social(state: State, i: number, j: number): number {
  // The trust is read whether or not they have a tie (i's first slot when not, unused): partner
  // search rates only rows it has no tie with, so a read inside the branch had no type feedback
  // until a full row first rated its weakest tie (step ~50 of the bench's run), and the optimised
  // code of matchAt, which inlines this, was thrown away and compiled again in the timed steps.
  const ties = state.ties, s = ties.find(i, j);
  const trust = ties.trust[i * ties.K + (s >= 0 ? s : 0)];
  if (s >= 0) return trust;
  const pop = state.pop;
  return pop.region[i] === pop.region[j] ? state.regions[pop.region[i]].socialCapital / 3 : 0;
}

/**
 * How well tacit knowledge travels between two agents (002 §51, §62; Boschma 2005). It needs
 * closeness, which geographical proximity gives and which organisational and institutional
 * proximity can partly stand in for across distance. Neither perfect substitutes (a max) nor
 * complements (a product): each adds to what the others leave, and geographical proximity
 * strengthens the others (face-to-face contact makes shared routines and rules work):
 *   reach = 1 - (1 - geo) (1 - e tacitOrgWeight org) (1 - e tacitInstWeight inst),
 *   e = remoteEnable + (1 - remoteEnable) geo.
 */
export function tacitReach(geo: number, org: number, inst: number, p: ProximityParams): number {
  const e = p.remoteEnable + (1 - p.remoteEnable) * geo;
  return 1 - (1 - geo) * (1 - e * p.tacitOrgWeight * org) * (1 - e * p.tacitInstWeight * inst);
}

/**
 * Lock-in (Boschma 2005: too much proximity on every dimension leaves nothing new and shuts
 * out the outside): learning on a tie is cut by lockIn x the smallest of the five
 * proximities (geographical, organisational, institutional, social = trust, cognitive =
 * 1 - distance), which is large only when all of them are.
 */
export function lockInFactor(geo: number, org: number, inst: number, trust: number, cd: number, p: ProximityParams): number {
  return 1 - p.lockIn * Math.min(geo, org, inst, trust, 1 - cd);
}

/**
 * How well codified knowledge travels: through ICT and markets, so it needs ICT on both
 * sides; distance matters little (scale codifiedDistanceKm, default 2000 km, times the
 * knowledge base's factor).
 */
export function codifiedReach(ictI: number, ictJ: number, dKm: number, p: ProximityParams, scaleKm = p.codifiedDistanceKm): number {
  return ictI * ictJ * exp(-dKm / scaleKm);
}
