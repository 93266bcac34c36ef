/**
 * Inter-cluster cooperation by company missions (004): Alps4EU aims to "overcome the
 * cluster initiatives' fragmentation and favour the emergence of meta-clusters" (About ¶1)
 * and to "develop inter-cluster cooperation, moving towards meta-clusters" (About ¶2),
 * e.g. "by company missions" (Measures b); 002 §126 b3: "promote international links in
 * order to avoid regional closure and lock-in effects".
 *
 * Every `everySteps` steps (from the lever's start), `missions` missions travel. A mission
 * is a group of up to `firmsPerMission` targeted firms of one region and sector (around a
 * randomly drawn targeted firm); it visits another region (of another country when
 * `otherCountry`; among `hostRegions` when given) that hosts firms of the same or a related
 * sector (relatedness >= `minRelatedness`). Each visitor makes `tiesPerFirm` attempts: it
 * looks at `candidates` random host firms and picks the best by
 *   relatedness(sector_i, sector_j) * learningValue(cognitive distance, absorptive capacity)
 * and an inter-regional tie forms with chance intensity * tieChance. Repeated missions
 * join regional networks into one component: the meta-cluster (docs/model.md, Behaviour and validation).
 * A mission costs `costPerMission` plus `costPerFirm` per visitor.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { isFirmKind } from '../population.js';
import { count, ident, nonneg, prob } from '../../scenario/common.js';
import { cognitiveDistance, learningValue } from '../proximity.js';
import { checkRegions, checkSectors, clamp01, formTie, shuffle } from './common.js';
import { TieType } from '../ties.js';

export const InterClusterCooperationParams = z
  .strictObject({
    everySteps: z.number().int().min(1).default(2).describe('A round of missions every k steps from the start (assumption: 2 a year with quarterly steps; 004 Measures b).'),
    missions: z.number().int().min(1).default(1).describe('Missions per round.'),
    firmsPerMission: z.number().int().min(1).default(8).describe('Firms travelling on one mission (assumption).'),
    tiesPerFirm: count().default(2).describe('Tie attempts per visiting firm.'),
    candidates: z.number().int().min(1).max(64).default(6).describe('Host firms a visitor looks at per attempt.'),
    tieChance: prob().default(0.5).describe('Chance an attempt at intensity 1 forms an inter-regional tie.'),
    tieStrength: prob().default(0.3).describe('Strength of a mission tie.'),
    tieTrust: prob().default(0.4).describe('Trust of a mission tie.'),
    otherCountry: z.boolean().default(false).describe('Visit only regions of another country (transnational missions, 004).'),
    hostRegions: z.array(ident()).optional().describe('Regions missions may visit; default: every other region.'),
    relatedness: z
      .array(z.strictObject({ a: ident(), b: ident(), value: prob() }))
      .default([])
      .describe('Relatedness of pairs of sectors in [0,1] (symmetric); unlisted pairs of different sectors get `defaultRelatedness`, a sector with itself 1.'),
    defaultRelatedness: prob().default(0).describe('Relatedness of two different sectors not listed in `relatedness`.'),
    minRelatedness: prob().default(0.3).describe('Host firms must be in a sector at least this related to the visitors\' sector.'),
    costPerMission: nonneg().default(3).describe('Fixed cost of a mission: travel, organisation (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 30 000 EUR).'),
    costPerFirm: nonneg().default(0.2).describe('Cost per visiting firm (money units).'),
  })
  .prefault({});
export type InterClusterCooperationParams = z.infer<typeof InterClusterCooperationParams>;

let hostRows = new Int32Array(0);

export const interClusterCooperation: Lever<InterClusterCooperationParams> = {
  id: 'interClusterCooperation',
  doc: 'Inter-cluster cooperation: company missions that tie firms to same- or related-sector firms in other regions, toward meta-clusters (004).',
  params: InterClusterCooperationParams,
  writes: ['ties'],
  targetKinds: ['sme', 'leading', 'kibs'],
  check(params, sc) {
    return [
      ...checkRegions(params.hostRegions, sc, 'params.hostRegions'),
      ...params.relatedness.flatMap((r, k) => [
        ...checkSectors([r.a], sc, `params.relatedness.${k}.a`).map((p) => ({ ...p, path: `params.relatedness.${k}.a` })),
        ...checkSectors([r.b], sc, `params.relatedness.${k}.b`).map((p) => ({ ...p, path: `params.relatedness.${k}.b` })),
      ]),
    ];
  },
  apply(ctx) {
    const { state, params, rng } = ctx;
    if (ctx.intensity <= 0) return;
    if ((state.t - ctx.base.start) % params.everySteps !== 0) return;
    const pop = state.pop;
    const R = state.regions.length, S = state.sectors.length;
    const prox = state.scenario.parameters.proximity;
    // Sector relatedness, S x S.
    const rel = new Float64Array(S * S).fill(params.defaultRelatedness);
    for (let s = 0; s < S; s++) rel[s * S + s] = 1;
    for (const r of params.relatedness) {
      const a = state.sectors.findIndex((x) => x.id === r.a), b = state.sectors.findIndex((x) => x.id === r.b);
      if (a >= 0 && b >= 0) rel[a * S + b] = rel[b * S + a] = r.value;
    }
    const allowedHost = new Uint8Array(R).fill(params.hostRegions ? 0 : 1);
    for (const id of params.hostRegions ?? []) { const k = state.regions.findIndex((x) => x.id === id); if (k >= 0) allowedHost[k] = 1; }
    // Living firms grouped by region (counting sort), and firm counts per region and sector.
    if (hostRows.length < pop.n) hostRows = new Int32Array(pop.capacity);
    const start = new Int32Array(R + 1);
    const perRS = new Int32Array(R * S);
    for (let i = 0; i < pop.n; i++) if (pop.alive[i] && isFirmKind(pop.kind[i])) { start[pop.region[i] + 1]++; perRS[pop.region[i] * S + pop.sector[i]]++; }
    for (let r = 0; r < R; r++) start[r + 1] += start[r];
    const cursor = start.slice(0, R);
    for (let i = 0; i < pop.n; i++) if (pop.alive[i] && isFirmKind(pop.kind[i])) hostRows[cursor[pop.region[i]]++] = i;

    const targets = ctx.targets;
    shuffle(targets, rng);
    const visitors = new Int32Array(params.firmsPerMission);
    const hostOk = new Uint8Array(R);
    let left = ctx.budget;
    const p = clamp01(ctx.intensity * params.tieChance);
    for (let mission = 0, q0 = 0; mission < params.missions && q0 < targets.length; mission++, q0++) {
      // The mission forms around the next targeted firm in random order.
      while (q0 < targets.length && !isFirmKind(pop.kind[targets[q0]])) q0++;
      if (q0 >= targets.length) break;
      const lead = targets[q0];
      const rv = pop.region[lead], sv = pop.sector[lead];
      // Host regions with related firms.
      let hosts = 0;
      for (let r = 0; r < R; r++) {
        hostOk[r] = 0;
        if (r === rv || !allowedHost[r]) continue;
        if (params.otherCountry && state.regions[r].country === state.regions[rv].country) continue;
        for (let s = 0; s < S; s++) if (perRS[r * S + s] > 0 && rel[sv * S + s] >= params.minRelatedness) { hostOk[r] = 1; hosts++; break; }
      }
      if (hosts === 0) continue;
      let pick = rng.int(hosts), rh = -1;
      for (let r = 0; r < R; r++) if (hostOk[r] && pick-- === 0) { rh = r; break; }
      // Visitors: the lead and other targeted firms of its region and sector, as the budget allows.
      const affordable = params.costPerFirm > 0 ? Math.floor((left - params.costPerMission) / params.costPerFirm) : params.firmsPerMission;
      const cap = Math.min(params.firmsPerMission, affordable);
      if (cap < 1) break;
      let m = 0;
      visitors[m++] = lead;
      for (let q = q0 + 1; q < targets.length && m < cap; q++) {
        const i = targets[q];
        if (isFirmKind(pop.kind[i]) && pop.region[i] === rv && pop.sector[i] === sv) visitors[m++] = i;
      }
      const cost = params.costPerMission + m * params.costPerFirm;
      ctx.spend(cost);
      left -= cost;
      const h0 = start[rh], hn = start[rh + 1] - start[rh];
      for (let v = 0; v < m; v++) {
        const i = visitors[v];
        for (let t = 0; t < params.tiesPerFirm && !state.ties.full(i); t++) {
          let best = -1, bestV = 0;
          for (let c = 0; c < params.candidates; c++) {
            const j = hostRows[h0 + rng.int(hn)];
            const r = rel[sv * S + pop.sector[j]];
            if (r < params.minRelatedness || state.ties.has(i, j) || state.ties.full(j)) continue;
            const val = r * learningValue(cognitiveDistance(pop, i, j), pop.absorptive[i], prox);
            if (val > bestV) { bestV = val; best = j; }
          }
          if (best >= 0 && rng.chance(p)) formTie(state, i, best, params.tieStrength, params.tieTrust, TieType.interRegional);
        }
      }
    }
  },
};
