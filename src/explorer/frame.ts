/**
 * What the explorer's worker sends the page: a map frame (the living agents and their ties
 * in typed arrays, transferred without copying) and the full state of one agent on
 * request. Read from the engine's state; nothing here changes it.
 */
import type { State } from '../engine/contract.js';
import { KINDS } from '../engine/population.js';
import { TIE_TYPES } from '../engine/ties.js';

export interface MapFrame {
  step: number;
  /** Living agents. */
  n: number;
  id: Int32Array;
  kind: Uint8Array;
  region: Uint16Array;
  x: Float32Array;
  y: Float32Array;
  employees: Float32Array;
  knowledge: Float32Array;
  ict: Float32Array;
  /** Ties as pairs of indexes into the agent arrays, each tie once. */
  ties: Int32Array;
  /** 1 where the tie joins two regions. */
  interRegional: Uint8Array;
}

export function mapFrame(state: State, step: number): MapFrame {
  const p = state.pop, T = state.ties;
  let n = 0;
  for (let i = 0; i < p.n; i++) if (p.alive[i]) n++;
  const index = new Int32Array(p.n).fill(-1);
  const f: MapFrame = {
    step, n,
    id: new Int32Array(n), kind: new Uint8Array(n), region: new Uint16Array(n),
    x: new Float32Array(n), y: new Float32Array(n), employees: new Float32Array(n), knowledge: new Float32Array(n), ict: new Float32Array(n),
    ties: new Int32Array(0), interRegional: new Uint8Array(0),
  };
  let k = 0, tieCount = 0;
  for (let i = 0; i < p.n; i++) {
    if (!p.alive[i]) continue;
    index[i] = k;
    f.id[k] = p.id[i]; f.kind[k] = p.kind[i]; f.region[k] = p.region[i];
    f.x[k] = p.x[i]; f.y[k] = p.y[i]; f.employees[k] = p.employees[i]; f.knowledge[k] = p.knowledge[i]; f.ict[k] = p.ict[i];
    k++;
    tieCount += T.deg[i];
  }
  const ties = new Int32Array(tieCount), inter = new Uint8Array(tieCount >> 1);
  let t = 0;
  for (let i = 0; i < p.n; i++) {
    if (!p.alive[i]) continue;
    for (let s = 0; s < T.deg[i]; s++) {
      const j = T.partner[i * T.K + s];
      if (j < i || !p.alive[j]) continue; // each tie once
      inter[t >> 1] = p.region[i] !== p.region[j] ? 1 : 0;
      ties[t++] = index[i];
      ties[t++] = index[j];
    }
  }
  f.ties = ties.slice(0, t);
  f.interRegional = inter.slice(0, t >> 1);
  return f;
}

/** The typed arrays of a frame, to transfer them to the page instead of copying. */
export function frameBuffers(f: MapFrame): ArrayBuffer[] {
  return [f.id, f.kind, f.region, f.x, f.y, f.employees, f.knowledge, f.ict, f.ties, f.interRegional].map((a) => a.buffer as ArrayBuffer);
}

export interface Partner {
  id: number;
  kind: string;
  region: string;
  type: string;
  strength: number;
  trust: number;
}

export interface AgentDetail {
  id: number;
  kind: string;
  leading: boolean;
  region: string;
  sector: string;
  x: number;
  y: number;
  age: number;
  parent: number;
  employees: number;
  capital: number;
  profit: number;
  /** Product lines held and sales (income) of the last step. */
  lines: number;
  revenue: number;
  knowledge: number;
  tacitShare: number;
  /** Knowledge level per domain (tacit + codified). */
  domains: Record<string, number>;
  absorptive: number;
  ict: number;
  openness: number;
  international: number;
  rdEffort: number;
  partners: Partner[];
}

/** The state of the agent with stable id `id`, or null if it is not alive. */
export function agentDetail(state: State, id: number): AgentDetail | null {
  const p = state.pop, T = state.ties, D = p.D;
  let i = -1;
  for (let r = 0; r < p.n; r++) if (p.alive[r] && p.id[r] === id) { i = r; break; }
  if (i < 0) return null;
  let tacit = 0, all = 0;
  const domains: Record<string, number> = {};
  for (let k = 0; k < D; k++) {
    const t = p.tacit[i * D + k], c = p.codified[i * D + k];
    tacit += t; all += t + c;
    domains[state.domains[k]] = p.levelOf(i, k); // relative to the sector's frontier
  }
  const partners: Partner[] = [];
  for (let s = 0; s < T.deg[i]; s++) {
    const j = T.partner[i * T.K + s];
    partners.push({
      id: p.id[j], kind: KINDS[p.kind[j]], region: state.regions[p.region[j]].id,
      type: TIE_TYPES[T.type[i * T.K + s]] ?? String(T.type[i * T.K + s]),
      strength: T.strength[i * T.K + s], trust: T.trust[i * T.K + s],
    });
  }
  partners.sort((a, b) => b.strength - a.strength || a.id - b.id);
  return {
    id, kind: KINDS[p.kind[i]], leading: p.leading[i] === 1 || KINDS[p.kind[i]] === 'leading',
    region: state.regions[p.region[i]].id, sector: state.sectors[p.sector[i]].id,
    x: p.x[i], y: p.y[i], age: p.age[i], parent: p.parent[i],
    employees: p.employees[i], capital: p.capital[i], profit: p.profit[i], lines: p.lines[i], revenue: p.revenue[i],
    knowledge: p.knowledge[i], tacitShare: all > 0 ? tacit / all : 0, domains,
    absorptive: p.absorptive[i], ict: p.ict[i], openness: p.openness[i], international: p.international[i], rdEffort: p.rdEffort[i],
    partners,
  };
}
