/**
 * The knowledge base of a sector (analytical / synthetic / symbolic; Asheim & Gertler 2005;
 * 002 Table 1-2, §8) as factors on the engine's rates, and per-row tables of them that the
 * mechanisms hand to the WebAssembly kernel. The factors and their sources are in
 * src/scenario/schema.ts (KnowledgeBasesSchema) and docs/model/knowledge-bases.md.
 */
import type { State } from './contract.js';
import type { KnowledgeBases } from '../scenario/schema.js';

export type KnowledgeBaseFactors = KnowledgeBases['synthetic'];

/** The factors of sector s's knowledge base. */
export function knowledgeBaseOf(state: State, s: number): KnowledgeBaseFactors {
  return state.scenario.parameters.knowledgeBases[state.sectors[s].knowledgeBase];
}

/** The factors of row i's sector. */
export function knowledgeBaseOfRow(state: State, i: number): KnowledgeBaseFactors {
  return knowledgeBaseOf(state, state.pop.sector[i]);
}

/** A factor of every sector, by sector index (a small table the hot loops index by the row's sector). */
export function bySector(state: State, pick: (f: KnowledgeBaseFactors) => number, out: Float64Array): Float64Array {
  for (let s = 0; s < state.sectors.length; s++) out[s] = pick(knowledgeBaseOf(state, s));
  return out;
}

/** Per-sector tables of the factors the hot loops read, refreshed once a step (state.t). */
export interface KnowledgeBaseTables {
  t: number;
  /** 1 / (geoScaleKm x geoScale), 1 / (codifiedDistanceKm x codifiedReach), tieDecay, by sector. */
  invGeo: Float64Array;
  invCod: Float64Array;
  tieDecay: Float64Array;
}
const tables = new WeakMap<State, KnowledgeBaseTables>();

export function knowledgeBaseTables(state: State): KnowledgeBaseTables {
  let m = tables.get(state);
  if (m && m.t === state.t && m.invGeo.length === state.sectors.length) return m;
  const S = state.sectors.length, prox = state.scenario.parameters.proximity;
  if (!m || m.invGeo.length !== S) m = { t: state.t, invGeo: new Float64Array(S), invCod: new Float64Array(S), tieDecay: new Float64Array(S) };
  m.t = state.t;
  bySector(state, (f) => 1 / (prox.geoScaleKm * f.geoScale), m.invGeo);
  bySector(state, (f) => 1 / (prox.codifiedDistanceKm * f.codifiedReach), m.invCod);
  bySector(state, (f) => f.tieDecay, m.tieDecay);
  tables.set(state, m);
  return m;
}
