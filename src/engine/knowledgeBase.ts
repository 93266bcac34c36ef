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
