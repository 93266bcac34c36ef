/**
 * A competence centre (002 §135-152): a bridging institution that stimulates cooperation
 * "between companies, academia, the public sector" (§135), has "a regional focus but act[s]
 * on an international scale" (§136), designs and manages "large joint projects with several
 * firms and other partners" (§141), "many large and small projects" with "coalitions of
 * regional and also international partners" (§142), links "firms of different sectors and
 * having complementary competencies" (§143), and creates "that institutional framework made
 * by trust, reciprocal commitment and well designed governance, which allow the firms of
 * distant regions to exchange tacit knowledge and to participate joint projects" (§148);
 * centres should build international networks (§152, §144 b9).
 *
 * The first step the lever acts with enough budget, it creates one competence-centre agent
 * in `params.region` (addAgent; `setupCost`). Each step after that it pays `runningCost` and
 *  - membership: up to `membersPerStep` targeted firms and research institutions of its
 *    region join (pop.centre = the centre's id, `costPerMember` each, at most `maxMembers`):
 *    members share organisational proximity 0.7 (proximity.ts), which lets tacit knowledge
 *    travel between them as if they were close (tacitReach, 002 §51, §62);
 *  - projects: every `projectEverySteps` steps it launches a large joint project through the
 *    projects mechanism's `launchProject`, coordinated by the centre (high governance; it
 *    joins the team when not busy with another project, so several can run at once), with
 *    `projectSize` partners chosen for complementary knowledge, preferring other sectors
 *    (§143), `foreignPartners` of them from other regions (§142), funded with
 *    `projectFunding`;
 *  - links: institutional proximity between its region and each of `linkRegions` rises by
 *    intensity * linkGain a step (up to `maxProximity`), and it ties to the competence
 *    centres of those regions (a European network of centres, §152).
 * The centre and its members stay after the lever ends (an institution, once built, stays).
 */
import { z } from 'zod';
import type { Lever, State } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { count, ident, nonneg, prob } from '../../scenario/common.js';
import { cognitiveDistance, learningValue } from '../proximity.js';
import { launchProject } from '../mechanisms/projects.js';
import { TieType } from '../ties.js';
import { checkRegions, checkSectors, createAgent, formTie, instanceIndex, instanceMemory, rowOfId, shuffle } from './common.js';

export const CompetenceCentreParams = z.strictObject({
  region: ident().describe('Region that hosts the centre (its members are targeted agents of this region).'),
  sector: ident().optional().describe('Sector (thematic production field, 002 §136) of the centre; default: the most common sector among the region\'s firms.'),
  setupCost: nonneg().default(50).describe('Cost of creating the centre (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 500 000 EUR).'),
  runningCost: nonneg().default(8).describe('Cost of running the centre per step; a step it cannot be paid, the centre does nothing.'),
  membersPerStep: count().default(10).describe('New members the centre can take in per step.'),
  maxMembers: count().default(150).describe('Most members the centre has.'),
  costPerMember: nonneg().default(0.1).describe('Cost of enrolling one member (money units).'),
  projectEverySteps: z.number().int().min(1).default(4).describe('A large joint project every k steps (002 §141-142; assumption: one a year with quarterly steps).'),
  projectSize: z.number().int().min(2).max(64).default(10).describe('Members of a centre project besides the centre ("large joint projects", §141); capped by network.maxProjectMembers - 1.'),
  foreignPartners: count().default(1).describe('Partners of each project from other regions (§142: "regional and also international partners").'),
  projectDuration: z.number().int().min(1).max(100).default(8).describe('Steps from launch to outcome of a centre project.'),
  projectFunding: nonneg().default(20).describe('Public funding of each centre project; pays the members\' commitments first (money units).'),
  candidates: z.number().int().min(1).max(64).default(8).describe('Agents considered per project seat (the best by complementarity is chosen).'),
  linkRegions: z.array(ident()).default([]).describe('Regions the centre links to (international links, 002 §144 b9, §152).'),
  linkGain: prob().default(0.01).describe('Rise of institutional proximity per step between the centre\'s region and each linked region at intensity 1 (§148).'),
  maxProximity: prob().default(0.9).describe('Institutional proximity the links cannot raise a pair of regions above.'),
});
export type CompetenceCentreParams = z.infer<typeof CompetenceCentreParams>;

interface Memory { id: number; first: number }

let members = new Int32Array(0);
let foreign = new Int32Array(0);
let team = new Int32Array(0);

/** Index of the most common sector among the living firms of region r (0 if none). */
function mainSector(state: State, r: number): number {
  const pop = state.pop;
  const c = new Int32Array(state.sectors.length);
  for (let i = 0; i < pop.n; i++) if (pop.alive[i] && pop.region[i] === r && isFirmKind(pop.kind[i])) c[pop.sector[i]]++;
  let best = 0;
  for (let s = 1; s < c.length; s++) if (c[s] > c[best]) best = s;
  return best;
}

export const competenceCentre: Lever<CompetenceCentreParams> = {
  id: 'competenceCentre',
  doc: 'Competence centre: a bridging institution that enrols members (organisational proximity), runs large joint projects with complementary and foreign partners and links its region to others (002 §135-152).',
  params: CompetenceCentreParams,
  writes: ['population (new centre)', 'centre', 'projects', 'institutional', 'ties'],
  // Members are firms and research institutions among the targets, but the centre itself
  // is set up, links regions and runs projects whatever the target: any kind may be aimed at.
  targetKinds: ['sme', 'leading', 'kibs', 'research', 'competenceCentre', 'assistanceCentre'],
  check(params, sc) {
    return [
      ...checkRegions([params.region], sc, 'params.region').map((p) => ({ ...p, path: 'params.region' })),
      ...checkSectors(params.sector ? [params.sector] : undefined, sc, 'params.sector').map((p) => ({ ...p, path: 'params.sector' })),
      ...checkRegions(params.linkRegions, sc, 'params.linkRegions'),
      ...(params.linkRegions.includes(params.region) ? [{ path: 'params.linkRegions', message: `the centre's own region '${params.region}' cannot be a link region`, allowed: 'other regions' }] : []),
    ];
  },
  apply(ctx) {
    const { state, params, rng } = ctx;
    const a = ctx.intensity;
    if (a <= 0) return;
    const R = state.regions.length;
    const home = state.regions.findIndex((r) => r.id === params.region);
    if (home < 0) return;
    const mem = instanceMemory<Memory>(state, ctx.name, () => ({ id: -1, first: -1 }));
    let left = ctx.budget;
    let c = mem.id >= 0 ? rowOfId(state, mem.id) : -1;
    if (c < 0) {
      if (left < params.setupCost + params.runningCost) return;
      const sector = params.sector ? state.sectors.findIndex((s) => s.id === params.sector) : mainSector(state, home);
      c = createAgent(state, 'competenceCentre', home, sector, rng);
      const p0 = state.pop;
      // The centre sits at the region's centre, where its members can reach it.
      p0.x[c] = state.regions[home].cx;
      p0.y[c] = state.regions[home].cy;
      ctx.spend(params.setupCost, c);
      left -= params.setupCost;
      mem.id = p0.id[c];
      p0.centre[c] = mem.id; // the centre belongs to its own network
      if (mem.first < 0) mem.first = state.t;
    }
    if (left < params.runningCost) return;
    ctx.spend(params.runningCost, c);
    left -= params.runningCost;
    const pop = state.pop;
    const id = mem.id;

    // Membership: current members of the region, then new ones from the targets.
    if (members.length < pop.n) members = new Int32Array(pop.capacity);
    let nm = 0;
    for (let i = 0; i < pop.n; i++) if (pop.alive[i] && pop.centre[i] === id) members[nm++] = i;
    const targets = ctx.targets;
    shuffle(targets, rng);
    let joined = 0;
    for (let q = 0; q < targets.length && joined < params.membersPerStep && nm < params.maxMembers; q++) {
      const i = targets[q];
      if (pop.region[i] !== home || pop.centre[i] === id) continue;
      if (!isFirmKind(pop.kind[i]) && pop.kind[i] !== Kind.research) continue;
      if (left < params.costPerMember) break;
      ctx.spend(params.costPerMember, i);
      left -= params.costPerMember;
      pop.centre[i] = id;
      members[nm++] = i;
      joined++;
    }

    // Links: institutional proximity to the linked regions, ties to their centres.
    const links = params.linkRegions.map((x) => state.regions.findIndex((r) => r.id === x)).filter((k) => k >= 0 && k !== home);
    for (const b of links) {
      const cur = state.institutional[home * R + b];
      if (cur < params.maxProximity) state.institutional[home * R + b] = state.institutional[b * R + home] = Math.min(params.maxProximity, cur + a * params.linkGain);
    }
    if (links.length > 0 && !state.ties.full(c)) {
      for (let j = 0; j < pop.n; j++) {
        if (!pop.alive[j] || pop.kind[j] !== Kind.competenceCentre || j === c || !links.includes(pop.region[j])) continue;
        formTie(state, c, j, 0.5, 0.5, TieType.interRegional);
      }
    }

    // A large joint project every projectEverySteps steps. The centre coordinates it (its
    // governance) and joins it when it is not already working on another one, so it can run
    // several projects at once ("many large and small projects", §142).
    if ((state.t - mem.first) % params.projectEverySteps !== 0) return;
    if (!state.scenario.parameters.mechanisms.projects.enabled || nm === 0) return;
    const size = Math.min(params.projectSize, state.projects.maxMembers - 1);
    if (team.length < size + 1) team = new Int32Array(size + 1);
    const prox = state.scenario.parameters.proximity;
    const csec = pop.sector[c];
    let m = 0;
    if (pop.project[c] < 0) team[m++] = c;
    const m0 = m;
    const inTeam = (j: number) => { for (let k = 0; k < m; k++) if (team[k] === j) return true; return false; };
    const best = (list: Int32Array, n: number): number => {
      let b = -1, bv = -1;
      for (let t = 0; t < params.candidates; t++) {
        const j = list[rng.int(n)];
        if (pop.project[j] >= 0 || !pop.alive[j] || inTeam(j)) continue;
        // Complementary knowledge, and other sectors first (§143).
        const v = learningValue(cognitiveDistance(pop, c, j), pop.absorptive[j], prox) * (pop.sector[j] !== csec ? 1.5 : 1);
        if (v > bv) { bv = v; b = j; }
      }
      return b;
    };
    // Foreign partners: firms and research institutions of other regions (linked ones first).
    if (params.foreignPartners > 0) {
      if (foreign.length < pop.n) foreign = new Int32Array(pop.capacity);
      let nf = 0;
      for (let j = 0; j < pop.n; j++) {
        if (!pop.alive[j] || pop.region[j] === home || pop.project[j] >= 0) continue;
        if (!isFirmKind(pop.kind[j]) && pop.kind[j] !== Kind.research) continue;
        if (links.length > 0 && !links.includes(pop.region[j])) continue;
        foreign[nf++] = j;
      }
      for (let f = 0; f < params.foreignPartners && nf > 0 && m < size + m0; f++) {
        const j = best(foreign, nf);
        if (j >= 0) team[m++] = j;
      }
    }
    for (let tries = 0; m < size + m0 && tries < size * 2; tries++) {
      const j = best(members, nm);
      if (j >= 0) team[m++] = j;
    }
    if (m - m0 < 2) return; // a centre project needs at least two partners
    const funding = Math.min(left, params.projectFunding);
    const slot = launchProject(state, c, team.subarray(0, m), { duration: params.projectDuration, funding, fundedBy: instanceIndex(state, ctx.name) });
    if (slot >= 0 && funding > 0) ctx.spend(funding, c);
  },
};
