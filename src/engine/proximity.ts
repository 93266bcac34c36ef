/**
 * The five proximities between two agents (002 §51, §56, §61-64; Boschma 2005), each in
 * [0, 1], and the two transfer channels built from them. See docs/model.md, "Proximity".
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

/** Geographical proximity: exp(-distance / geoScaleKm). */
export function geographical(dKm: number, p: ProximityParams): number {
  return exp(-dKm / p.geoScaleKm);
}

/**
 * Cognitive distance in [0, 1]: 1 - cosine similarity of the two knowledge profiles
 * (tacit + codified, per domain). Cognitive proximity is 1 - distance.
 */
export function cognitiveDistance(pop: Population, i: number, j: number): number {
  const D = pop.D;
  const T = pop.tacit, C = pop.codified;
  let dot = 0, ni = 0, nj = 0;
  for (let k = 0; k < D; k++) {
    const a = T[i * D + k] + C[i * D + k];
    const b = T[j * D + k] + C[j * D + k];
    dot += a * b;
    ni += a * a;
    nj += b * b;
  }
  if (ni === 0 || nj === 0) return 1;
  const cos = dot / Math.sqrt(ni * nj);
  return cos >= 1 ? 0 : 1 - cos;
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
  const s = state.ties.find(i, j);
  if (s >= 0) return state.ties.trust[i * state.ties.K + s];
  const pop = state.pop;
  return pop.region[i] === pop.region[j] ? state.regions[pop.region[i]].socialCapital / 3 : 0;
}

/**
 * How well tacit knowledge travels between two agents: it needs closeness, which
 * geographical proximity gives, or which organisational or institutional proximity can
 * stand in for across distance (002 §51, §62).
 */
export function tacitReach(geo: number, org: number, inst: number, p: ProximityParams): number {
  return Math.max(geo, p.tacitOrgWeight * org, p.tacitInstWeight * inst);
}

/**
 * How well codified knowledge travels: through ICT and markets, so it needs ICT on both
 * sides; distance matters little (scale codifiedDistanceKm, default 2000 km).
 */
export function codifiedReach(ictI: number, ictJ: number, dKm: number, p: ProximityParams): number {
  return ictI * ictJ * exp(-dKm / p.codifiedDistanceKm);
}
