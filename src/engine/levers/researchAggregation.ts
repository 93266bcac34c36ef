/**
 * Firm-research aggregations through tenders (000 §5.8; 002 §154 b3-b4): "Based on projects
 * and/or tenders, public institutions may promote the aggregation of firms and research
 * centers (at the local and international level, i.e. minimum n. of players involved)
 * oriented to solve specific shared firms' needs of innovation" (¶1), privileging "the
 * international dimension of projects (i.e. 1 or 2 partners from different EU countries)"
 * and "the interdisciplinary approach" (¶2).
 *
 * Every `everySteps` steps (from the lever's start) a call funds up to `projectsPerCall`
 * consortia. A consortium forms around a targeted firm not on a project (the coordinator):
 * `minResearch` research institutions, `foreignPartners` firms or research institutions
 * from regions of another country, and targeted firms until it has `players` members; each
 * partner is the best of `candidates` random free agents by learning value with the
 * coordinator (complementary knowledge: the interdisciplinary approach). A consortium that
 * cannot meet these conditions is not funded. Funded consortia start as joint projects
 * through the projects mechanism's `launchProject`: the funding, `fundingShare` of the
 * members' commitments (at most `maxFunding`), pays those commitments and raises the
 * success chance; success brings pooled learning, codification and innovations.
 * Spending = the funding granted.
 */
import { z } from 'zod';
import type { Lever, State } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { count, nonneg, prob } from '../../scenario/common.js';
import { cognitiveDistance, learningValue } from '../proximity.js';
import { launchProject, memberCost } from '../mechanisms/projects.js';
import { instanceIndex, shuffle } from './common.js';
import type { Rng } from '../rng.js';

export const ResearchAggregationParams = z
  .strictObject({
    everySteps: z.number().int().min(1).default(4).describe('A call for proposals every k steps from the start (assumption: one call a year with quarterly steps).'),
    projectsPerCall: z.number().int().min(1).default(1).describe('Consortia funded per call, as the budget allows.'),
    players: z.number().int().min(2).max(64).default(4).describe('Members of a consortium, coordinator included ("minimum n. of players", 000 §5.8 ¶1; assumption 4); capped by network.maxProjectMembers.'),
    minResearch: count().default(1).describe('Research institutions a consortium must include (aggregation of firms and research centres, 000 §5.8 ¶1).'),
    foreignPartners: count().default(0).describe('Partners a consortium must have from regions of another country (000 §5.8 ¶2: "1 or 2 partners from different EU countries"); 0 = not required.'),
    candidates: z.number().int().min(1).max(64).default(8).describe('Free agents considered for each seat (the best by learning value is chosen).'),
    duration: z.number().int().min(1).max(100).default(8).describe('Steps from launch to outcome (assumption: two years with quarterly steps).'),
    governance: prob().optional().describe('Governance quality of funded projects; default: from the coordinator\'s region and kind (projects mechanism).'),
    fundingShare: prob().default(1).describe('Share of the members\' commitments the tender funds.'),
    maxFunding: nonneg().default(30).describe('Most a single consortium receives (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 300 000 EUR).'),
  })
  .prefault({});
export type ResearchAggregationParams = z.infer<typeof ResearchAggregationParams>;

let pool = new Int32Array(0);
let team = new Int32Array(0);

/** Best of `tries` random pool entries by learning value with `c` (free, not in team[0..m), passing `ok`). */
function pick(state: State, c: number, n: number, m: number, tries: number, rng: Rng, ok: (j: number) => boolean): number {
  const pop = state.pop;
  const prox = state.scenario.parameters.proximity;
  let best = -1, bestV = -1;
  for (let t = 0; t < tries; t++) {
    const j = pool[rng.int(n)];
    if (pop.project[j] >= 0 || !ok(j)) continue;
    let dup = false;
    for (let k = 0; k < m; k++) if (team[k] === j) { dup = true; break; }
    if (dup) continue;
    const v = learningValue(cognitiveDistance(pop, c, j), pop.absorptive[c], prox);
    if (v > bestV) { bestV = v; best = j; }
  }
  return best;
}

export const researchAggregation: Lever<ResearchAggregationParams> = {
  id: 'researchAggregation',
  doc: 'Firm-research aggregations: tenders that fund consortia of firms and research institutions, optionally with foreign partners, as joint projects (000 §5.8).',
  params: ResearchAggregationParams,
  writes: ['projects', 'project', 'capital'],
  targetKinds: ['sme', 'leading', 'kibs'],
  apply(ctx) {
    const { state, params, rng } = ctx;
    if (ctx.intensity <= 0 || !state.scenario.parameters.mechanisms.projects.enabled) return;
    if ((state.t - ctx.base.start) % params.everySteps !== 0) return;
    const pop = state.pop;
    const players = Math.min(params.players, state.projects.maxMembers);
    if (team.length < players) team = new Int32Array(players);
    // Free research institutions and firms of the whole system (partners may come from anywhere).
    if (pool.length < pop.n) pool = new Int32Array(pop.capacity);
    let n = 0;
    for (let i = 0; i < pop.n; i++) if (pop.alive[i] && pop.project[i] < 0 && (isFirmKind(pop.kind[i]) || pop.kind[i] === Kind.research)) pool[n++] = i;
    const targets = ctx.targets;
    shuffle(targets, rng);
    const targeted = new Uint8Array(pop.n);
    for (let q = 0; q < targets.length; q++) targeted[targets[q]] = 1;
    const country = (i: number) => state.regions[pop.region[i]].country;
    const fundedBy = instanceIndex(state, ctx.name);
    let left = ctx.budget;
    let funded = 0;
    const tries = params.candidates * 4;
    for (let q = 0; q < targets.length && funded < params.projectsPerCall && left > 0; q++) {
      const c = targets[q];
      if (!isFirmKind(pop.kind[c]) || pop.project[c] >= 0) continue;
      let m = 0;
      team[m++] = c;
      let ok = true;
      for (let r = 0; r < params.minResearch && ok; r++) {
        const j = n > 0 ? pick(state, c, n, m, tries, rng, (x) => pop.kind[x] === Kind.research) : -1;
        if (j < 0 || m >= players) ok = false;
        else team[m++] = j;
      }
      for (let f = 0; f < params.foreignPartners && ok; f++) {
        const j = n > 0 ? pick(state, c, n, m, tries * 2, rng, (x) => country(x) !== country(c)) : -1;
        if (j < 0 || m >= players) ok = false;
        else team[m++] = j;
      }
      while (ok && m < players) {
        const j = pick(state, c, n, m, tries, rng, (x) => targeted[x] === 1 && isFirmKind(pop.kind[x]));
        if (j < 0) ok = false;
        else team[m++] = j;
      }
      if (!ok) continue;
      let commitments = 0;
      for (let k = 0; k < m; k++) commitments += memberCost(state, team[k]);
      const funding = Math.min(left, params.maxFunding, params.fundingShare * commitments * ctx.intensity);
      const slot = launchProject(state, c, team.subarray(0, m), {
        duration: params.duration,
        ...(params.governance !== undefined ? { governance: params.governance } : {}),
        funding,
        fundedBy,
      });
      if (slot < 0) continue;
      if (funding > 0) ctx.spend(funding, c);
      left -= funding;
      funded++;
    }
  },
};
