/** Agent and tie snapshots at chosen steps (for maps and distributions). */
import type { State } from './contract.js';
import { KINDS } from './population.js';

export interface Snapshot {
  step: number;
  agents: {
    id: number[]; kind: string[]; region: string[]; sector: string[]; x: number[]; y: number[];
    employees: number[]; knowledge: number[]; tacitShare: number[]; absorptive: number[]; ict: number[];
  };
  ties: { a: number[]; b: number[]; type: number[]; strength: number[]; trust: number[]; interRegional: number[] };
}

export function takeSnapshot(state: State, step: number): Snapshot {
  const p = state.pop, D = p.D, T = state.ties;
  const a: Snapshot['agents'] = { id: [], kind: [], region: [], sector: [], x: [], y: [], employees: [], knowledge: [], tacitShare: [], absorptive: [], ict: [] };
  const t: Snapshot['ties'] = { a: [], b: [], type: [], strength: [], trust: [], interRegional: [] };
  for (let i = 0; i < p.n; i++) {
    if (!p.alive[i]) continue;
    let tac = 0, all = 0;
    for (let k = 0; k < D; k++) { tac += p.tacit[i * D + k]; all += p.tacit[i * D + k] + p.codified[i * D + k]; }
    a.id.push(p.id[i]); a.kind.push(KINDS[p.kind[i]]); a.region.push(state.regions[p.region[i]].id); a.sector.push(state.sectors[p.sector[i]].id);
    a.x.push(p.x[i]); a.y.push(p.y[i]); a.employees.push(p.employees[i]); a.knowledge.push(p.knowledgeOf(i));
    a.tacitShare.push(all > 0 ? tac / all : 0); a.absorptive.push(p.absorptive[i]); a.ict.push(p.ict[i]);
    for (let s = 0; s < T.deg[i]; s++) {
      const j = T.partner[i * T.K + s];
      if (j < i) continue; // each tie once
      t.a.push(p.id[i]); t.b.push(p.id[j]); t.type.push(T.type[i * T.K + s]);
      t.strength.push(T.strength[i * T.K + s]); t.trust.push(T.trust[i * T.K + s]);
      t.interRegional.push(p.region[i] !== p.region[j] ? 1 : 0);
    }
  }
  return { step, agents: a, ties: t };
}
