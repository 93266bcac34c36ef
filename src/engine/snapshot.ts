/** Agent and tie snapshots at chosen steps (for maps, distributions and researchers' own analyses). */
import type { State } from './contract.js';
import { KINDS } from './population.js';

export interface Snapshot {
  step: number;
  /** Knowledge domains, in the order of each agent's `profile`. */
  domains: readonly string[];
  agents: {
    id: number[]; kind: string[]; region: string[]; sector: string[]; x: number[]; y: number[];
    employees: number[]; knowledge: number[]; tacitShare: number[]; absorptive: number[]; ict: number[];
    /** Stable id of the parent of a spin-off, or null. */
    parent: (number | null)[];
    /** Age in steps. */
    age: number[];
    /** A firm's own efficiency, drawn at its birth (1 for institutions; docs/model/market.md). */
    efficiency: number[];
    /** Product lines held (firms), revenue (income) and capital of the last step. */
    lines: number[]; revenue: number[]; capital: number[];
    /** Relative knowledge (over the sector's frontier) in each domain. */
    profile: number[][];
  };
  ties: { a: number[]; b: number[]; type: number[]; strength: number[]; trust: number[]; interRegional: number[] };
}

export function takeSnapshot(state: State, step: number): Snapshot {
  const p = state.pop, D = p.D, T = state.ties;
  const a: Snapshot['agents'] = {
    id: [], kind: [], region: [], sector: [], x: [], y: [], employees: [], knowledge: [], tacitShare: [], absorptive: [], ict: [],
    parent: [], age: [], efficiency: [], lines: [], revenue: [], capital: [], profile: [],
  };
  const t: Snapshot['ties'] = { a: [], b: [], type: [], strength: [], trust: [], interRegional: [] };
  for (let i = 0; i < p.n; i++) {
    if (!p.alive[i]) continue;
    let tac = 0, all = 0;
    const profile: number[] = [];
    for (let k = 0; k < D; k++) {
      tac += p.tacit[i * D + k];
      all += p.tacit[i * D + k] + p.codified[i * D + k];
      profile.push(p.levelOf(i, k));
    }
    a.id.push(p.id[i]); a.kind.push(KINDS[p.kind[i]]); a.region.push(state.regions[p.region[i]].id); a.sector.push(state.sectors[p.sector[i]].id);
    a.x.push(p.x[i]); a.y.push(p.y[i]); a.employees.push(p.employees[i]); a.knowledge.push(p.knowledgeOf(i));
    a.tacitShare.push(all > 0 ? tac / all : 0); a.absorptive.push(p.absorptive[i]); a.ict.push(p.ict[i]);
    a.parent.push(p.parent[i] >= 0 ? p.parent[i] : null); a.age.push(p.age[i]); a.efficiency.push(p.efficiency[i]);
    a.lines.push(p.lines[i]); a.revenue.push(p.revenue[i]); a.capital.push(p.capital[i]); a.profile.push(profile);
    for (let s = 0; s < T.deg[i]; s++) {
      const j = T.partner[i * T.K + s];
      if (j < i) continue; // each tie once
      t.a.push(p.id[i]); t.b.push(p.id[j]); t.type.push(T.type[i * T.K + s]);
      t.strength.push(T.strength[i * T.K + s]); t.trust.push(T.trust[i * T.K + s]);
      t.interRegional.push(p.region[i] !== p.region[j] ? 1 : 0);
    }
  }
  return { step, domains: state.domains, agents: a, ties: t };
}
